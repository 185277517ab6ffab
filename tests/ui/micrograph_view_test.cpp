// Labelling with the mouse, as a user does it: clicks, drags and rubber bands sent to the view's
// viewport change exactly the expected patches, each gesture is one undo step, and the labels are
// visible in the rendered window at the patches' positions.
#include "gui_test_support.h"
#include "support/test_data.h"
#include "ui/panels/contrast_panel.h"
#include "ui/panels/histogram_widget.h"
#include "ui/actions/label_actions.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"
#include "ui/window/status_info.h"

#include <QAction>
#include <QApplication>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <set>

using namespace ds;
using namespace ds::ui;

namespace {

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), button, buttons, mods);
    QApplication::sendEvent(w, &e);
}

// Press at `from`, move in small steps to `to`, release: a real drag, not a teleport.
void drag(QWidget* w, QPoint from, QPoint to, Qt::MouseButton button = Qt::LeftButton,
          Qt::KeyboardModifiers mods = Qt::NoModifier) {
    sendMouse(w, QEvent::MouseButtonPress, from, button, button, mods);
    const int steps = 12;
    for (int i = 1; i <= steps; ++i)
        sendMouse(w, QEvent::MouseMove, from + (to - from) * i / steps, Qt::NoButton, button, mods);
    sendMouse(w, QEvent::MouseButtonRelease, to, button, Qt::NoButton, mods);
}

std::set<int> withLabel(const Session& s, Label l) {
    std::set<int> out;
    const auto& v = s.currentImage()->labels;
    for (int i = 0; i < static_cast<int>(v.size()); ++i)
        if (v[static_cast<std::size_t>(i)] == l)
            out.insert(i);
    return out;
}

} // namespace

class MicrographViewTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    Session* m_session = nullptr;
    MicrographView* m_view = nullptr;
    PatchGrid m_grid;

    QPoint cellCentre(int col, int row) const {
        const QRectF cell = m_view->overlay()->cellRect(m_grid.index(col, row));
        return m_view->viewportPointForImage(cell.center());
    }

