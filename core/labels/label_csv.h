#pragma once
// Hand-label files: CSV `x,y,width,height,label` (label `defect` or `perfect`), one rectangle per
// labelled patch, and the mapping of those rectangles onto a PatchGrid. Plain functions; any thread.
#include "core/common/result.h"
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct LabelledRect {
    cv::Rect rect;
    Label label = Label::Unlabelled;
};

Result<std::vector<LabelledRect>> readLabelCsv(const std::string& path);
Status writeLabelCsv(const std::string& path, const std::vector<LabelledRect>& rects);

// One label per patch of `grid`: a patch takes the label of a rectangle that overlaps it with
// intersection-over-union >= 0.5 (so labels drawn on a slightly different grid still land);
// Defect wins over Perfect when both apply. Everything else stays Unlabelled.
std::vector<Label> labelsFromRects(const PatchGrid& grid, const std::vector<LabelledRect>& rects);

// The labelled patches of `grid` as rectangles (the inverse of labelsFromRects on the same grid).
std::vector<LabelledRect> rectsFromLabels(const PatchGrid& grid, const std::vector<Label>& labels);

} // namespace ds
