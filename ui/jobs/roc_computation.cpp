#include "ui/jobs/roc_computation.h"

#include <cmath>

namespace ds::ui {

namespace {

// Keeps the first and last point and every point that moved visibly from the last kept one: a
// 16,000-point staircase draws the same with a few hundred points.
template <class P, class X, class Y> std::vector<P> thin(const std::vector<P>& in, int maxPoints, X x, Y y) {
    if (static_cast<int>(in.size()) <= maxPoints)
        return in;
    const double step = 1.0 / maxPoints;
    std::vector<P> out;
    out.push_back(in.front());
    for (std::size_t i = 1; i + 1 < in.size(); ++i)
        if (std::abs(x(in[i]) - x(out.back())) >= step || std::abs(y(in[i]) - y(out.back())) >= step)
            out.push_back(in[i]);
    out.push_back(in.back());
    return out;
}

} // namespace

OperatingPoint operatingPoint(const std::vector<float>& scores, const std::vector<Label>& labels, double threshold) {
    OperatingPoint op;
    op.threshold = threshold;
    double tp = 0, fp = 0, pos = 0, neg = 0;
    for (std::size_t i = 0; i < scores.size() && i < labels.size(); ++i) {
        const bool called = scores[i] >= threshold;
        if (labels[i] == Label::Defect) {
            ++pos;
            tp += called;
        } else if (labels[i] == Label::Perfect) {
            ++neg;
            fp += called;
        }
    }
    op.tpr = pos > 0 ? tp / pos : 0;
    op.fpr = neg > 0 ? fp / neg : 0;
    op.precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    return op;
}

std::vector<RocCurveResult> computeRocCurves(const std::vector<RocInput>& inputs, const std::vector<Label>& labels,
                                             std::optional<double> threshold, int maxPoints) {
    std::vector<RocCurveResult> out;
    for (const RocInput& in : inputs) {
        RocCurveResult r;
        r.detector = in.detector;
        r.shown = in.shown;
        if (in.evalScores.size() != labels.size()) {
            out.push_back(std::move(r));
            continue;
        }
        // Only labelled patches with an honest score take part.
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const float s = in.evalScores[i];
            if (labels[i] == Label::Unlabelled || !std::isfinite(s))
                continue;
            r.scores.push_back(s);
            r.labels.push_back(labels[i]);
            (labels[i] == Label::Defect ? r.defects : r.perfect)++;
        }
        r.valid = r.defects > 0 && r.perfect > 0;
        if (r.valid) {
            auto roc = rocCurve(r.scores, r.labels);
            auto area = auroc(r.scores, r.labels);
            auto pr = prCurve(r.scores, r.labels);
            auto ap = averagePrecision(r.scores, r.labels);
            r.valid = roc && area && pr && ap;
            if (r.valid) {
                r.auroc = *area;
                r.averagePrecision = *ap;
                r.roc = thin(*roc, maxPoints, [](const RocPoint& p) { return p.fpr; },
                             [](const RocPoint& p) { return p.tpr; });
                r.pr = thin(*pr, maxPoints, [](const PrPoint& p) { return p.recall; },
                            [](const PrPoint& p) { return p.precision; });
                if (in.shown && threshold)
                    r.operating = operatingPoint(r.scores, r.labels, *threshold);
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace ds::ui
