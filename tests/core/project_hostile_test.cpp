// Damaged or hostile project files (issue 17): a 246-byte .dsproj claiming a 40000^2 image with a
// 1 px grid made the GUI allocate 4.8 GB before it reported anything; labels that are not lists of
// whole numbers ("all", 1.5) were accepted. Each must fail with a message naming the image, quickly
// and without a large allocation (peak RSS is checked).
#include "core/grid/patch_grid.h"
#include "core/io/read_micrograph.h"
#include "core/project/project_file.h"
#include "core/project/recorded_size.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace ds;
using nlohmann::json;

namespace {

json projectWith(const json& image) {
    return json{{"format", "defectscope-project"}, {"version", 1}, {"images", json::array({image})}};
}

json image(int width, int height, int side, int stride, const json& labels) {
    return json{{"path", "a.tif"},
                {"width", width},
                {"height", height},
                {"grid", {{"side", side}, {"stride", stride}}},
                {"labels", labels}};
}

long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class ProjectHostileTest : public QObject {
    Q_OBJECT
private slots:
    void hugeImageWithTinyGridIsRefusedWithoutAllocating() {
        const long before = peakRssKiB();
        auto p = projectFromJson(projectWith(image(40000, 40000, 1, 1, json::object())), "/tmp");
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::Format);
        QVERIFY2(p.error().message.find("image 0: implausible image size 40000 x 40000") == 0, p.error().message.c_str());
        // Within the pixel limit, a 1 px grid is still too many patches.
        auto q = projectFromJson(projectWith(image(16000, 16000, 1, 1, json::object())), "/tmp");
        QVERIFY(!q.ok());
        QVERIFY2(q.error().message.find("patches per image") != std::string::npos, q.error().message.c_str());
        QVERIFY2(peakRssKiB() - before < 200 * 1024, qPrintable(QString("peak RSS grew by %1 KiB").arg(peakRssKiB() - before)));
    }

    void labelsMustBeListsOfWholeNumbers() {
        for (const json& labels : {json("all"), json{{"defect", "all"}}, json{{"defect", {1.5}}}, json{{"perfect", {"3"}}}}) {
            auto p = projectFromJson(projectWith(image(200, 150, 40, 20, labels)), "/tmp");
            QVERIFY2(!p.ok(), labels.dump().c_str());
            QCOMPARE(p.error().code, ErrorCode::Format);
            QVERIFY2(p.error().message.rfind("image 0: ", 0) == 0, p.error().message.c_str());
        }
        auto fine = projectFromJson(projectWith(image(200, 150, 40, 20, json{{"defect", {0, 2}}})), "/tmp");
        QVERIFY2(fine.ok(), fine.ok() ? "" : fine.error().message.c_str());
        QCOMPARE(fine->images.front().labels[2], Label::Defect);
    }

    void patchGridRefusesMoreThanTheLimit() {
        auto g = PatchGrid::create(GridSpec{1, 1, 0, 0}, 8192, 8192);
        QVERIFY(!g.ok());
        QCOMPARE(g.error().code, ErrorCode::InvalidArgument);
        QVERIFY(PatchGrid::create(GridSpec{2, 2, 0, 0}, 8192, 8192).ok()); // 4096^2 = exactly the limit
        QCOMPARE(static_cast<long long>(PatchGrid::create(GridSpec{2, 2, 0, 0}, 8192, 8192)->size()), kMaxPatchesPerImage);
    }

    // Case 4 in projects: an image whose file name is not UTF-8 made saving the whole project fail
    // (nlohmann type_error.316), so no label of any image could be saved. The name is kept as in
    // every other JSON output: invalid bytes become U+FFFD (core/common/utf8_text.h).
    void projectWithNonUtf8ImageNameIsSaved() {
        QTemporaryDir dir;
        Project project;
        ProjectImage img;
        img.path = dir.filePath("scan").toStdString() + "\xff\xfe.tif";
        img.width = img.height = 96;
        img.labels.assign(9, Label::Unlabelled);
        img.labels[4] = Label::Defect;
        project.addImage(img);
        const std::string path = dir.filePath("names.dsproj").toStdString();
        const auto saved = writeProject(path, project);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
        auto back = readProject(path);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->images.front().path, dir.filePath("scan").toStdString() + "\xef\xbf\xbd\xef\xbf\xbd.tif");
        QCOMPARE(back->images.front().labels[4], Label::Defect);
    }

    // A project records each image's size; the file on disk is checked against it by name.
    void recordedSizeIsCheckedAgainstTheFile() {
        ProjectImage img;
        img.path = "/data/a.tif";
        img.width = 320;
        img.height = 336;
        QVERIFY(checkRecordedSize(img, 320, 336).ok());
        const auto st = checkRecordedSize(img, 320, 320);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().message, std::string("/data/a.tif is 320 x 320 px on disk but 320 x 336 px in the project: its "
                                                 "grid, labels and runs belong to another image"));
        img.width = img.height = 0; // not loaded yet: nothing to compare
        QVERIFY(checkRecordedSize(img, 320, 320).ok());
    }
};

QTEST_APPLESS_MAIN(ProjectHostileTest)
#include "project_hostile_test.moc"
