#include "core/detect/pairwise_distances.h"

#include <algorithm>

namespace ds::detail {

namespace {

// Sum of squares of a[i] - b(i): eight float partial sums the compiler vectorises, combined in double.
template <class B> double sumOfSquares(const float* a, B b, int n) {
    float s[8] = {};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; ++l) {
            const float d = a[i + l] - b(i + l);
            s[l] += d * d;
        }
    double total = 0;
    for (float v : s)
        total += v;
    for (; i < n; ++i) {
        const double d = static_cast<double>(a[i]) - b(i);
        total += d * d;
    }
    return total;
}

float squaredNorm(const float* a, int n) { return static_cast<float>(sumOfSquares(a, [](int) { return 0.f; }, n)); }

} // namespace

std::vector<float> squaredRowNorms(const cv::Mat& rows) {
    std::vector<float> norms(static_cast<std::size_t>(rows.rows));
    for (int r = 0; r < rows.rows; ++r)
        norms[static_cast<std::size_t>(r)] = squaredNorm(rows.ptr<float>(r), rows.cols);
    return norms;
}

void squaredDistances(const cv::Mat& queries, const cv::Mat& refs, const std::vector<float>& refNorms, cv::Mat& out,
                      std::vector<float>* queryNorms) {
    CV_Assert(queries.type() == CV_32F && refs.type() == CV_32F && queries.cols == refs.cols &&
              static_cast<int>(refNorms.size()) == refs.rows);
    cv::gemm(queries, refs, -2.0, cv::noArray(), 0.0, out, cv::GEMM_2_T);
    if (queryNorms)
        queryNorms->resize(static_cast<std::size_t>(queries.rows));
    for (int i = 0; i < queries.rows; ++i) {
        const float qn = squaredNorm(queries.ptr<float>(i), queries.cols);
        if (queryNorms)
            (*queryNorms)[static_cast<std::size_t>(i)] = qn;
        float* d = out.ptr<float>(i);
        for (int j = 0; j < refs.rows; ++j)
            d[j] = std::max(0.f, d[j] + qn + refNorms[static_cast<std::size_t>(j)]);
    }
}

double exactSquaredDistance(const float* a, const float* b, int n) {
    return sumOfSquares(a, [b](int i) { return b[i]; }, n);
}

} // namespace ds::detail
