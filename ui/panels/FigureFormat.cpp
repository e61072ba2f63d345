#include "panels/FigureFormat.h"

#include <QLocale>

#include <cmath>

namespace esui {

namespace {

QString seconds(double s)
{
    const double a = std::abs(s);
    if (a == 0) return QStringLiteral("0 ms");
    if (a < 1e-3) return QStringLiteral("%1 µs").arg(s * 1e6, 0, 'f', a < 1e-5 ? 2 : 0);
    if (a < 1) return QStringLiteral("%1 ms").arg(s * 1e3, 0, 'f', a < 0.01 ? 2 : a < 0.1 ? 1 : 0);
    if (a < 100) return QStringLiteral("%1 s").arg(s, 0, 'f', a < 10 ? 2 : 1);
    return QStringLiteral("%1 s").arg(s, 0, 'f', 0);
}

QString count(double v)
{
    const QLocale locale;
    if (v == std::floor(v) && std::abs(v) < 9e15) return locale.toString(static_cast<qlonglong>(v));
    return locale.toString(v, 'g', 4);
}

} // namespace

QString formatFigure(std::optional<double> value, es::FigureUnit unit)
{
    if (!value || !std::isfinite(*value)) return QStringLiteral("—");
    switch (unit) {
    case es::FigureUnit::Seconds: return seconds(*value);
    case es::FigureUnit::Share: return QStringLiteral("%1%").arg(*value * 100, 0, 'f', *value < 0.1 ? 2 : 1);
    case es::FigureUnit::Count: return count(*value);
    case es::FigureUnit::Number: return QLocale().toString(*value, 'g', 4);
    }
    return QString();
}

QString formatDifference(double difference, es::FigureUnit unit)
{
    const QString sign = difference > 0 ? QStringLiteral("+") : difference < 0 ? QStringLiteral("−") : QString();
    const double a = std::abs(difference);
    if (unit == es::FigureUnit::Share) return sign + QStringLiteral("%1 pp").arg(a * 100, 0, 'f', 1);
    return sign + formatFigure(a, unit);
}

} // namespace esui
