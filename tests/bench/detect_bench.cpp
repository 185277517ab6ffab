// Speed of the detection path on the everyday size: a 4096 x 4096 micrograph, 64-px patches at
// stride 32 (16,129 patches) resampled to 48 (2,304 raw features). Issue #4's target: isolation
// forest fit + score in < 0.4 s on 2 cores, compared with scikit-learn on the same matrix in the
// same run (BM_SklearnIsolationForest shells out to tests/bench/sklearn_iforest.py; it is skipped
// when /usr/bin/python3 has no scikit-learn).
#include "core/detect/detector_registry.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/io/write_micrograph.h"
#include "core/synth/synthetic_graphene.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

namespace {

struct Fixture {
    cv::Mat normalised;
    ds::PatchGrid grid;
    ds::FeatureMatrix raw;
};

const Fixture& fixture() {
    static const Fixture f = [] {
        ds::SynthOptions o;
        o.width = o.height = 4096;
        o.bondPx = 16.0; // 64-px patches = 4 bond lengths
        o.seed = 3;
        Fixture x;
        x.normalised = ds::normaliseImage(ds::synthesizeGraphene(o).pixels);
        x.grid = *ds::PatchGrid::create({64, 32, 0, 0}, 4096, 4096);
        x.raw = *ds::computeFeatures(x.normalised, x.grid, "raw", 48);
        return x;
    }();
    return f;
}

void BM_FeaturesRaw(benchmark::State& state) {
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto fm = ds::computeFeatures(f.normalised, f.grid, "raw", 48);
        benchmark::DoNotOptimize(fm.ok());
    }
    state.counters["patches"] = f.grid.size();
}

// The same matrix resampled patch by patch (extractPatch: cv::resize on each 64-px patch), as
// computeFeatures did before ResampledPatches: the reference BM_FeaturesRaw is measured against.
void BM_FeaturesRawPerPatch(benchmark::State& state) {
    const Fixture& f = fixture();
    for (auto _ : state) {
        cv::Mat values(f.grid.size(), 48 * 48, CV_32F); // a new matrix each time, as computeFeatures makes
        cv::parallel_for_(cv::Range(0, f.grid.size()), [&](const cv::Range& r) {
            for (int i = r.start; i < r.end; ++i)
                ds::extractPatch(f.normalised, f.grid, i, 48).reshape(1, 1).copyTo(values.row(i));
        });
        benchmark::DoNotOptimize(values.data);
    }
    state.counters["patches"] = f.grid.size();
}

void BM_IsolationForestFitScore(benchmark::State& state) {
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto det = ds::createDetector("iforest");
        if (!(*det)->fit(f.raw, {}, ds::RunControl::none()).ok())
            state.SkipWithError("fit failed");
        auto s = (*det)->score(f.raw, ds::RunControl::none());
        benchmark::DoNotOptimize(s.ok());
    }
    state.counters["rows"] = f.raw.rows();
    state.counters["cols"] = f.raw.cols();
}

// The other generic detectors on the same matrix, for the record (no target in the issue).
void BM_DetectorFitScore(benchmark::State& state, const char* id) {
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto det = ds::createDetector(id);
        if (!(*det)->fit(f.raw, {}, ds::RunControl::none()).ok())
            state.SkipWithError("fit failed");
        auto s = (*det)->score(f.raw, ds::RunControl::none());
        benchmark::DoNotOptimize(s.ok());
    }
}

// How long a stop takes to land in the one-class SVM's fit. OpenCV's solver cannot be interrupted,
// so the latency is bounded by one solve on the training subsample (issue #4 asks for 100 ms).
// The stop is requested 20 ms into the fit; the time from request to fit() returning is reported.
void BM_OcsvmCancelLatency(benchmark::State& state) {
    using Clock = std::chrono::steady_clock;
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto det = ds::createDetector("ocsvm");
        std::stop_source stop;
        const ds::RunControl rc(stop.get_token());
        std::atomic<Clock::rep> requestedAt{0};
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            requestedAt = Clock::now().time_since_epoch().count();
            stop.request_stop();
        });
        const auto status = (*det)->fit(f.raw, {}, rc);
        const auto returnedAt = Clock::now().time_since_epoch().count();
        stopper.join();
        benchmark::DoNotOptimize(status.ok());
        const double latency = std::max<double>(0.0, static_cast<double>(returnedAt - requestedAt.load())) *
                               Clock::period::num / Clock::period::den;
        state.SetIterationTime(latency);
    }
}

void BM_SklearnIsolationForest(benchmark::State& state) {
    const Fixture& f = fixture();
    const auto npy = std::filesystem::temp_directory_path() / "defectscope_detect_bench.npy";
    if (!ds::writeNpy(npy.string(), f.raw.values).ok()) {
        state.SkipWithError("cannot write the matrix for scikit-learn");
        return;
    }
    const auto script = std::filesystem::path(__FILE__).parent_path() / "sklearn_iforest.py";
    for (auto _ : state) {
        const std::string cmd = "/usr/bin/python3 '" + script.string() + "' '" + npy.string() + "' 1 2>/dev/null";
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
        double seconds = -1;
        char line[256];
        while (pipe && fgets(line, sizeof line, pipe.get()))
            std::sscanf(line, "seconds %lf", &seconds);
        if (seconds < 0) {
            state.SkipWithError("scikit-learn not available (/usr/bin/python3 with python3-sklearn)");
            break;
        }
        state.SetIterationTime(seconds);
    }
    std::filesystem::remove(npy);
}

} // namespace

BENCHMARK(BM_FeaturesRaw)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK(BM_FeaturesRawPerPatch)->Unit(benchmark::kMillisecond)->Iterations(3)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK(BM_IsolationForestFitScore)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK_CAPTURE(BM_DetectorFitScore, knn, "knn")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_DetectorFitScore, ocsvm, "ocsvm")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_OcsvmCancelLatency)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);
BENCHMARK(BM_SklearnIsolationForest)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK_MAIN();
