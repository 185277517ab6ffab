// Project file (.dsproj): round trip (ids, every run with its spec, result and threshold), version-1
// files, relative paths, atomic write, damaged files, label remapping.
#include "core/common/atomic_file.h"
#include "core/project/project_file.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace ds;

namespace {

Project sampleProject(const std::string& dir) {
    Project p;
    ProjectImage a;
    a.path = dir + "/images/a.tif";
    a.width = 200;
    a.height = 150;
    a.grid = GridSpec{40, 20, 3, 5};
    const int n = a.patchGrid()->size();
    a.labels.assign(static_cast<std::size_t>(n), Label::Unlabelled);
    a.labels[0] = Label::Defect;
    a.labels[7] = Label::Perfect;
    a.labels[static_cast<std::size_t>(n - 1)] = Label::Defect;
    StoredRun self;
    self.spec.detector = "iforest";
    self.spec.features = "raw";
    self.spec.params = {{"trees", 100}, {"seed", 3}};
    self.spec.seed = 3;
    self.spec.grid = a.grid;
    self.result.grid = *a.patchGrid();
    self.result.detector = "iforest";
    self.result.features = "raw";
    self.result.scores.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        self.result.scores[static_cast<std::size_t>(i)] = 0.25f * static_cast<float>(i);
    self.result.scores[3] = std::nanf("");
    self.result.evalScores = self.result.scores;
    self.result.notes = {"a note"};
    self.result.seconds = 1.5;
    self.result.versions = {{"defectscope", "0.1.0"}};
    StoredRun trained = self;
    trained.spec.detector = trained.result.detector = "dense";
    trained.spec.mode = RunMode::Trained;
    trained.spec.folds = 3;
    trained.spec.threshold.contamination = 0.1;
    trained.result.trainedOn = a.labels;
    trained.result.evalScores[0] = std::nanf(""); // trained on, never held out
    trained.result.evalScores[7] = -2.0f;
    LatticeEstimate lattice;
    lattice.bondPx = 9.5;
    lattice.confidence = 0.5;
    trained.result.lattice = lattice;
    trained.userThreshold = 1.25;
    a.runs = {self, trained};
    a.shownRun = 1;
    ProjectImage b;
    b.synthSeed = 42;
    b.grid = GridSpec{56, 28, 0, 0};
    p.addImage(a);
    p.addImage(b);
    p.currentImage = 1;
    p.detectorSettings = {{"id", "knn"}, {"k", 5}};
    return p;
}

std::string readAll(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll().toStdString();
}

void writeText(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString()) << text;
}

} // namespace

