// Report files parsed back: the per-patch CSV (columns, one row per patch, scores that read back to
// the same floats, nm positions from the calibration), the JSON summary (fields, AUROC equal to the
// evaluator's, density = sites / area) and the annotated PNG (size, legend ramp, heat where the
// scores are high, scale bar). Scores are made up here, so the test does not depend on a detector.
#include "core/eval/roc.h"
#include "core/report/annotated_image.h"
#include "core/report/patch_csv.h"
#include "core/report/report_writer.h"
#include "core/report/score_report.h"
#include "core/report/summary_json.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

namespace {

struct Fixture {
    ds::Micrograph image;
    ds::RunResult scores;
    std::vector<ds::Label> labels;
};

// A 400x300 image, 40/20 grid; patches touching two "defect" blobs score high, others low with
// deterministic jitter. Calibration 0.02 nm/px with an origin of 1 nm.
Fixture makeFixture(bool calibrated = true) {
    Fixture f;
    f.image.pixels = cv::Mat(300, 400, CV_32F);
    cv::randu(f.image.pixels, 0.0, 1.0);
    if (calibrated) {
        f.image.x.scale = f.image.y.scale = 0.02;
        f.image.x.unit = f.image.y.unit = "nm";
        f.image.x.origin = 1.0;
    }
    f.scores.grid = ds::PatchGrid::create({40, 20, 0, 0}, 400, 300).value();
    f.scores.detector = "made-up";
    f.scores.features = "none";
    f.scores.seconds = 0.25;
    const cv::Point2d blobs[2] = {{90, 80}, {300, 220}};
    for (int i = 0; i < f.scores.grid.size(); ++i) {
        const cv::Rect r = f.scores.grid.rect(i);
        bool defect = false;
        for (const auto& b : blobs)
            defect = defect || r.contains(cv::Point(int(b.x), int(b.y)));
        f.labels.push_back(defect ? ds::Label::Defect : ds::Label::Perfect);
        f.scores.scores.push_back((defect ? 2.0f : 0.0f) + 0.001f * float((i * 7919) % 997) / 3.0f);
    }
    // One perfect patch scoring high, so the AUROC is not exactly 1 and the threshold matters.
    f.scores.scores[0] = 2.2f;
    f.scores.evalScores = f.scores.scores; // a self run: its honest scores are its scores
    return f;
}

ds::RunSpec specWith(const ds::ThresholdPolicy& policy) {
    ds::RunSpec spec;
    spec.threshold = policy;
    return spec;
}

std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            cells.push_back(cell);
        if (!line.empty() && line.back() == ',')
            cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}

} // namespace

class ReportFilesTest : public QObject {
    Q_OBJECT
private slots:
    void csvRoundTrips() {
        const Fixture f = makeFixture();
        auto report = ds::buildScoreReport(f.image, "img,1.tif", {}, f.scores, f.labels, "truth");
        QVERIFY(report.ok());
        QTemporaryDir tmp;
        const std::string path = tmp.filePath(QStringLiteral("patches.csv")).toStdString();
        QVERIFY(ds::writePatchCsv(path, *report).ok());
        // The image name holds a comma: it must be quoted, so parse with a quote-aware split.
        std::ifstream in(path);
        std::string header;
        std::getline(in, header);
        QCOMPARE(header, std::string(ds::kPatchCsvHeader));
        int n = 0;
        std::string line;
        while (std::getline(in, line)) {
            QVERIFY(line.rfind("\"img,1.tif\",", 0) == 0);
            std::stringstream ss(line.substr(std::string("\"img,1.tif\",").size()));
            std::vector<std::string> c;
            std::string cell;
            while (std::getline(ss, cell, ','))
                c.push_back(cell);
            QCOMPARE(int(c.size()), 16);
            const cv::Rect r = f.scores.grid.rect(n);
            QCOMPARE(std::stoi(c[0]), n);
            QCOMPARE(std::stoi(c[1]), r.x); // left_px, top_px: the corner
            QCOMPARE(std::stoi(c[2]), r.y);
            QCOMPARE(std::stoi(c[3]), 40);
            QCOMPARE(std::stoi(c[4]), 40);
            QCOMPARE(std::stod(c[5]), r.x + 20.0); // centre_x_px, centre_y_px
            QCOMPARE(std::stod(c[6]), r.y + 20.0);
            QVERIFY(std::abs(std::stod(c[7]) - (1.0 + r.x * 0.02)) < 1e-9); // left_nm (origin 1 nm)
            QVERIFY(std::abs(std::stod(c[8]) - r.y * 0.02) < 1e-9);
            QVERIFY(std::abs(std::stod(c[9]) - (1.0 + (r.x + 20) * 0.02)) < 1e-9); // centre_x_nm
            QVERIFY(std::abs(std::stod(c[10]) - (r.y + 20) * 0.02) < 1e-9);
            QVERIFY(std::abs(std::stod(c[11]) - 40 * 0.02) < 1e-9); // width_nm
            QCOMPARE(std::stof(c[13]), f.scores.scores[size_t(n)]); // exact: shortest round-trip form
            QCOMPARE(c[14], std::string(ds::labelName(f.labels[size_t(n)])));
            QCOMPARE(c[15], std::string(report->predicted(n) ? "1" : "0"));
            ++n;
        }
        QCOMPARE(n, f.scores.grid.size());
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
    }

