#include "ui/report_export.h"

#include "core/eval/roc.h"
#include "core/report/annotated_image.h"
#include "ui/detector_results.h"
#include "ui/session.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace ds::ui {

namespace {
Error notReportable(const QString& why) {
    return make_error(ErrorCode::InvalidArgument, why.toStdString());
}
} // namespace

Result<ReportSnapshot> snapshotImage(const Session& session, int index,
                                     const DetectorResults* results) {
    const ProjectImage* img = session.image(index);
    if (!img)
        return notReportable(
            QCoreApplication::translate("ds::ui::ReportExport", "no image is selected"));
    ReportSnapshot s;
    s.pixels = session.pixels(index);
    if (!s.pixels)
        return notReportable(
            QCoreApplication::translate("ds::ui::ReportExport", "the image is not loaded yet"));
    s.grid = session.grid(index);
    if (img->scores.empty())
        return notReportable(QCoreApplication::translate("ds::ui::ReportExport",
                                                         "the image has no detector scores"));
    if (static_cast<int>(img->scores.size()) != s.grid.size())
        return notReportable(QCoreApplication::translate(
            "ds::ui::ReportExport",
            "the scores do not match the patch grid (run the detector again)"));
    s.imageName = img->path.empty() ? img->displayName() : img->path;
    s.baseName = img->path.empty()
                     ? QString::fromStdString(img->displayName())
                           .replace(QLatin1Char(' '), QLatin1Char('_'))
                           .remove(QLatin1Char('#'))
                     : QFileInfo(QString::fromStdString(img->path)).completeBaseName();
    s.scores = img->scores;
    s.pixelSize = img->pixelSize;
    // Only labels that say something: an all-unlabelled vector means "no labels" to the report.
    if (std::any_of(img->labels.begin(), img->labels.end(),
                    [](Label l) { return l != Label::Unlabelled; }) &&
        img->labels.size() == img->scores.size())
        s.labels = img->labels;
    s.config.detector = img->scoresDetector;

    const nlohmann::json& settings = session.project().detectorSettings;
    if (settings.is_object()) {
        if (settings.contains("features") && settings["features"].is_string())
            s.config.features = settings["features"].get<std::string>();
        // Parameters are stored per detector id; report those of the detector that scored.
        if (settings.contains("params") && settings["params"].is_object() &&
            settings["params"].contains(img->scoresDetector) &&
            settings["params"][img->scoresDetector].is_object())
            for (const auto& [name, value] : settings["params"][img->scoresDetector].items())
                if (value.is_number())
                    s.config.params[name] = value.get<double>();
    }
    if (results) {
        s.threshold = results->threshold();
        // A detector trained on hand labels scores those patches optimistically; the ROC panel
        // reads out-of-fold scores, and so does the report's AUROC.
        const DetectorImageResult* r = results->result(index, results->shownDetector(index));
        if (r && r->evalScores.size() == s.scores.size() && r->scores == s.scores) {
            s.evalScores = r->evalScores;
            s.config.features = r->features;
        }
    }
    return s;
}

Result<ScoreReport> buildReport(const ReportSnapshot& snapshot) {
    if (!snapshot.pixels)
        return make_error(ErrorCode::InvalidArgument, "no pixels");
    ImageScores scores;
    scores.grid = snapshot.grid;
    scores.scores = snapshot.scores;
    scores.detector = snapshot.config.detector;
    scores.features = snapshot.config.features;
    ThresholdPolicy policy;
    policy.value = snapshot.threshold;
    Micrograph image = snapshot.pixels->micrograph; // shares the pixels; the calibration is its own
    if (snapshot.pixelSize)
        applyPixelSize(image, *snapshot.pixelSize, kCalibrationByUser);
    auto report = buildScoreReport(
        image, snapshot.imageName, scores, snapshot.labels,
        snapshot.labels.empty() ? std::string() : std::string("hand"), snapshot.config, policy);
    if (!report || snapshot.evalScores.empty() || snapshot.labels.empty())
        return report;
    // Same scores on the figure and in the CSV; the AUROC from the honest scores.
    ScoreReport r = std::move(report).value();
    r.auroc.reset();
    r.aurocCi.reset();
    if (auto a = auroc(snapshot.evalScores, r.labels))
        r.auroc = *a;
    if (auto ci = aurocBootstrapCi(snapshot.evalScores, r.labels, 0.95, 1000, snapshot.config.seed))
        r.aurocCi = *ci;
    return r;
}

Result<QImage> renderReportPreview(const ReportSnapshot& snapshot, const ScoreReport& report,
                                   int maxSide) {
    if (!snapshot.pixels)
        return make_error(ErrorCode::InvalidArgument, "no pixels");
    auto bgr = renderAnnotatedImage(snapshot.pixels->micrograph.pixels, report, snapshot.style);
    if (!bgr)
        return bgr.error();
    const cv::Mat& m = bgr.value();
    if (m.type() != CV_8UC3)
        return make_error(ErrorCode::Internal, "the annotated image is not 8-bit BGR");
    QImage image(m.data, m.cols, m.rows, static_cast<qsizetype>(m.step), QImage::Format_BGR888);
    if (maxSide > 0 && std::max(m.cols, m.rows) > maxSide)
        return image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image.copy(); // detach from the cv::Mat's buffer
}

Status writeReport(const QString& folder, const ReportSnapshot& snapshot, const ScoreReport& report,
                   const ReportFiles& files) {
    if (!snapshot.pixels)
        return make_error(ErrorCode::InvalidArgument, "no pixels");
    ReportFiles withStyle = files;
    withStyle.style = snapshot.style; // the figure as previewed
    return writeReportFolder(folder.toStdString(), snapshot.pixels->micrograph.pixels, report,
                             withStyle);
}

} // namespace ds::ui
