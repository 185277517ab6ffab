#include "core/features/resampled_patches.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

namespace ds {

namespace {

using detail::AxisWeights;

// The area weights of `in` -> `out` pixels (out < in) that cv::resize uses for INTER_AREA at a
// non-integer scale, in its order: the covered fraction of the first pixel, the whole pixels, the
// covered fraction of the last one, each divided by the cell width. The scale is derived as
// cv::resize derives it from the sizes, so the float weights are bit for bit the same.
AxisWeights areaWeights(int in, int out) {
    const double scale = 1.0 / (static_cast<double>(out) / in);
    AxisWeights a;
    for (int o = 0; o < out; ++o) {
        const double from = o * scale, to = from + scale;
        const double cell = std::min(scale, in - from);
        const int last = std::min(static_cast<int>(std::floor(to)), in - 1);
        const int first = std::min(static_cast<int>(std::ceil(from)), last);
        if (first - from > 1e-3)
            a.add(first - 1, static_cast<float>((first - from) / cell));
        for (int s = first; s < last; ++s)
            a.add(s, static_cast<float>(1.0 / cell));
        if (to - last > 1e-3)
            a.add(last, static_cast<float>(std::min(std::min(to - last, 1.0), cell) / cell));
        a.close();
    }
    return a;
}

// True when the weights of output pixels [outStride, out) are those of [0, out - outStride) moved
// by `stride` source pixels: then a pixel two neighbouring patches share resamples the same in both.
bool repeats(const AxisWeights& a, int outStride, int stride) {
    for (int o = outStride; o < a.size(); ++o) {
        const int p = o - outStride;
        if (a.begin[o + 1] - a.begin[o] != a.begin[p + 1] - a.begin[p])
            return false;
        for (int k = a.begin[o], q = a.begin[p]; k < a.begin[o + 1]; ++k, ++q)
            if (a.src[k] != a.src[q] + stride || a.weight[k] != a.weight[q])
                return false;
    }
    return true;
}

// The weights of one patch laid along a whole axis of `cells` patches: output pixel x belongs to
// patch min(x / outStride, cells - 1), whose source pixels start at origin + patch * stride.
AxisWeights alongAxis(const AxisWeights& patch, int cells, int origin, int stride, int outStride) {
    AxisWeights a;
    const int length = (cells - 1) * outStride + patch.size();
    for (int x = 0; x < length; ++x) {
        const int cell = std::min(x / outStride, cells - 1), o = x - cell * outStride;
        for (int k = patch.begin[o]; k < patch.begin[o + 1]; ++k)
            a.add(patch.src[k] + origin + cell * stride, patch.weight[k]);
        a.close();
    }
    return a;
}

} // namespace

ResampledPatches::ResampledPatches(const cv::Mat& image, const PatchGrid& grid, int outSide)
    : m_image(image), m_grid(grid), m_outSide(outSide) {
    const GridSpec& spec = grid.spec();
    const double scale = 1.0 / (static_cast<double>(outSide) / spec.side);
    const bool area = image.type() == CV_32FC1 && outSide > 0 && outSide < spec.side && !grid.empty() &&
                      std::abs(scale - std::lround(scale)) >= DBL_EPSILON; // integer scales: another path of cv::resize
    if (!area || (spec.stride * outSide) % spec.side != 0)
        return;
    const int outStride = spec.stride * outSide / spec.side;
    const AxisWeights patch = areaWeights(spec.side, outSide);
    if (outStride == 0 || outStride > outSide || !repeats(patch, outStride, spec.stride))
        return;
    m_outStride = outStride;
    m_xs = alongAxis(patch, grid.columns(), spec.originX, spec.stride, m_outStride);
    m_ys = alongAxis(patch, grid.rows(), spec.originY, spec.stride, m_outStride);
}

void ResampledPatches::forRows(int rowBegin, int rowEnd, const std::function<void(int, const cv::Mat&)>& fn) const {
    if (!shared()) {
        for (int i = m_grid.index(0, rowBegin); i < m_grid.index(0, rowEnd); ++i)
            fn(i, extractPatch(m_image, m_grid, i, m_outSide));
        return;
    }
    // The band of output rows these patch rows cover, in a buffer each thread keeps (so its pages
    // are touched once, not once per band).
    const int y0 = rowBegin * m_outStride, y1 = (rowEnd - 1) * m_outStride + m_outSide;
    const int width = m_xs.size();
    thread_local std::vector<float> bandBuffer, rowBuffer;
    bandBuffer.resize(static_cast<std::size_t>(y1 - y0) * width);
    rowBuffer.resize(static_cast<std::size_t>(width));
    const cv::Mat band(y1 - y0, width, CV_32F, bandBuffer.data());
    float* row = rowBuffer.data();
    // Separable, as cv::resize does it: each source row is resampled along x into `row`, and the
    // rows are summed with their y weights - the same float operations in the same order.
    for (int y = y0; y < y1; ++y) {
        float* sum = bandBuffer.data() + static_cast<std::size_t>(y - y0) * width;
        for (int k = m_ys.begin[y]; k < m_ys.begin[y + 1]; ++k) {
            const float* s = m_image.ptr<float>(m_ys.src[k]);
            for (int x = 0; x < width; ++x) {
                float v = 0;
                for (int j = m_xs.begin[x]; j < m_xs.begin[x + 1]; ++j)
                    v += s[m_xs.src[j]] * m_xs.weight[j];
                row[x] = v;
            }
            const float beta = m_ys.weight[k];
            if (k == m_ys.begin[y])
                for (int x = 0; x < width; ++x)
                    sum[x] = beta * row[x];
            else
                for (int x = 0; x < width; ++x)
                    sum[x] += beta * row[x];
        }
    }
    for (int r = rowBegin; r < rowEnd; ++r)
        for (int c = 0; c < m_grid.columns(); ++c)
            fn(m_grid.index(c, r), band(cv::Rect(c * m_outStride, r * m_outStride - y0, m_outSide, m_outSide)));
}

} // namespace ds
