// Issue 16, "Replications and the comparison table", in the window: variants × seeds on the worker
// pool with a progress bar and Cancel, saved in the run store; the table is the one
// `eventscape-cli compare` prints, and the small multiples are drawn.
#include "CliProcess.h"
#include "compare/CompareFormat.h"
#include "compare/ReplicationsWindow.h"
#include "scenario/ScenarioLoader.h"
#include "store/RunStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

namespace {
const QString kSyncVsEvents = QStringLiteral(SCENARIOS_DIR "/lessons/sync-vs-events.yaml");
}

class TestReplicationsWindow : public QObject {
    Q_OBJECT
private slots:
    void comparesLikeTheCommandLineAndSaves();
    void cancelStopsWithoutSavingAComparison();
};

void TestReplicationsWindow::comparesLikeTheCommandLineAndSaves()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("runs.sqlite"));
    esui::ReplicationsWindow w;
    w.setScenario(kSyncVsEvents, es::loadScenarioFile(kSyncVsEvents.toStdString()).variants);
    w.choose({QStringLiteral("base"), QStringLiteral("sync")}, 3);
    w.setStorePath(store);
    w.show();
    QSignalSpy done(&w, &esui::ReplicationsWindow::finished);
    w.start();
    QVERIFY(w.running());
    QVERIFY(done.wait(120000));
    QVERIFY2(w.table().has_value(), qPrintable(w.statusText()));
    QCOMPARE(w.table()->variants, (std::vector<std::string>{"base", "sync"}));

    // The same table as the command line's, number for number.
    const CliResult cli = runCli({QStringLiteral("compare"), kSyncVsEvents, QStringLiteral("--variants"), QStringLiteral("base,sync"),
                                  QStringLiteral("--seeds"), QStringLiteral("3"), QStringLiteral("--json"), QStringLiteral("--no-store")});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    QCOMPARE(es::compareToJson(*w.table()), nlohmann::json::parse(cli.out.toStdString()));

    // Saved: six runs and the comparison, which `compare --open` can reopen.
    es::RunStore s(store.toStdString());
    QCOMPARE(s.listRuns().size(), std::size_t{6});
    const std::vector<es::ComparisonRecord> saved = s.listComparisons();
    QCOMPARE(saved.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(saved.front().uuid), w.savedComparisonUuid());
    QVERIFY2(w.statusText().contains(QLatin1String("compare --open")), qPrintable(w.statusText()));
    // What the window shows: the table and the small multiples.
    QVERIFY(w.reportHtml().contains(QLatin1String("<th align=\"left\">sync</th>")));
    QVERIFY(w.figureCount() >= 2);
}

void TestReplicationsWindow::cancelStopsWithoutSavingAComparison()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("runs.sqlite"));
    esui::ReplicationsWindow w;
    w.setScenario(kSyncVsEvents, {});
    w.choose({QStringLiteral("base")}, 1000);
    w.setStorePath(store);
    w.start();
    QTRY_VERIFY_WITH_TIMEOUT(w.statusText().contains(QLatin1String("Runs ")), 30000); // progress arrives
    w.cancel();
    QVERIFY(!w.running());
    QVERIFY(!w.table().has_value());
    QVERIFY2(w.statusText().startsWith(QLatin1String("Cancelled")), qPrintable(w.statusText()));
    es::RunStore s(store.toStdString());
    QVERIFY(s.listComparisons().empty());
    QVERIFY(s.listRuns().size() < 1000);
}

QTEST_MAIN(TestReplicationsWindow)
#include "tst_replications_window.moc"
