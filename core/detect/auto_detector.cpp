#include "core/detect/auto_detector.h"

#include "core/common/guard.h"
#include "core/detect/lattice_detector.h"
#include "core/detect/lattice_evidence.h"
#include "core/eval/roc.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <numeric>
#include <ostream>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {
constexpr char kMagic[] = "auto-detector-v1";

std::vector<double> ranks(const std::vector<float>& v) {
    const int n = static_cast<int>(v.size());
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return v[a] < v[b]; });
    std::vector<double> r(n, 0.0);
    for (int i = 0; i < n;) {
        int j = i;
        while (j + 1 < n && v[order[j + 1]] == v[order[i]])
            ++j;
        const double mean = n > 1 ? 0.5 * (i + j) / (n - 1) : 0.5;
        for (int k = i; k <= j; ++k)
            r[order[k]] = mean;
        i = j + 1;
    }
    return r;
}

// The k-NN part sees raw patches reduced to 16 x 16 (when the rows are square raw patches): it only
// orders what the lattice score leaves tied, and 9x fewer dimensions keep 4k frames fast.
FeatureMatrix reducedForKnn(const FeatureMatrix& fm) {
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(fm.cols()))));
    constexpr int kSide = 16;
    if (fm.featureId != "raw" || side * side != fm.cols() || side <= kSide)
        return fm;
    FeatureMatrix out = fm;
    out.values.create(fm.rows(), kSide * kSide, CV_32F);
    for (int i = 0; i < fm.rows(); ++i) {
        const cv::Mat patch = fm.values.row(i).reshape(1, side);
        cv::Mat small(kSide, kSide, CV_32F, out.values.ptr<float>(i));
        cv::resize(patch, small, small.size(), 0, 0, cv::INTER_AREA);
    }
    return out;
}

// k-NN distances beyond median + 3 MAD: the generic "stands out from the bulk" rule, used where
// there is no lattice to give evidence.
std::vector<bool> knnOutliers(const std::vector<float>& knn) {
    auto median = [](std::vector<float> v) {
        if (v.empty())
            return 0.0;
        const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        return static_cast<double>(*mid);
    };
    const double med = median(knn);
    std::vector<float> dev(knn.size());
    for (std::size_t i = 0; i < knn.size(); ++i)
        dev[i] = static_cast<float>(std::abs(knn[i] - med));
    const double cut = med + 3.0 * 1.4826 * median(dev);
    std::vector<bool> out(knn.size());
    for (std::size_t i = 0; i < knn.size(); ++i)
        out[i] = knn[i] > cut;
    return out;
}

std::vector<bool> evidenceFlags(const std::vector<float>& lattice) {
    std::vector<bool> out(lattice.size());
    for (std::size_t i = 0; i < lattice.size(); ++i)
        out[i] = lattice[i] >= LatticeDetector::kDefectEvidence;
    return out;
}

} // namespace

AutoDetector::AutoDetector() { initParameters(); }

std::vector<ParamSpec> AutoDetector::parameters() const {
    auto p = m_knn.parameters();
    // The k-NN rank only orders what the lattice score leaves tied (weight 0.15): a 256-patch bank
    // keeps it under a second on 4k frames (the full 4096 bank costs ~25 s of CPU there).
    for (ParamSpec& s : p)
        if (s.name == "bank")
            s.defaultValue = 256;
    p.push_back({"knn_weight", "k-NN weight", "weight of the k-NN rank against the lattice rank (ignored when labels choose it)",
                 ParamSpec::Kind::Real, 0.0, 10.0, 0.15});
    return p;
}

