#pragma once
// TruthPoint and point files: `x,y,kind` CSV as in shared/data/real/*.truth.csv (x = column, y = row,
// origin at the top-left pixel's corner), and the protocol's rule turning points (and an optional
// region mask) into per-patch labels.
#include "core/common/result.h"
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct TruthPoint {
    double x = 0, y = 0;
    std::string kind; // ring5, ring7, vacancy, dopant, stone_wales, grain_boundary, contamination...
};

Result<std::vector<TruthPoint>> readTruthPoints(const std::string& path);
Status writeTruthPoints(const std::string& path, const std::vector<TruthPoint>& points);

// Protocol labels: a patch is Defect when a point lies inside it or when `mask` (non-zero =
// anomalous, same size as the image, may be empty) covers more than a quarter of it; else Perfect.
std::vector<Label> labelsFromTruth(const PatchGrid& grid, const std::vector<TruthPoint>& points,
                                   const cv::Mat& mask = {});

} // namespace ds
