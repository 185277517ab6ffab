#include "core/detect/bragg_detector.h"

#include "core/common/guard.h"
#include "core/lattice/lattice_estimate.h"
#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <ostream>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {
constexpr char kMagic[] = "bragg-detector-v1";

// The image is scaled so that a bond spans about this many pixels before the FFTs: the lattice stays
// sampled well above Nyquist and a 4k frame's transforms stay cheap.
constexpr double kWorkBondPx = 8.0;
// Reciprocal-lattice points kept by the Bragg filter: from half the first order to 1.8 times it,
// which keeps {10-10} (1x) and {11-20} (sqrt 3 = 1.73x) and drops the DC term and higher orders.
constexpr double kBraggMinOrder = 0.5;
constexpr double kBraggMaxOrder = 1.8;
// The filter's Gaussian window is that of a crystal coherent over two lattice constants: narrower
// would pass noise, wider would smear a defect's deviation over the cells around it. The background
// (slow brightness drifts) is removed on the same scale.
constexpr double kCoherenceCells = 2.0;
// Pixel noise is smoothed over 0.3 bond (under a column's width), at least half a pixel.
constexpr double kSmoothBonds = 0.3;
constexpr double kMinSmoothPx = 0.5;
// Where the lattice's local amplitude falls under 60 % of the frame's mean the patch is missing
// lattice (hole, amorphous carbon, contamination): that shortfall, twice over in units of the mean
// amplitude, is added to the residual energy, so such patches score as anomalies.
constexpr double kWeakLatticeAmplitude = 0.6;
constexpr double kWeakLatticeWeight = 2.0;

void requireImage(const FeatureMatrix& fm) {
    if (fm.image.empty() || fm.grid.empty())
        fail(ErrorCode::InvalidArgument, "needs the image and its patch grid (it cannot score pooled features)");
}

// Keeps the Fourier components near the reciprocal lattice points h g0 + k g1 up to the second
// order ({10-10} and {11-20}), each through a Gaussian window of frequency width 1 / (2 pi sigmaR).
cv::Mat braggFilter(const cv::Mat& img, const std::array<cv::Point2d, 3>& g, double sigmaR) {
    cv::Mat spec;
    cv::dft(img, spec, cv::DFT_COMPLEX_OUTPUT);
    const int W = img.cols, H = img.rows;
    cv::Mat mask = cv::Mat::zeros(H, W, CV_32F);
    const double sf = 1.0 / (2 * 3.14159265358979 * sigmaR);
    const double g1 = std::hypot(g[0].x, g[0].y);
    for (int h = -2; h <= 2; ++h)
        for (int k = -2; k <= 2; ++k) {
            const cv::Point2d G = g[0] * h + g[1] * k;
            const double len = std::hypot(G.x, G.y);
            if (len < kBraggMinOrder * g1 || len > kBraggMaxOrder * g1)
                continue;
            // Centre in DFT index space (unshifted, wrapping).
            const double cx = G.x * W, cy = G.y * H;
            const double rx = 4 * sf * W, ry = 4 * sf * H;
            for (int y = static_cast<int>(std::floor(cy - ry)); y <= static_cast<int>(std::ceil(cy + ry)); ++y)
                for (int x = static_cast<int>(std::floor(cx - rx)); x <= static_cast<int>(std::ceil(cx + rx)); ++x) {
                    const double fx = (x - cx) / W, fy = (y - cy) / H;
                    const float v = static_cast<float>(std::exp(-(fx * fx + fy * fy) / (2 * sf * sf)));
                    float& m = mask.at<float>(((y % H) + H) % H, ((x % W) + W) % W);
                    m = std::max(m, v);
                }
        }
    cv::Mat planes[2];
    cv::split(spec, planes);
    planes[0] = planes[0].mul(mask);
    planes[1] = planes[1].mul(mask);
    cv::merge(planes, 2, spec);
    cv::Mat out;
    cv::idft(spec, out, cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    return out;
}
} // namespace

Status BraggDetector::fit(const FeatureMatrix& features, std::span<const Label>, const RunControl& rc) {
    return guarded("bragg", [&] {
        requireImage(features);
        rc.throwIfStopped();
    });
}

Result<std::vector<float>> BraggDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("bragg", [&]() -> std::vector<float> {
        requireImage(features);
        const PatchGrid& grid = features.grid;
        auto est = features.lattice ? Result<LatticeEstimate>(*features.lattice)
                                    : estimateLattice(features.image, rc.sub(0, 0.3));
        if (!est)
            fail(est.error().code, est.error().message);
        if (est->confidence < kNoLatticeConfidence)
            return std::vector<float>(grid.size(), 1.0f); // no lattice anywhere
        const double scale = std::min(1.0, kWorkBondPx / est->bondPx);
        cv::Mat work = robustNormalize(features.image);
        if (scale < 1.0)
            cv::resize(work, work, cv::Size(), scale, scale, cv::INTER_AREA);
        const double bond = est->bondPx * scale, a = std::sqrt(3.0) * bond;
        std::array<cv::Point2d, 3> g = est->reciprocal;
        for (auto& v : g)
            v *= 1.0 / scale;
        rc.throwIfStopped();
        const cv::Mat ideal = braggFilter(work, g, kCoherenceCells * a);
        rc.progress(0.7, "bragg: residual");
        cv::Mat smooth, back, residual, energy, amp;
        cv::GaussianBlur(work, smooth, cv::Size(), std::max(kMinSmoothPx, kSmoothBonds * bond));
        cv::GaussianBlur(work, back, cv::Size(), kCoherenceCells * a);
        residual = smooth - back - ideal;
        energy = residual.mul(residual);
        amp = ideal.mul(ideal);
        cv::GaussianBlur(amp, amp, cv::Size(), a);
        const cv::Scalar medAmp = cv::mean(amp);
        std::vector<float> out(grid.size());
        std::vector<double> e(grid.size());
        for (int i = 0; i < grid.size(); ++i) {
            const cv::Rect r = grid.rect(i);
            cv::Rect w(static_cast<int>(r.x * scale), static_cast<int>(r.y * scale),
                       std::max(1, static_cast<int>(r.width * scale)), std::max(1, static_cast<int>(r.height * scale)));
            w &= cv::Rect(0, 0, work.cols, work.rows);
            e[i] = cv::mean(energy(w))[0];
            const double ampRatio = cv::mean(amp(w))[0] / std::max(1e-12, medAmp[0]);
            out[i] = static_cast<float>(e[i] + kWeakLatticeWeight * std::max(0.0, kWeakLatticeAmplitude - ampRatio) * medAmp[0]);
        }
        rc.progress(1.0, "bragg: scored");
        return out;
    });
}

Status BraggDetector::save(std::ostream& out) const {
    return guarded("bragg", [&] {
        out << kMagic << "\n";
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

Status BraggDetector::load(std::istream& in) {
    return guarded("bragg", [&] {
        std::string line;
        std::getline(in, line);
        if (line != kMagic)
            fail(ErrorCode::Format, "not a Bragg detector model");
    });
}

} // namespace ds
