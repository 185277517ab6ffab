// Pixel size from a drawn line (issue 15, item 1): with Edit > Pixel size from a line checked, a
// drag on the micrograph draws a line, the question for its length in nm opens, and the answer
// sets the current image's pixel size - one undo step, remembered in the project; a non-square
// pixel keeps its shape. A click without a drag asks nothing.
#include "core/io/write_micrograph.h"
#include "core/project/project_file.h"
#include "gui_test_support.h"
#include "ui/actions/line_calibration.h"
#include "ui/session/session.h"
#include "ui/view/micrograph_view.h"
#include "ui/window/main_window.h"

#include <QAction>
#include <QInputDialog>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

class LineCalibrationTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static void drag(MicrographView* view, QPointF from, QPointF to) {
        QWidget* vp = view->viewport();
        const QPoint a = view->viewportPointForImage(from), b = view->viewportPointForImage(to);
        QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, a);
        for (int k = 1; k <= 4; ++k) {
            const QPoint p = a + (b - a) * k / 4;
            QMouseEvent move(QEvent::MouseMove, p, vp->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(vp, &move);
        }
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, b);
    }

private slots:
    void initTestCase() { test::isolateSettings(); }

    void pixelSizeOfSquarePixelsAndAnisotropic() {
        // The arithmetic: a horizontal line measures x; a vertical one, y in x units times the shape.
        auto s = LineCalibration::pixelSizeFor(QLineF(0, 0, 100, 0), 14.2, 1.0);
        QVERIFY(s);
        QCOMPARE(s->xNm, 0.142);
        QCOMPARE(s->yNm, 0.142);
        s = LineCalibration::pixelSizeFor(QLineF(0, 0, 0, 50), 10.0, 2.0); // 50 rows of 2x-tall pixels
        QVERIFY(s);
        QCOMPARE(s->xNm, 0.1);
        QCOMPARE(s->yNm, 0.2);
        QVERIFY(!LineCalibration::pixelSizeFor(QLineF(3, 3, 3, 3), 1.0, 1.0));
        QVERIFY(!LineCalibration::pixelSizeFor(QLineF(0, 0, 10, 0), 0.0, 1.0));
    }

    void drawnLineSetsPixelSizeUndoably() {
        const QString path = m_dir.filePath("plain.tif");
        QVERIFY(!test::writeTestImage(path, 300, 200, /*nmPerPx=*/0.05).isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1200, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Session* s = w.session();
        QVERIFY(test::addImages(*s, {path}));
        QVERIFY(test::waitForPixels(*s, 0));
        auto* tool = w.findChild<LineCalibration*>();
        QVERIFY(tool);
        QVERIFY(w.findChild<QAction*>(QStringLiteral("LineCalibrationAction")));
        MicrographView* view = w.view();
        QTest::qWait(50);

        tool->action()->setChecked(true);
        // A click is not a line.
        drag(view, QPointF(50, 100), QPointF(50, 100));
        QVERIFY(!tool->dialog());
        drag(view, QPointF(50, 100), QPointF(250, 100)); // 200 px
        QTRY_VERIFY(tool->dialog());
        QInputDialog* dialog = tool->dialog();
        QVERIFY(dialog->labelText().contains(QStringLiteral("200")));
        QCOMPARE(dialog->doubleValue(), 10.0); // what the file's 0.05 nm/px says: a start
        const int undoBefore = s->undoStack()->count();
        dialog->setDoubleValue(28.4);
        dialog->accept();
        QTRY_VERIFY(!tool->dialog());
        QVERIFY(!tool->action()->isChecked());
        QVERIFY(s->image(0)->pixelSize);
        QVERIFY(qAbs(s->image(0)->pixelSize->xNm - 0.142) < 1e-3);
        QVERIFY(qAbs(s->image(0)->pixelSize->yNm - 0.142) < 1e-3);
        QVERIFY(qAbs(*view->nmPerPixel() - 0.142) < 1e-3);
        QCOMPARE(s->undoStack()->count(), undoBefore + 1);

        // Remembered in the project.
        const QString project = m_dir.filePath("line.dsproj");
        QString error;
        QVERIFY2(s->saveProject(project, &error), qPrintable(error));
        auto read = readProject(project.toStdString());
        QVERIFY(read.ok());
        QVERIFY(read->images.at(0).pixelSize);
        QVERIFY(qAbs(read->images.at(0).pixelSize->xNm - 0.142) < 1e-3);

        // Undo: back to the file's calibration; redo: the line's again.
        s->undoStack()->undo();
        QVERIFY(!s->image(0)->pixelSize);
        QVERIFY(qAbs(*view->nmPerPixel() - 0.05) < 1e-9);
        s->undoStack()->redo();
        QVERIFY(qAbs(s->image(0)->pixelSize->xNm - 0.142) < 1e-3);

        // Cancelling the question changes nothing.
        tool->action()->setChecked(true);
        drag(view, QPointF(20, 20), QPointF(120, 20));
        QTRY_VERIFY(tool->dialog());
        tool->dialog()->reject();
        QTRY_VERIFY(!tool->dialog());
        QVERIFY(qAbs(s->image(0)->pixelSize->xNm - 0.142) < 1e-3);
    }
};

QTEST_MAIN(LineCalibrationTest)
#include "line_calibration_test.moc"
