#pragma once
// Small shared pieces of the detector implementations: input validation with clear messages,
// little-endian-agnostic binary (de)serialisation of PODs and vectors with size checks so a corrupt
// model file cannot make us allocate gigabytes, and per-column standardisation. Any thread.
#include "core/common/guard.h"
#include "core/features/feature_matrix.h"
#include "core/labels/label.h"

#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace ds::detail {

// Throws CoreError unless `fm` has rows, columns (when required) and only finite values, and
// `labels` is empty or matches the rows.
void validateFeatures(const std::string& who, const FeatureMatrix& fm, std::span<const Label> labels,
                      bool needColumns = true);

// Rows whose label is not Defect (the one-class detectors learn "normal" from these).
std::vector<int> normalRows(std::span<const Label> labels, int rows);

// Deterministic subsample of at most `limit` of `rows` (sorted), for bounded training cost.
std::vector<int> subsample(std::vector<int> rows, int limit, std::uint64_t seed);

template <class T> void writePod(std::ostream& out, const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.write(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <class T> T readPod(std::istream& in) {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    in.read(reinterpret_cast<char*>(&v), sizeof(T));
    if (!in)
        fail(ErrorCode::Format, "model data is truncated");
    return v;
}
// Bytes left in a seekable stream (or a generous bound for non-seekable ones).
std::uint64_t remainingBytes(std::istream& in);

template <class T> void writeVector(std::ostream& out, const std::vector<T>& v) {
    writePod<std::uint64_t>(out, v.size());
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <class T> std::vector<T> readVector(std::istream& in) {
    const auto n = readPod<std::uint64_t>(in);
    if (n > remainingBytes(in) / sizeof(T))
        fail(ErrorCode::Format, "model data is corrupt (a stored array is longer than the file)");
    std::vector<T> v(n);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
    if (!in)
        fail(ErrorCode::Format, "model data is truncated");
    return v;
}
void writeString(std::ostream& out, const std::string& s);
std::string readString(std::istream& in);
void writeMat(std::ostream& out, const cv::Mat& m); // CV_32F only
cv::Mat readMat(std::istream& in);

// Per-column mean and standard deviation (floored so constant columns do not explode).
struct Standardiser {
    std::vector<float> mean, invSd;
    void fit(const cv::Mat& x, const std::vector<int>& rows);
    cv::Mat apply(const cv::Mat& x) const; // returns a new CV_32F matrix
    void save(std::ostream& out) const { writeVector(out, mean); writeVector(out, invSd); }
    void load(std::istream& in) { mean = readVector<float>(in); invSd = readVector<float>(in); }
};

} // namespace ds::detail
