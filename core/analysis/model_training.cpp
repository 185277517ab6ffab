#include "core/analysis/model_training.h"

#include "core/common/guard.h"
#include "core/analysis/grid_rule.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"

namespace ds {

Result<SavedModel> trainModel(const std::vector<Micrograph>& images,
                              const std::vector<std::vector<LabelledRect>>& labels, const RunSpec& config,
                              const RunControl& rc) {
    return guarded("training", [&]() -> SavedModel {
        if (images.empty())
            fail(ErrorCode::InvalidArgument, "no images to train on");
        if (!labels.empty() && labels.size() != images.size())
            fail(ErrorCode::InvalidArgument, std::to_string(labels.size()) + " label files for " +
                                                 std::to_string(images.size()) + " images");
        const std::string features = unwrap(pooledFeatureId(config));
        FeatureMatrix pooled;
        pooled.featureId = features;
        std::vector<Label> pooledLabels;
        const double share = 0.5 / static_cast<double>(images.size());
        for (std::size_t i = 0; i < images.size(); ++i) {
            const cv::Mat norm = normaliseImage(images[i].pixels);
            std::optional<LatticeEstimate> lattice;
            std::vector<std::string> notes;
            auto grid = config.grid ? PatchGrid::create(*config.grid, norm.cols, norm.rows)
                                    : automaticGrid(norm, lattice, notes, rc.sub(i * share, i * share));
            if (!grid)
                fail(grid.error().code, images[i].path + ": " + grid.error().message);
            auto fm = computeFeatures(norm, *grid, features, config.resample,
                                      rc.sub(i * share, (i + 1) * share));
            if (!fm)
                fail(fm.error().code, images[i].path + ": " + fm.error().message);
            pooled.values.push_back(fm->values);
            const auto l = labels.empty() || labels[i].empty() ? std::vector<Label>(grid->size(), Label::Unlabelled)
                                                               : labelsFromRects(*grid, labels[i]);
            pooledLabels.insert(pooledLabels.end(), l.begin(), l.end());
        }
        return unwrap(fitPooledModel(pooled, pooledLabels, config, rc.sub(0.5, 1.0)));
    });
}

Result<std::string> pooledFeatureId(const RunSpec& config) {
    return guarded("", [&]() -> std::string {
        const auto det = unwrap(makeDetector(config));
        const std::string features = config.features.empty() ? det->defaultFeatures() : config.features;
        if (features.empty())
            fail(ErrorCode::Unsupported, "detector '" + det->id() + "' reads whole images; it cannot be "
                                         "trained on pooled patches (score each image instead)");
        return features;
    });
}

Result<SavedModel> fitPooledModel(const FeatureMatrix& pooled, std::span<const Label> labels, const RunSpec& config,
                                  const RunControl& rc) {
    return guarded("", [&]() -> SavedModel {
        if (static_cast<int>(labels.size()) != pooled.rows())
            fail(ErrorCode::InvalidArgument, std::to_string(labels.size()) + " labels for " +
                                                 std::to_string(pooled.rows()) + " patches");
        SavedModel model;
        model.detector = unwrap(makeDetector(config));
        check(model.detector->fit(pooled, labels, rc));
        model.spec = config;
        model.spec.detector = model.detector->id();
        model.spec.features = pooled.featureId;
        for (const ParamSpec& p : model.detector->parameters())
            model.spec.params[p.name] = model.detector->parameter(p.name);
        return model;
    });
}

} // namespace ds
