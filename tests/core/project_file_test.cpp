// Project file (.dsproj): round trip, relative paths, atomic write, damaged files, label remapping.
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
    a.scores.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        a.scores[static_cast<std::size_t>(i)] = 0.25f * static_cast<float>(i);
    a.scores[3] = std::nanf("");
    a.scoresDetector = "iforest";
    ProjectImage b;
    b.synthSeed = 42;
    b.grid = GridSpec{56, 28, 0, 0};
    p.images = {a, b};
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
        QCOMPARE(q.images[0].scores.size(), p.images[0].scores.size());
        for (std::size_t i = 0; i < q.images[0].scores.size(); ++i) {
            const float x = p.images[0].scores[i], y = q.images[0].scores[i];
            QVERIFY(std::isnan(x) ? std::isnan(y) : x == y);
        }
        QCOMPARE(q.images[0].scoresDetector, std::string("iforest"));
        QVERIFY(q.images[1].synthSeed.has_value());
        QCOMPARE(*q.images[1].synthSeed, std::uint64_t(42));
        QVERIFY(q.images[1].labels.empty()); // size unknown: no labels yet
        QCOMPARE(q.currentImage, 1);
        QCOMPARE(q.detectorSettings, p.detectorSettings);
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
