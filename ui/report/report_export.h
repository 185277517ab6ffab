#pragma once
// Report export for the GUI: a value snapshot of what one scored image's report needs (shared
// immutable pixels and a copy of the project image with its runs and labels), taken on the GUI
// thread from the Session, and the plain functions a worker thread runs on it - build the core
// ScoreReport (core/project/project_report.h, as `defectscope-cli report` does), render the annotated figure as a QImage for the preview, write the report folder
// with core writeReportFolder(). The snapshot never refers to the Session or any QObject, so a
// worker can outlive the dialog that started it. Snapshot: GUI thread; the rest: any thread.
#include "core/common/result.h"
#include "core/report/annotated_image.h"
#include "core/project/project.h"
#include "core/report/report_writer.h"
#include "core/report/score_report.h"
#include "ui/session/loaded_image.h"

#include <QImage>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ds::ui {

class Session;

struct ReportSnapshot {
    std::shared_ptr<const LoadedImage> pixels;
    ProjectImage image;    // a copy: its shown run, its labels, its path
    QString baseName;      // file stem, for a default output folder name
    AnnotationStyle style; // the figure: the GUI's heat-map opacity when exported from it
};

// What is missing when the image cannot be reported (no run, pixels not loaded, grid changed).
Result<ReportSnapshot> snapshotImage(const Session& session, int index);

// The report as the core writers see it (core buildImageReport). Any thread (the bootstrap takes
// a while).
Result<ScoreReport> buildReport(const ReportSnapshot& snapshot);

// The annotated figure (full resolution), converted to a QImage no larger than `maxSide` on its
// longer side (0 = full size). Any thread.
Result<QImage> renderReportPreview(const ReportSnapshot& snapshot, const ScoreReport& report,
                                   int maxSide = 0);

// Writes the chosen files of the report into `folder` (created when missing); nothing is left
// looking complete when it fails. Any thread.
Status writeReport(const QString& folder, const ReportSnapshot& snapshot, const ScoreReport& report,
                   const ReportFiles& files);

} // namespace ds::ui