    void uncalibratedCsvLeavesNmEmpty() {
        const Fixture f = makeFixture(false);
        auto report = ds::buildScoreReport(f.image, "a.tif", {}, f.scores, {}, "");
        QVERIFY(report.ok());
        QTemporaryDir tmp;
        const std::string path = tmp.filePath(QStringLiteral("p.csv")).toStdString();
        QVERIFY(ds::writePatchCsv(path, *report).ok());
        const auto rows = readCsv(path);
        QCOMPARE(int(rows.size()), f.scores.grid.size() + 1);
        for (int nm = 8; nm <= 13; ++nm) // left_nm ... height_nm
            QCOMPARE(rows[1][static_cast<std::size_t>(nm)], std::string());
        QCOMPARE(rows[1][15], std::string()); // no label
    }

    void summaryJsonFields() {
        Fixture f = makeFixture();
        f.scores.notes = {"lattice confidence 0.04 is below 0.10; automatic grid 48/24"};
        auto report = ds::buildScoreReport(f.image, "img.tif", {}, f.scores, f.labels, "truth");
        QVERIFY(report.ok());
        QTemporaryDir tmp;
        const std::string path = tmp.filePath(QStringLiteral("summary.json")).toStdString();
        QVERIFY(ds::writeJsonFile(path, ds::summaryJson(*report)).ok());
        std::ifstream in(path);
        const auto j = nlohmann::json::parse(in);
        for (const char* key : {"image", "calibration", "grid", "detector", "parameters", "auroc", "auroc_ci95",
                                "threshold", "defect_patches", "defect_density_per_nm2", "seconds", "versions"})
            QVERIFY2(j.contains(key), key);
        const double expected = ds::auroc(f.scores.scores, f.labels).value();
        QCOMPARE(j["auroc"].get<double>(), expected);
        QVERIFY(expected < 1.0 && expected > 0.9);
        QVERIFY(j["auroc_ci95"][0].get<double>() <= expected && expected <= j["auroc_ci95"][1].get<double>());
        QCOMPARE(j["patches"].get<int>(), f.scores.grid.size());
        QCOMPARE(j["grid"]["side"].get<int>(), 40);
        QVERIFY(j["notes"] == nlohmann::json(f.scores.notes)); // the pipeline's own decisions are on record
        QCOMPARE(j["threshold_rule"].get<std::string>(), std::string("youden"));
        // Youden on these scores separates the two blobs (plus the one high perfect patch).
        int predicted = 0;
        for (float s : f.scores.scores)
            predicted += s >= j["threshold"].get<double>();
        QCOMPARE(j["defect_patches"].get<int>(), predicted);
        // Two blobs + the lone high patch in the corner = three connected sites over the grid's area.
        QCOMPARE(j["defect_sites"].get<int>(), 3);
        const double area = (400 * 0.02) * (300 * 0.02);
        QVERIFY(std::abs(j["analysed_area_nm2"].get<double>() - area) < 1e-9);
        QVERIFY(std::abs(j["defect_density_per_nm2"].get<double>() - 3 / area) < 1e-12);
        QCOMPARE(j["versions"]["defectscope"].get<std::string>(), std::string(DEFECTSCOPE_VERSION));

        auto unlabelled = ds::buildScoreReport(f.image, "img.tif", {}, f.scores, {}, "");
        const auto u = ds::summaryJson(*unlabelled);
        QVERIFY(u["auroc"].is_null());
        QVERIFY(u["labels"].is_null());
        QCOMPARE(u["threshold_rule"].get<std::string>(), std::string("median+3mad"));
    }

