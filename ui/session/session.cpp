#include "ui/session/session.h"

#include "core/analysis/grid_rule.h"
#include "core/synth/synthetic_graphene.h"
#include "ui/session/grid_command.h"
#include "ui/session/label_command.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>
#include <set>
#include <utility>

namespace ds::ui {

namespace {
constexpr int kPixelCacheImages = 3; // images whose pixels stay in memory (a 4096^2 one is ~90 MB)

// A grid that fits an image whose stored grid does not (e.g. a tiny image): the spec shrunk to fit.
GridSpec fittingGrid(GridSpec spec, int w, int h) {
    const int limit = std::max(1, std::min(w, h));
    if (spec.side > limit) {
        spec.side = limit;
        spec.stride = std::max(1, limit / 2);
    }
    if (spec.originX + spec.side > w || spec.originY + spec.side > h)
        spec.originX = spec.originY = 0;
    return spec;
}
} // namespace

Session::Session(QObject* parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
    , m_loader(new ImageLoader(this))
    , m_adder(new ImageLoader(this)) {
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this] { emit modifiedChanged(isModified()); });
    connect(m_loader, &ImageLoader::loaded, this, &Session::onLoaded);
    connect(m_loader, &ImageLoader::failed, this, &Session::onLoadFailed);
    connect(m_loader, &ImageLoader::pendingChanged, this, &Session::updateBusy);
    connect(m_adder, &ImageLoader::loaded, this,
            [this](quint64 slot, std::shared_ptr<const LoadedImage> image) {
                onAddResolved(slot, std::move(image), QString());
            });
    connect(m_adder, &ImageLoader::failed, this,
            [this](quint64 slot, const QString& error) { onAddResolved(slot, nullptr, error); });
    connect(m_adder, &ImageLoader::pendingChanged, this, &Session::updateBusy);
}

Session::~Session() = default;

const ProjectImage* Session::image(int index) const {
    if (index < 0 || index >= imageCount())
        return nullptr;
    return &m_project.images[static_cast<std::size_t>(index)];
}

PatchGrid Session::grid(int index) const {
    const ProjectImage* img = image(index);
    if (!img)
        return {};
    auto g = img->patchGrid();
    return g ? std::move(g).value() : PatchGrid{};
}

ProjectImage* Session::mutableImage(int index) {
    return index >= 0 && index < imageCount() ? &m_project.images[static_cast<std::size_t>(index)] : nullptr;
}

std::shared_ptr<const LoadedImage> Session::pixels(int index) const {
    return m_pixels.value(idOf(index));
}

bool Session::isModified() const {
    return m_dirty || !m_undo->isClean();
}

void Session::markDirty() {
    const bool was = isModified();
    m_dirty = true;
    if (!was)
        emit modifiedChanged(true);
}

void Session::beginJob() {
    ++m_jobs;
    updateBusy();
}

void Session::endJob() {
    m_jobs = std::max(0, m_jobs - 1);
    updateBusy();
}

void Session::updateBusy() {
    const bool busy = isBusy();
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
}

// ---------------------------------------------------------------- labels and grid

void Session::setLabels(const std::vector<int>& patches, Label label) {
    const int saved = m_strokeId;
    m_strokeId = 0;
    paintLabels(patches, label);
    m_strokeId = saved;
}

void Session::beginStroke() {
    m_strokeId = ++m_nextStrokeId;
}

void Session::endStroke() {
    m_strokeId = 0;
}

void Session::paintLabels(const std::vector<int>& patches, Label label) {
    const ProjectImage* img = currentImage();
    if (!img)
        return;
    const int n = static_cast<int>(img->labels.size());
    std::vector<int> changedPatches;
    std::vector<Label> before;
    std::set<int> seen;
    for (int p : patches) {
        if (p < 0 || p >= n || img->labels[static_cast<std::size_t>(p)] == label ||
            !seen.insert(p).second)
            continue;
        changedPatches.push_back(p);
        before.push_back(img->labels[static_cast<std::size_t>(p)]);
    }
    if (changedPatches.empty())
        return;
    m_undo->push(new LabelCommand(this, img->id, std::move(changedPatches), std::move(before),
                                  label, m_strokeId));
}

