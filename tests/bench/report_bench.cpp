// Cost of the annotated figure of a 4096 x 4096 micrograph (issue #14), apart from detection:
// rendering, and PNG encoding with our encoder's settings against the alternatives and against
// OpenCV's default (what wrote the figure before). Each encoding benchmark reports the file size
// (counter MB). Two images: the grain-boundary image tiled 8 x 8 (arg 0; shared data, skipped
// when absent) and a noisy synthetic graphene micrograph (arg 1; ~40 s to synthesise once).
// Scores are the isolation forest's on a 64/32 grid, resampled to 48, as `score` would make them.
#include "core/detect/detector_registry.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/io/read_micrograph.h"
#include "core/report/annotated_image.h"
#include "core/report/png_encoder.h"
#include "core/report/score_report.h"
#include "core/synth/synthetic_graphene.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include <opencv2/imgcodecs.hpp>

namespace {

namespace fs = std::filesystem;

struct Figure {
    ds::Micrograph image;
    std::optional<ds::ScoreReport> report;
    cv::Mat rendered;
};

std::optional<ds::Micrograph> sourceImage(int kind) {
    if (kind == 1) {
        ds::SynthOptions o = ds::demoSynthOptions(1);
        o.width = o.height = 4096;
        ds::Micrograph m;
        m.pixels = ds::synthesizeGraphene(o).pixels;
        return m;
    }
    const char* env = std::getenv("DEFECTSCOPE_TESTDATA");
    const fs::path data = env ? fs::path(env) : fs::path(__FILE__).parent_path() / "../../../shared/data";
    auto m = ds::readMicrograph((data / "real/G-GrainBoundary-4nm.npy").string());
    if (!m)
        return std::nullopt;
    cv::Mat tiled;
    cv::repeat(m->pixels, 8, 8, tiled);
    m->pixels = tiled;
    return *m;
}

// Built once per kind; nullptr when the image is not available.
const Figure* figure(int kind) {
    static std::map<int, Figure> cache;
    if (auto it = cache.find(kind); it != cache.end())
        return it->second.report ? &it->second : nullptr;
    Figure& f = cache[kind];
    auto image = sourceImage(kind);
    if (!image)
        return nullptr;
    f.image = *image;
    const cv::Mat norm = ds::normaliseImage(f.image.pixels);
    ds::RunResult scores;
    scores.grid = *ds::PatchGrid::create({64, 32, 0, 0}, norm.cols, norm.rows);
    auto fm = ds::computeFeatures(norm, scores.grid, "raw", 48);
    auto det = ds::createDetector("iforest");
    if (!fm || !det || !(*det)->fit(*fm, {}, ds::RunControl::none()).ok())
        return nullptr;
    scores.scores = *(*det)->score(*fm, ds::RunControl::none());
    scores.detector = "iforest";
    scores.features = "raw";
    scores.evalScores = scores.scores;
    ds::RunSpec config;
    config.detector = "iforest";
    auto report = ds::buildScoreReport(f.image, kind == 0 ? "tiled.npy" : "synthetic.npy", config, scores, {}, "");
    if (!report)
        return nullptr;
    f.report = std::move(*report);
    f.rendered = *ds::renderAnnotatedImage(f.image.pixels, *f.report);
    return &f;
}

const Figure* figureOrSkip(benchmark::State& state) {
    const Figure* f = figure(static_cast<int>(state.range(0)));
    if (!f)
        state.SkipWithError("image not available (shared data absent?)");
    return f;
}

void BM_RenderFigure(benchmark::State& state) {
    const Figure* f = figureOrSkip(state);
    if (!f)
        return;
    for (auto _ : state) {
        auto fig = ds::renderAnnotatedImage(f->image.pixels, *f->report);
        benchmark::DoNotOptimize(fig.ok());
    }
}

void BM_EncodePng(benchmark::State& state, ds::PngFilter filter, int level) {
    const Figure* f = figureOrSkip(state);
    if (!f)
        return;
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto png = ds::encodePng(f->rendered, {level, filter});
        bytes = png ? png->size() : 0;
    }
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_OpenCvPng(benchmark::State& state) {
    const Figure* f = figureOrSkip(state);
    if (!f)
        return;
    std::vector<uchar> png;
    for (auto _ : state)
        cv::imencode(".png", f->rendered, png);
    state.counters["MB"] = static_cast<double>(png.size()) / 1e6;
}

} // namespace

#define FIGURE_ARGS ->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime()
BENCHMARK(BM_RenderFigure) FIGURE_ARGS;
BENCHMARK_CAPTURE(BM_EncodePng, default_average_l1, ds::PngOptions{}.filter, ds::PngOptions{}.level) FIGURE_ARGS;
BENCHMARK_CAPTURE(BM_EncodePng, paeth_l1, ds::PngFilter::Paeth, 1) FIGURE_ARGS;
BENCHMARK_CAPTURE(BM_EncodePng, adaptive_l1, ds::PngFilter::Adaptive, 1) FIGURE_ARGS;
BENCHMARK_CAPTURE(BM_EncodePng, average_l2, ds::PngFilter::Average, 2) FIGURE_ARGS;
BENCHMARK_CAPTURE(BM_EncodePng, average_l6, ds::PngFilter::Average, 6) FIGURE_ARGS;
BENCHMARK(BM_OpenCvPng) FIGURE_ARGS;
BENCHMARK_MAIN();
