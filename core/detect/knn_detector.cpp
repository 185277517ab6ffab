#include "core/detect/knn_detector.h"

#include "core/features/parallel_blocks.h"

#include <algorithm>
#include <cstring>

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
    m_bankNorms.assign(static_cast<std::size_t>(m_bank.rows), 0.f);
    for (int r = 0; r < m_bank.rows; ++r) {
        m_rowHash.emplace(hashRow(m_rawBank.ptr<float>(r), m_rawBank.cols), r);
        m_bankNorms[static_cast<std::size_t>(r)] = static_cast<float>(m_bank.row(r).dot(m_bank.row(r)));
    }
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
        std::vector<float> out(static_cast<std::size_t>(features.rows()));
        // Squared distances by |q|^2 + |b|^2 - 2 q.b, a block of queries against the whole bank at once.
        parallelBlocks(features.rows(), 16, rc, "knn: scoring", [&](int begin, int end) {
            const cv::Mat raw = features.values.rowRange(begin, end);
            const cv::Mat q = m_scaler.apply(raw);
            cv::Mat dots;
            cv::gemm(q, m_bank, 1.0, cv::noArray(), 0.0, dots, cv::GEMM_2_T);
            std::vector<float> d(static_cast<std::size_t>(m_bank.rows));
            for (int i = 0; i < q.rows; ++i) {
                const float qn = static_cast<float>(q.row(i).dot(q.row(i)));
                const float* dp = dots.ptr<float>(i);
                for (int b = 0; b < m_bank.rows; ++b)
                    d[static_cast<std::size_t>(b)] = std::max(0.f, qn + m_bankNorms[static_cast<std::size_t>(b)] - 2 * dp[b]);
                const float* rp = raw.ptr<float>(i);
                auto range = m_rowHash.equal_range(hashRow(rp, raw.cols));
                for (auto it = range.first; it != range.second; ++it)
                    if (std::memcmp(m_rawBank.ptr<float>(it->second), rp, sizeof(float) * raw.cols) == 0) {
                        d[static_cast<std::size_t>(it->second)] = std::numeric_limits<float>::infinity();
                        break; // exclude the patch itself once, not its genuine duplicates
                    }
                std::nth_element(d.begin(), d.begin() + (k - 1), d.end());
                double sum = 0;
                for (int j = 0; j < k; ++j)
                    sum += std::sqrt(static_cast<double>(d[static_cast<std::size_t>(j)]));
                out[static_cast<std::size_t>(begin + i)] = static_cast<float>(sum / k);
            }
        });
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
