#include "core/project/project_report.h"

#include "core/common/guard.h"
#include "core/io/pixel_size.h"
#include "core/io/read_micrograph.h"
#include "core/project/recorded_size.h"
#include "core/synth/synthetic_graphene.h"

#include <algorithm>

namespace ds {

Result<Micrograph> readImagePixels(const ProjectImage& image) {
    if (image.synthSeed)
        return guarded(image.displayName(),
                       [&] { return toMicrograph(synthesizeGraphene(demoSynthOptions(*image.synthSeed))); });
    ReadOptions options;
    options.frame = image.frame;
    return readMicrograph(image.path, options);
}

Result<ScoreReport> buildImageReport(const Micrograph& file, const ProjectImage& image) {
    Micrograph pixels = file; // shares the pixels; the calibration is its own
    if (image.pixelSize)      // stated by the user in the project: replaces the file's calibration
        applyPixelSize(pixels, *image.pixelSize, kCalibrationByUser);
    if (auto st = checkRecordedSize(image, pixels.width(), pixels.height()); !st)
        return st.error();
    const StoredRun* run = image.shown();
    if (!run)
        return make_error(ErrorCode::InvalidArgument, image.displayName() + ": the image has no detector run");
    if (run->result.grid.imageWidth() != pixels.width() || run->result.grid.imageHeight() != pixels.height())
        return make_error(ErrorCode::InvalidArgument, image.displayName() + ": the run was made on a " +
                                                          std::to_string(run->result.grid.imageWidth()) + " x " +
                                                          std::to_string(run->result.grid.imageHeight()) +
                                                          " image, the file is " + std::to_string(pixels.width()) +
                                                          " x " + std::to_string(pixels.height()));
    RunSpec spec = run->spec;
    if (run->userThreshold)
        spec.threshold = ThresholdPolicy{run->userThreshold, std::nullopt};
    // Only labels that say something: an all-unlabelled vector means "no labels" to the report.
    const bool labelled = image.labels.size() == run->result.scores.size() &&
                          std::any_of(image.labels.begin(), image.labels.end(),
                                      [](Label l) { return l != Label::Unlabelled; });
    return buildScoreReport(pixels, image.path.empty() ? image.displayName() : image.path, spec, run->result,
                            labelled ? image.labels : std::vector<Label>{}, labelled ? "hand" : "");
}

Status writeImageReport(const std::string& dir, const Micrograph& pixels, const ProjectImage& image,
                        const ScoreReport& report, ReportFiles files) {
    files.imagePath = image.path; // empty for the synthetic demo image: no command reproduces it
    return writeReportFolder(dir, pixels.pixels, report, files);
}

} // namespace ds
