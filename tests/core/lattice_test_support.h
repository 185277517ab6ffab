#pragma once
// Test-only helpers for the lattice tests: a minimal honeycomb renderer (independent of
// core/synth, so the estimate is checked against geometry we control here) and a tiny reader of
// the shared float32 .npy files. Used from the test thread only.
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace ds::test {

// Honeycomb with bond `bond` px whose lattice vector a1 points at `angleDeg` (from +x towards +y),
// Gaussian columns of sigma 0.22 bond, Poisson noise with `dose` counts at a column peak.
// `invert` gives dark atoms on a bright background (HRTEM-like).
inline cv::Mat renderHoneycomb(int w, int h, double bond, double angleDeg, double dose, bool invert,
                               unsigned seed = 1) {
    const double a = std::sqrt(3.0) * bond, t = angleDeg * 3.14159265358979 / 180.0;
    const cv::Point2d a1(a * std::cos(t), a * std::sin(t));
    const cv::Point2d a2(a * std::cos(t + 3.14159265358979 / 3), a * std::sin(t + 3.14159265358979 / 3));
    const cv::Point2d basisB = (a1 + a2) * (1.0 / 3.0);
    cv::Mat img = cv::Mat::zeros(h, w, CV_32F);
    const double s = 0.22 * bond;
    const int reach = static_cast<int>(std::ceil(3 * s));
    const int n = static_cast<int>(std::ceil(std::hypot(w, h) / a)) + 2;
    const cv::Point2d origin(w / 2.0 + 0.37, h / 2.0 - 0.21);
    for (int i = -n; i <= n; ++i)
        for (int j = -n; j <= n; ++j)
            for (int b = 0; b < 2; ++b) {
                const cv::Point2d p = origin + a1 * i + a2 * j + (b ? basisB : cv::Point2d());
                if (p.x < -reach || p.y < -reach || p.x > w + reach || p.y > h + reach)
                    continue;
                for (int y = std::max(0, int(p.y) - reach); y <= std::min(h - 1, int(p.y) + reach); ++y)
                    for (int x = std::max(0, int(p.x) - reach); x <= std::min(w - 1, int(p.x) + reach); ++x) {
                        const double d2 = (x + 0.5 - p.x) * (x + 0.5 - p.x) + (y + 0.5 - p.y) * (y + 0.5 - p.y);
                        img.at<float>(y, x) += static_cast<float>(std::exp(-d2 / (2 * s * s)));
                    }
            }
    if (invert)
        img = 1.5 - img;
    std::mt19937 rng(seed);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::poisson_distribution<int> pd(std::max(1e-3, dose * (0.05 + img.at<float>(y, x))));
            img.at<float>(y, x) = static_cast<float>(pd(rng));
        }
    return img;
}

// Reads a little-endian float32 C-order 2-D .npy file; empty Mat on any problem.
inline cv::Mat readNpyFloat32(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[8];
    if (!in.read(magic, 8) || std::string(magic + 1, 5) != "NUMPY")
        return {};
    std::uint32_t hlen = 0;
    if (magic[6] == 1) {
        std::uint16_t l = 0;
        in.read(reinterpret_cast<char*>(&l), 2);
        hlen = l;
    } else {
        in.read(reinterpret_cast<char*>(&hlen), 4);
    }
    std::string header(hlen, '\0');
    in.read(header.data(), hlen);
    if (header.find("'<f4'") == std::string::npos || header.find("'fortran_order': False") == std::string::npos)
        return {};
    const auto open = header.find('('), comma = header.find(',', open), close = header.find(')', open);
    const int rows = std::stoi(header.substr(open + 1, comma - open - 1));
    const int cols = std::stoi(header.substr(comma + 1, close - comma - 1));
    cv::Mat m(rows, cols, CV_32F);
    in.read(reinterpret_cast<char*>(m.data), static_cast<std::streamsize>(m.total() * 4));
    return in ? m : cv::Mat();
}

} // namespace ds::test