class ProjectFileTest : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEverything() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        const Project p = sampleProject(dir);
        const std::string file = dir + "/work.dsproj";
        QVERIFY(writeProject(file, p).ok());
        auto r = readProject(file);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const Project& q = *r;
        QCOMPARE(q.images.size(), p.images.size());
        QCOMPARE(q.images[0].path, p.images[0].path);
        QCOMPARE(q.images[0].grid, p.images[0].grid);
        QVERIFY(q.images[0].labels == p.images[0].labels);
        QCOMPARE(q.images[0].id, p.images[0].id);
        QCOMPARE(q.images[1].id, p.images[1].id);
        QCOMPARE(q.nextImageId, p.nextImageId);
        QCOMPARE(q.images[0].runs.size(), std::size_t(2));
        QCOMPARE(q.images[0].shownRun, 1);
        auto same = [](const std::vector<float>& x, const std::vector<float>& y) {
            if (x.size() != y.size())
                return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (std::isnan(x[i]) ? !std::isnan(y[i]) : x[i] != y[i])
                    return false;
            return true;
        };
        for (std::size_t r = 0; r < 2; ++r) {
            const StoredRun &want = p.images[0].runs[r], &got = q.images[0].runs[r];
            QVERIFY(got.spec == want.spec);
            QVERIFY(same(got.result.scores, want.result.scores));
            QVERIFY(same(got.result.evalScores, want.result.evalScores));
            QVERIFY(got.result.trainedOn == want.result.trainedOn);
            QCOMPARE(got.result.notes, want.result.notes);
            QCOMPARE(got.result.seconds, want.result.seconds);
            QCOMPARE(got.result.versions, want.result.versions);
            QCOMPARE(got.result.lattice.has_value(), want.result.lattice.has_value());
            QCOMPARE(got.userThreshold, want.userThreshold);
        }
        QCOMPARE(q.images[0].runs[1].result.lattice->bondPx, 9.5);
        QCOMPARE(q.images[0].scoresDetector(), std::string("dense"));
        QVERIFY(q.images[1].synthSeed.has_value());
        QCOMPARE(*q.images[1].synthSeed, std::uint64_t(42));
        QVERIFY(q.images[1].labels.empty()); // size unknown: no labels yet
        QCOMPARE(q.currentImage, 1);
        QCOMPARE(q.detectorSettings, p.detectorSettings);
    }

    void version1FilesKeepTheirScoresAsARun() {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("old.dsproj");
        writeText(file, R"({"format":"defectscope-project","version":1,"current_image":0,"images":[
            {"path":"a.tif","width":100,"height":100,"grid":{"side":50,"stride":50},"labels":{"defect":[1]},
             "scores":{"detector":"iforest","values":[0.5,1,null,0]}},
            {"path":"b.tif","grid":{"side":50,"stride":50}}]})");
        auto r = readProject(file.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->images[0].id, std::uint64_t(1));
        QCOMPARE(r->images[1].id, std::uint64_t(2));
        QCOMPARE(r->nextImageId, std::uint64_t(3));
        QCOMPARE(r->images[0].runs.size(), std::size_t(1));
        QCOMPARE(r->images[0].scoresDetector(), std::string("iforest"));
        QCOMPARE(r->images[0].scores().size(), std::size_t(4));
        QVERIFY(std::isnan(r->images[0].scores()[2]));
        QVERIFY(!r->images[0].runs[0].result.notes.empty()); // says the parameters are unknown
    }

    void pathsAreStoredRelativeAndFollowTheProject() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        QVERIFY(writeProject(dir + "/work.dsproj", sampleProject(dir)).ok());
        const std::string text = readAll(tmp.filePath("work.dsproj"));
        QVERIFY2(text.find("\"images/a.tif\"") != std::string::npos, text.c_str());
        QVERIFY(text.find(dir) == std::string::npos);
        // Moving the whole folder keeps the images reachable.
        QVERIFY(QDir().rename(tmp.path(), tmp.path() + "-moved"));
        auto r = readProject(dir + "-moved/work.dsproj");
        QVERIFY(r.ok());
        QCOMPARE(r->images[0].path, dir + "-moved/images/a.tif");
        QDir(tmp.path() + "-moved").removeRecursively();
    }

    void absolutePathsWhenAsked() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        QVERIFY(writeProject(dir + "/x.autosave", sampleProject(dir), std::string()).ok());
        QVERIFY(readAll(tmp.filePath("x.autosave")).find(dir + "/images/a.tif") !=
                std::string::npos);
    }

    void atomicWriteReplacesAndLeavesNoTemporary() {
        QTemporaryDir tmp;
        const std::string file = tmp.filePath("f.txt").toStdString();
        QVERIFY(writeFileAtomically(file, "first").ok());
        QVERIFY(writeFileAtomically(file, "second").ok());
        QCOMPARE(readAll(tmp.filePath("f.txt")), std::string("second"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void atomicWriteFailureNamesTheFile() {
        const Status s = writeFileAtomically("/nonexistent-dir/x/p.dsproj", "x");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Io);
        QVERIFY(s.error().message.find("/nonexistent-dir/x/p.dsproj") != std::string::npos);
    }

    void damagedFilesAreReportedWithFileAndReason_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << "{ this is not json"
                                  << "not valid JSON";
        QTest::newRow("empty") << ""
                               << "not valid JSON";
        QTest::newRow("other json") << R"({"hello": 1})"
                                    << "not a DefectScope project";
        QTest::newRow("future version")
            << R"({"format":"defectscope-project","version":99,"images":[]})"
            << "version 99";
        QTest::newRow("label outside grid")
            << R"({"format":"defectscope-project","version":1,"images":[{"path":"a.tif","width":100,"height":100,
                  "grid":{"side":50,"stride":50},"labels":{"defect":[4]}}]})"
            << "outside the grid";
        QTest::newRow("scores count")
            << R"({"format":"defectscope-project","version":1,"images":[{"path":"a.tif","width":100,"height":100,
                  "grid":{"side":50,"stride":50},"scores":{"values":[1,2]}}]})"
            << "2 scores for 4 patches";
        QTest::newRow("run scores count")
            << R"({"format":"defectscope-project","version":2,"images":[{"id":1,"path":"a.tif","width":100,"height":100,
                  "grid":{"side":50,"stride":50},"runs":[{"spec":{"detector":"knn"},
                  "result":{"grid":{"side":50,"stride":50},"detector":"knn","scores":[1,2]}}]}]})"
            << "2 values for 4 patches";
        QTest::newRow("run on another grid")
            << R"({"format":"defectscope-project","version":2,"images":[{"id":1,"path":"a.tif","width":100,"height":100,
                  "grid":{"side":50,"stride":50},"runs":[{"spec":{"detector":"knn"},
                  "result":{"grid":{"side":100,"stride":50},"detector":"knn","scores":[1]}}]}]})"
            << "another grid";
        QTest::newRow("shown run missing")
            << R"({"format":"defectscope-project","version":2,"images":[{"id":1,"path":"a.tif","width":100,"height":100,
                  "grid":{"side":50,"stride":50},"runs":[],"shown_run":2}]})"
            << "shown_run 2";
        QTest::newRow("duplicate ids")
            << R"({"format":"defectscope-project","version":2,"images":[{"id":1,"path":"a.tif","grid":{"side":5,"stride":5}},
                  {"id":1,"path":"b.tif","grid":{"side":5,"stride":5}}]})"
            << "used twice";
        QTest::newRow("wrong type")
            << R"({"format":"defectscope-project","version":1,"images":[{"path":7}]})"
            << "image";
        QTest::newRow("grid too big")
            << R"({"format":"defectscope-project","version":1,"images":[{"path":"a.tif","width":10,"height":10,
                  "grid":{"side":50,"stride":50}}]})"
            << "does not fit";
    }
    void damagedFilesAreReportedWithFileAndReason() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QTemporaryDir tmp;
        const QString file = tmp.filePath("bad.dsproj");
        writeText(file, text.toStdString());
        auto r = readProject(file.toStdString());
        QVERIFY(!r.ok());
        const std::string msg = r.error().message;
        QVERIFY2(msg.find(file.toStdString()) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find(reason.toStdString()) != std::string::npos, msg.c_str());
    }

    void missingFileIsAnIoError() {
        auto r = readProject("/nonexistent/p.dsproj");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
    }

    void remapKeepsLabelsOfPatchesThatStayInPlace() {
        auto a = PatchGrid::create(GridSpec{40, 20, 0, 0}, 200, 200);
        auto b = PatchGrid::create(GridSpec{40, 10, 0, 0}, 200,
                                   200); // finer stride: old centres still exist
        std::vector<Label> la(static_cast<std::size_t>(a->size()), Label::Unlabelled);
        la[static_cast<std::size_t>(a->index(2, 3))] = Label::Defect;
        la[static_cast<std::size_t>(a->index(5, 1))] = Label::Perfect;
        const auto lb = remapLabels(*a, la, *b);
        QCOMPARE(static_cast<int>(lb.size()), b->size());
        QCOMPARE(lb[static_cast<std::size_t>(b->index(4, 6))], Label::Defect);
        QCOMPARE(lb[static_cast<std::size_t>(b->index(10, 2))], Label::Perfect);
        const LabelCounts c = countLabels(lb);
        QCOMPARE(c.defect, 1);
        QCOMPARE(c.perfect, 1);
        // Identical grids map one to one.
        QVERIFY(remapLabels(*a, la, *a) == la);
    }

    void autosaveSidecarSitsNextToTheProject() {
        QCOMPARE(autosavePathFor("/data/run/work.dsproj"),
                 std::string("/data/run/.work.dsproj.autosave"));
    }
};

QTEST_GUILESS_MAIN(ProjectFileTest)
#include "project_file_test.moc"