void Session::applyLabels(std::uint64_t imageId, const std::vector<int>& patches,
                          const std::vector<Label>& labels) {
    const int index = indexOfId(imageId);
    if (index < 0)
        return; // the image was removed: its commands have nothing left to change
    auto& dst = m_project.images[static_cast<std::size_t>(index)].labels;
    for (std::size_t i = 0; i < patches.size() && i < labels.size(); ++i)
        if (patches[i] >= 0 && static_cast<std::size_t>(patches[i]) < dst.size())
            dst[static_cast<std::size_t>(patches[i])] = labels[i];
    emit changed(Labels, index);
}

void Session::setGridSpec(const GridSpec& spec) {
    const ProjectImage* img = currentImage();
    if (!img || img->width <= 0)
        return;
    if (spec == img->grid)
        return;
    auto newGrid = PatchGrid::create(spec, img->width, img->height);
    if (!newGrid) {
        emit errorOccurred(
            tr("Grid not changed: %1").arg(QString::fromStdString(newGrid.error().message)));
        return;
    }
    GridState before{img->grid, img->labels, img->runs, img->shownRun};
    GridState after{spec, remapLabels(grid(m_current), img->labels, *newGrid), {}, -1};
    m_undo->push(new GridCommand(this, img->id, std::move(before), std::move(after)));
}

void Session::applyGrid(std::uint64_t imageId, const GridState& state) {
    ProjectImage* img = mutableImage(indexOfId(imageId));
    if (!img)
        return; // the image was removed
    img->grid = state.spec;
    img->labels = state.labels;
    img->runs = state.runs;
    img->shownRun = state.shownRun;
    emit changed(Grid | Labels | Scores, indexOfId(imageId));
}

bool Session::addRun(std::uint64_t imageId, StoredRun run) {
    const int index = indexOfId(imageId);
    ProjectImage* img = mutableImage(index);
    if (!img)
        return false; // removed while the run was in flight: nothing to attach it to
    Changes what = Scores;
    if (img->width <= 0 && run.result.grid.spec() == img->grid) {
        // Scored before it was ever opened ("All images"): the run's grid tells the size.
        img->width = run.result.grid.imageWidth();
        img->height = run.result.grid.imageHeight();
        img->labels.assign(static_cast<std::size_t>(run.result.grid.size()), Label::Unlabelled);
        what |= Grid | Labels;
    }
    if (!(run.result.grid.spec() == img->grid) || static_cast<int>(run.result.scores.size()) != grid(index).size()) {
        emit errorOccurred(tr("%1: the run of %2 was made on another patch grid and is dropped")
                               .arg(QString::fromStdString(img->displayName()))
                               .arg(QString::fromStdString(run.result.detector)));
        return false;
    }
    auto same = std::find_if(img->runs.begin(), img->runs.end(),
                             [&](const StoredRun& r) { return r.result.detector == run.result.detector; });
    if (same != img->runs.end()) {
        *same = std::move(run);
        img->shownRun = static_cast<int>(same - img->runs.begin());
    } else {
        img->runs.push_back(std::move(run));
        img->shownRun = static_cast<int>(img->runs.size()) - 1;
    }
    markDirty();
    emit changed(what, index);
    return true;
}

void Session::showRun(int index, const std::string& detector) {
    ProjectImage* img = mutableImage(index);
    if (!img)
        return;
    for (std::size_t i = 0; i < img->runs.size(); ++i)
        if (img->runs[i].result.detector == detector && img->shownRun != static_cast<int>(i)) {
            img->shownRun = static_cast<int>(i);
            markDirty();
            emit changed(Scores, index);
        }
}

