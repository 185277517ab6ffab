#include "core/report/score_report.h"

#include "core/common/guard.h"
#include "core/io/pixel_size.h"
#include "core/analysis/run_threshold.h"

#include <algorithm>
#include <functional>
#include <cmath>
#include <numeric>

namespace ds {

int ScoreReport::predictedDefects() const {
    int n = 0;
    for (float s : scores)
        n += s >= threshold;
    return n;
}

int ScoreReport::labelledDefects() const {
    return static_cast<int>(std::count(labels.begin(), labels.end(), Label::Defect));
}

int ScoreReport::defectSites() const {
    const int n = static_cast<int>(scores.size());
    if (n != grid.size())
        return 0;
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    for (int i = 0; i < n; ++i) {
        if (!predicted(i))
            continue;
        const int c = grid.column(i), r = grid.row(i);
        for (int dr = -1; dr <= 0; ++dr)
            for (int dc = -1; dc <= 1; ++dc) {
                if (dr == 0 && dc >= 0)
                    continue; // visit each neighbour pair once (the ones already scanned)
                const int rr = r + dr, cc = c + dc;
                if (rr < 0 || cc < 0 || cc >= grid.columns())
                    continue;
                const int j = grid.index(cc, rr);
                if (predicted(j))
                    parent[find(i)] = find(j);
            }
    }
    int sites = 0;
    for (int i = 0; i < n; ++i)
        sites += predicted(i) && find(i) == i;
    return sites;
}

std::optional<double> ScoreReport::analysedAreaNm2() const {
    const auto sx = x.nmPerPixel(), sy = y.nmPerPixel();
    if (!sx || !sy || grid.empty())
        return std::nullopt;
    const GridSpec& g = grid.spec();
    const double w = (grid.columns() - 1) * g.stride + g.side, h = (grid.rows() - 1) * g.stride + g.side;
    return w * *sx * h * *sy;
}

std::optional<double> ScoreReport::defectDensityPerNm2() const {
    const auto area = analysedAreaNm2();
    if (!area || *area <= 0)
        return std::nullopt;
    return defectSites() / *area;
}

Result<ScoreReport> buildScoreReport(const Micrograph& image, const std::string& imageName, const RunSpec& spec,
                                     const RunResult& scores, std::vector<Label> labels,
                                     const std::string& labelSource) {
    return guarded(imageName, [&] {
        if (static_cast<int>(scores.scores.size()) != scores.grid.size() ||
            scores.evalScores.size() != scores.scores.size())
            fail(ErrorCode::Internal, "score count does not match the grid");
        if (!labels.empty() && labels.size() != scores.scores.size())
            fail(ErrorCode::InvalidArgument, "label count does not match the grid");
        if (!image.pixels.empty() &&
            (image.width() != scores.grid.imageWidth() || image.height() != scores.grid.imageHeight()))
            fail(ErrorCode::InvalidArgument, "the scores belong to a " + std::to_string(scores.grid.imageWidth()) +
                                                 " x " + std::to_string(scores.grid.imageHeight()) + " image, not " +
                                                 std::to_string(image.width()) + " x " + std::to_string(image.height()));
        ScoreReport r;
        r.image = imageName;
        r.imageWidth = scores.grid.imageWidth();
        r.imageHeight = scores.grid.imageHeight();
        r.frame = image.frameIndex;
        r.frames = image.frames;
        r.x = image.x;
        r.y = image.y;
        r.calibrationSource = calibrationSource(image);
        r.grid = scores.grid;
        r.detector = scores.detector;
        r.features = scores.features;
        r.spec = spec;
        r.lattice = scores.lattice;
        r.scores = scores.scores;
        r.evalScores = scores.evalScores;
        r.trainedOn = scores.trainedOn;
        r.versions = scores.versions;
        r.labels = std::move(labels);
        r.labelSource = r.labels.empty() ? std::string() : labelSource;
        r.seconds = scores.seconds;
        r.notes = scores.notes;

        // A patch without an honest score (trained on, never held out) is not evaluated.
        const std::vector<Label> evalLabels = honestLabels(scores, r.labels);
        const bool bothClasses = std::count(evalLabels.begin(), evalLabels.end(), Label::Defect) > 0 &&
                                 std::count(evalLabels.begin(), evalLabels.end(), Label::Perfect) > 0;
        r.aurocKind = r.trainedOn.empty() ? "self" : "out_of_fold";
        if (bothClasses) {
            auto a = auroc(r.evalScores, evalLabels);
            auto ci = aurocBootstrapCi(r.evalScores, evalLabels, 0.95, kDefaultBootstrapResamples, spec.seed);
            if (a)
                r.auroc = *a;
            if (ci)
                r.aurocCi = *ci;
        }
        auto choice = chooseRunThreshold(spec, scores, r.labels);
        if (!choice)
            fail(choice.error().code, choice.error().message);
        r.threshold = choice->value;
        r.thresholdRule = choice->rule;
        return r;
    });
}

} // namespace ds
