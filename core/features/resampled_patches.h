#pragma once
// ResampledPatches: every patch of a grid resampled to outSide x outSide, exactly as extractPatch()
// resamples one patch (cv::resize, INTER_AREA when shrinking). Neighbouring patches overlap, and
// when the area weights repeat with the stride (64-px patches at stride 32 resampled to 48: the
// weights repeat every 4 pixels, the stride is 8 such periods) the overlap resamples to the same
// values in both patches. Then one separable pass over the image gives all patches at once - the
// work of one image instead of (side / stride)^2 images - with the same float operations in the
// same order as cv::resize, so the values are identical. Otherwise (integer or enlarging scales,
// strides off the period, non-float images) each patch is resampled on its own with extractPatch().
// Built once per image; patch() and copyPatch() are const and safe from any thread.
#include "core/common/run_control.h"
#include "core/grid/patch_grid.h"

#include <opencv2/core.hpp>

namespace ds {

class ResampledPatches {
public:
    // Runs the shared pass when it applies, on OpenCV's thread pool (polling rc between row blocks).
    ResampledPatches(const cv::Mat& image, const PatchGrid& grid, int outSide, const RunControl& rc = RunControl::none());

    // True when the patches come from the shared pass (for tests and benchmarks).
    bool shared() const { return !m_resampled.empty(); }

    // Patch `index` resampled: CV_32F, outSide x outSide, continuous (a new buffer or a clone).
    cv::Mat patch(int index) const;
    // The same values written row by row to out[0, outSide * outSide).
    void copyPatch(int index, float* out) const;

private:
    cv::Mat view(int index) const; // the patch inside m_resampled (shared pass only)

    cv::Mat m_image;
    PatchGrid m_grid;
    int m_outSide = 0;
    int m_outStride = 0;  // output pixels between neighbouring patches in m_resampled
    cv::Mat m_resampled;  // the shared pass: patch (c, r) is the outSide square at (c, r) * m_outStride
};

} // namespace ds
