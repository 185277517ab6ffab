#include "ui/report/report_export.h"

#include "core/project/project_report.h"
#include "core/report/annotated_image.h"
#include "ui/session/session.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace ds::ui {

namespace {
Error notReportable(const QString& why) {
    return make_error(ErrorCode::InvalidArgument, why.toStdString());
}
} // namespace

Result<ReportSnapshot> snapshotImage(const Session& session, int index) {
    const ProjectImage* img = session.image(index);
    if (!img)
        return notReportable(
            QCoreApplication::translate("ds::ui::ReportExport", "no image is selected"));
    ReportSnapshot s;
    s.pixels = session.pixels(index);
    if (!s.pixels)
        return notReportable(
            QCoreApplication::translate("ds::ui::ReportExport", "the image is not loaded yet"));
    if (img->scores().empty())
        return notReportable(QCoreApplication::translate("ds::ui::ReportExport",
                                                         "the image has no detector scores"));
    if (static_cast<int>(img->scores().size()) != session.grid(index).size())
        return notReportable(QCoreApplication::translate(
            "ds::ui::ReportExport",
            "the scores do not match the patch grid (run the detector again)"));
    s.image = *img;
    s.baseName = img->path.empty()
                     ? QString::fromStdString(img->displayName())
                           .replace(QLatin1Char(' '), QLatin1Char('_'))
                           .remove(QLatin1Char('#'))
                     : QFileInfo(QString::fromStdString(img->path)).completeBaseName();
    return s;
}

Result<ScoreReport> buildReport(const ReportSnapshot& snapshot) {
    if (!snapshot.pixels)
        return make_error(ErrorCode::InvalidArgument, "no pixels");
    return buildImageReport(snapshot.pixels->micrograph, snapshot.image);
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
    return writeImageReport(folder.toStdString(), snapshot.pixels->micrograph, snapshot.image, report, withStyle);
}

} // namespace ds::ui
