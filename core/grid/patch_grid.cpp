#include "core/grid/patch_grid.h"

#include "core/grid/grid_spec_check.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

namespace ds {

Result<PatchGrid> PatchGrid::create(const GridSpec& spec, int imageWidth, int imageHeight) {
    if (auto st = checkGridSpec(spec); !st)
        return st.error();
    const int spanX = imageWidth - spec.originX - spec.side;
    const int spanY = imageHeight - spec.originY - spec.side;
    if (spanX < 0 || spanY < 0)
        return make_error(ErrorCode::InvalidArgument,
                          "patch of " + std::to_string(spec.side) + " px does not fit in a " +
                              std::to_string(imageWidth) + " x " + std::to_string(imageHeight) + " image");
    const long long cols = spanX / spec.stride + 1LL, rows = spanY / spec.stride + 1LL;
    if (cols * rows > kMaxPatchesPerImage)
        return make_error(ErrorCode::InvalidArgument,
                          "a grid of " + std::to_string(cols) + " x " + std::to_string(rows) + " patches (side " +
                              std::to_string(spec.side) + ", stride " + std::to_string(spec.stride) +
                              ") is more than the limit of " + std::to_string(kMaxPatchesPerImage) +
                              " patches per image");
    PatchGrid g;
    g.m_spec = spec;
    g.m_imageWidth = imageWidth;
    g.m_imageHeight = imageHeight;
    g.m_cols = spanX / spec.stride + 1;
    g.m_rows = spanY / spec.stride + 1;
    return g;
}

cv::Rect PatchGrid::rect(int index) const {
    return {m_spec.originX + column(index) * m_spec.stride, m_spec.originY + row(index) * m_spec.stride,
            m_spec.side, m_spec.side};
}

std::vector<int> PatchGrid::patchesContaining(double x, double y) const {
    // Patch c covers [ox + c*s, ox + c*s + side): solve for the range of c.
    std::vector<int> out;
    if (empty())
        return out;
    const double s = m_spec.stride, side = m_spec.side;
    const double rx = x - m_spec.originX, ry = y - m_spec.originY;
    const int c0 = std::max(0, static_cast<int>(std::floor((rx - side) / s)) + 1);
    const int c1 = std::min(m_cols - 1, static_cast<int>(std::floor(rx / s)));
    const int r0 = std::max(0, static_cast<int>(std::floor((ry - side) / s)) + 1);
    const int r1 = std::min(m_rows - 1, static_cast<int>(std::floor(ry / s)));
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const cv::Rect rc = rect(index(c, r));
            if (x >= rc.x && x < rc.x + rc.width && y >= rc.y && y < rc.y + rc.height)
                out.push_back(index(c, r));
        }
    return out;
}

std::vector<int> PatchGrid::patchesIntersecting(const cv::Rect& area) const {
    std::vector<int> out;
    if (empty() || area.width <= 0 || area.height <= 0)
        return out;
    const double s = m_spec.stride, side = m_spec.side;
    const double ax0 = area.x - m_spec.originX, ay0 = area.y - m_spec.originY;
    const double ax1 = ax0 + area.width, ay1 = ay0 + area.height; // exclusive
    const int c0 = std::max(0, static_cast<int>(std::floor((ax0 - side) / s)) + 1);
    const int c1 = std::min(m_cols - 1, static_cast<int>(std::ceil(ax1 / s)) - 1);
    const int r0 = std::max(0, static_cast<int>(std::floor((ay0 - side) / s)) + 1);
    const int r1 = std::min(m_rows - 1, static_cast<int>(std::ceil(ay1 / s)) - 1);
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c)
            if ((rect(index(c, r)) & area).area() > 0)
                out.push_back(index(c, r));
    return out;
}

cv::Mat extractPatch(const cv::Mat& image, const PatchGrid& grid, int index, int outSide) {
    const cv::Mat roi = image(grid.rect(index));
    cv::Mat f;
    if (roi.type() == CV_32F && outSide > 0 && outSide != roi.cols)
        f = roi; // resize() reads the float view directly: no copy per patch
    else
        roi.convertTo(f, CV_32F); // a new buffer, never a view of the image
    if (outSide <= 0 || outSide == f.cols)
        return f;
    cv::Mat out;
    cv::resize(f, out, cv::Size(outSide, outSide), 0, 0, outSide < f.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

} // namespace ds
