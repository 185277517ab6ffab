#include "core/dataset/dataset_training.h"

#include "core/common/guard.h"
#include "core/analysis/model_training.h"
#include "core/features/feature_extractor.h"
#include "core/features/parallel_blocks.h"

#include <atomic>

namespace ds {

Result<FeatureMatrix> featuresOfPatches(const cv::Mat& rows, int side, const std::string& featureId,
                                        const RunControl& rc) {
    return guarded("features '" + featureId + "'", [&]() -> FeatureMatrix {
        if (rows.type() != CV_32FC1 || rows.cols != side * side)
            fail(ErrorCode::InvalidArgument, "patch rows must be float32 with side x side columns");
        FeatureMatrix fm;
        fm.featureId = featureId;
        fm.values = cv::Mat(rows.rows, unwrap(featureDimension(featureId, side)), CV_32F);
        std::atomic<bool> failed{false};
        parallelBlocks(rows.rows, 16, rc, "features", [&](int begin, int end) {
            for (int i = begin; i < end; ++i) {
                const cv::Mat patch = rows.row(i).clone().reshape(1, side);
                if (!patchFeatures(patch, featureId, fm.values.ptr<float>(i)).ok())
                    failed = true;
            }
        });
        if (failed)
            fail(ErrorCode::Internal, "feature extraction failed");
        return fm;
    });
}

Result<DatasetTraining> trainOnDatasets(const std::vector<LoadedDataset>& datasets, const RunSpec& config,
                                        bool withUnlabelled, const RunControl& rc) {
    return guarded("training", [&]() -> DatasetTraining {
        if (datasets.empty())
            fail(ErrorCode::InvalidArgument, "no datasets to train on");
        DatasetTraining out;
        RunSpec cfg = config;
        cfg.resample = datasets.front().data.resample;
        cfg.grid = datasets.front().data.grid;
        for (const LoadedDataset& d : datasets) {
            if (d.data.resample != cfg.resample)
                fail(ErrorCode::InvalidArgument, "the datasets hold patches of different sides (" +
                                                     std::to_string(cfg.resample) + " and " +
                                                     std::to_string(d.data.resample) + " px)");
            if (d.data.grid != cfg.grid || !d.described)
                cfg.grid.reset();
        }
        if (!cfg.grid)
            out.notes.push_back("the model scores new images on the automatic grid (the datasets do not share "
                                "one fixed grid)");
        const std::string features = unwrap(pooledFeatureId(cfg));
        FeatureMatrix pooled;
        pooled.featureId = features;
        std::vector<Label> labels;
        const auto add = [&](const PatchStack& s, Label l, int& count) {
            if (s.size() == 0)
                return;
            pooled.values.push_back(unwrap(featuresOfPatches(s.rows, cfg.resample, features, rc.sub(0, 0.3))).values);
            labels.insert(labels.end(), static_cast<std::size_t>(s.size()), l);
            count += s.size();
        };
        for (const LoadedDataset& d : datasets) {
            add(d.data.defect, Label::Defect, out.defect);
            add(d.data.perfect, Label::Perfect, out.perfect);
            if (withUnlabelled)
                add(d.data.unlabelled, Label::Unlabelled, out.unlabelled);
        }
        if (labels.empty())
            fail(ErrorCode::InvalidArgument, "the datasets hold no patches");
        out.model = unwrap(fitPooledModel(pooled, labels, cfg, rc.sub(0.3, 1.0)));
        return out;
    });
}

} // namespace ds
