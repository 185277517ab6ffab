#include "core/analysis/protocol_evaluation.h"

#include "core/common/guard.h"
#include "core/analysis/grid_rule.h"
#include "core/features/normalise.h"

namespace ds {

Result<ProtocolResult> evaluateProtocol(const Micrograph& image, const ProtocolInput& input,
                                        const RunSpec& config, const RunControl& rc) {
    return guarded("", [&]() -> ProtocolResult {
        if (!input.mask.empty() && (input.mask.cols != image.width() || input.mask.rows != image.height()))
            fail(ErrorCode::InvalidArgument, "the mask is " + std::to_string(input.mask.cols) + " x " +
                                                 std::to_string(input.mask.rows) + " but the image is " +
                                                 std::to_string(image.width()) + " x " + std::to_string(image.height()));
        // Labels need the grid before scoring, so the automatic grid is resolved here and passed on.
        RunSpec cfg = config;
        std::optional<LatticeEstimate> lattice;
        std::vector<std::string> notes;
        PatchGrid grid;
        if (cfg.grid) {
            auto g = PatchGrid::create(*cfg.grid, image.width(), image.height());
            if (!g)
                fail(g.error().code, g.error().message);
            grid = *g;
        } else {
            auto g = automaticGrid(normaliseImage(image.pixels), lattice, notes, rc.sub(0, 0.05));
            if (!g)
                fail(g.error().code, g.error().message);
            grid = *g;
            cfg.grid = grid.spec();
            // runImage and its detector reuse the estimate instead of estimating again
        }
        ProtocolResult out;
        out.truthLabels = labelsFromTruth(grid, input.truth, input.mask);
        if (!input.handLabels.empty())
            out.handLabels = labelsFromRects(grid, input.handLabels);
        if (!out.handLabels.empty())
            cfg.mode = RunMode::Trained;
        auto scored = runImage(image, cfg, RunInputs{out.handLabels, lattice, {}}, rc.sub(0.05, 0.95));
        if (!scored)
            fail(scored.error().code, scored.error().message);
        out.scores = std::move(*scored);
        if (!out.scores.lattice)
            out.scores.lattice = lattice;
        out.scores.notes.insert(out.scores.notes.begin(), notes.begin(), notes.end());
        // Hand-labelled patches were seen in training: they do not count in the evaluation.
        std::vector<Label> evalLabels = out.truthLabels;
        for (std::size_t i = 0; i < out.handLabels.size(); ++i)
            if (out.handLabels[i] != Label::Unlabelled)
                evalLabels[i] = Label::Unlabelled;
        out.patches = grid.size();
        for (std::size_t i = 0; i < evalLabels.size(); ++i) {
            out.defectPatches += out.truthLabels[i] == Label::Defect;
            out.evaluatedPatches += evalLabels[i] != Label::Unlabelled;
        }
        auto a = auroc(out.scores.scores, evalLabels);
        if (!a)
            fail(a.error().code, "cannot compute the AUROC: " + a.error().message);
        out.auroc = *a;
        auto ci = aurocBootstrapCi(out.scores.scores, evalLabels, 0.95, input.bootstrapResamples, config.seed);
        if (!ci)
            fail(ci.error().code, ci.error().message);
        out.aurocCi = *ci;
        rc.progress(1, "evaluated");
        return out;
    });
}

} // namespace ds
