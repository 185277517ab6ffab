// Session: labelling edits, brush strokes as one undo step, grid edits, save/reopen, import/export,
// autosave recovery from a left-behind sidecar, moved and corrupt images.
#include "core/labels/label_csv.h"
#include "core/labels/truth_points.h"
#include "gui_test_support.h"
#include "support/test_data.h"
#include "ui/session/autosaver.h"
#include "ui/panels/contrast_panel.h"
#include "ui/panels/histogram_widget.h"
#include "ui/session/session.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <set>

using namespace ds;
using namespace ds::ui;

namespace {
std::vector<Label> labelsOf(const Session& s, int i = 0) {
    return s.image(i)->labels;
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

class SessionTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_image;

    // A session with one 300 x 200 image and a 40/20 grid (14 x 9 = 126 patches), loaded.
    void openImage(Session& s) {
        s.setDefaultGrid(GridSpec{40, 20, 0, 0});
        s.addImageFiles({m_image});
        QVERIFY(test::waitForPixels(s, 0));
        QCOMPARE(s.grid(0).size(), 14 * 9);
    }

private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(m_dir.isValid());
        QDir().mkpath(m_dir.filePath("images"));
        m_image = test::writeTestImage(m_dir.filePath("images/a.tif"), 300, 200);
        QVERIFY(!m_image.isEmpty());
    }

