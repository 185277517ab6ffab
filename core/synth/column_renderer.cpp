#include "core/synth/column_renderer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

namespace ds::synth {

namespace {

constexpr double kColumnSigmaBonds = 0.21; // probe-convolved column width: FWHM ~ half a bond
constexpr double kHaadfBackground = 0.06;  // support film / detector offset, fraction of a C peak

// Sum of Gaussian columns with weights (Z/6)^exponent, peak 1 for carbon.
cv::Mat projectColumns(const std::vector<SynthAtom>& atoms, int width, int height, double sigma, double exponent) {
    cv::Mat out(height, width, CV_32F, cv::Scalar(0));
    const int reach = static_cast<int>(std::ceil(4.0 * sigma));
    const double inv2s2 = 1.0 / (2.0 * sigma * sigma);
    for (const SynthAtom& a : atoms) {
        const double w = std::pow(a.z / 6.0, exponent);
        // Pixel (c, r) has its centre at (c + 0.5, r + 0.5).
        const int c0 = std::max(0, static_cast<int>(std::floor(a.x - 0.5)) - reach);
        const int c1 = std::min(width - 1, static_cast<int>(std::floor(a.x - 0.5)) + reach + 1);
        const int r0 = std::max(0, static_cast<int>(std::floor(a.y - 0.5)) - reach);
        const int r1 = std::min(height - 1, static_cast<int>(std::floor(a.y - 0.5)) + reach + 1);
        for (int r = r0; r <= r1; ++r) {
            float* row = out.ptr<float>(r);
            const double dy = r + 0.5 - a.y;
            for (int c = c0; c <= c1; ++c) {
                const double dx = c + 0.5 - a.x;
                row[c] += static_cast<float>(w * std::exp(-(dx * dx + dy * dy) * inv2s2));
            }
        }
    }
    return out;
}

// A weak, smooth background: a few broad Gaussian bumps (thickness and focus variation).
cv::Mat lowFrequencyBackground(int width, int height, std::mt19937_64& rng) {
    cv::Mat bg(height, width, CV_32F, cv::Scalar(0));
    std::uniform_real_distribution<double> ux(0, width), uy(0, height), ua(-1, 1);
    const double scale = std::max(width, height) * 0.35;
    for (int k = 0; k < 3; ++k) {
        const double cx = ux(rng), cy = uy(rng), amp = ua(rng), inv = 1.0 / (2 * scale * scale);
        for (int r = 0; r < height; ++r) {
            float* row = bg.ptr<float>(r);
            for (int c = 0; c < width; ++c) {
                const double dx = c - cx, dy = r - cy;
                row[c] += static_cast<float>(amp * std::exp(-(dx * dx + dy * dy) * inv));
            }
        }
    }
    return bg;
}

// Phase-contrast transfer sin(pi/2 (k/kc)^2) under a soft envelope: weak at low spatial frequency
// (phase objects show little contrast there), near full strength over the lattice reflections, and
// sign-flipped beyond ~2.7 k1 - which gives the familiar dark atoms with bright halos and ringing.
cv::Mat contrastTransfer(const cv::Mat& potential, double bondPx) {
    cv::Mat spectrum;
    cv::dft(potential, spectrum, cv::DFT_COMPLEX_OUTPUT);
    const double k1 = 1.0 / (1.5 * bondPx), kc = 1.9 * k1, kEnv = 3.5 * k1;
    for (int r = 0; r < spectrum.rows; ++r) {
        const double fy = (r <= spectrum.rows / 2 ? r : r - spectrum.rows) / static_cast<double>(spectrum.rows);
        auto* row = spectrum.ptr<cv::Vec2f>(r);
        for (int c = 0; c < spectrum.cols; ++c) {
            const double fx = (c <= spectrum.cols / 2 ? c : c - spectrum.cols) / static_cast<double>(spectrum.cols);
            const double k = std::hypot(fx, fy);
            const double t = std::sin(std::numbers::pi / 2 * (k / kc) * (k / kc)) * std::exp(-std::pow(k / kEnv, 4));
            row[c] *= static_cast<float>(t);
        }
    }
    cv::Mat out;
    cv::idft(spectrum, out, cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    return out;
}

} // namespace

cv::Mat renderColumns(const std::vector<SynthAtom>& atoms, const SynthOptions& o, std::mt19937_64& rng) {
    const double sigma = kColumnSigmaBonds * o.bondPx;
    if (o.contrast == SynthOptions::Contrast::Haadf) {
        cv::Mat img = projectColumns(atoms, o.width, o.height, sigma, 1.7);
        img = (img + kHaadfBackground) * o.dose;
        return img;
    }
    // HRTEM: weaker Z dependence of the phase shift, dark atoms, bright background with slow drift.
    cv::Mat potential = projectColumns(atoms, o.width, o.height, sigma, 0.8);
    cv::Mat phase = contrastTransfer(potential, o.bondPx);
    cv::Mat bg = lowFrequencyBackground(o.width, o.height, rng);
    cv::Mat img = (1.0 + 0.08 * bg - 0.35 * phase) * o.dose;
    cv::max(img, 0.0, img);
    return img;
}

void applyScanJitter(cv::Mat& image, double rmsPx, std::mt19937_64& rng) {
    if (rmsPx <= 0)
        return;
    // AR(1) offsets: neighbouring lines are correlated like real fly-back errors, stationary rms.
    constexpr double rho = 0.6;
    std::normal_distribution<double> n(0.0, rmsPx * std::sqrt(1 - rho * rho));
    std::normal_distribution<double> first(0.0, rmsPx);
    double shift = first(rng);
    std::vector<float> line(image.cols);
    for (int r = 0; r < image.rows; ++r) {
        if (r > 0)
            shift = rho * shift + n(rng);
        float* row = image.ptr<float>(r);
        std::copy(row, row + image.cols, line.begin());
        for (int c = 0; c < image.cols; ++c) {
            const double src = c - shift;
            const int i0 = static_cast<int>(std::floor(src));
            const double f = src - i0;
            const int a = std::clamp(i0, 0, image.cols - 1), b = std::clamp(i0 + 1, 0, image.cols - 1);
            row[c] = static_cast<float>((1 - f) * line[a] + f * line[b]);
        }
    }
}

void applyShotNoise(cv::Mat& image, std::mt19937_64& rng) {
    for (int r = 0; r < image.rows; ++r) {
        float* row = image.ptr<float>(r);
        for (int c = 0; c < image.cols; ++c) {
            const double mean = std::max(0.0f, row[c]);
            if (mean <= 0) {
                row[c] = 0;
                continue;
            }
            std::poisson_distribution<int> p(mean);
            row[c] = static_cast<float>(p(rng));
        }
    }
}

} // namespace ds::synth
