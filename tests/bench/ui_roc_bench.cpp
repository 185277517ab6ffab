// ROC panel update cost with 16,129 patches (a 4096 x 4096 image on a 64/32 grid): from a label
// change to the updated chart - snapshot of labels and held-out scores, curves and AUROC/AP
// (computeRocCurves, normally on a worker), and the chart update and repaint on the GUI thread.
// The bootstrap interval (second, asynchronous stage) is measured separately.
// Also: how long a detector run takes to stop after cancel (the stop token is polled by the core).
#include "core/eval/roc.h"
#include "core/synth/synthetic_graphene.h"
#include "ui/jobs/detector_job.h"
#include "ui/session/detector_results.h"
#include "ui/panels/roc_panel.h"
#include "ui/session/session.h"

#include <QApplication>
#include <QChartView>

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <thread>

using namespace ds;
using namespace ds::ui;

namespace {

constexpr int kPatches = 127 * 127; // 16,129

struct Data {
    std::vector<Label> labels;
    std::vector<float> scores;
};

// `labelled` patches carry labels (1 in 8 a defect); scores overlap between the classes.
Data makeData(int labelled) {
    Data d;
    std::mt19937_64 rng(1);
    std::normal_distribution<float> noise(0.f, 1.f);
    std::bernoulli_distribution isDefect(1.0 / 8);
    d.labels.assign(kPatches, Label::Unlabelled);
    d.scores.resize(kPatches);
    const int step = std::max(1, kPatches / std::max(1, labelled));
    for (int i = 0; i < kPatches; ++i) {
        const bool defect = isDefect(rng);
        d.scores[static_cast<std::size_t>(i)] = noise(rng) + (defect ? 1.5f : 0.f);
        if (i % step == 0)
            d.labels[static_cast<std::size_t>(i)] = defect ? Label::Defect : Label::Perfect;
    }
    return d;
}

QApplication* app() {
    static int argc = 1;
    static char name[] = "ui_roc_bench";
    static char* argv[] = {name, nullptr};
    static QApplication* a = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return new QApplication(argc, argv);
    }();
    return a;
}

void BM_LabelChangeToRocOnScreen(benchmark::State& state) {
    app();
    Session session;
    DetectorResults results(&session);
    RocPanel panel(&session, &results);
    panel.resize(420, 420);
    panel.show();
    Data d = makeData(static_cast<int>(state.range(0)));
    // Two detectors overlaid, as when comparing runs.
    std::vector<RocInput> inputs(2);
    inputs[0].detector = "a";
    inputs[0].shown = true;
    inputs[1].detector = "b";
    inputs[1].evalScores = d.scores;
    std::reverse(inputs[1].evalScores.begin(), inputs[1].evalScores.end());
    inputs[0].evalScores = d.scores;
    int flip = 0;
    for (auto _ : state) {
        // The label change (toggle one patch) and the snapshot the panel takes of it.
        d.labels[static_cast<std::size_t>(flip)] =
            d.labels[static_cast<std::size_t>(flip)] == Label::Defect ? Label::Unlabelled : Label::Defect;
        flip = (flip + 7) % kPatches;
        std::vector<Label> labels = d.labels;
        std::vector<RocInput> snapshot = inputs;
        const auto curves = computeRocCurves(snapshot, labels, 0.5);
        panel.showCurves(curves);
        panel.rocView()->viewport()->repaint();
        benchmark::DoNotOptimize(curves.data());
    }
    state.counters["labelled"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_LabelChangeToRocOnScreen)->Arg(200)->Arg(2000)->Arg(kPatches)->Unit(benchmark::kMillisecond);

void BM_ComputeOnly(benchmark::State& state) {
    Data d = makeData(static_cast<int>(state.range(0)));
    std::vector<RocInput> inputs(1);
    inputs[0].detector = "a";
    inputs[0].shown = true;
    inputs[0].evalScores = d.scores;
    for (auto _ : state)
        benchmark::DoNotOptimize(computeRocCurves(inputs, d.labels, 0.5).data());
}
BENCHMARK(BM_ComputeOnly)->Arg(200)->Arg(2000)->Arg(kPatches)->Unit(benchmark::kMillisecond);

void BM_BootstrapInterval(benchmark::State& state) {
    Data d = makeData(static_cast<int>(state.range(0)));
    std::vector<float> s;
    std::vector<Label> l;
    for (int i = 0; i < kPatches; ++i)
        if (d.labels[static_cast<std::size_t>(i)] != Label::Unlabelled) {
            s.push_back(d.scores[static_cast<std::size_t>(i)]);
            l.push_back(d.labels[static_cast<std::size_t>(i)]);
        }
    for (auto _ : state)
        benchmark::DoNotOptimize(aurocBootstrapCi(s, l, 0.95, 1000, 0).ok());
}
BENCHMARK(BM_BootstrapInterval)->Arg(200)->Arg(2000)->Arg(kPatches)->Unit(benchmark::kMillisecond);

// Time from request_stop() to runDetectorJob returning, stop requested 500 ms into an `auto` run.
void BM_CancelLatency(benchmark::State& state) {
    auto loaded = std::make_shared<LoadedImage>();
    loaded->micrograph = toMicrograph(synthesizeGraphene(demoSynthOptions(1)));
    DetectorRequest req;
    req.spec.detector = "auto";
    DetectorImageInput in;
    in.pixels = loaded;
    in.grid = GridSpec{56, 28, 0, 0};
    in.labels.assign(static_cast<std::size_t>(PatchGrid::create(in.grid, 1024, 1024)->size()), Label::Unlabelled);
    req.images.push_back(in);
    for (auto _ : state) {
        std::stop_source stop;
        std::chrono::steady_clock::time_point end;
        bool cancelled = false;
        std::thread worker([&] {
            const auto r = runDetectorJob(req, RunControl(stop.get_token()));
            end = std::chrono::steady_clock::now();
            cancelled = !r.ok() && r.error().code == ErrorCode::Cancelled;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const auto stopped = std::chrono::steady_clock::now();
        stop.request_stop();
        worker.join();
        if (!cancelled) {
            state.SkipWithError("the run finished before the stop request");
            break;
        }
        state.SetIterationTime(std::chrono::duration<double>(end - stopped).count());
    }
}
BENCHMARK(BM_CancelLatency)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
