#include "core/lattice/lattice_refine.h"

#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <complex>

#include <opencv2/imgproc.hpp>

namespace ds {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Autocorrelation of the image for lags up to `maxLagPx` in x and y, divided by the overlap area
// (w - |dx|)(h - |dy|) so that long lags are not damped; zero lag at (P/2, P/2) of the P x P result.
// The image is zero-padded only as far as those lags need (a circular correlation equals the
// linear one for lags up to the padding) and transformed as real data (packed spectrum): on 4k
// frames this was most of the lattice estimate's time when it padded to twice the crop and also
// transformed a mask of ones to get the overlap area, which is known in closed form.
cv::Mat autocorrelation(const cv::Mat& img, double maxLagPx) {
    const int lag = static_cast<int>(std::ceil(maxLagPx));
    int P = cv::getOptimalDFTSize(std::max(img.cols, img.rows) + lag);
    P = std::max(P, cv::getOptimalDFTSize(2 * lag + 2));
    P += P % 2; // even, so zero lag sits exactly at P/2 and lags up to P/2 fit on either side
    cv::Mat padded = cv::Mat::zeros(P, P, CV_32F);
    img.copyTo(padded(cv::Rect(0, 0, img.cols, img.rows)));
    cv::Mat spec, out;
    cv::dft(padded, spec); // real input: packed (CCS) spectrum
    cv::mulSpectrums(spec, spec, spec, 0, true);
    cv::idft(spec, out, cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    // Shift zero lag to the centre and divide by the overlap area.
    cv::Mat shifted(P, P, CV_32F);
    const int h = P / 2;
    for (int r = 0; r < P; ++r) {
        const int dy = r - h, src = (dy + P) % P;
        const float* in = out.ptr<float>(src);
        float* o = shifted.ptr<float>(r);
        const double rowsOverlap = std::max(1, img.rows - std::abs(dy));
        for (int c = 0; c < P; ++c) {
            const int dx = c - h;
            const double overlap = rowsOverlap * std::max(1, img.cols - std::abs(dx));
            o[c] = static_cast<float>(in[(dx + P) % P] / std::max(1.0, overlap));
        }
    }
    return shifted;
}

} // namespace

void refineLatticeRealSpace(const cv::Mat& normalized, LatticeEstimate& est, const RunControl& rc) {
    const double bond = est.bondPx;
    const double a = std::sqrt(3.0) * bond;
    // Keep at most 1024 px around the centre: enough lattice periods, bounded cost.
    const int w = std::min(normalized.cols, 1024), h = std::min(normalized.rows, 1024);
    cv::Mat img = normalized(cv::Rect((normalized.cols - w) / 2, (normalized.rows - h) / 2, w, h)).clone();
    // Band-pass around the lattice: the high-pass removes the slow background (and the slope it puts
    // under every peak), the low-pass removes shot noise so peaks are smooth enough to interpolate.
    cv::Mat low, back;
    cv::GaussianBlur(img, low, cv::Size(), std::max(0.5, 0.2 * bond));
    cv::GaussianBlur(img, back, cv::Size(), 1.5 * bond);
    img = low - back;
    rc.throwIfStopped();
    const double maxLag = 0.4 * std::min(w, h);
    if (a > maxLag)
        return;
    // Lags read below: up to maxLag along a fitted direction, predictions that may stray by 10 %
    // before the walk stops, a search radius of 0.12 lattice vector and the parabola's neighbours.
    const cv::Mat acf = autocorrelation(img, 1.25 * maxLag + 4.0);
    rc.throwIfStopped();
    const double c = acf.cols / 2.0;

    // Real-space lattice vectors: dual basis of the first two reciprocal vectors.
    const cv::Point2d g1 = est.reciprocal[0], g2 = est.reciprocal[1];
    const double det = g1.x * g2.y - g1.y * g2.x;
    if (std::fabs(det) < 1e-12)
        return;
    const cv::Point2d a1(g2.y / det, -g2.x / det), a2(-g1.y / det, g1.x / det);
    const cv::Point2d dirs[3] = {a1, a2, a1 + a2};

    cv::Point2d fitted[3];
    bool found[3] = {false, false, false};
    double peakCorr = 0;
    const float zeroLag = acf.at<float>(static_cast<int>(c), static_cast<int>(c));
    for (int k = 0; k < 3; ++k) {
        cv::Point2d u = dirs[k];
        if (std::hypot(u.x, u.y) > 1.6 * a) // a1 + a2 may be the long diagonal: use a1 - a2
            u = a1 - a2;
        double sxx = 0;
        cv::Point2d sxp(0, 0);
        for (int n = 1; n * std::hypot(u.x, u.y) <= maxLag; ++n) {
            // Predict from the current fit so the search window stays small at large n.
            const cv::Point2d pred = sxx > 0 ? sxp * (n / sxx) : u * n;
            const cv::Point2d p = refinePeak(acf, c + pred.x, c + pred.y, std::max(1.5, 0.12 * a));
            const cv::Point2d q = refinePeak(acf, c - pred.x, c - pred.y, std::max(1.5, 0.12 * a));
            const cv::Point2d lag = ((p - cv::Point2d(c, c)) - (q - cv::Point2d(c, c))) * 0.5;
            if (n == 1) { // counted even when the fit below gives up: the lattice may still be there
                // Only what exceeds the correlation half a lattice vector away counts: a lattice is
                // anti-correlated there, while anything merely smooth (blurred noise, amorphous film)
                // correlates more at the shorter lag and so shows no lattice.
                const double half = sampleBilinear(acf, c + 0.5 * (p.x - c), c + 0.5 * (p.y - c));
                const double own = sampleBilinear(acf, p.x, p.y);
                peakCorr += std::max(0.0, own - std::max(0.0, half)) / std::max(1e-12f, zeroLag) / 3.0;
            }
            if (std::hypot(lag.x - pred.x, lag.y - pred.y) > 0.1 * a * n)
                break; // lost the peak (no lattice that far, or a grain boundary in between)
            sxx += n * n;
            sxp += lag * n;
        }
        if (sxx == 0)
            continue; // this direction is lost (e.g. a second grain dominates it); use the others
        fitted[k] = sxp * (1.0 / sxx);
        found[k] = true;
    }
    double len = 0;
    int nFound = 0;
    std::complex<double> sixfold = 0;
    for (int k = 0; k < 3; ++k) {
        if (!found[k])
            continue;
        len += std::hypot(fitted[k].x, fitted[k].y);
        sixfold += std::polar(1.0, 6.0 * std::atan2(fitted[k].y, fitted[k].x));
        ++nFound;
    }
    // Confidence from how well the image correlates with itself one lattice vector away (band-passed,
    // so shot noise and slow background do not count): ~0.95 for clean lattices, ~0.65 for the
    // noisiest real HAADF frames, < 0.2 for amorphous material or noise. Two grains (a boundary
    // across the frame) blur the peaks the fit follows but still correlate.
    const double corrConfidence = std::clamp((peakCorr - 0.2) / 0.4, 0.0, 1.0);
    if (peakCorr <= 0) {
        // Nothing correlates one lattice vector away beyond half a vector: the "spots" were noise
        // that whitening lifted (strongly blurred or amorphous frames at a bond near the search floor).
        est.confidence = 0;
        return;
    }
    if (nFound < 2) {
        est.confidence = std::max(est.confidence, 0.5 * corrConfidence);
        return;
    }
    const double newBond = len / nFound / std::sqrt(3.0);
    if (!(std::fabs(newBond / bond - 1.0) < 0.1))
        return; // refinement wandered off: keep the Fourier estimate
    est.bondPx = newBond;
    // The correlation is measured against the zero lag, which holds the shot noise too, so it falls
    // with dose while the spot significance does not: the grain boundary at 3 counts/px reads ~0.16
    // in every noise realisation (0.23 at full dose), and when the fit held in two directions the
    // frame went from the spots' 0.19 to "no lattice" (2 of 30 Poisson seeds, AUROC 0.55). As with
    // a fit in fewer directions, either measure showing the lattice is enough; noise gives 0 in both
    // (and peakCorr <= 0 above still overrules spots that whitening lifted out of noise).
    est.confidence = std::max(est.confidence, corrConfidence);
    est.orientationDeg = std::fmod(std::arg(sixfold) / 6.0 * 180.0 / kPi + 360.0, 60.0);
    // Reciprocal vectors from the refined real-space basis (dual of fitted[0], fitted[1]).
    const cv::Point2d b1 = fitted[0], b2 = fitted[1];
    const double d = b1.x * b2.y - b1.y * b2.x;
    if (found[0] && found[1] && std::fabs(d) > 1e-9) {
        const cv::Point2d r1(b2.y / d, -b2.x / d), r2(-b1.y / d, b1.x / d);
        // Order them like the Fourier ones: r1, r2 and the third 60 degrees on.
        est.reciprocal = {r1, r2, r2 - r1};
    }
}

} // namespace ds

