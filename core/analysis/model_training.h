#pragma once
// Fitting one detector on patches pooled from several hand-labelled images (what
// `defectscope-cli train` and a GUI "train on project" run), giving a SavedModel ready for
// saveModel(). Synchronous; cancellable via RunControl.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/analysis/model_file.h"
#include "core/features/feature_matrix.h"
#include "core/analysis/run_spec.h"
#include "core/io/micrograph.h"
#include "core/labels/label_csv.h"

#include <span>
#include <vector>

namespace ds {

// `labels[i]` are the hand labels of `images[i]` (may be empty for one-class detectors). The grid is
// `config.grid` for every image, or each image's automatic grid (then the model stores "auto").
Result<SavedModel> trainModel(const std::vector<Micrograph>& images,
                              const std::vector<std::vector<LabelledRect>>& labels, const RunSpec& config,
                              const RunControl& rc = RunControl::none());

// The feature id a pooled model of `config` is fitted on (the detector's own when config gives
// none); Unsupported for detectors that read whole images. Errors carry no context prefix.
Result<std::string> pooledFeatureId(const RunSpec& config);

// Fits a detector configured by `config` on rows already pooled elsewhere (an exported patch
// dataset, the other images of a leave-one-image-out fold): `pooled.featureId` must be the feature id
// the rows hold; `labels` one per row. The model stores `config.grid` (empty = automatic) and
// `config.resample` for scoring new images. Errors carry no context prefix.
Result<SavedModel> fitPooledModel(const FeatureMatrix& pooled, std::span<const Label> labels,
                                  const RunSpec& config, const RunControl& rc = RunControl::none());

} // namespace ds
