// `defectscope-cli train --dataset DIR...`: fits a detector on exported patch datasets (folders
// written by export-patches, or a bare folder with the report's defect_patches.npy and
// perfect_patches.npy) instead of on micrographs, so labels from many sessions train one model.
#include "cli_common.h"
#include "commands.h"

#include "core/dataset/dataset_training.h"

#include <iostream>

namespace ds::cli {

int runTrainDataset(const Args& args) {
    po::options_description opts("train --dataset options");
    std::vector<std::string> datasets;
    std::string detector, features, modelPath;
    std::uint64_t seed = 0;
    opts.add_options()("help,h", "show this help")
        ("dataset", po::value(&datasets)->multitoken()->required(), "patch dataset folder(s)")
        ("detector", po::value(&detector)->required(), "detector id")
        ("features", po::value(&features)->default_value(""), "feature id (default: the detector's own)")
        ("with-unlabelled", "also fit on unlabelled_patches.npy where present (one-class detectors)")
        ("seed", po::value(&seed)->default_value(0), "random seed")
        ("save-model", po::value(&modelPath)->required(), "model file to write");
    po::positional_options_description pos;
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "train --dataset DIR... --detector ID --save-model FILE", help))
        return kExitError;
    if (help)
        return kExitOk;
    const bool withUnlabelled = vm.count("with-unlabelled") > 0;
    std::vector<LoadedDataset> loaded;
    for (const std::string& dir : datasets) {
        auto d = readDatasetFolder(dir, withUnlabelled);
        if (!d)
            return fail(d.error());
        for (const std::string& note : d->notes)
            std::cerr << "defectscope-cli: note: " << dir << ": " << note << "\n";
        loaded.push_back(std::move(*d));
    }
    RunSpec config;
    config.detector = detector;
    config.features = features;
    config.seed = seed;
    auto trained = trainOnDatasets(loaded, config, withUnlabelled);
    if (!trained)
        return fail(trained.error());
    for (const std::string& note : trained->notes)
        std::cerr << "defectscope-cli: note: " << note << "\n";
    if (auto s = saveModel(modelPath, trained->model); !s)
        return fail(s.error());
    std::cout << "saved " << trained->model.spec.detector << " on " << trained->model.spec.features << " ("
              << trained->defect << " defect, " << trained->perfect << " perfect"
              << (withUnlabelled ? ", " + std::to_string(trained->unlabelled) + " unlabelled" : "") << " patches of "
              << trained->model.spec.resample << " px) to " << modelPath << "\n";
    return kExitOk;
}

} // namespace ds::cli
