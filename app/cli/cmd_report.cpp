// `defectscope-cli report PROJECT.dsproj --out DIR`: for every image of a project, the report of
// the run the GUI shows for it (heat map, threshold, labels) - the same files File > Export Report
// writes - without running any detector again. Images without a run are listed and skipped.
#include "cli_common.h"
#include "commands.h"

#include "core/batch/batch_runner.h"
#include "core/io/read_micrograph.h"
#include "core/project/project_file.h"
#include "core/project/project_report.h"
#include "core/synth/synthetic_graphene.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace ds::cli {

namespace fs = std::filesystem;

int runReport(const Args& args) {
    po::options_description opts("report options");
    std::string projectPath, outDir;
    opts.add_options()("help,h", "show this help")
        ("project", po::value(&projectPath)->required(), "project file (.dsproj)")
        ("out,o", po::value(&outDir)->required(), "output directory (one folder per image)")
        ("no-figures", "skip the annotated PNG per image");
    po::positional_options_description pos;
    pos.add("project", 1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "report PROJECT.dsproj --out DIR [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    auto project = readProject(projectPath);
    if (!project)
        return fail(project.error());
    std::vector<std::string> names;
    for (const ProjectImage& img : project->images)
        names.push_back(img.synthSeed ? "synthetic-" + std::to_string(*img.synthSeed) + ".npy" : img.path);
    const std::vector<std::string> folders = outputFolderNames(names);
    int written = 0, failed = 0;
    for (std::size_t i = 0; i < project->images.size(); ++i) {
        const ProjectImage& img = project->images[i];
        if (!img.shown()) {
            std::cerr << "defectscope-cli: note: " << img.displayName() << ": no detector run, skipped\n";
            continue;
        }
        const Result<Micrograph> pixels = readImagePixels(img);
        auto report = pixels ? buildImageReport(*pixels, img) : Result<ScoreReport>(pixels.error());
        if (!report) {
            std::cerr << "defectscope-cli: error: " << projectPath << ": " << report.error().message << "\n";
            ++failed;
            continue;
        }
        ReportFiles files;
        files.annotatedPng = vm.count("no-figures") == 0;
        const std::string dir = (fs::path(outDir) / folders[i]).string();
        if (auto st = writeImageReport(dir, *pixels, img, *report, files); !st) {
            std::cerr << "defectscope-cli: error: " << img.displayName() << ": " << st.error().message << "\n";
            ++failed;
            continue;
        }
        std::printf("%s: %s, %d patches, threshold %.6g (%s)%s -> %s\n", img.displayName().c_str(),
                    report->detector.c_str(), report->grid.size(), report->threshold, report->thresholdRule.c_str(),
                    report->auroc ? (", AUROC " + std::to_string(*report->auroc)).c_str() : "", dir.c_str());
        ++written;
    }
    if (written == 0)
        return fail("no image of " + projectPath + " has a detector run to report" +
                    (failed ? " that could be written" : ""));
    return failed > 0 ? kExitPartial : kExitOk;
}

} // namespace ds::cli
