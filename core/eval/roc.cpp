#include "core/eval/roc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

namespace ds {

namespace {

struct Scored {
    std::vector<double> pos, neg;
};

Result<Scored> split(std::span<const float> scores, std::span<const Label> labels) {
    if (scores.size() != labels.size())
        return make_error(ErrorCode::InvalidArgument, "ROC: " + std::to_string(scores.size()) + " scores but " +
                                                          std::to_string(labels.size()) + " labels");
    Scored s;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (labels[i] == Label::Unlabelled)
            continue;
        if (!std::isfinite(scores[i]))
            return make_error(ErrorCode::Numeric, "ROC: score of patch " + std::to_string(i) + " is not finite");
        (labels[i] == Label::Defect ? s.pos : s.neg).push_back(scores[i]);
    }
    if (s.pos.empty() || s.neg.empty())
        return make_error(ErrorCode::Numeric, std::string("ROC needs both defect and perfect patches (got ") +
                                                  std::to_string(s.pos.size()) + " defect, " +
                                                  std::to_string(s.neg.size()) + " perfect)");
    return s;
}

// Mann-Whitney U / (n1 n0) with midranks for ties; O(n log n).
double aurocOf(std::vector<double> pos, std::vector<double> neg) {
    std::sort(pos.begin(), pos.end());
    std::sort(neg.begin(), neg.end());
    // For each positive: negatives strictly below + half of those equal.
    double sum = 0;
    std::size_t lo = 0, hi = 0;
    for (double p : pos) {
        while (lo < neg.size() && neg[lo] < p) ++lo;
        if (hi < lo) hi = lo;
        while (hi < neg.size() && neg[hi] <= p) ++hi;
        sum += static_cast<double>(lo) + 0.5 * static_cast<double>(hi - lo);
    }
    return sum / (static_cast<double>(pos.size()) * static_cast<double>(neg.size()));
}

// Counts of positives/negatives at or above each distinct threshold, descending.
struct Step {
    double threshold;
    double tp, fp;
};

std::vector<Step> steps(const Scored& s) {
    std::vector<std::pair<double, int>> all;
    all.reserve(s.pos.size() + s.neg.size());
    for (double v : s.pos) all.emplace_back(v, 1);
    for (double v : s.neg) all.emplace_back(v, 0);
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.first > b.first; });
    std::vector<Step> out;
    double tp = 0, fp = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        (all[i].second ? tp : fp) += 1;
        if (i + 1 == all.size() || all[i + 1].first != all[i].first)
            out.push_back({all[i].first, tp, fp});
    }
    return out;
}

} // namespace

Result<std::vector<RocPoint>> rocCurve(std::span<const float> scores, std::span<const Label> labels) {
    auto s = split(scores, labels);
    if (!s)
        return s.error();
    const double P = static_cast<double>(s->pos.size()), N = static_cast<double>(s->neg.size());
    std::vector<RocPoint> out;
    out.push_back({0, 0, std::numeric_limits<double>::infinity()});
    for (const Step& st : steps(*s))
        out.push_back({st.fp / N, st.tp / P, st.threshold});
    return out;
}

Result<double> auroc(std::span<const float> scores, std::span<const Label> labels) {
    auto s = split(scores, labels);
    if (!s)
        return s.error();
    return aurocOf(std::move(s->pos), std::move(s->neg));
}

Result<std::vector<PrPoint>> prCurve(std::span<const float> scores, std::span<const Label> labels) {
    auto s = split(scores, labels);
    if (!s)
        return s.error();
    const double P = static_cast<double>(s->pos.size());
    std::vector<PrPoint> out;
    // The curve starts at recall 0 with the precision of the first threshold that finds a defect.
    // Thresholds above it find none: their "precision" 0/fp (or an invented 1) would draw a spike
    // down to (0, 0) or up to (0, 1) that no threshold delivers. Recall does not move along that
    // stretch, so the average precision is the same either way.
    for (const Step& st : steps(*s)) {
        if (st.tp == 0)
            continue;
        const double precision = st.tp / (st.tp + st.fp);
        if (out.empty())
            out.push_back({0, precision, std::numeric_limits<double>::infinity()});
        out.push_back({st.tp / P, precision, st.threshold});
    }
    return out;
}

Result<double> averagePrecision(std::span<const float> scores, std::span<const Label> labels) {
    auto pr = prCurve(scores, labels);
    if (!pr)
        return pr.error();
    double ap = 0;
    for (std::size_t i = 1; i < pr->size(); ++i)
        ap += ((*pr)[i].recall - (*pr)[i - 1].recall) * (*pr)[i].precision;
    return ap;
}

Result<Interval> aurocBootstrapCi(std::span<const float> scores, std::span<const Label> labels, double level,
                                  int resamples, std::uint64_t seed) {
    if (!(level > 0 && level < 1) || resamples < 10)
        return make_error(ErrorCode::InvalidArgument, "bootstrap needs 0 < level < 1 and at least 10 resamples");
    auto s = split(scores, labels);
    if (!s)
        return s.error();
    std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ull);
    std::uniform_int_distribution<std::size_t> pickP(0, s->pos.size() - 1), pickN(0, s->neg.size() - 1);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(resamples));
    std::vector<double> p(s->pos.size()), n(s->neg.size());
    for (int r = 0; r < resamples; ++r) {
        for (double& v : p) v = s->pos[pickP(rng)];
        for (double& v : n) v = s->neg[pickN(rng)];
        values.push_back(aurocOf(p, n));
    }
    std::sort(values.begin(), values.end());
    const auto quantile = [&](double q) {
        const double pos = q * static_cast<double>(values.size() - 1);
        const auto i = static_cast<std::size_t>(std::floor(pos));
        const double f = pos - static_cast<double>(i);
        return i + 1 < values.size() ? values[i] * (1 - f) + values[i + 1] * f : values[i];
    };
    const double alpha = (1 - level) / 2;
    return Interval{quantile(alpha), quantile(1 - alpha)};
}

Result<RocPoint> thresholdForFpr(std::span<const float> scores, std::span<const Label> labels, double targetFpr) {
    if (!(targetFpr >= 0 && targetFpr <= 1))
        return make_error(ErrorCode::InvalidArgument, "target false-positive rate must lie in [0, 1]");
    auto roc = rocCurve(scores, labels);
    if (!roc)
        return roc.error();
    RocPoint best = roc->front();
    for (const RocPoint& p : *roc)
        if (p.fpr <= targetFpr + 1e-12)
            best = p; // thresholds descend, so the last admissible point has the lowest threshold
    return best;
}

Result<RocPoint> youdenThreshold(std::span<const float> scores, std::span<const Label> labels) {
    auto roc = rocCurve(scores, labels);
    if (!roc)
        return roc.error();
    RocPoint best = roc->front();
    for (const RocPoint& p : *roc)
        if (p.tpr - p.fpr > best.tpr - best.fpr)
            best = p;
    return best;
}

} // namespace ds
