#pragma once
// DetectorJob: the value types and the synchronous function a detector run executes on a worker
// thread - everything it needs is copied into DetectorRequest (pixels are shared immutable), so the
// job never touches the Session or any QObject. The science is core's runImage(): this only loads
// images not yet in memory and runs the one spec on each image's grid and labels. Thread-agnostic.
#include "core/analysis/run_image.h"
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/labels/label.h"
#include "ui/session/image_loader.h"
#include "ui/session/loaded_image.h"

#include <memory>
#include <string>
#include <vector>

namespace ds::ui {

struct DetectorImageInput {
    std::uint64_t imageId = 0;                 // ProjectImage::id: stable while images come and go
    std::shared_ptr<const LoadedImage> pixels; // null: loaded by the job from `source`
    ImageSource source;
    GridSpec grid;
    std::vector<Label> labels; // hand labels at the time of the request (one per patch)
};

struct DetectorRequest {
    RunSpec spec; // resolved; its grid is set per image from DetectorImageInput::grid
    std::vector<DetectorImageInput> images;
};

struct DetectorImageResult {
    std::uint64_t imageId = 0;
    RunSpec spec;  // as run on this image (its grid set)
    RunResult run;
};

struct DetectorImageFailure {
    std::uint64_t imageId = 0;
    std::string message; // names the image and the reason
};

struct DetectorJobResult {
    std::vector<DetectorImageResult> results;
    std::vector<DetectorImageFailure> failures; // images that could not be scored (others still were)
};

// Runs the spec on every image, continuing past images that fail (listed in `failures`). Fails as
// a whole only when cancelled (ErrorCode::Cancelled). Progress covers all images.
Result<DetectorJobResult> runDetectorJob(const DetectorRequest& request, const RunControl& rc);

} // namespace ds::ui
