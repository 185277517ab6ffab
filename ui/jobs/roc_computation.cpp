#include "ui/jobs/roc_computation.h"

#include "core/eval/confusion.h"

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
    const Confusion c = confusionAt(scores, labels, threshold);
    return OperatingPoint{threshold, c.tpr(), c.fpr(), c.precision()};
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
