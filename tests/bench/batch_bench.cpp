// Batch throughput (issue #8): synthetic 2048 x 2048 micrographs scored with the default `auto`
// detector through runBatch - the code path of `defectscope-cli score DIR --jobs N` - reported as
// images per minute for --jobs 1 and --jobs 2 (the scaling is the ratio of the two rows).
// The run is 100 images; DEFECTSCOPE_BENCH_IMAGES sets another count (e.g. 8 for a quick
// look). Images are written once to a temporary folder as float32 TIFF and removed at exit.
#include "core/batch/batch_runner.h"
#include "core/detect/detector_registry.h"
#include "core/io/write_micrograph.h"
#include "core/synth/synthetic_graphene.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Inputs {
    fs::path root;
    std::vector<std::string> files, folders;
    ~Inputs() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
};

const Inputs& inputs() {
    static const Inputs in = [] {
        Inputs x;
        const char* env = std::getenv("DEFECTSCOPE_BENCH_IMAGES");
        const int count = env ? std::max(1, std::atoi(env)) : 100;
        x.root = fs::temp_directory_path() / ("defectscope-batch-bench-" + std::to_string(::getpid()));
        fs::create_directories(x.root / "in");
        for (int i = 0; i < count; ++i) {
            ds::SynthOptions o = ds::demoSynthOptions(1000 + i); // every defect kind, 14 px bonds
            o.width = o.height = 2048;
            const std::string path = (x.root / "in" / ("img" + std::to_string(1000 + i) + ".tif")).string();
            if (!ds::writeTiff(path, ds::toMicrograph(ds::synthesizeGraphene(o))).ok())
                std::abort();
            x.files.push_back(path);
        }
        x.folders = ds::outputFolderNames(x.files);
        return x;
    }();
    return in;
}

void BM_BatchAuto(benchmark::State& state) {
    const Inputs& in = inputs();
    ds::BatchOptions o;
    o.config.detector = "auto";
    o.jobs = static_cast<int>(state.range(0));
    o.totalInputs = static_cast<int>(in.files.size());
    int run = 0;
    double seconds = 0;
    for (auto _ : state) {
        const fs::path out = in.root / ("out-" + std::to_string(o.jobs) + "-" + std::to_string(run++));
        auto r = ds::runBatch(in.files, in.folders, out.string(), o);
        if (!r || r->failed > 0) {
            state.SkipWithError(r ? "some images failed" : r.error().message.c_str());
            return;
        }
        seconds += r->seconds;
        std::error_code ec;
        fs::remove_all(out, ec);
    }
    state.counters["images"] = static_cast<double>(in.files.size());
    state.counters["images_per_min"] = seconds > 0 ? 60.0 * in.files.size() * run / seconds : 0;
}

} // namespace

BENCHMARK(BM_BatchAuto)->Arg(1)->Arg(2)->ArgName("jobs")->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

BENCHMARK_MAIN();
