#pragma once
// HeldOutRoc: the ROC panel's leave-one-image-out view, as value types and the synchronous
// function a worker runs - the shown detector (its run's spec) is fitted on the hand labels of the
// project's OTHER labelled images and scores the current image, which it never saw; every labelled
// image is held out in turn for the pooled AUROC. The science is core's evaluateCrossImage(), the
// same as `defectscope-cli evaluate --cross-image`; this only loads images not yet in memory and
// turns the current image's held-out scores into a drawable curve. The request is a snapshot
// (shared immutable pixels, copied labels): the job never touches the Session. Thread-agnostic.
#include "core/analysis/run_spec.h"
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/eval/roc.h"
#include "core/labels/label.h"
#include "ui/jobs/roc_computation.h"
#include "ui/session/image_loader.h"
#include "ui/session/loaded_image.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ds::ui {

class DetectorResults;
class Session;

struct HeldOutImageInput {
    std::uint64_t imageId = 0;
    std::string name;                          // for messages
    std::shared_ptr<const LoadedImage> pixels; // null: loaded by the job from `source`
    ImageSource source;
    GridSpec grid;
    std::vector<Label> labels; // hand labels, one per patch of `grid`
};

struct HeldOutRocRequest {
    RunSpec spec;                 // the shown run's (resolved); each image keeps its own grid
    std::vector<HeldOutImageInput> images; // every image with hand labels, the current one included
    std::uint64_t currentId = 0;
    int bootstrapResamples = kDefaultBootstrapResamples;
};

struct HeldOutRocResult {
    std::string detector;
    RocCurveResult current;        // the current image scored by the model fitted without it
    Interval currentCi{1, 0};      // its bootstrap 95 % interval (low > high: none)
    int trainDefect = 0, trainPerfect = 0; // labelled patches of the other images it was fitted on
    int images = 0;                // labelled images held out in turn
    double pooledAuroc = 0;        // every image's held-out scores ranked together
    Interval pooledCi{1, 0};
};

// The images with hand labels (hasHandLabels) in the project; held-out needs two, the current one among them.
int handLabelledImages(const Session& session);
// The request for the current image, which must have a shown run and hand labels. GUI thread.
HeldOutRocRequest heldOutRequest(const Session& session, const DetectorResults& results);

// Errors name the image and the reason (a fold without both classes, an unreadable file...).
Result<HeldOutRocResult> computeHeldOutRoc(const HeldOutRocRequest& request, const RunControl& rc);

} // namespace ds::ui
