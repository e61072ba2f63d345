// Chart refresh cost: one line of 10^4, 10^5 and 10^6 points in a ChartStore, drawn by a ChartFigure
// 1200 px wide (min/max decimation to the plot's columns + one QXYSeries::replace + y rescale), and
// the decimation alone. Offscreen; prints milliseconds per refresh (median of the repeats):
//   refresh: the same data and range again (a frozen chart redrawn: nothing moved);
//   follow:  what the dock does on every frame of a running lesson: one new sample appended, the
//            time axis moved by one sample (setTimeRange + refresh), so the points and x range change.
//   ./build/bench/eventscape-bench-charts [--repeat 30]
#include "charts/ChartFigure.h"
#include "charts/ChartStore.h"
#include "charts/Decimation.h"

#include <QApplication>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

double medianMs(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int repeat = 30;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
    using Clock = std::chrono::steady_clock;
    std::printf("%10s %16s %16s %16s %8s\n", "points", "refresh ms", "follow ms", "decimate ms", "drawn");
    for (std::size_t n : {std::size_t{10'000}, std::size_t{100'000}, std::size_t{1'000'000}}) {
        esui::SeriesRows rows;
        rows.run = 1;
        rows.names = {"g.lag_messages"};
        for (std::size_t i = 0; i < n; ++i) {
            rows.times.push_back(static_cast<double>(i) * 0.01);
            rows.values.push_back(std::sin(static_cast<double>(i) * 1e-3) * 100 + static_cast<double>(i % 7));
        }
        // Hold every point, the follow rows too: measure the worst case, no compaction.
        esui::ChartStore store(n + static_cast<std::size_t>(repeat) + 1);
        store.append(rows);
        esui::ChartFigure figure(esui::ChartSpec{"lag", "Consumer lag", "lag (messages)", {}, {{"g.lag_messages", "g", 0}}, {}});
        figure.resize(QSizeF(1200, 400));
        const double t1 = static_cast<double>(n) * 0.01;
        figure.setTimeRange(0, t1);
        std::vector<double> refresh, decimate, follow;
        QList<QPointF> out;
        for (int r = 0; r < repeat; ++r) {
            auto a = Clock::now();
            figure.refresh(store);
            auto b = Clock::now();
            esui::decimateMinMax(*store.series("g.lag_messages"), 0, t1, figure.columns(), out);
            auto c = Clock::now();
            refresh.push_back(std::chrono::duration<double, std::milli>(b - a).count());
            decimate.push_back(std::chrono::duration<double, std::milli>(c - b).count());
        }
        esui::SeriesRows next;
        next.run = 1;
        next.names = rows.names;
        for (int r = 1; r <= repeat; ++r) {
            const double t = t1 + r * 0.01;
            next.times = {t};
            next.values = {std::sin(t * 0.1) * 100};
            store.append(next);
            auto a = Clock::now();
            figure.setTimeRange(r * 0.01, t);
            figure.refresh(store);
            auto b = Clock::now();
            follow.push_back(std::chrono::duration<double, std::milli>(b - a).count());
        }
        std::printf("%10zu %16.3f %16.3f %16.3f %8d\n", n, medianMs(refresh), medianMs(follow), medianMs(decimate),
                    figure.pointCount(0));
    }
    return 0;
}
