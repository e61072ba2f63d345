#include "widgets/VariantChooser.h"

#include <QSignalBlocker>

namespace esui {

VariantChooser::VariantChooser(QWidget* parent) : QComboBox(parent)
{
    setObjectName(QStringLiteral("variantChooser"));
    setToolTip(tr("Variant of the scenario: the same lesson with some settings changed"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // activated, not currentIndexChanged: only the user's choice reloads, never setScenario's.
    connect(this, &QComboBox::activated, this, [this](int index) { emit variantChosen(itemData(index).toString()); });
}

void VariantChooser::setScenario(const es::Scenario& scenario)
{
    const QSignalBlocker quiet(this);
    clear();
    addItem(tr("base"), QString());
    for (const std::string& v : scenario.variants) addItem(QString::fromStdString(v), QString::fromStdString(v));
    const int shown = findData(QString::fromStdString(scenario.variant));
    setCurrentIndex(shown >= 0 ? shown : 0);
    setEnabled(!scenario.variants.empty());
}

QString VariantChooser::variant() const { return currentData().toString(); }

} // namespace esui
