// `defectscope-cli export-patches`: writes a labelled training set - defect_patches.npy,
// perfect_patches.npy (float32 N x S x S, normalised and resampled exactly as the detectors see them),
// optionally unlabelled_patches.npy, patches.csv, dataset.json and dataset.h5 - from micrographs
// labelled by truth files beside them (NAME.truth.csv / NAME.mask.png, as for `score`), by hand
// label CSVs, or by a .dsproj project. Any unreadable input aborts the export before anything is
// written: a training set silently missing an image is worse than none.
#include "cli_common.h"
#include "cli_grid.h"
#include "commands.h"

#include "core/batch/input_collector.h"
#include "core/dataset/dataset_sources.h"
#include "core/dataset/dataset_writer.h"
#include "core/features/resample_side.h"
#include "core/labels/label_csv.h"
#include "core/labels/sidecar_truth.h"

#include <filesystem>
#include <iostream>

namespace ds::cli {

namespace fs = std::filesystem;

int runExportPatches(const Args& args) {
    po::options_description opts("export-patches options");
    std::vector<std::string> inputs, labelFiles;
    std::string project, outDir;
    int patch = 0, stride = 0, resample = 48;
    opts.add_options()("help,h", "show this help")
        ("inputs", po::value(&inputs)->multitoken(), "micrograph files, folders or glob patterns")
        ("labels", po::value(&labelFiles)->multitoken(), "hand label CSV per input file (x,y,width,height,label), same order")
        ("project", po::value(&project), "export the images, grids and labels of this .dsproj project")
        ("out,o", po::value(&outDir)->required(), "output folder (created when missing)")
        ("recursive,r", "descend into subfolders of folder inputs")
        ("patch", po::value(&patch), "patch side in pixels (default: 4 bond lengths from the lattice estimate)")
        ("stride", po::value(&stride), "stride in pixels (default: patch / 2)")
        ("resample", po::value(&resample)->default_value(48), "patches are resampled to this side (the S of N x S x S)")
        ("unlabelled", "also write unlabelled_patches.npy (patches without a label), for semi-supervised work")
        ("augment", "add the copies of every patch under the lattice's symmetry (rotations by 60 degrees, mirrors)")
        ("hdf5", "also write everything into one dataset.h5")
        ("no-truth", "ignore NAME.truth.csv / NAME.mask.png next to the images");
    po::positional_options_description pos;
    pos.add("inputs", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm,
                   "export-patches INPUT... [--labels L.csv... | --project P.dsproj] --out DIR [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    std::optional<GridSpec> grid;
    if (std::string why; !gridFromOptions(vm, patch, stride, grid, why))
        return fail(why);
    if (auto st = checkResampleSide(resample); !st)
        return fail("--" + st.error().message);
    if (!project.empty() && (!inputs.empty() || !labelFiles.empty()))
        return fail("--project brings its own images and labels; give no other inputs or --labels with it");
    if (!project.empty() && vm.count("patch"))
        return fail("--project images keep their own grids (their labels belong to them); drop --patch");
    if (project.empty() && inputs.empty())
        return fail("nothing to export: give micrographs or --project P.dsproj");

    std::vector<DatasetSource> sources;
    if (!project.empty()) {
        auto s = projectDatasetSources(project);
        if (!s)
            return fail(s.error());
        sources = std::move(*s);
    } else if (!labelFiles.empty()) {
        // Label files pair with the inputs as typed, so each input must be one file.
        if (labelFiles.size() != inputs.size())
            return fail(std::to_string(labelFiles.size()) + " label files for " + std::to_string(inputs.size()) +
                        " inputs (give one --labels file per micrograph file, in the same order)");
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            auto rects = readLabelCsv(labelFiles[i]);
            if (!rects)
                return fail(rects.error());
            DatasetSource s;
            s.path = s.name = inputs[i];
            s.labelSource = "hand";
            s.labeller = [r = std::move(*rects)](const PatchGrid& g) { return labelsFromRects(g, r); };
            sources.push_back(std::move(s));
        }
    } else {
        CollectedInputs collected = collectInputs(inputs, vm.count("recursive") > 0, {fs::path(outDir)});
        if (!collected.problems.empty())
            return fail(collected.problems.front().path + ": " + collected.problems.front().message);
        for (const std::string& f : collected.files) {
            DatasetSource s;
            s.path = s.name = f;
            if (!vm.count("no-truth")) {
                auto truth = readSidecarTruth(f);
                if (!truth)
                    return fail(f + ": " + truth.error().message);
                if (*truth) {
                    s.labelSource = "truth";
                    s.labeller = [t = std::move(**truth)](const PatchGrid& g) {
                        return labelsFromTruth(g, t.points, t.mask);
                    };
                }
            }
            if (!s.labeller)
                std::cerr << "defectscope-cli: warning: " << f << ": no labels (no " << "NAME.truth.csv beside it)"
                          << (vm.count("unlabelled") ? "; its patches go to the unlabelled stack\n"
                                                     : "; nothing of it is exported without --unlabelled\n");
            sources.push_back(std::move(s));
        }
    }
    DatasetOptions options;
    options.resample = resample;
    options.includeUnlabelled = vm.count("unlabelled") > 0;
    options.augment = vm.count("augment") > 0;
    options.grid = grid;
    auto built = buildDataset(sources, options);
    if (!built) // a project's images are read on its behalf: the message names the project too
        return fail(project.empty() ? built.error().message : project + ": " + built.error().message);
    const PatchDataset& data = *built;
    for (const DatasetImage& image : data.images)
        for (const std::string& note : image.notes)
            std::cerr << "defectscope-cli: note: " << image.image << ": " << note << "\n";
    DatasetWriteOptions write;
    write.unlabelledStack = options.includeUnlabelled;
    write.hdf5 = vm.count("hdf5") > 0;
    if (auto written = writeDatasetFolder(outDir, data, write); !written)
        return fail(written.error());
    std::cout << "exported " << data.defect.size() << " defect, " << data.perfect.size() << " perfect"
              << (options.includeUnlabelled ? ", " + std::to_string(data.unlabelled.size()) + " unlabelled" : "")
              << " patches (" << resample << " x " << resample << ") from " << data.images.size() << " image(s) to "
              << outDir << "\n";
    return kExitOk;
}

} // namespace ds::cli
