#pragma once
// ResampledPatches: every patch of a grid resampled to outSide x outSide, exactly as extractPatch()
// resamples one patch (cv::resize, INTER_AREA when shrinking). Neighbouring patches overlap, and
// when the area weights repeat with the stride (64-px patches at stride 32 resampled to 48: the
// weights repeat every 4 pixels, the stride is 8 such periods) the overlap resamples to the same
// values in both patches. Then a separable pass over bands of a few patch rows gives all their
// patches at once - about the work of one image instead of (side / stride)^2 images - with the
// same float operations in the same order as cv::resize, so the values are identical. Otherwise (integer or enlarging scales,
// strides off the period, non-float images) each patch is resampled on its own with extractPatch().
// Built once per image; forRows() is const and safe from any thread.
#include "core/grid/patch_grid.h"

#include <functional>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

namespace detail {
// Area weights along one axis, flattened: output pixel o takes src[k] * weight[k] for k in
// [begin[o], begin[o + 1]), accumulated in that order.
struct AxisWeights {
    std::vector<int> begin{0};
    std::vector<int> src;
    std::vector<float> weight;

    int size() const { return static_cast<int>(begin.size()) - 1; }
    void add(int s, float w) { src.push_back(s), weight.push_back(w); }
    void close() { begin.push_back(static_cast<int>(src.size())); }
};
} // namespace detail

class ResampledPatches {
public:
    // Prepares the weights; no pixel work yet.
    ResampledPatches(const cv::Mat& image, const PatchGrid& grid, int outSide);

    // True when the patches come from the shared pass (for tests and benchmarks).
    bool shared() const { return m_outStride > 0; }

    // Calls fn(index, patch) for every patch of grid rows [rowBegin, rowEnd), in index order; patch
    // is CV_32F, outSide x outSide, and valid only during the call (a view of a per-thread band of
    // the shared pass - the band of a few patch rows, so no resampled copy of the whole image is
    // ever made - or extractPatch()'s result). Any thread; calls on different rows are independent.
    void forRows(int rowBegin, int rowEnd, const std::function<void(int index, const cv::Mat& patch)>& fn) const;

private:
    cv::Mat m_image;
    PatchGrid m_grid;
    int m_outSide = 0;
    int m_outStride = 0;  // output pixels between neighbouring patches; 0 when each patch is resampled alone
    detail::AxisWeights m_xs, m_ys; // the weights along whole rows and columns of the image (shared pass)
};

} // namespace ds