    void labelsUndoRedo() {
        Session s;
        openImage(s);
        QSignalSpy changed(&s, &Session::changed);
        s.setLabels({1, 2, 3}, Label::Defect);
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{1, 2, 3}));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(changed.last().at(0).value<Session::Changes>(), Session::Changes(Session::Labels));
        s.setLabels({3, 4}, Label::Perfect);
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{1, 2}));
        QCOMPARE(withLabel(s, Label::Perfect), (std::set<int>{3, 4}));
        QVERIFY(s.isModified());
        QCOMPARE(s.undoStack()->count(), 2);
        s.undoStack()->undo();
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{1, 2, 3}));
        QVERIFY(withLabel(s, Label::Perfect).empty());
        s.undoStack()->undo();
        QVERIFY(withLabel(s, Label::Defect).empty());
        QVERIFY(!s.undoStack()->canUndo());
        s.undoStack()->redo();
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{1, 2, 3}));
        s.undoStack()->redo();
        QCOMPARE(withLabel(s, Label::Perfect), (std::set<int>{3, 4}));
        QVERIFY(!s.undoStack()->canRedo());
        // A no-op edit records nothing.
        s.setLabels({3, 4}, Label::Perfect);
        QCOMPARE(s.undoStack()->count(), 2);
    }

    void strokeIsOneUndoStepAndRemembersEachPatch() {
        Session s;
        openImage(s);
        s.setLabels({5}, Label::Perfect);
        s.beginStroke();
        s.paintLabels({4}, Label::Defect);
        s.paintLabels({5, 6}, Label::Defect);
        s.paintLabels({6, 7, 8}, Label::Defect);
        s.endStroke();
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{4, 5, 6, 7, 8}));
        QCOMPARE(s.undoStack()->count(), 2); // the first edit + the stroke
        s.undoStack()->undo();
        QVERIFY(withLabel(s, Label::Defect).empty());
        QCOMPARE(withLabel(s, Label::Perfect), (std::set<int>{5})); // 5 gets its own old label back
        s.undoStack()->redo();
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{4, 5, 6, 7, 8}));
        // Two strokes in a row stay two steps.
        s.beginStroke();
        s.paintLabels({20}, Label::Defect);
        s.endStroke();
        s.beginStroke();
        s.paintLabels({21}, Label::Defect);
        s.endStroke();
        QCOMPARE(s.undoStack()->count(), 4);
    }

    void gridChangeCarriesLabelsAndUndoesExactly() {
        Session s;
        openImage(s);
        const PatchGrid before = s.grid(0);
        s.setLabels({before.index(2, 3)}, Label::Defect);
        QVERIFY(test::addTestRun(s, 0, std::vector<float>(static_cast<std::size_t>(before.size()), 0.5f), "test"));
        const auto labelsBefore = labelsOf(s);
        s.setGridSpec(GridSpec{40, 10, 0, 0});
        const PatchGrid after = s.grid(0);
        QCOMPARE(after.spec().stride, 10);
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{after.index(4, 6)}));
        QVERIFY(s.currentImage()->scores().empty());
        s.undoStack()->undo();
        QCOMPARE(s.grid(0).spec(), before.spec());
        QVERIFY(labelsOf(s) == labelsBefore);
        QCOMPARE(static_cast<int>(s.currentImage()->scores().size()), before.size());
        // A grid that does not fit is refused with a message, nothing recorded.
        QSignalSpy errors(&s, &Session::errorOccurred);
        const int steps = s.undoStack()->count();
        s.setGridSpec(GridSpec{500, 10, 0, 0});
        QCOMPARE(errors.count(), 1);
        QCOMPARE(s.undoStack()->count(), steps);
    }

    void saveReopenCompare() {
        const QString file = m_dir.filePath("p1.dsproj");
        std::vector<Label> saved;
        {
            Session s;
            openImage(s);
            s.setLabels({0, 10, 20}, Label::Defect);
            s.setLabels({30, 31}, Label::Perfect);
            QString error;
            QVERIFY2(s.saveProject(file, &error), qPrintable(error));
            QVERIFY(!s.isModified());
            QCOMPARE(s.projectPath(), QFileInfo(file).absoluteFilePath());
            saved = labelsOf(s);
        }
        Session t;
        QString error;
        QVERIFY2(t.openProject(file, &error), qPrintable(error));
        QVERIFY(!t.isModified());
        QCOMPARE(t.imageCount(), 1);
        QCOMPARE(QString::fromStdString(t.image(0)->path), QFileInfo(m_image).absoluteFilePath());
        QVERIFY(labelsOf(t) == saved);
        QCOMPARE(t.grid(0).spec(), (GridSpec{40, 20, 0, 0}));
        QVERIFY(test::waitForPixels(t, 0));
        QVERIFY(labelsOf(t) == saved); // loading the pixels does not disturb the labels
    }

    void exportImportRoundTrip() {
        const QString csv = m_dir.filePath("labels.csv");
        std::vector<Label> original;
        {
            Session s;
            openImage(s);
            s.setLabels({0, 1, 15, 40}, Label::Defect);
            s.setLabels({60, 61, 99}, Label::Perfect);
            original = labelsOf(s);
            QString error;
            QVERIFY2(s.exportLabels(csv, &error), qPrintable(error));
        }
        auto rects = readLabelCsv(csv.toStdString());
        QVERIFY(rects.ok());
        QCOMPARE(rects->size(), std::size_t(7));
        Session t;
        openImage(t);
        QString error;
        QCOMPARE(t.importLabels(csv, &error), 7);
        QVERIFY(labelsOf(t) == original);
        QCOMPARE(t.undoStack()->count(), 1); // one import = one undo step
        t.undoStack()->undo();
        QCOMPARE(countLabels(labelsOf(t)).unlabelled, t.grid(0).size());
    }

    void importPointsLabelsEveryPatchContainingAPoint() {
        const QString csv = m_dir.filePath("points.csv");
        const std::vector<TruthPoint> points{
            {50.5, 50.5, "vacancy"}, {205, 118, "dopant"}, {1000, 1000, "outside"}};
        QVERIFY(writeTruthPoints(csv.toStdString(), points).ok());
        Session s;
        openImage(s);
        std::set<int> expected;
        for (const auto& p : points)
            for (int i : s.grid(0).patchesContaining(p.x, p.y))
                expected.insert(i);
        QCOMPARE(expected.size(), std::size_t(8)); // 4 overlapping patches per interior point
        QString error;
        QCOMPARE(s.importPoints(csv, &error), 8);
        QCOMPARE(withLabel(s, Label::Defect), expected);
        QVERIFY(s.importPoints(m_dir.filePath("missing.csv"), &error) < 0);
        QVERIFY(error.contains(QStringLiteral("missing.csv")));
    }

    void autosaveWrittenAfterChangeAndRecovered() {
        const QString file = m_dir.filePath("p2.dsproj");
        const QString sidecar = Autosaver::sidecarFor(file);
        std::vector<Label> edited;
        {
            Session s;
            Autosaver autosaver(&s);
            openImage(s);
            QString error;
            QVERIFY(s.saveProject(file, &error));
            QVERIFY(!QFile::exists(sidecar));
            QSignalSpy written(&autosaver, &Autosaver::written);
            s.setLabels({3, 4, 5}, Label::Defect);
            QVERIFY(written.wait(5000)); // written without any explicit flush
            QCOMPARE(written.last().at(0).toString(), sidecar);
            QVERIFY(QFile::exists(sidecar));
            s.setLabels({7}, Label::Perfect);
            autosaver.flush();
            edited = labelsOf(s);
            // The "crash": the session goes away without saving or discarding.
        }
        QVERIFY(Autosaver::hasNewerAutosave(file));
        Session t;
        QString error;
        QVERIFY2(t.recoverAutosave(sidecar, file, &error), qPrintable(error));
        QVERIFY(labelsOf(t) == edited);
        QVERIFY(t.isModified());
        QCOMPARE(t.projectPath(), QFileInfo(file).absoluteFilePath());
        // Saving the recovered work removes the sidecar.
        Autosaver autosaver(&t);
        QVERIFY(t.saveProject(file, &error));
        QVERIFY(!QFile::exists(sidecar));
        QVERIFY(!Autosaver::hasNewerAutosave(file));
    }

    void movedImagesAreRelocated() {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("old"));
        const QString img = test::writeTestImage(dir.filePath("old/m.tif"), 120, 100);
        const QString file = dir.filePath("p.dsproj");
        {
            Session s;
            s.setDefaultGrid(GridSpec{40, 20, 0, 0});
            s.addImageFiles({img});
            QVERIFY(test::waitForPixels(s, 0));
            s.setLabels({2}, Label::Defect);
            QString error;
            QVERIFY(s.saveProject(file, &error));
        }
        QVERIFY(QDir().rename(dir.filePath("old"), dir.filePath("new")));
        Session t;
        QSignalSpy errors(&t, &Session::errorOccurred);
        QString error;
        QVERIFY(t.openProject(file, &error));
        QCOMPARE(t.missingImages().size(), 1);
        QTRY_VERIFY(!t.imageError(0).isEmpty()); // the load fails, the session goes on
        QVERIFY(t.imageError(0).contains(QStringLiteral("m.tif")));
        QCOMPARE(t.relocateImages(dir.filePath("new")), 1);
        QVERIFY(t.missingImages().isEmpty());
        QVERIFY(test::waitForPixels(t, 0));
        QCOMPARE(withLabel(t, Label::Defect), (std::set<int>{2}));
    }

    void unreadableFilesAreReportedAndNotAdded() {
        // A text file named .tif, a DM3 cut off after its header, an .npy holding no pixels: each
        // is named in one message and none enters the project (no size-0 image saved).
        const auto write = [this](const QString& name, const QByteArray& bytes) {
            const QString path = m_dir.filePath(name);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return QString();
            f.write(bytes);
            return path;
        };
        const QString text = write("notes.tif", "This is a text file, not a TIFF.\n");
        const QString dm3 = write("cut.dm3", QByteArray::fromHex("00000003000100000000000100"));
        QByteArray header("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 0), }");
        while ((10 + header.size() + 1) % 64 != 0)
            header += ' ';
        header += '\n';
        QByteArray npy = QByteArray("\x93NUMPY\x01\x00", 8);
        npy += char(header.size() & 0xff);
        npy += char(header.size() >> 8);
        const QString empty = write("empty.npy", npy + header);
        QVERIFY(!text.isEmpty() && !dm3.isEmpty() && !empty.isEmpty());

        Session s;
        ContrastPanel contrast(&s);
        QSignalSpy errors(&s, &Session::errorOccurred);
        s.setDefaultGrid(GridSpec{40, 20, 0, 0});
        QVERIFY(test::addImages(s, {text, dm3, m_image, empty}));
        QTRY_VERIFY(!s.isBusy());
        QCOMPARE(s.imageCount(), 1);
        QCOMPARE(QString::fromStdString(s.image(0)->path), QFileInfo(m_image).absoluteFilePath());
        QCOMPARE(s.currentIndex(), 0);
        QCOMPARE(s.image(0)->width, 300);
        QVERIFY(s.pixels(0));
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().at(0).toString();
        for (const char* name : {"notes.tif", "cut.dm3", "empty.npy"})
            QVERIFY2(message.contains(QLatin1String(name)), qPrintable(message));
        QVERIFY(contrast.histogram()->hasData());
        s.setLabels({1}, Label::Defect);
        QCOMPARE(withLabel(s, Label::Defect), (std::set<int>{1}));

        // Saved and reopened: still one image, with its size.
        const QString file = m_dir.filePath("unreadable.dsproj");
        QString error;
        QVERIFY2(s.saveProject(file, &error), qPrintable(error));
        Session t;
        QVERIFY2(t.openProject(file, &error), qPrintable(error));
        QCOMPARE(t.imageCount(), 1);
        QCOMPARE(t.image(0)->width, 300);
    }

    void imageThatFailsToLoadClearsTheHistogram() {
        // A project whose image went missing: the contrast panel shows no histogram at all, not the
        // previous image's greyed out.
        QTemporaryDir dir;
        const QString img = test::writeTestImage(dir.filePath("gone.tif"), 120, 100);
        const QString file = dir.filePath("p.dsproj");
        QString error;
        {
            Session s;
            QVERIFY(test::addImages(s, {img}));
            QVERIFY(s.saveProject(file, &error));
        }
        QVERIFY(QFile::remove(img));
        Session s;
        ContrastPanel contrast(&s);
        QVERIFY(test::addImages(s, {m_image}));
        QVERIFY(test::waitForPixels(s, 0));
        QVERIFY(contrast.histogram()->hasData());
        QVERIFY(s.openProject(file, &error));
        QTRY_VERIFY(!s.imageError(0).isEmpty());
        QVERIFY(!contrast.histogram()->hasData());
        QVERIFY(!contrast.isEnabled());
    }
};

QTEST_MAIN(SessionTest)
#include "session_test.moc"
