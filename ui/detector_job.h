#pragma once
// DetectorJob: the value types and the synchronous function a detector run executes on a worker
// thread - everything it needs is copied into DetectorRequest (pixels are shared immutable), so the
// job never touches the Session or any QObject. When a run fits on hand labels ("Train"), the scores
// used for validation are k-fold out-of-fold: each labelled patch is scored by a model that did not
// see its label, so the ROC panel never shows training-set performance. Thread-agnostic.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/detect/pipeline.h"
#include "core/labels/label.h"
#include "ui/image_loader.h"
#include "ui/loaded_image.h"

#include <memory>
#include <string>
#include <vector>

namespace ds::ui {

struct DetectorImageInput {
    int imageIndex = -1;
    std::shared_ptr<const LoadedImage> pixels; // null: loaded by the job from `source`
    ImageSource source;
    GridSpec grid;
    std::vector<Label> labels; // hand labels at the time of the request (one per patch)
};

struct DetectorRequest {
    PipelineConfig config;     // detector id, features, parameters, seed (grid set per image)
    bool train = false;        // fit on the hand labels (then validation scores are out-of-fold)
    int folds = 5;             // k for the out-of-fold scores
    std::vector<DetectorImageInput> images;
};

struct DetectorImageResult {
    int imageIndex = -1;
    std::string detector, features;
    GridSpec grid;                 // the grid the scores belong to
    std::vector<float> scores;     // the model fitted on every label given, one per patch
    std::vector<float> evalScores; // honest scores: out-of-fold for patches it trained on, else = scores
    std::vector<Label> trainedOn;  // labels the fit used (all Unlabelled when it used none)
    double seconds = 0;
    std::vector<std::string> notes;
};

// Returns the first error (Cancelled when rc was stopped). Progress covers all images.
Result<std::vector<DetectorImageResult>> runDetectorJob(const DetectorRequest& request, const RunControl& rc);

} // namespace ds::ui
