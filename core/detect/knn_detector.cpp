#include "core/detect/knn_detector.h"

#include "core/detect/pairwise_distances.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace ds {

namespace {
std::uint64_t hashRow(const float* p, int n) { // FNV-1a over the bytes
    std::uint64_t h = 1469598103934665603ull;
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < static_cast<std::size_t>(n) * sizeof(float); ++i)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}
} // namespace

KnnDetector::KnnDetector() { initParameters(); }

std::vector<ParamSpec> KnnDetector::parameters() const {
    return {{"k", "Neighbours", "How many nearest bank patches are averaged.", ParamSpec::Kind::Int, 1, 100, 5},
            {"bank", "Bank size", "At most this many normal patches are kept (seeded subsample).",
             ParamSpec::Kind::Int, 10, 100000, 4096},
            {"seed", "Seed", "Random seed of the bank subsample.", ParamSpec::Kind::Int, 0, 1e9, 0}};
}

void KnnDetector::indexBank() {
    m_rowHash.clear();
    m_bankNorms = detail::squaredRowNorms(m_bank);
    for (int r = 0; r < m_bank.rows; ++r)
        m_rowHash.emplace(hashRow(m_rawBank.ptr<float>(r), m_rawBank.cols), r);
}

Status KnnDetector::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("knn", [&] {
        detail::validateFeatures("knn", features, labels);
        rc.progress(0, "knn: memory bank");
        auto rows = detail::subsample(detail::normalRows(labels, features.rows()), static_cast<int>(parameter("bank")),
                                      static_cast<std::uint64_t>(parameter("seed")));
        if (static_cast<int>(rows.size()) < 2)
            fail(ErrorCode::InvalidArgument, "knn needs at least 2 normal patches for its memory bank");
        m_scaler.fit(features.values, rows);
        m_rawBank = cv::Mat(static_cast<int>(rows.size()), features.cols(), CV_32F);
        for (int i = 0; i < m_rawBank.rows; ++i)
            features.values.row(rows[static_cast<std::size_t>(i)]).copyTo(m_rawBank.row(i));
        m_bank = m_scaler.apply(m_rawBank);
        indexBank();
        rc.throwIfStopped();
        rc.progress(1, "knn: memory bank");
    });
}

Result<std::vector<float>> KnnDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("knn", [&]() -> std::vector<float> {
        if (m_bank.empty())
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("knn", features, {});
        if (features.cols() != m_bank.cols)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_bank.cols) + " features, got " +
                                                 std::to_string(features.cols()));
        const int k = std::min(static_cast<int>(parameter("k")), m_bank.rows - 1);
        // The BLAS distances carry rounding errors (pairwise_distances.h): every bank row that could
        // be among the k nearest within that error is measured again directly, and the k nearest of
        // those exact distances are averaged - the same neighbours as a direct computation.
        const int n = features.rows();
        std::vector<float> out(static_cast<std::size_t>(n)), queryNorms;
        cv::Mat d2;
        for (int begin = 0; begin < n; begin += detail::kDistanceBlock) {
            rc.throwIfStopped();
            const int end = std::min(n, begin + detail::kDistanceBlock);
            const cv::Mat raw = features.values.rowRange(begin, end);
            const cv::Mat q = m_scaler.apply(raw);
            detail::squaredDistances(q, m_bank, m_bankNorms, d2, &queryNorms); // threaded inside the BLAS
            cv::parallel_for_(cv::Range(0, q.rows), [&](const cv::Range& rows) {
                std::vector<float> upper(static_cast<std::size_t>(m_bank.rows));
                std::vector<double> exact;
                for (int i = rows.start; i < rows.end; ++i) {
                    const float* d = d2.ptr<float>(i);
                    const float qn = queryNorms[static_cast<std::size_t>(i)];
                    int self = -1;
                    const float* rp = raw.ptr<float>(i);
                    auto range = m_rowHash.equal_range(hashRow(rp, raw.cols));
                    for (auto it = range.first; it != range.second; ++it)
                        if (std::memcmp(m_rawBank.ptr<float>(it->second), rp, sizeof(float) * raw.cols) == 0) {
                            self = it->second; // excluded once, its genuine duplicates stay
                            break;
                        }
                    const auto error = [&](int b) {
                        return detail::squaredDistanceError(qn, m_bankNorms[static_cast<std::size_t>(b)], q.cols);
                    };
                    // The k-th smallest upper bound: no row whose lower bound exceeds it can be among the k nearest.
                    for (int b = 0; b < m_bank.rows; ++b)
                        upper[static_cast<std::size_t>(b)] = b == self ? std::numeric_limits<float>::infinity() : d[b] + error(b);
                    std::nth_element(upper.begin(), upper.begin() + (k - 1), upper.end());
                    const float limit = upper[static_cast<std::size_t>(k - 1)];
                    exact.clear();
                    for (int b = 0; b < m_bank.rows; ++b)
                        if (b != self && d[b] - error(b) <= limit)
                            exact.push_back(detail::exactSquaredDistance(q.ptr<float>(i), m_bank.ptr<float>(b), q.cols));
                    std::partial_sort(exact.begin(), exact.begin() + k, exact.end());
                    double sum = 0;
                    for (int j = 0; j < k; ++j)
                        sum += std::sqrt(exact[static_cast<std::size_t>(j)]);
                    out[static_cast<std::size_t>(begin + i)] = static_cast<float>(sum / k);
                }
            });
            rc.progress(static_cast<double>(end) / n, "knn: scoring");
        }
        return out;
    });
}

Status KnnDetector::save(std::ostream& out) const {
    return guarded("knn", [&] {
        m_scaler.save(out);
        detail::writeMat(out, m_rawBank);
    });
}

Status KnnDetector::load(std::istream& in) {
    return guarded("knn model", [&] {
        detail::Standardiser s;
        s.load(in);
        cv::Mat raw = detail::readMat(in);
        if (raw.rows < 2 || static_cast<int>(s.mean.size()) != raw.cols || s.invSd.size() != s.mean.size())
            fail(ErrorCode::Format, "corrupt memory bank");
        m_scaler = std::move(s);
        m_rawBank = raw;
        m_bank = m_scaler.apply(m_rawBank);
        indexBank();
    });
}

} // namespace ds
