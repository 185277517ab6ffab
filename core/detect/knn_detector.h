#pragma once
// KnnDetector: PatchCore-style memory bank. Fit stores (a seeded subsample of) the perfect or
// unlabelled patches, standardised per feature; the score of a patch is its mean Euclidean distance
// to the k nearest bank patches. A query identical to a bank row ("self" mode: scoring the image it
// was fitted on) does not count itself as a neighbour. One thread at a time; scores in parallel.
#include "core/detect/detector.h"
#include "core/detect/detector_support.h"

#include <cstdint>
#include <unordered_map>

namespace ds {

class KnnDetector final : public Detector {
public:
    KnnDetector();

    std::string id() const override { return "knn"; }
    std::string displayName() const override { return "k-nearest-neighbour distance"; }
    std::string defaultFeatures() const override { return "raw"; }
    bool readsOnlyRows() const override { return true; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

private:
    void indexBank();

    detail::Standardiser m_scaler;
    cv::Mat m_rawBank;                 // the bank rows as given (to recognise a query as itself)
    cv::Mat m_bank;                    // standardised bank rows
    std::vector<float> m_bankNorms;    // squared norms of m_bank rows
    std::unordered_multimap<std::uint64_t, int> m_rowHash; // hash of raw row bytes -> bank row
};

} // namespace ds
