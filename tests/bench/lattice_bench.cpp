// Speed of the lattice path on the everyday large frame: the default detector (auto) through the
// product pipeline on a 4096 x 4096 synthetic micrograph (target: under 5 s on 2 cores), and its
// parts (lattice estimate, lattice evidence) so a regression can be located.
#include "core/detect/lattice_evidence.h"
#include "core/analysis/run_image.h"
#include "core/common/huge_pages.h"
#include "core/lattice/lattice_estimate.h"
#include "core/synth/synthetic_graphene.h"

#include <benchmark/benchmark.h>

namespace {

const ds::SyntheticImage& bigFrame() {
    static const ds::SyntheticImage img = [] {
        ds::SynthOptions o;
        o.width = o.height = 4096;
        o.bondPx = 12.0;
        o.seed = 5;
        o.singleVacancies = 20;
        o.doubleVacancies = 10;
        o.stoneWales = 20;
        o.dopants = 20;
        return ds::synthesizeGraphene(o);
    }();
    return img;
}

void BM_AutoPipeline4096(benchmark::State& state) {
    ds::Micrograph m;
    m.pixels = bigFrame().pixels;
    ds::RunSpec cfg; // detector auto, automatic grid from the lattice estimate
    for (auto _ : state) {
        auto r = ds::runImage(m, cfg, {});
        if (!r)
            state.SkipWithError(r.error().message.c_str());
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_AutoPipeline4096)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_LatticeEstimate4096(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(ds::estimateLattice(bigFrame().pixels));
}
BENCHMARK(BM_LatticeEstimate4096)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LatticeEvidence4096(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(ds::computeLatticeEvidence(bigFrame().pixels));
}
BENCHMARK(BM_LatticeEvidence4096)->Unit(benchmark::kMillisecond)->Iterations(2);

} // namespace

// Large buffers get huge pages as in the programs that run this path (defectscope-cli and
// defectscope call useHugePagesForLargeMats() first): without them page faults cost this VM
// about a third of the CPU time of a 4k frame (huge_pages.h).
int main(int argc, char** argv) {
    ds::useHugePagesForLargeMats();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
