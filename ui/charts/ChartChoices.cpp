#include "charts/ChartChoices.h"

#include "charts/ChartCatalog.h"
#include "scenario/Scenario.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace esui {

namespace {
// A settings group name from any path: QSettings reads '/' and '\' in a key as groups.
QString groupFor(const QString& key)
{
    return QStringLiteral("charts/") + QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
}
} // namespace

bool ChartChoices::lineHidden(const QString& chart, const std::string& series) const
{
    const auto it = hiddenLines.constFind(chart);
    return it != hiddenLines.constEnd() && it->contains(QString::fromStdString(series));
}

void ChartChoices::setLineHidden(const QString& chart, const std::string& series, bool hidden)
{
    QStringList& list = hiddenLines[chart];
    const QString s = QString::fromStdString(series);
    list.removeAll(s);
    if (hidden) list.push_back(s);
    if (list.isEmpty()) hiddenLines.remove(chart);
}

QString chartChoicesKey(const es::Scenario& sc)
{
    if (!sc.sourcePath.empty()) return QFileInfo(QString::fromStdString(sc.sourcePath)).absoluteFilePath();
    return QStringLiteral("id:") + QString::fromStdString(sc.id);
}

ChartChoices loadChartChoices(QSettings& settings, const QString& key, const es::Scenario& sc)
{
    ChartChoices c;
    settings.beginGroup(groupFor(key));
    if (settings.contains(QStringLiteral("shown"))) {
        c.remembered = true;
        c.shown = settings.value(QStringLiteral("shown")).toStringList();
        settings.beginGroup(QStringLiteral("hidden"));
        for (const QString& chart : settings.childKeys()) c.hiddenLines.insert(chart, settings.value(chart).toStringList());
        settings.endGroup();
    }
    settings.endGroup();
    if (!c.remembered) c.shown = chosenChartIds(sc);
    return c;
}

void saveChartChoices(QSettings& settings, const QString& key, const ChartChoices& choices)
{
    settings.beginGroup(groupFor(key));
    settings.remove(QString()); // this scenario's old choices, nothing else
    settings.setValue(QStringLiteral("path"), key);
    settings.setValue(QStringLiteral("shown"), choices.shown);
    settings.beginGroup(QStringLiteral("hidden"));
    for (auto it = choices.hiddenLines.constBegin(); it != choices.hiddenLines.constEnd(); ++it)
        settings.setValue(it.key(), it.value());
    settings.endGroup();
    settings.endGroup();
}

} // namespace esui