private slots:
    void initTestCase() {
        test::isolateSettings();
        const QString image = test::writeTestImage(m_dir.filePath("v.tif"), 640, 480);
        QVERIFY(!image.isEmpty());
        m_window = std::make_unique<MainWindow>();
        m_window->setInteractive(false);
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_session = m_window->session();
        m_view = m_window->view();
        m_session->setDefaultGrid(GridSpec{40, 20, 0, 0});
        m_session->addImageFiles({image});
        QVERIFY(test::waitForPixels(*m_session, 0));
        QCoreApplication::processEvents();
        m_grid = m_session->grid(0);
        QCOMPARE(m_grid.columns(), 31);
        QCOMPARE(m_grid.rows(), 23);
        m_view->zoomToFit();
        QVERIFY(m_view->zoom() > 0.5); // cells of 20 px are at least 10 screen pixels
    }

    void init() {
        // Every test starts from no labels and an empty history.
        m_session->undoStack()->clear();
        std::vector<int> all(static_cast<std::size_t>(m_grid.size()));
        for (int i = 0; i < m_grid.size(); ++i)
            all[static_cast<std::size_t>(i)] = i;
        m_session->setLabels(all, Label::Unlabelled);
        m_session->undoStack()->clear();
        m_view->clearSelection();
    }

    void clickLabelsExactlyThePatchUnderTheCursor() {
        m_view->setTool(Tool::Defect);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(4, 7));
        QCOMPARE(withLabel(*m_session, Label::Defect), (std::set<int>{m_grid.index(4, 7)}));
        m_view->setTool(Tool::Perfect);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(10, 2));
        QCOMPARE(withLabel(*m_session, Label::Perfect), (std::set<int>{m_grid.index(10, 2)}));
        QCOMPARE(m_session->undoStack()->count(), 2);
        m_session->undoStack()->undo();
        QVERIFY(withLabel(*m_session, Label::Perfect).empty());
        QCOMPARE(withLabel(*m_session, Label::Defect).size(), std::size_t(1));
        m_session->undoStack()->redo();
        QCOMPARE(withLabel(*m_session, Label::Perfect), (std::set<int>{m_grid.index(10, 2)}));
        // A click outside the image labels nothing.
        m_view->setTool(Tool::Defect);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(m_session->undoStack()->count(), 2);
    }

    void dragPaintsTheRowAsOneUndoStep() {
        m_view->setTool(Tool::Defect);
        drag(m_view->viewport(), cellCentre(3, 5), cellCentre(12, 5));
        std::set<int> expected;
        for (int c = 3; c <= 12; ++c)
            expected.insert(m_grid.index(c, 5));
        QCOMPARE(withLabel(*m_session, Label::Defect), expected);
        QCOMPARE(m_session->undoStack()->count(), 1);
        // The clear tool erases part of the stroke, again as one step.
        m_view->setTool(Tool::Clear);
        drag(m_view->viewport(), cellCentre(5, 5), cellCentre(7, 5));
        for (int c = 5; c <= 7; ++c)
            expected.erase(m_grid.index(c, 5));
        QCOMPARE(withLabel(*m_session, Label::Defect), expected);
        QCOMPARE(m_session->undoStack()->count(), 2);
        m_session->undoStack()->undo();
        QCOMPARE(withLabel(*m_session, Label::Defect).size(), std::size_t(10));
        m_session->undoStack()->undo();
        QVERIFY(withLabel(*m_session, Label::Defect).empty());
        m_session->undoStack()->redo();
        QCOMPARE(withLabel(*m_session, Label::Defect).size(), std::size_t(10));
    }

    void diagonalDragLeavesNoGaps() {
        m_view->setTool(Tool::Perfect);
        drag(m_view->viewport(), cellCentre(2, 2), cellCentre(9, 9));
        const auto got = withLabel(*m_session, Label::Perfect);
        for (int k = 2; k <= 9; ++k)
            QVERIFY2(got.count(m_grid.index(k, k)), qPrintable(QString::number(k)));
        for (int i : got) // nothing far from the diagonal
            QVERIFY(std::abs(m_grid.column(i) - m_grid.row(i)) <= 1);
    }

    void rubberBandSelectsThenKeyLabels() {
        m_view->setTool(Tool::Select);
        drag(m_view->viewport(), cellCentre(6, 8) - QPoint(3, 3), cellCentre(9, 10) + QPoint(3, 3));
        std::set<int> expected;
        for (int r = 8; r <= 10; ++r)
            for (int c = 6; c <= 9; ++c)
                expected.insert(m_grid.index(c, r));
        const auto& sel = m_view->selection();
        QCOMPARE(std::set<int>(sel.begin(), sel.end()), expected);
        // "2" with a selection labels the selection perfect and stays in the Select tool.
        m_window->labelActions()->toolAction(Tool::Perfect)->trigger();
        QCOMPARE(withLabel(*m_session, Label::Perfect), expected);
        QCOMPARE(m_view->tool(), Tool::Select);
        QVERIFY(m_view->selection().empty());
        QCOMPARE(m_session->undoStack()->count(), 1);
        QVERIFY(m_window->statusInfo()->countsText().contains(QStringLiteral("Perfect 12")));
        m_session->undoStack()->undo();
        QVERIFY(withLabel(*m_session, Label::Perfect).empty());
        QVERIFY(m_window->statusInfo()->countsText().contains(QStringLiteral("Perfect 0")));
    }

    void rightDragPansAndLabelsNothing() {
        m_view->zoomBy(4.0, false);
        m_view->setTool(Tool::Defect);
        const int h = m_view->horizontalScrollBar()->value(),
                  v = m_view->verticalScrollBar()->value();
        drag(m_view->viewport(), QPoint(400, 400), QPoint(300, 330), Qt::RightButton);
        QCOMPARE(m_view->horizontalScrollBar()->value(), h + 100);
        QCOMPARE(m_view->verticalScrollBar()->value(), v + 70);
        QCOMPARE(m_session->undoStack()->count(), 0);
        m_view->zoomToFit();
    }

    void wheelZoomsAroundTheCursor() {
        m_view->zoomToFit();
        const double z = m_view->zoom();
        const QPoint at = cellCentre(20, 15);
        const QPointF before = m_view->mapToScene(at);
        QWheelEvent wheel(QPointF(at), m_view->viewport()->mapToGlobal(QPointF(at)), QPoint(),
                          QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &wheel);
        QVERIFY(m_view->zoom() > z * 1.3);
        const QPointF after = m_view->mapToScene(at);
        QVERIFY2(QLineF(before, after).length() < 2.0,
                 qPrintable(QStringLiteral("the point under the cursor moved from %1,%2 to %3,%4")
                                .arg(before.x())
                                .arg(before.y())
                                .arg(after.x())
                                .arg(after.y())));
        m_view->zoomToFit();
    }

    void labelsAreVisibleWhereThePatchesAre() {
        m_view->setTool(Tool::Defect);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(15, 11));
        m_view->setTool(Tool::Perfect);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCentre(17, 11));
        m_view->setTool(Tool::Pan);
        QCoreApplication::processEvents();
        const QImage shot = m_view->viewport()->grab().toImage();
        // The grab is in device pixels: scale the logical positions on high-DPI screens.
        const auto at = [&](int col, int row) { return shot.pixelColor(cellCentre(col, row) * shot.devicePixelRatio()); };
        const QColor defect = at(15, 11);
        const QColor perfect = at(17, 11);
        const QColor none = at(16, 11);
        QVERIFY2(defect.red() > defect.green() + 50 && defect.red() > defect.blue() + 50,
                 qPrintable(defect.name()));
        QVERIFY2(perfect.blue() > perfect.red() + 50, qPrintable(perfect.name()));
        QVERIFY2(std::abs(none.red() - none.green()) < 25 &&
                     std::abs(none.blue() - none.green()) < 25,
                 qPrintable(none.name())); // grey image, no tint
    }

    void histogramDragMovesTheDisplayLimit() {
        ContrastPanel* panel = m_window->contrastPanel();
        HistogramWidget* h = panel->histogram();
        const double oldHigh = panel->mapping().high;
        const int x0 = static_cast<int>(h->xFor(oldHigh));
        const int x1 = static_cast<int>(h->xFor(panel->mapping().low)) +
                       (x0 - static_cast<int>(h->xFor(panel->mapping().low))) / 2;
        drag(h, QPoint(x0, h->height() / 2), QPoint(x1, h->height() / 2));
        QVERIFY2(panel->mapping().high < oldHigh, "dragging the high handle left lowers the limit");
        QVERIFY(std::abs(panel->mapping().high - h->valueAt(x1)) <
                1e-6 * std::max(1.0, std::abs(oldHigh)));
        panel->autoContrast();
    }
};

QTEST_MAIN(MicrographViewTest)
#include "micrograph_view_test.moc"
