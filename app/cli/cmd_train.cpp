// `defectscope-cli train`: fits one detector on hand-labelled images and saves the model file that
// `score --model` (and the GUI) load.
#include "cli_common.h"
#include "commands.h"

#include "core/detect/model_training.h"
#include "core/io/read_micrograph.h"

namespace ds::cli {

int runTrain(const Args& args) {
    po::options_description opts("train options");
    std::vector<std::string> images, labels;
    std::string detector, features, modelPath;
    int patch = 0, stride = 0, resample = 48;
    std::uint64_t seed = 0;
    opts.add_options()("help,h", "show this help")
        ("images", po::value(&images)->multitoken()->required(), "micrograph files")
        ("labels", po::value(&labels)->multitoken(), "hand labels CSV per image (x,y,width,height,label), same order")
        ("detector", po::value(&detector)->required(), "detector id")
        ("features", po::value(&features)->default_value(""), "feature id (default: the detector's own)")
        ("patch", po::value(&patch), "patch side in pixels (default: automatic per image)")
        ("stride", po::value(&stride), "stride in pixels (default: patch / 2)")
        ("resample", po::value(&resample)->default_value(48), "patches are resampled to this side")
        ("seed", po::value(&seed)->default_value(0), "random seed")
        ("save-model", po::value(&modelPath)->required(), "model file to write");
    po::positional_options_description pos;
    pos.add("images", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "train IMAGE... --labels L.csv... --detector ID --save-model FILE", help))
        return kExitError;
    if (help)
        return kExitOk;
    if (!labels.empty() && labels.size() != images.size())
        return fail(std::to_string(labels.size()) + " label files for " + std::to_string(images.size()) +
                    " images (give one --labels file per image, in the same order)");
    std::vector<Micrograph> micrographs;
    std::vector<std::vector<LabelledRect>> rects;
    for (std::size_t i = 0; i < images.size(); ++i) {
        auto m = readMicrograph(images[i]);
        if (!m)
            return fail(m.error());
        micrographs.push_back(std::move(*m));
        if (!labels.empty()) {
            auto r = readLabelCsv(labels[i]);
            if (!r)
                return fail(r.error());
            rects.push_back(std::move(*r));
        }
    }
    PipelineConfig config;
    config.detector = detector;
    config.features = features;
    config.resample = resample;
    config.seed = seed;
    if (patch > 0)
        config.grid = GridSpec{patch, stride > 0 ? stride : std::max(1, patch / 2), 0, 0};
    auto model = trainModel(micrographs, rects, config);
    if (!model)
        return fail(model.error());
    if (auto s = saveModel(modelPath, *model); !s)
        return fail(s.error());
    std::cout << "saved " << model->detectorId << " on " << model->features << " to " << modelPath << "\n";
    return kExitOk;
}

} // namespace ds::cli
