#include "core/features/feature_extractor.h"

#include "core/common/guard.h"
#include "core/features/parallel_blocks.h"
#include "core/features/resample_side.h"
#include "core/features/resampled_patches.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {

constexpr int kStatsDim = 14;

std::vector<std::string> splitIds(const std::string& id) {
    std::vector<std::string> parts;
    std::stringstream ss(id);
    std::string p;
    while (std::getline(ss, p, '+'))
        parts.push_back(p);
    return parts;
}

Result<int> singleDimension(const std::string& id, int side) {
    if (id == "raw") return side * side;
    if (id == "stats") return kStatsDim;
    if (id == "fft") return side * (side / 2 + 1);
    if (id == "hog") return hogDimension(side);
    return make_error(ErrorCode::InvalidArgument, "unknown feature id '" + id + "' (known: raw, stats, fft, hog, "
                                                  "or several joined with '+', e.g. stats+fft)");
}

void statsFeatures(const cv::Mat& p, float* out) {
    const int n = static_cast<int>(p.total());
    std::vector<float> v(p.ptr<float>(), p.ptr<float>() + n);
    double mean = 0;
    for (float x : v) mean += x;
    mean /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (float x : v) {
        const double d = x - mean;
        m2 += d * d; m3 += d * d * d; m4 += d * d * d * d;
    }
    m2 /= n; m3 /= n; m4 /= n;
    const double sd = std::sqrt(m2);
    std::sort(v.begin(), v.end());
    const auto q = [&](double f) { return v[static_cast<std::size_t>(std::lround(f * (n - 1)))]; };
    cv::Mat gx, gy, mag, lap;
    cv::Sobel(p, gx, CV_32F, 1, 0);
    cv::Sobel(p, gy, CV_32F, 0, 1);
    cv::magnitude(gx, gy, mag);
    cv::Laplacian(p, lap, CV_32F);
    cv::Scalar lapMean, lapSd;
    cv::meanStdDev(lap, lapMean, lapSd);
    int bright = 0;
    for (float x : v) bright += x > mean + 2 * sd;
    const double vals[kStatsDim] = {mean, sd, sd > 0 ? m3 / (sd * sd * sd) : 0, sd > 0 ? m4 / (m2 * m2) - 3 : 0,
                                    v.front(), v.back(), q(0.05), q(0.25), q(0.5), q(0.75), q(0.95),
                                    cv::mean(mag)[0], lapSd[0], static_cast<double>(bright) / n};
    for (int i = 0; i < kStatsDim; ++i)
        out[i] = static_cast<float>(vals[i]);
}

void fftFeatures(const cv::Mat& p, float* out) {
    // Hann window against edge leakage; the magnitude discards phase, so a shift of the lattice
    // inside the patch leaves the features (nearly) unchanged. Real input: half the plane suffices.
    thread_local cv::Mat window;
    if (window.size() != p.size())
        cv::createHanningWindow(window, p.size(), CV_32F);
    cv::Mat w = (p - cv::mean(p)[0]).mul(window);
    cv::Mat spec;
    cv::dft(w, spec, cv::DFT_COMPLEX_OUTPUT);
    const int half = p.cols / 2 + 1;
    for (int r = 0; r < p.rows; ++r) {
        const cv::Vec2f* row = spec.ptr<cv::Vec2f>(r);
        for (int c = 0; c < half; ++c)
            *out++ = std::log1p(std::hypot(row[c][0], row[c][1]));
    }
}

} // namespace

std::vector<std::string> availableFeatures() { return {"raw", "stats", "fft", "hog"}; }

Result<int> featureDimension(const std::string& featureId, int resampleSide) {
    if (featureId.empty())
        return 0;
    if (auto st = checkResampleSide(resampleSide); !st)
        return st.error();
    int total = 0;
    for (const std::string& part : splitIds(featureId)) {
        auto d = singleDimension(part, resampleSide);
        if (!d)
            return d.error();
        total += *d;
    }
    return total;
}

Status patchFeatures(const cv::Mat& patch, const std::string& featureId, float* out) {
    for (const std::string& part : splitIds(featureId)) {
        auto d = singleDimension(part, patch.cols);
        if (!d)
            return d.error();
        if (part == "raw")
            std::copy(patch.ptr<float>(), patch.ptr<float>() + patch.total(), out);
        else if (part == "stats")
            statsFeatures(patch, out);
        else if (part == "fft")
            fftFeatures(patch, out);
        else
            hogFeatures(patch, out);
        out += *d;
    }
    return {};
}

Result<FeatureMatrix> computeFeatures(const cv::Mat& normalisedImage, const PatchGrid& grid,
                                      const std::string& featureId, int resampleSide, const RunControl& rc) {
    return guarded("features '" + featureId + "'", [&]() -> FeatureMatrix {
        if (normalisedImage.empty() || normalisedImage.type() != CV_32FC1)
            fail(ErrorCode::InvalidArgument, "needs a normalised single-channel float image");
        if (grid.empty() || grid.imageWidth() != normalisedImage.cols || grid.imageHeight() != normalisedImage.rows)
            fail(ErrorCode::InvalidArgument, "the patch grid does not belong to this image");
        auto dim = featureDimension(featureId, resampleSide);
        if (!dim)
            fail(dim.error().code, dim.error().message);
        FeatureMatrix fm;
        fm.featureId = featureId;
        fm.image = normalisedImage;
        fm.grid = grid;
        fm.values = cv::Mat(grid.size(), *dim, CV_32F);
        if (*dim == 0) {
            rc.progress(1.0, "features");
            return fm;
        }
        const ResampledPatches patches(normalisedImage, grid, resampleSide);
        std::atomic<bool> failed{false};
        // In blocks of patch rows: the shared pass resamples a band per block (rows shared by two
        // blocks are resampled twice; four rows a block keep that to a quarter).
        parallelBlocks(grid.rows(), 4, rc, "features", [&](int begin, int end) {
            patches.forRows(begin, end, [&](int i, const cv::Mat& patch) {
                float* out = fm.values.ptr<float>(i);
                if (featureId == "raw") // the resampled pixels themselves, straight into the row
                    for (int r = 0; r < patch.rows; ++r)
                        std::copy(patch.ptr<float>(r), patch.ptr<float>(r) + patch.cols, out + r * patch.cols);
                else if (!patchFeatures(patch.isContinuous() ? patch : patch.clone(), featureId, out).ok())
                    failed = true;
            });
        });
        if (failed)
            fail(ErrorCode::Internal, "feature extraction failed");
        return fm;
    });
}

} // namespace ds