std::vector<float> AutoDetector::fuse(const std::vector<float>& lattice, const std::vector<float>& knn, double w) {
    const auto rl = ranks(lattice), rk = ranks(knn);
    std::vector<float> out(lattice.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(rl[i] + w * rk[i]);
    return out;
}

std::vector<float> AutoDetector::banded(const std::vector<float>& order, const std::vector<bool>& flagged) {
    const auto r = ranks(order);
    std::vector<float> out(order.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>((flagged[i] ? 1.0 : 0.0) + 0.999 * r[i]);
    return out;
}

Status AutoDetector::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("auto", [&] {
        for (const auto& [name, value] : m_params)
            if (name != "knn_weight")
                if (auto s = m_knn.setParameter(name, value); !s)
                    fail(s.error().code, s.error().message);
        const FeatureMatrix reduced = reducedForKnn(features);
        if (auto s = m_knn.fit(reduced, labels, rc.sub(0, 0.5)); !s)
            fail(s.error().code, s.error().message);
        m_weight = -1;
        m_evidence.reset();
        m_evidenceImage.release();
        const bool haveBoth = std::count(labels.begin(), labels.end(), Label::Defect) > 0 &&
                              std::count(labels.begin(), labels.end(), Label::Perfect) > 0;
        if (!haveBoth || features.image.empty())
            return;
        // Semi-supervised weighting: the fusion weight that best separates the hand labels (ties
        // resolved towards the default, so a handful of labels cannot push it to an extreme).
        const auto knn = unwrap(m_knn.score(reduced, rc.sub(0.5, 0.7)));
        auto ev = std::make_shared<const LatticeEvidence>(
            unwrap(computeLatticeEvidence(features.image, rc.sub(0.7, 1.0), features.lattice)));
        m_evidence = ev;
        m_evidenceImage = features.image;
        const auto lat = latticePatchScores(*ev, features.grid);
        const auto flags = ev->latticeFound ? evidenceFlags(lat) : knnOutliers(knn);
        const double def = parameter("knn_weight");
        double best = -1, bestW = def;
        for (double w : {def, 0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 100.0}) {
            const auto fused = banded(fuse(lat, knn, w), flags); // exactly what score() returns
            auto a = auroc(fused, labels);
            if (a && *a > best + 1e-9) {
                best = *a;
                bestW = w;
            }
        }
        m_weight = bestW;
    });
}

Result<std::vector<float>> AutoDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("auto", [&]() -> std::vector<float> {
        const auto knn = unwrap(m_knn.score(reducedForKnn(features), rc.sub(0, 0.4)));
        if (features.image.empty() || features.grid.empty())
            return banded(knn, knnOutliers(knn)); // pooled rows from several images: only the generic score applies
        const bool sameImage = m_evidence && m_evidenceImage.data == features.image.data &&
                               m_evidenceImage.size() == features.image.size() &&
                               m_evidenceImage.type() == features.image.type();
        const auto ev = sameImage ? m_evidence
                                  : std::make_shared<const LatticeEvidence>(unwrap(
                                        computeLatticeEvidence(features.image, rc.sub(0.4, 1.0), features.lattice)));
        if (!ev->latticeFound)
            return banded(knn, knnOutliers(knn));
        const double w = m_weight >= 0 ? m_weight : parameter("knn_weight");
        const auto lat = latticePatchScores(*ev, features.grid);
        return banded(fuse(lat, knn, w), evidenceFlags(lat));
    });
}

Status AutoDetector::save(std::ostream& out) const {
    return guarded("auto", [&] {
        out << kMagic << "\n" << m_weight << "\n" << parameter("knn_weight") << "\n";
        if (auto s = m_knn.save(out); !s)
            fail(s.error().code, s.error().message);
    });
}

Status AutoDetector::load(std::istream& in) {
    return guarded("auto", [&] {
        std::string line;
        std::getline(in, line);
        if (line != kMagic)
            fail(ErrorCode::Format, "not an auto detector model");
        double w = -1, kw = 0.15;
        if (!(in >> w >> kw) || !(kw >= 0 && kw <= 10) || !(w <= 100))
            fail(ErrorCode::Format, "auto detector model: bad fusion weight");
        in.ignore(1);
        m_weight = w;
        m_params["knn_weight"] = kw;
        if (auto s = m_knn.load(in); !s)
            fail(s.error().code, s.error().message);
    });
}

} // namespace ds