    void annotatedPngHasLegendHeatAndScaleBar() {
        const Fixture f = makeFixture();
        auto report = ds::buildScoreReport(f.image, "img.tif", {}, f.scores, f.labels, "truth");
        QVERIFY(report.ok());
        QTemporaryDir tmp;
        const std::string path = tmp.filePath(QStringLiteral("annotated.png")).toStdString();
        QVERIFY(ds::writeAnnotatedPng(path, f.image.pixels, *report).ok());
        const cv::Mat png = cv::imread(path, cv::IMREAD_COLOR);
        const int band = ds::annotationHeaderHeight(400);
        QCOMPARE(png.cols, 400);
        QCOMPARE(png.rows, 300 + band);
        // Legend: the right part of the header holds the colour ramp - many distinct colours.
        std::set<int> colours;
        for (int y = 0; y < band; ++y)
            for (int x = png.cols / 2; x < png.cols; ++x) {
                const auto p = png.at<cv::Vec3b>(y, x);
                colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
            }
        QVERIFY2(colours.size() > 60, qPrintable(QString::number(colours.size())));
        // Heat (magma, like the GUI: dark for low scores, pale yellow for high): the defect blob is
        // brighter and warmer than a low-score area.
        auto mean = [&](cv::Rect r) { return cv::mean(png(r + cv::Point(0, band))); };
        const cv::Scalar blob = mean({80, 70, 20, 20}), low = mean({180, 130, 20, 20});
        QVERIFY((blob[0] + blob[1] + blob[2]) / 3 > (low[0] + low[1] + low[2]) / 3 + 40);
        QVERIFY(blob[2] - blob[0] > low[2] - low[0] + 20);
        // Scale bar: a white bar in the bottom-left corner.
        const cv::Mat corner = png(cv::Rect(0, png.rows - 40, 200, 40));
        int white = 0;
        for (int y = 0; y < corner.rows; ++y)
            for (int x = 0; x < corner.cols; ++x)
                white += corner.at<cv::Vec3b>(y, x) == cv::Vec3b(255, 255, 255);
        QVERIFY(white > 50);
        QCOMPARE(ds::niceScaleBarLength(8.0), 1.0);
        QCOMPARE(ds::niceScaleBarLength(10.4), 2.0);
        QCOMPARE(ds::niceScaleBarLength(300.0), 50.0);
    }

    void thresholdPolicies() {
        const Fixture f = makeFixture();
        const int n = f.scores.grid.size();
        ds::ThresholdPolicy top10;
        top10.contamination = 0.1;
        auto c = ds::buildScoreReport(f.image, "i", specWith(top10), f.scores, f.labels, "truth");
        QVERIFY(c.ok());
        QCOMPARE(c->predictedDefects(), int(std::ceil(0.1 * n))); // scores are distinct here
        QVERIFY(c->thresholdRule.rfind("contamination=0.1", 0) == 0);
        QVERIFY(c->auroc.has_value()); // the AUROC does not depend on the threshold rule
        ds::ThresholdPolicy fixed;
        fixed.value = 1.0;
        auto v = ds::buildScoreReport(f.image, "i", specWith(fixed), f.scores, {}, "");
        QCOMPARE(v->thresholdRule, std::string("fixed"));
        QCOMPARE(v->predictedDefects(), int(std::count_if(f.scores.scores.begin(), f.scores.scores.end(),
                                                          [](float s) { return s >= 1.0f; })));
        ds::ThresholdPolicy bad;
        bad.contamination = 1.5;
        QVERIFY(!ds::buildScoreReport(f.image, "i", specWith(bad), f.scores, {}, "").ok());
    }

