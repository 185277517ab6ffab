#include "core/dataset/cross_image_evaluation.h"

#include "core/common/guard.h"
#include "core/dataset/dataset_training.h"
#include "core/dataset/image_patches.h"
#include "core/analysis/model_training.h"

#include <algorithm>

namespace ds {

namespace {

std::optional<GridSpec> gridOf(const CrossImageInput& in, const RunSpec& config) {
    return in.grid ? in.grid : config.grid;
}

// The image's labels on `g`: its hand labels when it has them (all unlabelled when they belong to
// another grid), else its truth.
std::vector<Label> labelsOf(const CrossImageInput& in, const PatchGrid& g) {
    if (!in.patchLabels)
        return labelsFromTruth(g, in.truth, in.mask);
    if (static_cast<int>(in.patchLabels->size()) != g.size())
        fail(ErrorCode::InvalidArgument, in.name + ": " + std::to_string(in.patchLabels->size()) +
                                             " labels for a grid of " + std::to_string(g.size()) + " patches");
    return *in.patchLabels;
}

} // namespace

Result<CrossImageResult> evaluateCrossImage(const std::vector<CrossImageInput>& inputs, const RunSpec& config,
                                            int bootstrapResamples, const RunControl& rc) {
    return guarded("cross-image evaluation", [&]() -> CrossImageResult {
        const int n = static_cast<int>(inputs.size());
        if (n < 2)
            fail(ErrorCode::InvalidArgument, "leave-one-image-out needs at least two images");
        const std::string features = unwrap(pooledFeatureId(config));
        // Each image's labelled features once: the folds only choose which images to pool.
        std::vector<FeatureMatrix> rows(n);
        std::vector<std::vector<Label>> labels(n);
        const double cutShare = 0.4 / n;
        for (int i = 0; i < n; ++i) {
            const CrossImageInput& in = inputs[static_cast<std::size_t>(i)];
            const auto labeller = [&](const PatchGrid& g) { return labelsOf(in, g); };
            auto cut = cutImagePatches(in.image, gridOf(in, config), config.resample, labeller,
                                       rc.sub(i * cutShare, (i + 0.5) * cutShare));
            if (!cut)
                fail(cut.error().code, in.name + ": " + cut.error().message);
            rows[i] = unwrap(featuresOfPatches(cut->rows, config.resample, features,
                                               rc.sub((i + 0.5) * cutShare, (i + 1) * cutShare)));
            labels[i] = std::move(cut->labels);
        }
        CrossImageResult out;
        out.features = features;
        std::vector<float> pooledScores;
        std::vector<Label> pooledLabels;
        double sum = 0;
        int counted = 0;
        const double foldShare = 0.6 / n;
        for (int k = 0; k < n; ++k) {
            const CrossImageInput& held = inputs[static_cast<std::size_t>(k)];
            const RunControl fold = rc.sub(0.4 + k * foldShare, 0.4 + (k + 1) * foldShare);
            HeldOutImage r;
            r.name = held.name;
            FeatureMatrix train;
            train.featureId = features;
            std::vector<Label> trainLabels;
            for (int i = 0; i < n; ++i)
                if (i != k) {
                    train.values.push_back(rows[i].values);
                    trainLabels.insert(trainLabels.end(), labels[i].begin(), labels[i].end());
                }
            r.trainDefect = static_cast<int>(std::count(trainLabels.begin(), trainLabels.end(), Label::Defect));
            r.trainPerfect = static_cast<int>(std::count(trainLabels.begin(), trainLabels.end(), Label::Perfect));
            auto model = fitPooledModel(train, trainLabels, config, fold.sub(0, 0.7));
            if (!model)
                fail(model.error().code, "training without " + held.name + ": " + model.error().message);
            model->spec.grid = gridOf(held, config); // the held-out image is scored on its own grid
            auto scored = runModel(held.image, *model, fold.sub(0.7, 1.0));
            if (!scored)
                fail(scored.error().code, held.name + ": " + scored.error().message);
            r.scores = std::move(*scored);
            r.notes = r.scores.notes;
            r.truthLabels = labelsOf(held, r.scores.grid);
            r.patches = r.scores.grid.size();
            r.defectPatches = static_cast<int>(std::count(r.truthLabels.begin(), r.truthLabels.end(), Label::Defect));
            r.perfectPatches = static_cast<int>(std::count(r.truthLabels.begin(), r.truthLabels.end(), Label::Perfect));
            if (auto a = auroc(r.scores.scores, r.truthLabels)) {
                r.auroc = *a;
                sum += *a;
                ++counted;
                if (auto ci = aurocBootstrapCi(r.scores.scores, r.truthLabels, 0.95, bootstrapResamples, config.seed))
                    r.aurocCi = *ci;
            } else {
                r.notes.push_back("no AUROC: " + a.error().message);
            }
            pooledScores.insert(pooledScores.end(), r.scores.scores.begin(), r.scores.scores.end());
            pooledLabels.insert(pooledLabels.end(), r.truthLabels.begin(), r.truthLabels.end());
            out.detector = r.scores.detector;
            out.images.push_back(std::move(r));
        }
        auto pooled = auroc(pooledScores, pooledLabels);
        if (!pooled)
            fail(pooled.error().code, "pooled AUROC: " + pooled.error().message);
        out.pooledAuroc = *pooled;
        out.pooledCi = unwrap(aurocBootstrapCi(pooledScores, pooledLabels, 0.95, bootstrapResamples, config.seed));
        if (counted > 0)
            out.meanAuroc = sum / counted;
        rc.progress(1, "evaluated");
        return out;
    });
}

} // namespace ds
