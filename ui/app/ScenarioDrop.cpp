#include "app/ScenarioDrop.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace esui {

bool isScenarioFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") || suffix == QLatin1String("json");
}

QString firstDroppedScenario(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls()) return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && isScenarioFile(url.toLocalFile())) return url.toLocalFile();
    return {};
}

} // namespace esui
