#pragma once
// Squared Euclidean distances between a block of query rows and a fixed set of reference rows by
// |q|^2 + |r|^2 - 2 q.r, with the dot products as one matrix product. cv::gemm hands products of
// 100 rows or more to the BLAS (OpenBLAS), which is what makes k-NN and the one-class SVM's kernel
// rows fast; callers pass blocks of kDistanceBlock queries so the scratch stays bounded (a block
// times the reference rows, never all queries at once). The expansion loses a little precision
// when two rows are close compared with their norms: callers that rank neighbours keep every row
// that could be among the nearest within squaredDistanceError() and recompute those exactly
// (exactSquaredDistance). Plain functions; any thread (the BLAS is threaded).
#include <vector>

#include <opencv2/core.hpp>

namespace ds::detail {

// Queries per block: above OpenCV's 100-row BLAS threshold, and 256 x 4096 references = 4 MB scratch.
inline constexpr int kDistanceBlock = 256;

// |row|^2 of every row of a CV_32F matrix.
std::vector<float> squaredRowNorms(const cv::Mat& rows);

// out(i, j) = max(0, |q_i - r_j|^2) for CV_32F q (n x d) and refs (m x d); out is n x m CV_32F.
// queryNorms, when given, receives |q_i|^2.
void squaredDistances(const cv::Mat& queries, const cv::Mat& refs, const std::vector<float>& refNorms, cv::Mat& out,
                      std::vector<float>* queryNorms = nullptr);

// A worst-case bound on |squaredDistances() - the exact value| for rows of squared norms qn and rn
// in `dims` dimensions: the float dot product's error (at most dims x epsilon x |q||r|, doubled)
// plus the rounding of the norms and of the sum. Typically far smaller; it is used to decide which
// rows need an exact recheck, so it must never be too small.
inline float squaredDistanceError(float qn, float rn, int dims) {
    return (2.f * static_cast<float>(dims) + 8.f) * 1.2e-7f * (qn + rn);
}

// |a - b|^2 computed directly, for n floats.
double exactSquaredDistance(const float* a, const float* b, int n);

} // namespace ds::detail
