#include "ui/auto_grid_sizer.h"

#include "core/detect/pipeline.h"
#include "core/lattice/lattice_estimate.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace ds::ui {

AutoGridSizer::AutoGridSizer(Session* session, QObject* parent)
    : QObject(parent), m_session(session) {
    connect(session, &Session::sizeLearned, this, &AutoGridSizer::enqueue);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &AutoGridSizer::finish);
}

AutoGridSizer::~AutoGridSizer() {
    m_watcher.waitForFinished();
}

void AutoGridSizer::enqueue(int index) {
    const ProjectImage* img = m_session->image(index);
    // Only images that still carry the default grid: the demo's synthetic images know their bond.
    if (!m_enabled || !img || !(img->grid == m_session->defaultGrid()))
        return;
    m_queue.emplace_back(index, img->path);
    m_session->setGridPending(index, true);
    m_session->beginJob();
    if (!m_watcher.isRunning())
        startNext();
}

void AutoGridSizer::startNext() {
    while (!m_queue.empty()) {
        const auto [index, path] = m_queue.front();
        m_queue.pop_front();
        const ProjectImage* img = m_session->image(index);
        const auto pixels = m_session->pixels(index);
        if (!img || img->path != path || !pixels) { // removed, or its pixels already evicted
            m_session->setGridPending(index, false);
            m_session->endJob();
            continue;
        }
        m_index = index;
        m_path = path;
        // The job shares the immutable pixels; it never touches the session.
        m_watcher.setFuture(QtConcurrent::run([pixels]() {
            Outcome out;
            if (auto r = estimateLattice(pixels->micrograph.pixels)) {
                out.sizesGrid = latticeSizesGrid(*r);
                out.bondPx = r->bondPx;
                out.confidence = r->confidence;
            }
            return out;
        }));
        return;
    }
}

void AutoGridSizer::finish() {
    const Outcome out = m_watcher.result();
    const int index = m_index;
    const ProjectImage* img = m_session->image(index);
    const bool untouched = img && img->path == m_path && img->grid == m_session->defaultGrid() &&
                           img->scores.empty() &&
                           std::all_of(img->labels.begin(), img->labels.end(),
                                       [](Label l) { return l == Label::Unlabelled; });
    if (untouched) {
        if (out.sizesGrid) {
            const int side = std::max(2, autoPatchSide(out.bondPx));
            m_session->applyAutoGrid(index, GridSpec{side, std::max(1, side / 2), 0, 0});
            emit message(index, tr("Patch grid from the lattice: bond length %1 px, patches of %2 px.")
                                    .arg(QLocale().toString(out.bondPx, 'f', 2))
                                    .arg(side));
        } else {
            emit message(index, tr("No clear lattice (confidence %1): the default patch grid is kept.")
                                    .arg(QLocale().toString(out.confidence, 'f', 2)));
        }
    }
    // Only now: clearing the flag lets a queued detector run start, on the final grid.
    m_session->setGridPending(index, false);
    m_session->endJob();
    startNext();
}

} // namespace ds::ui
