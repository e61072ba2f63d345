// The headless chart export (app/charts, eventscape-charts): runs a lesson and writes its charts with
// the window's chart code: the lesson's charts: list (every chart with --all-charts); the asked
// formats and size come out; bad options exit with 2.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

class TestChartsCli : public QObject {
    Q_OBJECT

    static int run(const QStringList& args, QString* err = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(CHARTS_CLI_PATH), args);
        if (!p.waitForFinished(120000)) return -1;
        if (err) *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }

private slots:
    void drawsTheLessonsCharts()
    {
        QTemporaryDir dir;
        QString err;
        QCOMPARE(run({SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", "--out", dir.path(), "--format", "png,svg", "--size", "800x450"}, &err), 0);
        const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        // The lesson's charts: [lag, lag-seconds], and only those.
        QCOMPARE(files, (QStringList{"lag-messages.png", "lag-messages.svg", "lag-seconds.png", "lag-seconds.svg"}));
        QCOMPARE(QImage(dir.filePath("lag-seconds.png")).size(), QSize(800, 450));
        QVERIFY(QSvgRenderer(dir.filePath("lag-messages.svg")).isValid());
    }

    void allChartsOnRequest()
    {
        QTemporaryDir dir;
        QString err;
        QCOMPARE(run({SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", "--out", dir.path(), "--format", "svg", "--size", "800x450", "--all-charts"}, &err), 0);
        const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        for (const char* f : {"lag-messages.svg", "lag-seconds.svg", "latency.svg", "latency-distribution.svg", "throughput.svg"})
            QVERIFY2(files.contains(f), qPrintable(files.join(' ')));
        QVERIFY(!files.contains("lag-messages.png")); // not asked for
        QVERIFY(QSvgRenderer(dir.filePath("latency-distribution.svg")).isValid());
    }

    void badOptionsExitWithTwo()
    {
        QTemporaryDir dir;
        QString err;
        QCOMPARE(run({SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", "--out", dir.path(), "--format", "jpeg"}, &err), 2);
        QVERIFY(err.contains("jpeg"));
        QCOMPARE(run({SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", "--out", dir.path(), "--size", "big"}, &err), 2);
        QCOMPARE(run({SCENARIOS_DIR "/lessons/no-such-lesson.yaml", "--out", dir.path()}, &err), 2);
    }
};

QTEST_GUILESS_MAIN(TestChartsCli)
#include "tst_charts_cli.moc"
