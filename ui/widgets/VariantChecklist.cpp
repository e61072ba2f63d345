#include "widgets/VariantChecklist.h"

#include "compare/Replications.h"

#include <QListWidget>

namespace esui {

void fillVariantChecklist(QListWidget* list, const std::vector<std::string>& variants, int checked)
{
    list->clear();
    QStringList names{QString::fromLatin1(es::kBaseVariant)};
    for (const std::string& v : variants) names << QString::fromStdString(v);
    for (int i = 0; i < names.size(); ++i) {
        auto* item = new QListWidgetItem(names[i], list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked < 0 || i < checked ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList checkedVariants(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked) out << list->item(i)->text();
    return out;
}

} // namespace esui
