#include "core/dataset/lattice_symmetry.h"

#include "core/grid/patch_grid.h"

#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

namespace ds {

std::vector<SymmetryOp> latticeSymmetryOps(double orientationDeg) {
    std::vector<SymmetryOp> ops;
    const double deg = std::numbers::pi / 180.0;
    for (int k = 1; k < 6; ++k) {
        const double a = 60.0 * k * deg, c = std::cos(a), s = std::sin(a);
        ops.push_back({"rot" + std::to_string(60 * k), cv::Matx22d(c, -s, s, c)});
    }
    for (int k = 0; k < 6; ++k) {
        // Reflection across the line at angle t: [[cos 2t, sin 2t], [sin 2t, -cos 2t]].
        const double t = (orientationDeg + 30.0 * k) * deg, c = std::cos(2 * t), s = std::sin(2 * t);
        ops.push_back({"mirror" + std::to_string(30 * k), cv::Matx22d(c, s, s, -c)});
    }
    return ops;
}

cv::Mat transformedPatch(const cv::Mat& normalised, const cv::Rect& rect, const SymmetryOp& op, int resample) {
    const double half = (rect.width - 1) / 2.0;
    const cv::Point2d centre(rect.x + half, rect.y + (rect.height - 1) / 2.0);
    for (double du : {-half, half})
        for (double dv : {-half, half}) {
            const cv::Vec2d d = op.map * cv::Vec2d(du, dv);
            const double x = centre.x + d[0], y = centre.y + d[1];
            if (x < 0 || y < 0 || x > normalised.cols - 1 || y > normalised.rows - 1)
                return {};
        }
    // Output pixel (u, v) samples source centre + map * ((u, v) - half): an inverse-mapped affine warp.
    const cv::Matx22d& m = op.map;
    const cv::Vec2d shift = cv::Vec2d(centre.x, centre.y) - m * cv::Vec2d(half, half);
    const cv::Matx23d warp(m(0, 0), m(0, 1), shift[0], m(1, 0), m(1, 1), shift[1]);
    cv::Mat moved;
    cv::warpAffine(normalised, moved, warp, rect.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP);
    const auto one = PatchGrid::create({rect.width, rect.width, 0, 0}, rect.width, rect.height);
    return one ? extractPatch(moved, *one, 0, resample) : cv::Mat();
}

} // namespace ds
