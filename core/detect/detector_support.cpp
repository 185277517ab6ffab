#include "core/detect/detector_support.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <random>

namespace ds::detail {

void validateFeatures(const std::string& who, const FeatureMatrix& fm, std::span<const Label> labels,
                      bool needColumns) {
    if (fm.values.rows == 0)
        fail(ErrorCode::InvalidArgument, who + ": the feature matrix is empty (no patches)");
    if (needColumns && fm.values.cols == 0)
        fail(ErrorCode::InvalidArgument, who + ": the feature matrix has no columns (feature id '" + fm.featureId +
                                             "'); this detector needs patch features");
    if (fm.values.cols > 0 && fm.values.type() != CV_32F)
        fail(ErrorCode::InvalidArgument, who + ": features must be CV_32F");
    if (!labels.empty() && static_cast<int>(labels.size()) != fm.values.rows)
        fail(ErrorCode::InvalidArgument, who + ": " + std::to_string(labels.size()) + " labels for " +
                                             std::to_string(fm.values.rows) + " patches");
    for (int r = 0; r < fm.values.rows; ++r) {
        const float* p = fm.values.ptr<float>(r);
        // A float is NaN or infinite exactly when its exponent bits are all ones. The OR over the row
        // has no early exit, so it vectorises: a 150 MB matrix is checked at memory speed.
        std::uint32_t nonFinite = 0;
        for (int c = 0; c < fm.values.cols; ++c)
            nonFinite |= static_cast<std::uint32_t>((std::bit_cast<std::uint32_t>(p[c]) & 0x7f800000u) == 0x7f800000u);
        if (!nonFinite)
            continue;
        for (int c = 0; c < fm.values.cols; ++c)
            if (!std::isfinite(p[c]))
                fail(ErrorCode::Numeric, who + ": feature " + std::to_string(c) + " of patch " + std::to_string(r) +
                                             " is NaN or infinite");
    }
}

std::vector<int> normalRows(std::span<const Label> labels, int rows) {
    std::vector<int> out;
    for (int i = 0; i < rows; ++i)
        if (labels.empty() || labels[static_cast<std::size_t>(i)] != Label::Defect)
            out.push_back(i);
    return out;
}

std::vector<int> subsample(std::vector<int> rows, int limit, std::uint64_t seed) {
    if (static_cast<int>(rows.size()) <= limit)
        return rows;
    std::mt19937_64 rng(seed);
    std::vector<int> out;
    std::sample(rows.begin(), rows.end(), std::back_inserter(out), limit, rng);
    return out;
}

std::uint64_t remainingBytes(std::istream& in) {
    const auto here = in.tellg();
    if (here < 0)
        return std::uint64_t(1) << 34;
    in.seekg(0, std::ios::end);
    const auto end = in.tellg();
    in.seekg(here);
    return end > here ? static_cast<std::uint64_t>(end - here) : 0;
}

void writeString(std::ostream& out, const std::string& s) {
    writeVector(out, std::vector<char>(s.begin(), s.end()));
}

std::string readString(std::istream& in) {
    const auto v = readVector<char>(in);
    return std::string(v.begin(), v.end());
}

void writeMat(std::ostream& out, const cv::Mat& m) {
    cv::Mat c = m.isContinuous() ? m : m.clone();
    writePod<std::int32_t>(out, c.rows);
    writePod<std::int32_t>(out, c.cols);
    if (!c.empty())
        out.write(reinterpret_cast<const char*>(c.ptr<float>()), static_cast<std::streamsize>(c.total() * sizeof(float)));
}

cv::Mat readMat(std::istream& in) {
    const auto rows = readPod<std::int32_t>(in), cols = readPod<std::int32_t>(in);
    if (rows < 0 || cols < 0 ||
        static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols) > remainingBytes(in) / sizeof(float))
        fail(ErrorCode::Format, "model data is corrupt (matrix larger than the file)");
    cv::Mat m(rows, cols, CV_32F);
    if (!m.empty())
        in.read(reinterpret_cast<char*>(m.ptr<float>()), static_cast<std::streamsize>(m.total() * sizeof(float)));
    if (!in)
        fail(ErrorCode::Format, "model data is truncated");
    return m;
}

void Standardiser::fit(const cv::Mat& x, const std::vector<int>& rows) {
    const int d = x.cols;
    std::vector<double> s(static_cast<std::size_t>(d), 0.0), s2(static_cast<std::size_t>(d), 0.0);
    for (int r : rows) {
        const float* p = x.ptr<float>(r);
        for (int c = 0; c < d; ++c) { s[c] += p[c]; s2[c] += double(p[c]) * p[c]; }
    }
    const double n = std::max<std::size_t>(1, rows.size());
    mean.assign(static_cast<std::size_t>(d), 0.f);
    invSd.assign(static_cast<std::size_t>(d), 1.f);
    // Floor at 1e-3 of the typical column spread so near-constant columns cannot dominate distances.
    std::vector<double> sd(static_cast<std::size_t>(d));
    double typical = 0;
    for (int c = 0; c < d; ++c) {
        mean[c] = static_cast<float>(s[c] / n);
        sd[c] = std::sqrt(std::max(0.0, s2[c] / n - (s[c] / n) * (s[c] / n)));
        typical += sd[c];
    }
    typical = d > 0 ? typical / d : 1;
    const double floor = std::max(1e-12, 1e-3 * typical);
    for (int c = 0; c < d; ++c)
        invSd[c] = static_cast<float>(1.0 / std::max(sd[c], floor));
}

cv::Mat Standardiser::apply(const cv::Mat& x) const {
    cv::Mat out(x.rows, x.cols, CV_32F);
    for (int r = 0; r < x.rows; ++r) {
        const float* p = x.ptr<float>(r);
        float* o = out.ptr<float>(r);
        for (int c = 0; c < x.cols; ++c)
            o[c] = (p[c] - mean[c]) * invSd[c];
    }
    return out;
}

} // namespace ds::detail
