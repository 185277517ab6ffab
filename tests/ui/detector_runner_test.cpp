// DetectorRunner and the detector tools in the main window: a run on the demo image completes and
// lands in the Session and the heat map (pixel colours follow the scores), the GUI keeps handling
// events during a run, cancel keeps earlier results, and of two quick runs only the second lands.
#include "core/detect/detector_registry.h"
#include "ui/jobs/detector_job.h"
#include "ui/panels/detector_panel.h"
#include "ui/session/detector_results.h"
#include "ui/jobs/detector_runner.h"
#include "ui/actions/detector_tools.h"
#include "ui/panels/heat_map_panel.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"

#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <cmath>

using namespace ds;
using namespace ds::ui;

namespace {

struct Fixture {
    MainWindow window;
    DetectorTools* tools = nullptr;
    Fixture() {
        window.setInteractive(false);
        window.resize(1400, 900);
        window.show();
        tools = window.findChild<DetectorTools*>();
    }
    Session* session() { return window.session(); }
    bool waitIdle(int ms = 120000) {
        QElapsedTimer t;
        t.start();
        // Idle for a moment: no load, no run, no ROC computation pending.
        while (t.elapsed() < ms) {
            QTest::qWait(50);
            if (!session()->isBusy() && !tools->detectorPanel()->runner()->isRunning()) {
                QTest::qWait(100);
                if (!session()->isBusy())
                    return true;
            }
        }
        return false;
    }
};

// A detector that is quick on the demo image (fallback: whatever is registered first).
QString quickDetector() {
    for (const char* id : {"iforest", "knn"})
        for (const DetectorInfo& d : availableDetectors())
            if (d.id == id)
                return QString::fromLatin1(id);
    return QString::fromStdString(availableDetectors().front().id);
}

} // namespace

class DetectorRunnerTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void demoRunCompletesAndColoursTheHeatMap() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(f.waitIdle());
        const QString id = QStringLiteral("auto");
        QVERIFY2(f.tools->detectorPanel()->setDetectorId(id) || f.tools->detectorPanel()->setDetectorId(quickDetector()),
                 "no detector registered");
        const QString runId = f.tools->detectorPanel()->detectorId();

        // The GUI thread keeps turning while the worker runs.
        int ticks = 0, ticksWhileRunning = 0;
        QTimer tick;
        tick.setInterval(10);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            ++ticks;
            if (f.tools->detectorPanel()->runner()->isRunning())
                ++ticksWhileRunning;
        });
        tick.start();
        QSignalSpy finished(f.tools->detectorPanel(), &DetectorPanel::runFinished);
        QVERIFY(f.tools->detectorPanel()->score() > 0);
        QVERIFY(f.tools->detectorPanel()->runner()->isRunning()); // start() returned at once
        QVERIFY(finished.wait(180000));
        tick.stop();
        QCOMPARE(finished.first().at(1).toBool(), true);
        QVERIFY2(ticksWhileRunning >= 5, qPrintable(QStringLiteral("only %1 timer ticks during the run").arg(ticksWhileRunning)));

        const ProjectImage* img = f.session()->currentImage();
        QCOMPARE(static_cast<int>(img->scores().size()), f.session()->grid(0).size());
        QCOMPARE(QString::fromStdString(img->scoresDetector()), runId);
        QVERIFY(f.tools->results()->result(0, runId));
        QVERIFY(f.window.view()->overlay()->showHeatMap());

        // Heat-map colour at the cell centres of the lowest- and highest-scoring unlabelled patches.
        f.tools->heatMapPanel()->opacitySlider()->setValue(100);
        f.window.view()->overlay()->setShowGrid(false);
        f.window.view()->zoomToFit();
        QTest::qWait(50);
        int lo = -1, hi = -1;
        for (int i = 0; i < static_cast<int>(img->scores().size()); ++i) {
            if (img->labels[static_cast<std::size_t>(i)] != Label::Unlabelled || !std::isfinite(img->scores()[static_cast<std::size_t>(i)]))
                continue;
            if (lo < 0 || img->scores()[static_cast<std::size_t>(i)] < img->scores()[static_cast<std::size_t>(lo)])
                lo = i;
            if (hi < 0 || img->scores()[static_cast<std::size_t>(i)] > img->scores()[static_cast<std::size_t>(hi)])
                hi = i;
        }
        QVERIFY(lo >= 0 && hi >= 0 && img->scores()[static_cast<std::size_t>(hi)] > img->scores()[static_cast<std::size_t>(lo)]);
        // No threshold outline through the cell centre, no selection: the pure colour-map colour.
        const QImage shot = f.window.view()->viewport()->grab().toImage();
        float smin = INFINITY, smax = -INFINITY;
        for (float s : img->scores())
            if (std::isfinite(s)) {
                smin = std::min(smin, s);
                smax = std::max(smax, s);
            }
        for (int patch : {lo, hi}) {
            const QPointF centre = f.window.view()->overlay()->cellRect(patch).center();
            const QPoint p = f.window.view()->viewportPointForImage(centre) * shot.devicePixelRatio();
            const QRgb got = shot.pixel(p);
            const QRgb want = lutColour(Lut::Magma, (img->scores()[static_cast<std::size_t>(patch)] - smin) / (smax - smin));
            const int d = std::abs(qRed(got) - qRed(want)) + std::abs(qGreen(got) - qGreen(want)) +
                          std::abs(qBlue(got) - qBlue(want));
            QVERIFY2(d <= 9, qPrintable(QStringLiteral("patch %1: got %2 want %3")
                                            .arg(patch).arg(QColor(got).name(), QColor(want).name())));
        }
    }

    void cancelKeepsEarlierResults() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(f.waitIdle());
        DetectorPanel* panel = f.tools->detectorPanel();
        QVERIFY(panel->setDetectorId(quickDetector()));
        QSignalSpy finished(panel, &DetectorPanel::runFinished);
        panel->score();
        QVERIFY(finished.wait(180000));
        const std::vector<float> before = f.session()->currentImage()->scores();
        QVERIFY(!before.empty());

        // A second run with another seed, cancelled as soon as it reports progress.
        panel->setParameter(QStringLiteral("seed"), 4242);
        QSignalSpy cancelled(panel->runner(), &DetectorRunner::cancelled);
        QSignalSpy landed(panel->runner(), &DetectorRunner::finished);
        bool once = false;
        QObject::connect(panel->runner(), &DetectorRunner::progress, panel, [&] {
            if (!once) {
                once = true;
                panel->cancel();
            }
        });
        panel->score();
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1, 60000);
        QVERIFY(!panel->runner()->isRunning());
        QThreadPool::globalInstance()->waitForDone(60000); // the worker has returned...
        QTest::qWait(100);                                 // ...and anything it posted was handled
        QCOMPARE(landed.count(), 0);
        QCOMPARE(f.session()->currentImage()->scores(), before);
        QCOMPARE(f.tools->results()->result(0, quickDetector())->result.scores, before);
    }

    void twoQuickRunsDoNotMix() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(f.waitIdle());
        DetectorPanel* panel = f.tools->detectorPanel();
        QStringList ids;
        for (const DetectorInfo& d : availableDetectors())
            if (!d.needsLabels && d.id != "cae")
                ids << QString::fromStdString(d.id);
        if (ids.size() < 2)
            QSKIP("needs two label-free detectors");
        QSignalSpy landed(panel->runner(), &DetectorRunner::finished);
        QVERIFY(panel->setDetectorId(ids[0]));
        const quint64 first = panel->score();
        QVERIFY(panel->setDetectorId(ids[1]));
        const DetectorRequest second = panel->buildRequest(false);
        const quint64 last = panel->score();
        QVERIFY(last > first);
        QTRY_VERIFY_WITH_TIMEOUT(landed.count() >= 1, 180000);
        QThreadPool::globalInstance()->waitForDone(60000);
        QTest::qWait(100);
        QCOMPARE(landed.count(), 1);
        QCOMPARE(landed.first().at(0).value<quint64>(), last);
        QCOMPARE(f.tools->results()->detectors(0), QStringList{ids[1]});
        // What landed is exactly the second request's result, computed here synchronously.
        const auto expected = runDetectorJob(second, RunControl::none());
        QVERIFY(expected.ok());
        QCOMPARE(f.session()->currentImage()->scores(), expected->results.front().run.scores);
        QCOMPARE(QString::fromStdString(f.session()->currentImage()->scoresDetector()), ids[1]);
    }

    void staleResultNeverLands() {
        // The first request has nothing to do, so it completes even though the second one asked
        // it to stop: only the stale-run check keeps its (empty) result from landing.
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(f.waitIdle());
        QVERIFY(f.tools->detectorPanel()->setDetectorId(quickDetector()));
        const DetectorRequest real = f.tools->detectorPanel()->buildRequest(false);
        QCOMPARE(static_cast<int>(real.images.size()), 1);
        DetectorRunner runner;
        QSignalSpy landed(&runner, &DetectorRunner::finished);
        QSignalSpy cancelled(&runner, &DetectorRunner::cancelled);
        const quint64 stale = runner.start(DetectorRequest{});
        QThreadPool::globalInstance()->waitForDone(10000); // the empty run has finished its work
        const quint64 fresh = runner.start(real);
        QVERIFY(fresh > stale);
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 180000);
        QThreadPool::globalInstance()->waitForDone(60000);
        QTest::qWait(100);
        QCOMPARE(landed.count(), 1);
        QCOMPARE(landed.first().at(0).value<quint64>(), fresh);
        QCOMPARE(cancelled.count(), 0);
        const auto results = landed.first().at(1).value<DetectorJobResult>();
        QCOMPARE(static_cast<int>(results.results.size()), 1);
    }
};

QTEST_MAIN(DetectorRunnerTest)
#include "detector_runner_test.moc"
