#include "core/detect/auto_detector.h"

#include "core/common/guard.h"
#include "core/common/robust_stats.h"
#include "core/detect/blob_evidence.h"
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

// Robust z-scores of the k-NN distances against the frame's own bulk (median, scaled MAD).
std::vector<double> knnZ(const std::vector<float>& knn) {
    const RobustScale r = robustScale(knn);
    const double med = r.centre;
    const double scale = std::max(1e-12, r.sigma);
    std::vector<double> z(knn.size());
    for (std::size_t i = 0; i < knn.size(); ++i)
        z[i] = (knn[i] - med) / scale;
    return z;
}

// The generic "stands out from the bulk" rule: a k-NN distance this many robust sigmas above the
// median is an outlier (the threshold the band used before it had lattice or blob evidence).
constexpr double kKnnOutlierZ = 3.0;

} // namespace

double AutoDetector::topologyTrust(const LatticeEvidence* lattice) {
    if (!lattice || !lattice->latticeFound)
        return 0.0;
    // Hexagons among the interior ring centres: 1 for a clean honeycomb; the ring-centre search run
    // on pure noise returns maxima whose Delaunay triangulation is close to that of random points,
    // where a vertex has six neighbours with probability 0.294 (Poisson-Delaunay degree
    // distribution). Between the two, the topology is trusted in proportion.
    constexpr double kRandomHexFraction = 0.294;
    return std::clamp((lattice->ringHexFraction - kRandomHexFraction) / (1.0 - kRandomHexFraction), 0.0, 1.0);
}

std::vector<double> AutoDetector::evidence(const FeatureMatrix& features, const LatticeEvidence* lattice,
                                           const std::vector<float>& knn, double knnWeight) {
    const double unit = LatticeDetector::kDefectEvidence;
    const auto zk = knnZ(knn);
    std::vector<double> e(knn.size());
    // k-NN: half a unit (the defect boundary) at the outlier rule, in proportion below and above.
    for (std::size_t i = 0; i < e.size(); ++i)
        e[i] = knnWeight * unit * std::max(0.0, zk[i]) / kKnnOutlierZ;
    if (features.image.empty() || features.grid.empty())
        return e;
    const bool haveLattice = lattice && lattice->latticeFound;
    const double trust = topologyTrust(lattice);
    // Column scale: the frame's own bond when it shows a lattice, else the one the grid was sized
    // from (the automatic and the protocol grids are four bonds: autoPatchSide()).
    const double bond = haveLattice ? lattice->lattice.bondPx : features.grid.spec().side / 4.0;
    const bool bright = haveLattice ? lattice->lattice.brightAtoms : true; // no lattice: HAADF, the low-dose mode
    const BlobPatchEvidence blob = blobPatchEvidence(features.image, features.grid, bond, bright);
    // Blobs carry what the topology cannot (weight 1 - trust): half a unit at twice the largest
    // excursion noise reaches in the frame (shot noise at a few counts is skewed, so its tail
    // reaches beyond the Gaussian extreme). k-NN and blobs see the same patches: the stronger counts.
    for (std::size_t i = 0; i < e.size(); ++i)
        e[i] = std::max(e[i], (1.0 - trust) * unit * std::max(0.0, double(blob.z[i])) / (2.0 * blob.noiseExtreme));
    // The lattice evidence (rings, bright columns, missing lattice) adds, in proportion to how far
    // this frame's topology can be trusted: on dose-limited frames its rings are partly noise.
    if (haveLattice) {
        const auto lat = latticePatchScores(*lattice, features.grid);
        for (std::size_t i = 0; i < e.size(); ++i)
            e[i] += trust * double(lat[i]);
    }
    return e;
}

std::vector<float> AutoDetector::calibrated(const std::vector<double>& evidence) {
    // Evidence units to [0, 2): monotone, the defect boundary (half a unit) at 1, the same value
    // meaning the same evidence in every frame.
    const double unit = LatticeDetector::kDefectEvidence;
    std::vector<float> out(evidence.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double e = std::max(0.0, evidence[i]);
        out[i] = static_cast<float>(2.0 * e / (e + unit));
    }
    return out;
}

AutoDetector::AutoDetector() { initParameters(); }

std::vector<ParamSpec> AutoDetector::parameters() const {
    auto p = m_knn.parameters();
    // A 256-patch bank keeps k-NN under a second on 4k frames (the full 4096 bank costs ~25 s of
    // CPU there); its evidence is a robust z-score, which a subsampled bank estimates well enough.
    for (ParamSpec& s : p)
        if (s.name == "bank")
            s.defaultValue = 256;
    p.push_back({"knn_weight", "k-NN weight", "weight of the k-NN evidence against the lattice and blob evidence (ignored when labels choose it)",
                 ParamSpec::Kind::Real, 0.0, 10.0, kDefaultKnnWeight});
    return p;
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
        // Semi-supervised weighting: the k-NN weight that best separates the hand labels (ties
        // resolved towards the default, so a handful of labels cannot push it to an extreme).
        const auto knn = unwrap(m_knn.score(reduced, rc.sub(0.5, 0.7)));
        auto ev = std::make_shared<const LatticeEvidence>(
            unwrap(computeLatticeEvidence(features.image, rc.sub(0.7, 1.0), features.lattice)));
        m_evidence = ev;
        m_evidenceImage = features.image;
        const double def = parameter("knn_weight");
        double best = -1, bestW = def;
        for (double w : {def, 0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 100.0}) {
            const auto scores = calibrated(evidence(features, ev.get(), knn, w)); // exactly what score() returns
            auto a = auroc(scores, labels);
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
        const double w = m_weight >= 0 ? m_weight : parameter("knn_weight");
        if (features.image.empty() || features.grid.empty())
            return calibrated(evidence(features, nullptr, knn, w)); // pooled rows of several images: k-NN alone
        const bool sameImage = m_evidence && m_evidenceImage.data == features.image.data &&
                               m_evidenceImage.size() == features.image.size() &&
                               m_evidenceImage.type() == features.image.type();
        const auto ev = sameImage ? m_evidence
                                  : std::make_shared<const LatticeEvidence>(unwrap(
                                        computeLatticeEvidence(features.image, rc.sub(0.4, 1.0), features.lattice)));
        return calibrated(evidence(features, ev.get(), knn, w));
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
        double w = -1, kw = kDefaultKnnWeight;
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
