#include "evaluate_batch.h"

#include "cli_common.h"

#include "core/analysis/protocol_evaluation.h"
#include "core/eval/pooled_auroc.h"
#include "core/eval/roc.h"
#include "core/io/read_micrograph.h"
#include "core/labels/truth_points.h"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ds::cli {

namespace {

// The image path without its extension, plus the suffix (the layout of shared/data/real).
std::string sidecar(const std::string& image, const std::string& suffix) {
    return (std::filesystem::path(image).parent_path() / std::filesystem::path(image).stem()).string() + suffix;
}

Result<ProtocolResult> evaluateFrame(const std::string& image, int resamples, RunSpec config,
                                     const std::map<int, int>& patchByWidth) {
    auto micrograph = readMicrograph(image);
    if (!micrograph)
        return micrograph.error();
    ProtocolInput input;
    input.bootstrapResamples = resamples;
    auto points = readTruthPoints(sidecar(image, ".truth.csv"));
    if (!points)
        return points.error();
    input.truth = std::move(*points);
    const std::string mask = sidecar(image, ".mask.png");
    if (std::filesystem::exists(mask)) {
        auto m = readMicrograph(mask);
        if (!m)
            return m.error();
        cv::Mat nz;
        cv::compare(m->pixels, 0, nz, cv::CMP_NE);
        input.mask = nz;
    }
    if (!patchByWidth.empty()) {
        auto it = patchByWidth.find(micrograph->width());
        if (it == patchByWidth.end())
            return make_error(ErrorCode::InvalidArgument, "--patch-by-width gives no patch side for width " +
                                                              std::to_string(micrograph->width()));
        config.grid = GridSpec{it->second, std::max(1, it->second / 2), 0, 0};
    }
    auto result = evaluateProtocol(*micrograph, input, config);
    if (!result)
        return make_error(result.error().code, image + ": " + result.error().message);
    return result;
}

} // namespace

bool parsePatchByWidth(const std::string& text, std::map<int, int>& out) {
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        int width = 0, side = 0;
        char eq = 0;
        std::istringstream one(item);
        if (!(one >> width >> eq >> side) || eq != '=' || width <= 0 || side <= 0 || !one.eof())
            return false;
        out[width] = side;
    }
    return !out.empty();
}

int runPooledEvaluation(const std::vector<std::string>& images, int resamples, const RunSpec& config,
                        const std::map<int, int>& patchByWidth) {
    std::vector<FrameScores> frames;
    int patches = 0, defects = 0;
    for (const std::string& image : images) {
        auto r = evaluateFrame(image, resamples, config, patchByWidth);
        if (!r)
            return fail(r.error());
        for (const std::string& note : r->scores.notes)
            std::cerr << "defectscope-cli: note: " << image << ": " << note << "\n";
        patches += r->patches;
        defects += r->defectPatches;
        frames.push_back({r->scores.scores, r->truthLabels});
        std::cout << std::fixed << std::setprecision(4) << image << " ";
        if (auto a = auroc(r->scores.scores, r->truthLabels))
            std::cout << *a;
        else
            std::cout << "-";
        std::cout << " (" << r->patches << " patches, " << r->defectPatches << " defect, patch "
                  << r->scores.grid.spec().side << ")\n";
    }
    auto batch = batchAuroc(frames);
    if (!batch)
        return fail(batch.error());
    std::cout << std::fixed << std::setprecision(4) << "mean per-frame AUROC " << batch->meanPerFrame << " ("
              << batch->framesInMean << " of " << frames.size() << " frames)\n"
              << "pooled AUROC " << batch->pooled << " (" << patches << " patches, " << defects << " defect)\n";
    return kExitOk;
}

} // namespace ds::cli