    void reportFolderIsWrittenAsASet() {
        const Fixture f = makeFixture();
        auto report = ds::buildScoreReport(f.image, "img.tif", {}, f.scores, f.labels, "truth");
        QTemporaryDir tmp;
        const std::filesystem::path ok = tmp.filePath(QStringLiteral("ok")).toStdString();
        ds::ReportFiles files;
        files.extraSummary = {{"folder", "img"}};
        QVERIFY(ds::writeReportFolder(ok.string(), f.image.pixels, *report, files).ok());
        int entries = 0;
        for (const auto& e : std::filesystem::directory_iterator(ok))
            entries += e.is_regular_file();
        QCOMPARE(entries, 3);
        std::ifstream in(ok / "summary.json");
        QCOMPARE(nlohmann::json::parse(in)["folder"].get<std::string>(), std::string("img"));
        // Drawn over a grey view made earlier (the batch's way), the figure is the same file, and
        // the pixels handed in are not read.
        const std::filesystem::path viaGrey = tmp.filePath(QStringLiteral("grey")).toStdString();
        ds::ReportFiles greyFiles = files;
        greyFiles.displayGrey = ds::displayGrey(f.image.pixels);
        QVERIFY(ds::writeReportFolder(viaGrey.string(), cv::Mat(), *report, greyFiles).ok());
        QVERIFY(fileBytes(viaGrey / "annotated.png") == fileBytes(ok / "annotated.png"));
        QVERIFY(!fileBytes(ok / "annotated.png").empty());
        // The figure cannot be drawn (wrong image size): nothing at all is published.
        const std::filesystem::path bad = tmp.filePath(QStringLiteral("bad")).toStdString();
        QVERIFY(!ds::writeReportFolder(bad.string(), cv::Mat(5, 5, CV_32F, cv::Scalar(0)), *report).ok());
        QVERIFY(std::filesystem::is_empty(bad));
    }

    void mismatchedInputsAreErrors() {
        Fixture f = makeFixture();
        f.labels.pop_back();
        QVERIFY(!ds::buildScoreReport(f.image, "x", {}, f.scores, f.labels, "truth").ok());
        auto report = ds::buildScoreReport(f.image, "x", {}, f.scores, {}, "");
        QVERIFY(report.ok());
        // The size comes from the scores' grid; pixels of another size are refused, none are fine.
        ds::Micrograph other = f.image;
        other.pixels = cv::Mat(300, 401, CV_32F, cv::Scalar(0));
        const auto mismatch = ds::buildScoreReport(other, "x", {}, f.scores, {}, "");
        QVERIFY(!mismatch.ok());
        QVERIFY(QString::fromStdString(mismatch.error().message).contains("400 x 300 image, not 401 x 300"));
        other.pixels = cv::Mat();
        const auto noPixels = ds::buildScoreReport(other, "x", {}, f.scores, {}, "");
        QVERIFY(noPixels.ok());
        QCOMPARE(noPixels->imageWidth, 400);
        QCOMPARE(noPixels->imageHeight, 300);
        QCOMPARE(noPixels->x.scale, f.image.x.scale);
        QVERIFY(!ds::renderAnnotatedImage(cv::Mat(10, 10, CV_32F, cv::Scalar(0)), *report).ok());
        QVERIFY(!ds::renderAnnotatedGrey(cv::Mat(10, 10, CV_8U, cv::Scalar(0)), *report).ok());
        QVERIFY(!ds::renderAnnotatedGrey(f.image.pixels, *report).ok()); // float pixels are not a grey view
        QVERIFY(!ds::writePatchCsv("/nonexistent-dir/x/patches.csv", *report).ok());
    }
};

QTEST_APPLESS_MAIN(ReportFilesTest)
#include "report_files_test.moc"
