#include "core/features/resampled_patches.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

namespace ds {

namespace {

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

ResampledPatches::ResampledPatches(const cv::Mat& image, const PatchGrid& grid, int outSide, const RunControl& rc)
    : m_image(image), m_grid(grid), m_outSide(outSide) {
    const GridSpec& spec = grid.spec();
    const double scale = 1.0 / (static_cast<double>(outSide) / spec.side);
    const bool area = image.type() == CV_32FC1 && outSide > 0 && outSide < spec.side && !grid.empty() &&
                      std::abs(scale - std::lround(scale)) >= DBL_EPSILON; // integer scales: another path of cv::resize
    if (!area || (spec.stride * outSide) % spec.side != 0)
        return;
    m_outStride = spec.stride * outSide / spec.side;
    const AxisWeights patch = areaWeights(spec.side, outSide);
    if (m_outStride == 0 || m_outStride > outSide || !repeats(patch, m_outStride, spec.stride))
        return;
    const AxisWeights xs = alongAxis(patch, grid.columns(), spec.originX, spec.stride, m_outStride);
    const AxisWeights ys = alongAxis(patch, grid.rows(), spec.originY, spec.stride, m_outStride);

    // Separable, as cv::resize does it: each source row is resampled along x into `row`, and the
    // rows are summed with their y weights - the same float operations in the same order.
    cv::Mat out(ys.size(), xs.size(), CV_32F);
    const int block = 16, blocks = (out.rows + block - 1) / block;
    const int chunk = block * std::max(1, cv::getNumThreads());
    for (int start = 0; start < blocks; start += chunk) {
        rc.throwIfStopped();
        cv::parallel_for_(cv::Range(start, std::min(blocks, start + chunk)), [&](const cv::Range& range) {
            std::vector<float> row(static_cast<std::size_t>(out.cols));
            for (int y = range.start * block; y < std::min(out.rows, range.end * block); ++y) {
                float* sum = out.ptr<float>(y);
                for (int k = ys.begin[y]; k < ys.begin[y + 1]; ++k) {
                    const float* s = image.ptr<float>(ys.src[k]);
                    for (int x = 0; x < out.cols; ++x) {
                        float v = 0;
                        for (int j = xs.begin[x]; j < xs.begin[x + 1]; ++j)
                            v += s[xs.src[j]] * xs.weight[j];
                        row[static_cast<std::size_t>(x)] = v;
                    }
                    const float beta = ys.weight[k];
                    if (k == ys.begin[y])
                        for (int x = 0; x < out.cols; ++x)
                            sum[x] = beta * row[static_cast<std::size_t>(x)];
                    else
                        for (int x = 0; x < out.cols; ++x)
                            sum[x] += beta * row[static_cast<std::size_t>(x)];
                }
            }
        });
    }
    rc.throwIfStopped();
    m_resampled = out;
}

cv::Mat ResampledPatches::view(int index) const {
    return m_resampled(cv::Rect(m_grid.column(index) * m_outStride, m_grid.row(index) * m_outStride, m_outSide, m_outSide));
}

cv::Mat ResampledPatches::patch(int index) const {
    return shared() ? view(index).clone() : extractPatch(m_image, m_grid, index, m_outSide);
}

void ResampledPatches::copyPatch(int index, float* out) const {
    const cv::Mat p = shared() ? view(index) : extractPatch(m_image, m_grid, index, m_outSide);
    for (int r = 0; r < p.rows; ++r)
        std::memcpy(out + static_cast<std::size_t>(r) * p.cols, p.ptr<float>(r), sizeof(float) * p.cols);
}

} // namespace ds