void Session::setRunThreshold(int index, std::optional<double> threshold) {
    ProjectImage* img = mutableImage(index);
    if (!img || img->shownRun < 0)
        return;
    StoredRun& run = img->runs[static_cast<std::size_t>(img->shownRun)];
    if (run.userThreshold == threshold)
        return;
    run.userThreshold = threshold;
    markDirty();
    emit changed(Scores, index);
}

Calibration Session::calibration(int index) const {
    const ProjectImage* img = image(index);
    const auto px = pixels(index);
    if (!img)
        return {};
    if (!px)
        return img->pixelSize ? effectiveCalibration(Micrograph{}, img->pixelSize) : Calibration{};
    return effectiveCalibration(px->micrograph, img->pixelSize);
}

void Session::setPixelSize(const std::vector<int>& indices, const std::optional<PixelSize>& size) {
    std::vector<int> changedImages;
    for (int index : indices) {
        if (!image(index))
            continue;
        ProjectImage& img = m_project.images[static_cast<std::size_t>(index)];
        if (img.pixelSize == size)
            continue;
        img.pixelSize = size;
        changedImages.push_back(index);
    }
    if (changedImages.empty())
        return;
    markDirty();
    emit changed(Units, changedImages.size() == 1 ? changedImages.front() : -1);
}

int Session::frameCount(int index) const {
    const auto loaded = pixels(index);
    return loaded ? loaded->micrograph.frames : 0;
}

void Session::setFrame(int index, int frame) {
    ProjectImage* img = mutableImage(index);
    if (!img || frame < 0 || img->frame == frame || img->synthSeed)
        return;
    if (const int frames = frameCount(index); frames > 0 && frame >= frames)
        return;
    // Runs scored the pixels of the other frame; labels stay (a stack is one area over time).
    m_undo->push(new FrameCommand(this, img->id, FrameState{img->frame, img->runs, img->shownRun},
                                  FrameState{frame, {}, -1}));
}

void Session::applyFrame(std::uint64_t imageId, const FrameState& state) {
    const int index = indexOfId(imageId);
    ProjectImage* img = mutableImage(index);
    if (!img)
        return; // the image was removed
    const bool newPixels = img->frame != state.frame;
    img->frame = state.frame;
    img->runs = state.runs;
    img->shownRun = state.shownRun;
    if (newPixels) {
        m_pixels.remove(img->id);
        m_recent.erase(std::remove(m_recent.begin(), m_recent.end(), img->id), m_recent.end());
    }
    emit changed(Scores, index);
    if (newPixels && index == m_current)
        requestPixels(index);
}

void Session::setDetectorSettings(const nlohmann::json& settings) {
    m_project.detectorSettings = settings;
    markDirty();
    emit changed(Detector, -1);
}

// ---------------------------------------------------------------- images

void Session::setCurrentImage(int index) {
    if (index < -1 || index >= imageCount() ||
        (index == m_current && index >= 0 && m_pixels.contains(idOf(index))))
        return;
    const bool switched = index != m_current;
    m_current = index;
    if (index >= 0)
        m_project.currentImage = index;
    m_strokeId = 0;
    if (switched)
        emit currentImageChanged(index);
    if (index >= 0 && !m_pixels.contains(idOf(index)))
        requestPixels(index);
}

void Session::requestPixels(int index) {
    const ProjectImage* img = image(index);
    if (!img)
        return;
    m_loadErrors.remove(img->id);
    m_loader->load(img->id, ImageSource{QString::fromStdString(img->path), img->synthSeed, img->frame});
}

