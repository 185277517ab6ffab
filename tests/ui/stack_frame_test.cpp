// Stacks (issue 15, item 9): a multi-frame file shows a frame selector under the image list;
// choosing a frame shows that frame's pixels, sets the runs of the other frame aside (labels stay;
// one undo step brings frame and runs back), is remembered in the project, and the report of a run
// on it records the frame (summary.json and its "reproduce" command). Single images show no selector; with it the buttons stay whole.
#include "core/io/write_micrograph.h"
#include "core/project/project_report.h"
#include "core/report/reproduce.h"
#include "core/report/summary_json.h"
#include "gui_test_support.h"
#include "ui/panels/image_list_panel.h"
#include "ui/session/session.h"
#include "ui/window/main_window.h"

#include <QScrollArea>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {
// `frames` frames of w x h; pixel (x, y) of frame k is 1000 k + x + y, so any pixel says its frame.
QString writeStack(const QString& path, int frames, int w, int h) {
    cv::Mat m(frames * h, w, CV_32F);
    for (int k = 0; k < frames; ++k)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                m.at<float>(k * h + y, x) = static_cast<float>(1000 * k + x + y);
    return writeNpy(path.toStdString(), m, {frames, h, w}).ok() ? path : QString();
}

int frameShown(const Session& s, int index) {
    const auto px = s.pixels(index);
    return px ? static_cast<int>(px->micrograph.pixels.at<float>(0, 0)) / 1000 : -1;
}
} // namespace

class StackFrameTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { test::isolateSettings(); }

    void chooseFrameShowsItAndIsRemembered() {
        const QString stack = writeStack(m_dir.filePath("stack.npy"), 4, 96, 80);
        const QString single = test::writeTestImage(m_dir.filePath("single.tif"), 96, 80);
        QVERIFY(!stack.isEmpty() && !single.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 720); // a laptop: the docks are tight
        w.show();
        Session* s = w.session();
        s->setDefaultGrid(GridSpec{32, 16, 0, 0});
        QVERIFY(test::addImages(*s, {single, stack}));
        auto* panel = w.findChild<ImageListPanel*>();
        QVERIFY(panel);
        QSpinBox* selector = panel->frameSelector();

        s->setCurrentImage(0);
        QVERIFY(test::waitForPixels(*s, 0));
        QTRY_VERIFY(!selector->isVisibleTo(panel)); // one frame: nothing to choose

        s->setCurrentImage(1);
        QVERIFY(test::waitForPixels(*s, 1));
        QTRY_VERIFY(selector->isVisibleTo(panel));
        // The dock keeps the panel whole with the new row (its scroll area is at least as tall as
        // the panel's minimum), so the buttons below the row are not cut off on a small screen.
        auto* scroll = qobject_cast<QScrollArea*>(panel->parentWidget()->parentWidget());
        QVERIFY(scroll);
        QVERIFY2(scroll->minimumHeight() >= panel->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 < %2").arg(scroll->minimumHeight()).arg(panel->minimumSizeHint().height())));
        QCOMPARE(selector->maximum(), 3);
        QCOMPARE(selector->value(), 0);
        QCOMPARE(frameShown(*s, 1), 0);
        s->setLabels({0, 1}, Label::Defect);
        const int n = s->grid(1).size();
        QVERIFY(test::addTestRun(*s, 1, std::vector<float>(static_cast<std::size_t>(n), 0.5f), "knn"));
        QVERIFY(!s->image(1)->runs.empty());

        selector->setValue(2); // as the user does
        QTRY_COMPARE(frameShown(*s, 1), 2);
        QCOMPARE(s->image(1)->frame, 2);
        QVERIFY(s->image(1)->runs.empty()); // scored other pixels
        QCOMPARE(s->image(1)->labels.at(0), Label::Defect);
        QVERIFY(s->isModified());
        QCOMPARE(s->frameCount(1), 4);
        // Out of range is refused.
        s->setFrame(1, 4);
        QCOMPARE(s->image(1)->frame, 2);

        // One undo step: undo shows frame 0 again with its run; redo goes back to frame 2 without it.
        QUndoStack* undo = s->undoStack();
        QVERIFY2(undo->undoText().contains(QStringLiteral("frame 2")), qPrintable(undo->undoText()));
        undo->undo();
        QCOMPARE(s->image(1)->frame, 0);
        QCOMPARE(static_cast<int>(s->image(1)->runs.size()), 1);
        QVERIFY(s->image(1)->shown() != nullptr);
        QTRY_COMPARE(frameShown(*s, 1), 0);
        QTRY_COMPARE(selector->value(), 0);
        undo->redo();
        QCOMPARE(s->image(1)->frame, 2);
        QVERIFY(s->image(1)->runs.empty());
        QTRY_COMPARE(frameShown(*s, 1), 2);
        QTRY_COMPARE(selector->value(), 2);

        // The project remembers it; opened again, the image shows frame 2 and the selector says so.
        const QString project = m_dir.filePath("stack.dsproj");
        QString error;
        QVERIFY2(s->saveProject(project, &error), qPrintable(error));
        MainWindow again;
        again.setInteractive(false);
        again.show();
        QVERIFY2(again.session()->openProject(project, &error), qPrintable(error));
        again.session()->setCurrentImage(1);
        QVERIFY(test::waitForPixels(*again.session(), 1));
        QCOMPARE(again.session()->image(1)->frame, 2);
        QCOMPARE(frameShown(*again.session(), 1), 2);
        QTRY_COMPARE(again.findChild<ImageListPanel*>()->frameSelector()->value(), 2);

        // A run on frame 2: the report reads frame 2 and records it.
        QVERIFY(test::addTestRun(*s, 1, std::vector<float>(static_cast<std::size_t>(n), 0.5f), "knn"));
        const ProjectImage& img = *s->image(1);
        auto pixels = readImagePixels(img);
        QVERIFY(pixels.ok());
        QCOMPARE(pixels->frameIndex, 2);
        auto report = buildImageReport(*pixels, img);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
        const auto summary = summaryJson(*report);
        QCOMPARE(summary.at("frame").get<int>(), 2);
        QCOMPARE(summary.at("frames").get<int>(), 4);
        const auto argv = reproduceArgv(*report, img.path, "labels.csv");
        const auto at = std::find(argv.begin(), argv.end(), std::string("--frame"));
        QVERIFY(at != argv.end() && at + 1 != argv.end());
        QCOMPARE(*(at + 1), std::string("2"));
    }
};

QTEST_MAIN(StackFrameTest)
#include "stack_frame_test.moc"
