#pragma once
// Which dropped files the window takes: local scenario files (.yaml, .yml, .json), nothing else.
#include <QString>

class QMimeData;

namespace esui {

bool isScenarioFile(const QString& path);
// The first local scenario file among the dropped URLs; empty when there is none (refuse the drop).
QString firstDroppedScenario(const QMimeData* mime);

} // namespace esui