void Session::onLoaded(quint64 id, std::shared_ptr<const LoadedImage> loaded) {
    const int index = indexOfId(id);
    if (!image(index))
        return;
    ProjectImage& img = m_project.images[static_cast<std::size_t>(index)];
    const int w = loaded->micrograph.width(), h = loaded->micrograph.height();
    Changes what = Image;
    bool firstLoad = false;
    if (img.width != w || img.height != h) {
        const PatchGrid old = grid(index);
        if (img.width > 0)
            emit errorOccurred(
                tr("%1 is now %2 x %3 pixels, the project expected %4 x %5; labels were kept where "
                   "their patches still fit")
                    .arg(QString::fromStdString(img.path))
                    .arg(w)
                    .arg(h)
                    .arg(img.width)
                    .arg(img.height));
        const std::vector<Label> oldLabels = img.labels;
        img.width = w;
        img.height = h;
        img.grid = fittingGrid(img.grid, w, h);
        const PatchGrid g = grid(index);
        img.labels = old.empty()
                         ? std::vector<Label>(static_cast<std::size_t>(g.size()), Label::Unlabelled)
                         : remapLabels(old, oldLabels, g);
        // Runs belong to the patches of the old size.
        img.runs.clear();
        img.shownRun = -1;
        what |= Grid | Labels | Scores;
        // Learning the size is not an edit by the user, but the project file must record it.
        if (!old.empty())
            markDirty();
        else
            firstLoad = true;
    }
    m_pixels.insert(id, std::move(loaded));
    m_recent.erase(std::remove(m_recent.begin(), m_recent.end(), id), m_recent.end());
    m_recent.insert(m_recent.begin(), id);
    while (static_cast<int>(m_recent.size()) > kPixelCacheImages) {
        const quint64 victim = m_recent.back();
        m_recent.pop_back();
        if (victim != idOf(m_current))
            m_pixels.remove(victim);
    }
    // Before `changed`, so whoever sizes the grid marks it pending before a queued run looks at it.
    if (firstLoad)
        emit sizeLearned(index);
    emit changed(what, index);
}

bool Session::applyAutoGrid(int index, const GridSpec& spec) {
    const ProjectImage* img = image(index);
    if (!img || img->width <= 0)
        return false;
    if (spec == img->grid)
        return true;
    auto g = PatchGrid::create(spec, img->width, img->height);
    if (!g)
        return false;
    applyGrid(img->id, GridState{spec, std::vector<Label>(static_cast<std::size_t>(g->size()), Label::Unlabelled), {}, -1});
    markDirty();
    return true;
}

void Session::setGridPending(const std::string& path, bool pending) {
    const QString key = QString::fromStdString(path);
    if (pending == m_gridPending.contains(key))
        return;
    if (pending) {
        m_gridPending.insert(key);
        return;
    }
    m_gridPending.remove(key);
    if (const int index = indexOfPath(path); index >= 0)
        emit changed(Grid, index); // whoever waited for the grid looks again
}

int Session::indexOfPath(const std::string& path) const {
    for (int i = 0; i < imageCount(); ++i)
        if (m_project.images[static_cast<std::size_t>(i)].path == path)
            return i;
    return -1;
}

void Session::onLoadFailed(quint64 id, const QString& message) {
    const int index = indexOfId(id);
    if (!image(index))
        return;
    m_loadErrors.insert(id, message);
    emit errorOccurred(message);
    emit changed(Image, index);
}

void Session::addImageFiles(const QStringList& paths) {
    // Read first, add after: a file that cannot be read never enters the project (where it would be
    // saved with size 0 and leave the panels showing the previous image).
    bool any = false;
    for (const QString& p : paths) {
        const QString abs = QFileInfo(p).absoluteFilePath();
        const bool known =
            indexOfPath(abs.toStdString()) >= 0 ||
            std::any_of(m_adding.begin(), m_adding.end(),
                        [&](const PendingAdd& a) { return a.path == abs; });
        if (known)
            continue;
        PendingAdd add;
        add.path = abs;
        add.slot = ++m_nextAddSlot;
        m_adding.push_back(add);
        m_adder->load(add.slot, ImageSource{abs, std::nullopt});
        any = true;
    }
    if (any)
        m_selectNextAdded = true;
}

