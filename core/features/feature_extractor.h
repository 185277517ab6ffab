#pragma once
// Patch feature extraction by id: turns a normalised image and a PatchGrid into a FeatureMatrix,
// one row per patch. Ids (used by CLI, GUI and project files): `raw` (resampled pixels), `stats`
// (intensity statistics), `fft` (Hann-windowed FFT magnitude, translation invariant), `hog` (dlib
// FHOG), and '+'-joined concatenations such as `stats+fft`. Synchronous; parallel over patches on
// OpenCV's thread pool; cancellable via RunControl.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/features/feature_matrix.h"
#include "core/grid/patch_grid.h"

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// The single (non-joined) ids, in the order the GUI lists them.
std::vector<std::string> availableFeatures();

// Columns produced by `featureId` for patches resampled to `resampleSide`; error for unknown ids.
Result<int> featureDimension(const std::string& featureId, int resampleSide);

// `normalisedImage` comes from normaliseImage(). An empty featureId gives a matrix with 0 columns
// (for detectors that read the image) but `image` and `grid` always filled.
Result<FeatureMatrix> computeFeatures(const cv::Mat& normalisedImage, const PatchGrid& grid,
                                      const std::string& featureId, int resampleSide = 48,
                                      const RunControl& rc = RunControl::none());

// Features of one already resampled patch (CV_32F, side x side) written to `out` (featureDimension
// floats). Exposed for tests and for callers that extract patches themselves.
Status patchFeatures(const cv::Mat& patch, const std::string& featureId, float* out);

// FHOG of one patch (hog_features.cpp, the only file that includes dlib's image transforms).
int hogDimension(int side);
void hogFeatures(const cv::Mat& patch, float* out);

} // namespace ds
