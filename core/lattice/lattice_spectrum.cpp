#include "core/lattice/lattice_spectrum.h"

#include "core/common/robust_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace ds {

void robustStats(const cv::Mat& image, double& median, double& sigma) {
    CV_Assert(image.type() == CV_32F);
    // A strided sample of ~256k pixels estimates the median/MAD well and keeps 4k x 4k images fast.
    const std::size_t total = image.total();
    const std::size_t step = std::max<std::size_t>(1, total / 262144);
    std::vector<float> v;
    v.reserve(total / step + 1);
    for (int y = 0; y < image.rows; ++y) {
        const float* row = image.ptr<float>(y);
        for (int x = (y * 7) % static_cast<int>(step); x < image.cols; x += static_cast<int>(step))
            if (std::isfinite(row[x]))
                v.push_back(row[x]);
    }
    if (v.empty()) {
        median = 0;
        sigma = 1;
        return;
    }
    const RobustScale r = robustScale(std::move(v));
    median = r.centre;
    sigma = r.sigma;
    if (!(sigma > 0)) {
        // Very sparse images (mostly one value): fall back to the standard deviation.
        cv::Scalar m, s;
        cv::meanStdDev(image, m, s);
        sigma = s[0] > 0 ? s[0] : 1.0;
    }
}

cv::Mat robustNormalize(const cv::Mat& image, double clip) {
    cv::Mat f;
    image.convertTo(f, CV_32F);
    if (f.channels() != 1)
        f = f.reshape(1);
    double med = 0, sig = 1;
    robustStats(f, med, sig);
    const float fm = static_cast<float>(med), inv = static_cast<float>(1.0 / sig);
    const float c = static_cast<float>(clip);
    for (int y = 0; y < f.rows; ++y) {
        float* row = f.ptr<float>(y);
        for (int x = 0; x < f.cols; ++x) {
            const float v = std::isfinite(row[x]) ? (row[x] - fm) * inv : 0.0f;
            row[x] = std::clamp(v, -c, c);
        }
    }
    // In shot-noise-limited images a dopant or a contamination blob is only a few noise sigmas per
    // pixel but covers hundreds of pixels: clip it where it shows, in a lightly smoothed copy, and
    // keep the fine detail (lattice and noise) untouched.
    cv::Mat low;
    cv::GaussianBlur(f, low, cv::Size(), 2.0);
    double lmed = 0, lsig = 1;
    robustStats(low, lmed, lsig);
    const float lo = static_cast<float>(lmed - 4 * lsig), hi = static_cast<float>(lmed + 4 * lsig);
    for (int y = 0; y < f.rows; ++y) {
        float* row = f.ptr<float>(y);
        const float* l = low.ptr<float>(y);
        for (int x = 0; x < f.cols; ++x)
            row[x] += std::clamp(l[x], lo, hi) - l[x];
    }
    return f;
}

static void fftShift(cv::Mat& m) {
    const int cx = m.cols / 2, cy = m.rows / 2;
    cv::Mat tmp;
    cv::Mat q0(m, cv::Rect(0, 0, cx, cy)), q1(m, cv::Rect(cx, 0, cx, cy));
    cv::Mat q2(m, cv::Rect(0, cy, cx, cy)), q3(m, cv::Rect(cx, cy, cx, cy));
    q0.copyTo(tmp); q3.copyTo(q0); tmp.copyTo(q3);
    q1.copyTo(tmp); q2.copyTo(q1); tmp.copyTo(q2);
}

PowerSpectrum welchPowerSpectrum(const cv::Mat& normalized, const RunControl& rc, int maxTile, int maxTiles,
                                 int minFft) {
    const int w = normalized.cols, h = normalized.rows;
    const int T = std::min({w, h, maxTile});
    int F = cv::getOptimalDFTSize(std::max(T, minFft));
    F += F % 2; // even, so that the shifted centre is exactly F/2
    PowerSpectrum out;
    out.fftSize = F;
    out.tileSize = T;
    out.power = cv::Mat::zeros(F, F, CV_32F);

    cv::Mat window;
    cv::createHanningWindow(window, cv::Size(T, T), CV_32F);
    const int nx = std::min(maxTiles, (w + T - 1) / T), ny = std::min(maxTiles, (h + T - 1) / T);
    cv::Mat padded(F, F, CV_32F), spectrum, planes[2], mag;
    int count = 0;
    for (int iy = 0; iy < ny; ++iy) {
        for (int ix = 0; ix < nx; ++ix) {
            rc.throwIfStopped();
            const int x0 = nx == 1 ? (w - T) / 2 : ix * (w - T) / (nx - 1);
            const int y0 = ny == 1 ? (h - T) / 2 : iy * (h - T) / (ny - 1);
            cv::Mat tile = normalized(cv::Rect(x0, y0, T, T)).clone();
            tile -= cv::mean(tile)[0];
            tile = tile.mul(window);
            padded.setTo(0);
            tile.copyTo(padded(cv::Rect(0, 0, T, T)));
            cv::dft(padded, spectrum, cv::DFT_COMPLEX_OUTPUT);
            cv::split(spectrum, planes);
            cv::magnitude(planes[0], planes[1], mag);
            out.power += mag.mul(mag);
            ++count;
        }
    }
    out.power /= std::max(1, count);
    fftShift(out.power);
    return out;
}

float sampleBilinear(const cv::Mat& m, double x, double y) {
    const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    if (x0 < 0 || y0 < 0 || x0 + 1 >= m.cols || y0 + 1 >= m.rows)
        return 0.0f;
    const float fx = static_cast<float>(x - x0), fy = static_cast<float>(y - y0);
    const float* r0 = m.ptr<float>(y0);
    const float* r1 = m.ptr<float>(y0 + 1);
    return (1 - fy) * ((1 - fx) * r0[x0] + fx * r0[x0 + 1]) + fy * ((1 - fx) * r1[x0] + fx * r1[x0 + 1]);
}

static double parabolaOffset(double a, double b, double c) {
    // Vertex of the parabola through (-1,a), (0,b), (1,c); b is the maximum.
    const double den = a - 2 * b + c;
    if (!(den < 0))
        return 0.0;
    return std::clamp(0.5 * (a - c) / den, -0.5, 0.5);
}

cv::Point2d refinePeak(const cv::Mat& m, double x, double y, double radius) {
    const int r = std::max(1, static_cast<int>(std::ceil(radius)));
    const int cx = static_cast<int>(std::lround(x)), cy = static_cast<int>(std::lround(y));
    int bx = cx, by = cy;
    float best = -1;
    for (int yy = std::max(1, cy - r); yy <= std::min(m.rows - 2, cy + r); ++yy)
        for (int xx = std::max(1, cx - r); xx <= std::min(m.cols - 2, cx + r); ++xx) {
            if ((xx - x) * (xx - x) + (yy - y) * (yy - y) > radius * radius + 0.5)
                continue;
            const float v = m.at<float>(yy, xx);
            if (v > best) {
                best = v;
                bx = xx;
                by = yy;
            }
        }
    if (best <= 0 || bx < 1 || by < 1 || bx >= m.cols - 1 || by >= m.rows - 1)
        return {x, y};
    auto lg = [&](int xx, int yy) { return std::log(std::max(1e-30f, m.at<float>(yy, xx))); };
    const double dx = parabolaOffset(lg(bx - 1, by), lg(bx, by), lg(bx + 1, by));
    const double dy = parabolaOffset(lg(bx, by - 1), lg(bx, by), lg(bx, by + 1));
    return {bx + dx, by + dy};
}

} // namespace ds