void Session::onAddResolved(quint64 slot, std::shared_ptr<const LoadedImage> image,
                            const QString& error) {
    const auto it = std::find_if(m_adding.begin(), m_adding.end(),
                                 [slot](const PendingAdd& a) { return a.slot == slot; });
    if (it == m_adding.end())
        return;
    it->resolved = true;
    it->image = std::move(image);
    it->error = error.isEmpty() ? tr("%1: cannot be read").arg(it->path) : error;
    flushAdds();
}

void Session::flushAdds() {
    // In the order the user gave, whatever order the reads finish in.
    while (!m_adding.empty() && m_adding.front().resolved) {
        PendingAdd add = std::move(m_adding.front());
        m_adding.erase(m_adding.begin());
        if (!add.image) {
            m_addFailures << add.error;
            continue;
        }
        ProjectImage img;
        img.path = add.path.toStdString();
        img.grid = m_defaultGrid;
        const quint64 id = m_project.addImage(std::move(img));
        const int index = imageCount() - 1;
        markDirty();
        emit changed(ImageList, -1);
        onLoaded(id, std::move(add.image)); // learns the size: grid, labels, sizeLearned
        if (m_selectNextAdded) {
            m_selectNextAdded = false;
            setCurrentImage(index);
        }
    }
    if (m_adding.empty() && !m_addFailures.isEmpty()) {
        const QStringList failures = std::exchange(m_addFailures, {});
        emit errorOccurred(tr("%n file(s) could not be read and were not added:", nullptr,
                              static_cast<int>(failures.size())) +
                           QStringLiteral("\n") + failures.join(QStringLiteral("\n")));
    }
}

namespace {
ProjectImage syntheticImage(std::uint64_t seed) {
    ProjectImage img;
    img.synthSeed = seed;
    // The demo's bond length is known, so its grid is the protocol's automatic one from the start.
    img.grid = latticeGrid(demoSynthOptions(seed).bondPx);
    return img;
}
} // namespace

void Session::addSyntheticImage(std::uint64_t seed) {
    m_project.addImage(syntheticImage(seed));
    markDirty();
    emit changed(ImageList, -1);
    setCurrentImage(imageCount() - 1);
}

void Session::openDemo(std::uint64_t seed) {
    Project p;
    p.addImage(syntheticImage(seed));
    resetProject(std::move(p), QString());
}

void Session::removeImage(int index) {
    if (!image(index))
        return;
    const quint64 id = idOf(index);
    m_project.images.erase(m_project.images.begin() + index);
    // Everything else is keyed by id: only this image's pixels and error go; its undo commands
    // stay on the stack as no-ops, the other images' commands keep working.
    m_pixels.remove(id);
    m_loadErrors.remove(id);
    m_recent.erase(std::remove(m_recent.begin(), m_recent.end(), id), m_recent.end());
    markDirty();
    m_current = -1;
    emit changed(ImageList, -1);
    setCurrentImage(std::min(index, imageCount() - 1));
    if (imageCount() == 0)
        emit currentImageChanged(-1);
}

QStringList Session::missingImages() const {
    QStringList out;
    for (const ProjectImage& img : m_project.images)
        if (!img.synthSeed && !QFileInfo::exists(QString::fromStdString(img.path)))
            out << QString::fromStdString(img.path);
    return out;
}

int Session::relocateImages(const QString& folder) {
    int moved = 0;
    const QDir dir(folder);
    for (int i = 0; i < imageCount(); ++i) {
        ProjectImage& img = m_project.images[static_cast<std::size_t>(i)];
        if (img.synthSeed || QFileInfo::exists(QString::fromStdString(img.path)))
            continue;
        const QString candidate =
            dir.filePath(QFileInfo(QString::fromStdString(img.path)).fileName());
        if (!QFileInfo::exists(candidate))
            continue;
        img.path = QFileInfo(candidate).absoluteFilePath().toStdString();
        m_pixels.remove(img.id);
        m_loadErrors.remove(img.id);
        ++moved;
        if (i == m_current)
            requestPixels(i);
    }
    if (moved > 0) {
        markDirty();
        emit changed(ImageList, -1);
    }
    return moved;
}

} // namespace ds::ui
