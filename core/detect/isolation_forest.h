#pragma once
// IsolationForest: Liu, Ting & Zhou (2008). Each tree isolates a random subsample (256 rows) with
// random axis-parallel splits up to depth ceil(log2 256); the anomaly score is 2^(-E[h(x)] / c(psi)),
// higher = easier to isolate = more anomalous. Trees live in one flat node array so scoring walks
// compact memory; scoring is parallel over patches, fitting over trees. Deterministic for a seed.
// Used by one thread at a time (it spawns its own workers internally).
#include "core/detect/detector.h"

#include <cstdint>
#include <vector>

namespace ds {

class IsolationForest final : public Detector {
public:
    IsolationForest();

    std::string id() const override { return "iforest"; }
    std::string displayName() const override { return "Isolation forest"; }
    std::string defaultFeatures() const override { return "raw"; }
    bool readsOnlyRows() const override { return true; }
    std::vector<ParamSpec> parameters() const override;

    Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) override;
    Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const override;
    Status save(std::ostream& out) const override;
    Status load(std::istream& in) override;

    // Average path length of an unsuccessful BST search among n points (the paper's c(n)).
    static double averagePathLength(double n);

private:
    struct Node {
        std::int32_t feature; // < 0: leaf
        float value;          // split threshold, or for a leaf: depth + c(size) (the path length)
        std::int32_t left;    // index of the left child; the right child is left + 1
    };
    void buildTree(const cv::Mat& x, std::vector<int>& idx, std::uint64_t seed, int heightLimit,
                   std::vector<Node>& nodes) const;

    std::vector<Node> m_nodes;
    std::vector<std::int32_t> m_roots;
    int m_columns = 0;
    double m_cPsi = 1.0;
};

} // namespace ds
