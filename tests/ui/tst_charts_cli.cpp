// The headless chart export (app/charts, eventscape-charts): runs a lesson and writes its charts with
// the window's chart code; the asked formats and size come out; bad options exit with 2.
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
        QVERIFY2(files.contains("lag-messages.png") && files.contains("lag-messages.svg"), qPrintable(files.join(' ')));
        QVERIFY(files.contains("latency.png"));
        QVERIFY(!files.contains("lag-messages.pdf")); // not asked for
        QCOMPARE(QImage(dir.filePath("lag-seconds.png")).size(), QSize(800, 450));
        QVERIFY(QSvgRenderer(dir.filePath("latency.svg")).isValid());
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
