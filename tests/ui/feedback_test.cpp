// Feedback the main window gives (issue 15, items 5 and 8): "Label next" outlines the suggested
// patch, centres it (near an edge: as far as the image allows, so the view shows micrograph rather
// than the empty margin) and says in the status bar why it was chosen; the export dialog is modal
// and drops "Rendering the preview…" once the preview is drawn; File > New resets the detector's
// status ("1 image(s) scored" spoke of the discarded project).
#include "gui_test_support.h"
#include "ui/panels/detector_panel.h"
#include "ui/session/detector_results.h"
#include "ui/actions/detector_tools.h"
#include "ui/actions/label_suggestions.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/actions/report_actions.h"
#include "ui/report/report_dialog.h"
#include "ui/session/session.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStatusBar>
#include <QThreadPool>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

struct Fixture {
    MainWindow window;
    DetectorTools* tools = nullptr;
    Fixture() {
        window.setInteractive(false);
        window.resize(1280, 720);
        window.show();
        tools = window.findChild<DetectorTools*>();
    }
    Session* session() { return window.session(); }
    // The demo scored so that patch `atThreshold` is the one "Label next" must suggest first: the
    // patches before it score 0, those after it 1, it scores 0.5 and the threshold is 0.5 - its
    // rank sits at the threshold's, every other patch is far from it.
    bool demoScoredAround(int atThreshold) {
        session()->openDemo(1);
        if (!test::waitForPixels(*session(), 0))
            return false;
        const int n = session()->grid(0).size();
        std::vector<float> scores(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            scores[static_cast<std::size_t>(i)] = i < atThreshold ? 0.f : i > atThreshold ? 1.f : 0.5f;
        if (!ds::test::addTestRun(*session(), 0, scores, "test-detector"))
            return false;
        tools->results()->setThreshold(0.5);
        return true;
    }
};

// Fraction of the pixels along the top edge of `r` (viewport coordinates) close to the outline's
// cyan.
double cyanAlongTop(const QImage& grab, const QRect& r) {
    int hits = 0, total = 0;
    for (int x = r.left() + 4; x < r.right() - 4; ++x)
        for (int y = r.top() - 2; y <= r.top() + 2; ++y) {
            if (!grab.rect().contains(x, y))
                continue;
            ++total;
            const QColor c = grab.pixelColor(x, y);
            hits += c.red() < 80 && c.green() > 180 && c.blue() > 200;
        }
    return total ? static_cast<double>(hits) / (r.width() - 8) : 0.0;
}

} // namespace

class FeedbackTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void labelNextOutlinesCentresAndExplains() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(test::waitForPixels(*f.session(), 0));
        const PatchGrid grid = f.session()->grid(0);
        const int middle = (grid.rows() / 2) * grid.columns() + grid.columns() / 2; // mid-image
        QVERIFY(f.demoScoredAround(middle));
        MicrographView* view = f.window.view();
        QCOMPARE(view->focusedPatch(), -1);
        QCOMPARE(f.tools->suggestions()->next(), middle);
        QCOMPARE(view->focusedPatch(), middle);
        QCOMPARE(view->selection(), std::vector<int>{middle});

        // Centred, and about a quarter of the view.
        const QRect patch = view->mapFromScene(view->overlay()->patchRect(middle)).boundingRect();
        const QPoint centre = view->viewport()->rect().center();
        QVERIFY2((patch.center() - centre).manhattanLength() <= 4,
                 qPrintable(QStringLiteral("patch centre %1,%2, view centre %3,%4")
                                .arg(patch.center().x())
                                .arg(patch.center().y())
                                .arg(centre.x())
                                .arg(centre.y())));
        const int room = std::min(view->viewport()->width(), view->viewport()->height());
        QVERIFY2(patch.height() >= room / 8 && patch.height() <= room / 2,
                 qPrintable(QString::number(patch.height())));

        // Outlined: the drawn view has the outline's colour along the patch's top edge.
        const QImage grab = view->viewport()->grab().toImage();
        QVERIFY2(cyanAlongTop(grab, patch) > 0.8, qPrintable(QString::number(cyanAlongTop(grab, patch))));

        // Why, in the status bar.
        const QString message = f.window.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("patch %1").arg(middle)) &&
                     message.contains(QStringLiteral("threshold")),
                 qPrintable(message));
    }

    void labelNextNearAnEdgeShowsTheImageNotTheMargin() {
        Fixture f;
        QVERIFY(f.demoScoredAround(0)); // patch 0: the top-left corner
        MicrographView* view = f.window.view();
        QCOMPARE(f.tools->suggestions()->next(), 0);
        QCOMPARE(view->focusedPatch(), 0);
        const QRectF image = view->overlay()->patchRect(0).united(
            view->overlay()->patchRect(f.session()->grid(0).size() - 1));
        const QRectF seen = view->mapToScene(view->viewport()->rect()).boundingRect();
        QVERIFY2(seen.left() >= image.left() - 1 && seen.top() >= image.top() - 1,
                 qPrintable(QStringLiteral("view shows from %1,%2").arg(seen.left()).arg(seen.top())));
        const QRect patch = view->mapFromScene(view->overlay()->patchRect(0)).boundingRect();
        QVERIFY(view->viewport()->rect().contains(patch));
    }

    void labelNextWithoutScoresSaysWhy() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(test::waitForPixels(*f.session(), 0));
        QCOMPARE(f.tools->suggestions()->next(), -1);
        QVERIFY2(f.window.statusBar()->currentMessage().contains(QStringLiteral("run a detector")),
                 qPrintable(f.window.statusBar()->currentMessage()));
    }

    void exportDialogIsModalAndClearsItsStatus() {
        Fixture f;
        QVERIFY(f.demoScoredAround(3));
        auto* actions = f.window.findChild<ReportActions*>();
        QVERIFY(actions);
        ReportDialog* dialog = actions->openDialog();
        QVERIFY(dialog);
        // Modal: File > New cannot run under it and leave it exporting the discarded image.
        QVERIFY(dialog->windowModality() != Qt::NonModal);
        QVERIFY(dialog->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), dialog);
        QVERIFY(dialog->statusText().contains(QStringLiteral("Rendering")));
        QSignalSpy preview(dialog, &ReportDialog::previewFinished);
        QVERIFY(preview.wait(60000));
        QVERIFY(dialog->previewReady());
        QVERIFY2(dialog->statusText().isEmpty(), qPrintable(dialog->statusText()));
        dialog->close();
    }

    void newProjectResetsTheDetectorStatus() {
        Fixture f;
        f.session()->openDemo(1);
        QVERIFY(test::waitForPixels(*f.session(), 0));
        DetectorPanel* panel = f.tools->detectorPanel();
        QVERIFY(panel->setDetectorId(QStringLiteral("iforest")) || panel->setDetectorId(QStringLiteral("knn")));
        QSignalSpy finished(panel, &DetectorPanel::runFinished);
        QVERIFY(panel->score() != 0);
        QVERIFY(finished.wait(120000));
        QVERIFY2(panel->statusText().contains(QStringLiteral("scored")), qPrintable(panel->statusText()));
        f.session()->newProject(); // what File > New does once the user chose Discard
        QVERIFY2(panel->statusText().isEmpty(), qPrintable(panel->statusText()));
    }

    void cleanupTestCase() { QThreadPool::globalInstance()->waitForDone(); }
};

QTEST_MAIN(FeedbackTest)
#include "feedback_test.moc"
