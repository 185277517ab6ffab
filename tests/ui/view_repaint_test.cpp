// The micrograph view repaints incrementally (only changed areas; scrolling copies the pixels
// still visible) from cached image and overlay tiles. What the window shows after panning,
// labelling, hovering and zooming must equal a full repaint of the same view: no smeared scale
// bar, no stale label or hover outline, no seams between tiles. (Each check is verified to fail
// when the scale-bar repair on scrolling or the overlay tile invalidation of a label change is
// removed.)
#include "gui_test_support.h"
#include "ui/view/image_tile_item.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"

#include <QApplication>
#include <QBackingStore>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace ds;
using namespace ds::ui;

class ViewRepaintTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MicrographView> m_view;

    // The viewport as the window currently shows it: the backing store after pending repaints.
    QImage shown() {
        QCoreApplication::processEvents();
        QBackingStore* store = m_view->backingStore();
        if (!store || store->paintDevice()->devType() != QInternal::Image)
            return {};
        const auto* image = static_cast<const QImage*>(store->paintDevice());
        const double dpr = image->devicePixelRatio(); // HiDPI: the store is in device pixels
        const QRect r(m_view->viewport()->mapTo(m_view.get(), QPoint(0, 0)) * dpr,
                      m_view->viewport()->size() * dpr);
        return image->copy(r).convertToFormat(QImage::Format_RGB32);
    }

    // The same viewport painted from scratch, with the image and overlay tile caches emptied
    // first (a stale tile would otherwise be in both pictures).
    QImage repainted() {
        PatchOverlayItem* overlay = m_view->overlay();
        overlay->setShowGrid(overlay->showGrid());
        DisplayMapping m = m_view->imageItem()->mapping(), other = m;
        other.gamma += 0.5;
        m_view->setMapping(other);
        m_view->setMapping(m);
        const QImage fresh =
            m_view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCoreApplication::processEvents(); // the next step starts from a full repaint
        return fresh;
    }

    static int differingPixels(const QImage& a, const QImage& b) {
        if (a.size() != b.size())
            return -1;
        int n = 0;
        for (int y = 0; y < a.height(); ++y) {
            const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
            const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
            for (int x = 0; x < a.width(); ++x)
                n += (pa[x] & 0xffffff) != (pb[x] & 0xffffff);
        }
        return n;
    }

    void verifyShownIsRepainted(const char* step) {
        const QImage now = shown();
        QVERIFY2(!now.isNull(), "the platform has no image backing store to read");
        const int diff = differingPixels(now, repainted());
        QVERIFY2(diff == 0, qPrintable(QStringLiteral("%1: %2 pixels differ from a full repaint")
                                           .arg(QLatin1String(step))
                                           .arg(diff)));
    }

    void move(QPoint at) {
        QMouseEvent e(QEvent::MouseMove, QPointF(at), m_view->viewport()->mapToGlobal(QPointF(at)),
                      Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(m_view->viewport(), &e);
    }

private slots:
    void initTestCase() {
        test::isolateSettings();
        const QString image = test::writeTestImage(m_dir.filePath("r.tif"), 1500, 1100);
        QVERIFY(!image.isEmpty());
        m_session = std::make_unique<Session>();
        m_session->setDefaultGrid(GridSpec{40, 20, 0, 0});
        m_session->addImageFiles({image});
        QVERIFY(test::waitForPixels(*m_session, 0));
        m_view = std::make_unique<MicrographView>(m_session.get());
        m_view->resize(900, 650);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        // Everything the overlay can show: labels, heat map, threshold outlines, grid.
        const int n = m_session->grid(0).size();
        std::mt19937 rng(5);
        std::vector<int> defect, perfect;
        std::vector<float> scores(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            scores[static_cast<std::size_t>(i)] = static_cast<float>(rng() % 1000) / 1000.0f;
            if (rng() % 5 == 0)
                (rng() % 2 ? defect : perfect).push_back(i);
        }
        m_session->setLabels(defect, Label::Defect);
        m_session->setLabels(perfect, Label::Perfect);
        QVERIFY(test::addTestRun(*m_session, 0, scores, "test"));
        m_view->overlay()->setShowHeatMap(true);
        m_view->overlay()->setThreshold(0.8f);
        QCoreApplication::processEvents();
    }

    void panningAtActualSize() {
        m_view->zoomToActualSize();
        m_view->centerOn(750, 550);
        verifyShownIsRepainted("1:1");
        QScrollBar* h = m_view->horizontalScrollBar();
        QScrollBar* v = m_view->verticalScrollBar();
        const QPoint steps[] = {{37, 0}, {0, -23}, {-91, 58}, {5, 5}, {300, -200}};
        for (const QPoint d : steps) {
            h->setValue(h->value() + d.x());
            v->setValue(v->value() + d.y());
            verifyShownIsRepainted("after a pan step");
        }
    }

    void panningZoomedOut() {
        m_view->zoomToFit();
        m_view->viewport()->repaint();
        m_view->zoomBy(0.8, false); // screen tiles, room to pan
        m_view->viewport()->repaint();
        // Two zooms in quick succession: drawn as a preview first (unless the machine stalled
        // between the repaints), at full quality once the zoom has settled.
        if (!m_view->imageItem()->previewing() && m_view->zoom() * m_view->devicePixelRatio() < 1)
            qWarning("the second zoom was not drawn as a preview");
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->imageItem()->previewing(), 3000);
        verifyShownIsRepainted("zoomed out");
        QScrollBar* h = m_view->horizontalScrollBar();
        h->setValue(h->value() + 45);
        verifyShownIsRepainted("zoomed out, panned");
    }

    void labellingAndHover() {
        m_view->zoomToActualSize();
        m_view->centerOn(750, 550);
        verifyShownIsRepainted("1:1");
        m_view->setTool(Tool::Defect);
        const PatchGrid& g = m_view->overlay()->grid();
        const QPoint at =
            m_view->viewportPointForImage(m_view->overlay()->cellRect(g.index(30, 20)).center());
        move(at);
        verifyShownIsRepainted("hover");
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
        verifyShownIsRepainted("a click labelled a patch");
        move(at + QPoint(45, 0));
        verifyShownIsRepainted("hover moved on");
        m_view->setTool(Tool::Clear);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
        verifyShownIsRepainted("a click cleared the label");
        m_view->setTool(Tool::Pan);
        verifyShownIsRepainted("hover gone");
    }

    void cleanupTestCase() {
        m_view.reset();
        m_session.reset();
    }
};

QTEST_MAIN(ViewRepaintTest)
#include "view_repaint_test.moc"
