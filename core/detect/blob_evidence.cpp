#include "core/detect/blob_evidence.h"

#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {

// Column image widths (Gaussian sigma) searched, in bond lengths: a carbon column's image is about
// 0.2 bond wide (probe-limited), a dopant or a small cluster of them up to half a bond.
constexpr double kMinSigmaBonds = 0.2, kMaxSigmaBonds = 0.5;
// Scale step of the search (each step's DoG band overlaps the next).
constexpr double kSigmaStep = 1.4;
// Difference of Gaussians sigma ratio, the usual approximation of the scale-normalised Laplacian.
constexpr double kDogRatio = 1.6;
// The finest scale is worked on at this many pixels of sigma: finer sampling adds cost, not signal
// (4k frames at a 40 px bond shrink 8x).
constexpr double kWorkingSigmaPx = 1.5;

} // namespace

BlobPatchEvidence blobPatchEvidence(const cv::Mat& normalised, const PatchGrid& grid, double bondPx, bool brightAtoms) {
    BlobPatchEvidence out;
    out.z.assign(static_cast<std::size_t>(grid.size()), 0.f);
    if (normalised.empty() || grid.empty() || !(bondPx > 0))
        return out;
    const double sigmaMin = kMinSigmaBonds * bondPx;
    const double shrink = std::min(1.0, kWorkingSigmaPx / sigmaMin);
    cv::Mat work = brightAtoms ? normalised : cv::Mat(-normalised);
    if (shrink < 1.0)
        cv::resize(work, work, cv::Size(), shrink, shrink, cv::INTER_AREA);
    cv::Mat best(work.size(), CV_32F, cv::Scalar(-1e30f)), fine, coarse, dog;
    for (double s = sigmaMin * shrink; s <= kMaxSigmaBonds * bondPx * shrink * 1.001; s *= kSigmaStep) {
        cv::GaussianBlur(work, fine, cv::Size(), s, s, cv::BORDER_REFLECT);
        cv::GaussianBlur(work, coarse, cv::Size(), kDogRatio * s, kDogRatio * s, cv::BORDER_REFLECT);
        cv::subtract(fine, coarse, dog);
        double centre = 0, scale = 1;
        robustStats(dog, centre, scale);
        dog = (dog - centre) / scale;
        cv::max(best, dog, best);
    }
    const double sites = std::max(2.0, work.total() / (CV_PI * std::pow(sigmaMin * shrink, 2)));
    out.noiseExtreme = std::sqrt(2.0 * std::log(sites));
    for (int i = 0; i < grid.size(); ++i) {
        const cv::Rect r = grid.rect(i);
        cv::Rect w(static_cast<int>(std::floor(r.x * shrink)), static_cast<int>(std::floor(r.y * shrink)),
                   std::max(1, static_cast<int>(std::lround(r.width * shrink))),
                   std::max(1, static_cast<int>(std::lround(r.height * shrink))));
        w &= cv::Rect(0, 0, best.cols, best.rows);
        double mx = 0;
        if (!w.empty())
            cv::minMaxLoc(best(w), nullptr, &mx);
        out.z[static_cast<std::size_t>(i)] = static_cast<float>(mx);
    }
    return out;
}

} // namespace ds
