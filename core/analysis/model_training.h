#pragma once
// Fitting one detector on patches pooled from several hand-labelled images (what
// `defectscope-cli train` and a GUI "train on project" run), giving a SavedModel ready for
// saveModel(). Synchronous; cancellable via RunControl.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/detect/model_file.h"
#include "core/analysis/run_spec.h"
#include "core/io/micrograph.h"
#include "core/labels/label_csv.h"

#include <vector>

namespace ds {

// `labels[i]` are the hand labels of `images[i]` (may be empty for one-class detectors). The grid is
// `config.grid` for every image, or each image's automatic grid (then the model stores "auto").
Result<SavedModel> trainModel(const std::vector<Micrograph>& images,
                              const std::vector<std::vector<LabelledRect>>& labels, const RunSpec& config,
                              const RunControl& rc = RunControl::none());

} // namespace ds
