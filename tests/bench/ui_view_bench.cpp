// Micrograph view speed on the everyday large case: a 4096 x 4096 float image with a 64/32 grid
// (127 x 127 = 16,129 patches).
//  - OpenToFirstPaint: file on disk -> read, pyramid and statistics on the loader thread -> first
//    full-HD render of the view (what the user waits for after File > Open).
//  - RenderViewport/<zoom %>: QGraphicsView::render of a 1920 x 1080 viewport with everything a
//    user sees with a detector's results: grid lines, labels (half the patches labelled, fills and
//    outlines), heat map and its threshold outlines (a tenth of the patches), scale bar; 0 =
//    fitted, 100 = 1:1. The benchmark fails if any of these is off or if the image is drawn as a
//    zooming preview. Tiles are cached after the first frame, as in real repainting
//    (new_tiles = tiles made per frame). DS_BENCH_FRAMES=<folder> saves the measured frames.
//  - RenderViewportColdTiles: the display mapping changes every frame (a contrast drag): every
//    visible image tile is mapped and resampled again.
//  - RenderAfterZoomStep/<% of fitted zoom>: the zoom changes every frame (wheel, animated zoom).
//  - PanViewport/<full>: a 40-pixel drag step at 1:1 in a shown full-HD view and the repaint the
//    event loop then does (what is still visible is copied, the exposed strip drawn); /1 repaints
//    the whole viewport after each step instead.
//  - ClickToLabel: a mouse click on the viewport -> Session command -> overlay updated, with and
//    without the synchronous repaint of the viewport.
// Report wall AND CPU time with the machine load: Qt's raster engine can hand spans to its thread
// pool, which the CPU time of the benchmark thread does not show.
#include "core/io/read_micrograph.h"
#include "core/io/write_micrograph.h"
#include "ui/view/image_tile_item.h"
#include "ui/session/loaded_image.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QThread>
#include <QUndoStack>
#include <QWindow>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <random>

using namespace ds;
using namespace ds::ui;

