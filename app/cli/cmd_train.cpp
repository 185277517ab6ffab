// `defectscope-cli train`: fits one detector on hand-labelled images and saves the model file that
// `score --model` (and the GUI) load.
#include "cli_common.h"
#include "commands.h"

#include "core/analysis/model_training.h"
#include "core/io/read_micrograph.h"
#include "run_spec_options.h"

namespace ds::cli {

int runTrain(const Args& args) {
    if (hasOption(args, "dataset"))
        return runTrainDataset(args);
    po::options_description opts("train options");
    std::vector<std::string> images, labels;
    std::string modelPath;
    RunSpecOptions run(RunSpecOptions::Enabled{true, false, false});
    opts.add_options()("help,h", "show this help")
        ("images", po::value(&images)->multitoken()->required(), "micrograph files")
        ("labels", po::value(&labels)->multitoken(), "hand labels CSV per image (x,y,width,height,label), same order")
        ("save-model", po::value(&modelPath)->required(), "model file to write")
        ("frame", po::value<int>()->default_value(0), "frame of stacks and series to train on (from 0)");
    run.add(opts);
    po::positional_options_description pos;
    pos.add("images", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "train IMAGE... --labels L.csv... --detector ID --save-model FILE", help))
        return kExitError;
    if (help)
        return kExitOk;
    auto spec = run.toSpec(vm);
    if (!spec)
        return fail(spec.error());
    if (!labels.empty() && labels.size() != images.size())
        return fail(std::to_string(labels.size()) + " label files for " + std::to_string(images.size()) +
                    " images (give one --labels file per image, in the same order)");
    ReadOptions read;
    read.frame = vm["frame"].as<int>();
    if (read.frame < 0)
        return fail("--frame must be 0 or more");
    std::vector<Micrograph> micrographs;
    std::vector<std::vector<LabelledRect>> rects;
    for (std::size_t i = 0; i < images.size(); ++i) {
        auto m = readMicrograph(images[i], read);
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
    auto model = trainModel(micrographs, rects, *spec);
    if (!model)
        return fail(model.error());
    if (auto s = saveModel(modelPath, *model); !s)
        return fail(s.error());
    std::cout << "saved " << model->spec.detector << " on " << model->spec.features << " to " << modelPath << "\n";
    return kExitOk;
}

} // namespace ds::cli