namespace {

constexpr int kSide = 4096;

const QString& imageFile() {
    static QTemporaryDir dir;
    static const QString path = [] {
        Micrograph m;
        m.pixels.create(kSide, kSide, CV_32F);
        cv::randn(m.pixels, 100.0, 15.0);
        for (int y = 0; y < kSide; ++y) {
            float* row = m.pixels.ptr<float>(y);
            for (int x = 0; x < kSide; ++x)
                row[x] += static_cast<float>(40 * std::sin(x * 0.45) * std::sin(y * 0.45));
        }
        m.x.scale = m.y.scale = 0.01;
        m.x.unit = m.y.unit = "nm";
        const QString p = dir.filePath(QStringLiteral("large.tif"));
        if (!writeTiff(p.toStdString(), m).ok())
            std::abort();
        return p;
    }();
    return path;
}

bool waitLoaded(Session& s) {
    QElapsedTimer t;
    t.start();
    while (!s.pixels(0) && t.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    return s.pixels(0) != nullptr;
}

// A window-sized view on a loaded session with labels and scores, ready to render.
struct Fixture {
    Session session;
    std::unique_ptr<MicrographView> view;

    Fixture() {
        session.setDefaultGrid(GridSpec{64, 32, 0, 0});
        session.addImageFiles({imageFile()});
        if (!waitLoaded(session))
            std::abort();
        view = std::make_unique<MicrographView>(&session);
        view->setAttribute(Qt::WA_DontShowOnScreen);
        view->resize(1920, 1080);
        view->show();
        QCoreApplication::processEvents();
        const auto& stats = session.pixels(0)->stats;
        view->setMapping(
            DisplayMapping{stats.percentile(0.005), stats.percentile(0.995), 1.0, Lut::Grey});
        const int n = session.grid(0).size();
        std::mt19937 rng(3);
        std::vector<int> defect, perfect;
        for (int i = 0; i < n; ++i) {
            const unsigned r = rng() % 4;
            if (r == 0)
                defect.push_back(i);
            else if (r == 1)
                perfect.push_back(i);
        }
        session.setLabels(defect, Label::Defect);
        session.setLabels(perfect, Label::Perfect);
        std::vector<float> scores(static_cast<std::size_t>(n));
        std::normal_distribution<float> noise;
        for (float& s : scores)
            s = noise(rng);
        StoredRun run; // scores as a detector run would store them
        run.spec.detector = run.result.detector = "bench";
        run.spec.grid = session.image(0)->grid;
        run.result.grid = session.grid(0);
        run.result.scores = run.result.evalScores = scores;
        session.addRun(session.idOf(0), std::move(run));
        view->overlay()->setShowHeatMap(true);
        std::vector<float> sorted = scores;
        std::nth_element(sorted.begin(), sorted.begin() + n * 9 / 10, sorted.end());
        view->overlay()->setThreshold(sorted[static_cast<std::size_t>(n * 9 / 10)]);
        view->zoomToFit();
        QCoreApplication::processEvents();
    }
};

std::unique_ptr<Fixture> g_fixture; // destroyed in main(), before the QApplication

Fixture& fixture() {
    if (!g_fixture)
        g_fixture = std::make_unique<Fixture>();
    return *g_fixture;
}

// Lets the view finish a zoom: the image is then drawn at full quality (no zooming preview).
void settle() {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 2 * ImageTileItem::kSettleMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(5);
    }
}

int tilesMade(const Fixture& f) {
    return f.view->imageItem()->tilesConverted() + f.view->overlay()->tilesRendered();
}

// The benchmark must render what a user sees: every overlay layer on, the whole grid present.
bool everythingShown(benchmark::State& state, const Fixture& f) {
    const PatchOverlayItem* o = f.view->overlay();
    const bool ok = o->showGrid() && o->showLabels() && o->showHeatMap() && o->threshold() &&
                    o->grid().size() == 127 * 127 && f.view->imageItem()->image();
    if (!ok)
        state.SkipWithError("grid, labels, heat map or threshold outlines are not shown");
    state.counters["patches"] = o->grid().size();
    return ok;
}

// A left click as the window system delivers it (the benchmarks do not link Qt Test).
void click(QWidget* w, QPoint at) {
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(at), w->mapToGlobal(QPointF(at)),
                      Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, QPointF(at), w->mapToGlobal(QPointF(at)),
                        Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(w, &release);
}

void renderViewport(MicrographView& view, QImage& target) {
    QPainter p(&target);
    view.render(&p, QRectF(), view.viewport()->rect());
}

void BM_OpenToFirstPaint(benchmark::State& state) {
    imageFile(); // written once, outside the timing
    QImage target(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        Session session;
        session.setDefaultGrid(GridSpec{64, 32, 0, 0});
        MicrographView view(&session);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.resize(1920, 1080);
        view.show();
        session.addImageFiles({imageFile()});
        if (!waitLoaded(session)) {
            state.SkipWithError("image did not load");
            return;
        }
        QCoreApplication::processEvents();
        renderViewport(view, target);
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) * 1e-9);
    }
}
BENCHMARK(BM_OpenToFirstPaint)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// The loader thread's share of opening: read the file, then build the pyramid and statistics.
void BM_LoadStages(benchmark::State& state) {
    imageFile();
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto m = readMicrograph(imageFile().toStdString());
        const double read = t.nsecsElapsed() * 1e-6;
        const LoadedImage li = LoadedImage::prepare(std::move(m).value());
        state.counters["read_ms"] = read;
        state.counters["prepare_ms"] = t.nsecsElapsed() * 1e-6 - read;
        benchmark::DoNotOptimize(li.stats.max);
    }
}
BENCHMARK(BM_LoadStages)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RenderViewport(benchmark::State& state) {
    Fixture& f = fixture();
    if (state.range(0) == 0)
        f.view->zoomToFit();
    else {
        f.view->zoomToActualSize();
        f.view->zoomBy(state.range(0) / 100.0, false);
        f.view->centerOn(kSide / 2.0, kSide / 2.0);
    }
    QCoreApplication::processEvents();
    if (!everythingShown(state, f))
        return;
    QImage target(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    settle();
    renderViewport(*f.view, target); // warm the tile cache
    if (f.view->imageItem()->previewing()) {
        state.SkipWithError("the image is still drawn as a zooming preview");
        return;
    }
    const int before = tilesMade(f);
    for (auto _ : state)
        renderViewport(*f.view, target);
    state.counters["zoom"] = f.view->zoom();
    // DS_BENCH_FRAMES=<folder>: keep the rendered frame, to look at what was measured.
    if (const QString dir = qEnvironmentVariable("DS_BENCH_FRAMES"); !dir.isEmpty())
        target.save(QDir(dir).filePath(QStringLiteral("render_%1.png").arg(state.range(0))));
    // Image and overlay tiles made per frame: 0 when the caches hold the viewport.
    state.counters["new_tiles"] =
        benchmark::Counter(tilesMade(f) - before, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_RenderViewport)->Arg(0)->Arg(50)->Arg(100)->Arg(400)->Unit(benchmark::kMillisecond);

void BM_RenderViewportColdTiles(benchmark::State& state) {
    Fixture& f = fixture();
    f.view->zoomToFit();
    if (!everythingShown(state, f))
        return;
    settle();
    QImage target(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    DisplayMapping m = f.view->imageItem()->mapping();
    for (auto _ : state) {
        m.gamma = m.gamma == 1.0 ? 1.01 : 1.0; // a new mapping: every tile is converted again
        f.view->setMapping(m);
        renderViewport(*f.view, target);
    }
}
BENCHMARK(BM_RenderViewportColdTiles)->Unit(benchmark::kMillisecond);

// A frame right after a zoom step (wheel notch or a frame of the animated zoom): overlay tiles
// are all made anew and the image is drawn as a zooming preview (pyramid tiles scaled without
// smoothing) - "preview" counts those frames; full-quality screen tiles follow once the zoom
// settles (their cost: RenderViewportColdTiles). Alternates between two zooms near the fitted one.
void BM_RenderAfterZoomStep(benchmark::State& state) {
    Fixture& f = fixture();
    f.view->zoomToFit();
    if (!everythingShown(state, f))
        return;
    QImage target(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const double base = f.view->zoom() * state.range(0) / 100.0;
    int k = 0;
    const int before = tilesMade(f);
    int previews = 0;
    for (auto _ : state) {
        f.view->zoomBy(base * (k++ % 2 ? 1.0 : 1.2) / f.view->zoom(), false);
        renderViewport(*f.view, target);
        previews += f.view->imageItem()->previewing();
    }
    state.counters["new_tiles"] =
        benchmark::Counter(tilesMade(f) - before, benchmark::Counter::kAvgIterations);
    state.counters["preview"] = benchmark::Counter(previews, benchmark::Counter::kAvgIterations);
    f.view->zoomToFit();
}
BENCHMARK(BM_RenderAfterZoomStep)->Arg(100)->Arg(300)->Unit(benchmark::kMillisecond);

// A second, really shown view of the fixture's session (the fixture's view is never exposed, so
// only render()/repaint() paint it): repaints go through the window system's path here - update
// requests for the dirty region, painted into the backing store. Destroyed after its benchmark,
// so that later ones do not pay for a second view following the session.
std::unique_ptr<MicrographView> exposedView(Fixture& f) {
    auto v = std::make_unique<MicrographView>(&f.session);
    v->resize(1920, 1080);
    v->show();
    QElapsedTimer t;
    t.start();
    while (!(v->windowHandle() && v->windowHandle()->isExposed()) && t.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    v->overlay()->setShowHeatMap(true);
    v->overlay()->setThreshold(*f.view->overlay()->threshold());
    return v;
}

// Paints what is pending (as the event loop does) and returns once the backing store is flushed.
void flushPaints() {
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

void BM_PanViewport(benchmark::State& state) {
    Fixture& f = fixture();
    const auto shown = exposedView(f);
    MicrographView& view = *shown;
    view.zoomToActualSize();
    view.centerOn(kSide / 2.0, kSide / 2.0);
    settle();
    flushPaints();
    if (!everythingShown(state, f) || view.viewport()->width() != 1920) {
        state.SkipWithError("the exposed view is not full-HD");
        return;
    }
    const bool full = state.range(0) != 0;
    QScrollBar* h = view.horizontalScrollBar();
    const int start = h->value();
    int k = 0;
    for (auto _ : state) {
        // Back and forth over 400 pixels, so tiles stay cached as in a real drag.
        h->setValue(start + 40 * ((k % 20) < 10 ? k % 10 : 10 - k % 10));
        if (full)
            view.viewport()->update();
        flushPaints();
        ++k;
    }
    h->setValue(start);
    flushPaints();
}
BENCHMARK(BM_PanViewport)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ClickToLabel(benchmark::State& state) {
    Fixture& f = fixture();
    f.view->zoomToActualSize();
    f.view->centerOn(kSide / 2.0, kSide / 2.0);
    f.view->setTool(Tool::Defect);
    const bool repaint = state.range(0) != 0;
    const PatchGrid& g = f.view->overlay()->grid();
    int k = 0;
    for (auto _ : state) {
        // Alternate between two patches and two labels so every click really changes a label.
        const int patch = g.index(60 + (k % 2), 63);
        f.view->setTool(k % 4 < 2 ? Tool::Defect : Tool::Perfect);
        const QPoint at =
            f.view->viewportPointForImage(f.view->overlay()->cellRect(patch).center());
        click(f.view->viewport(), at);
        if (repaint)
            f.view->viewport()->repaint();
        ++k;
    }
    f.session.undoStack()->clear();
}
BENCHMARK(BM_ClickToLabel)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_fixture.reset();
    return 0;
}
