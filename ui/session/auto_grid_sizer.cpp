#include "ui/session/auto_grid_sizer.h"

#include "core/analysis/grid_rule.h"
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
    const auto pixels = m_session->pixels(index);
    // Only images that still carry the default grid: the demo's synthetic images know their bond.
    if (!m_enabled || !img || img->path.empty() || !pixels || !(img->grid == m_session->defaultGrid()))
        return;
    m_queue.push_back({img->path, pixels});
    m_session->setGridPending(img->path, true);
    m_session->beginJob();
    if (!m_watcher.isRunning())
        startNext();
}

void AutoGridSizer::release(const std::string& path) {
    m_session->setGridPending(path, false);
    m_session->endJob();
}

void AutoGridSizer::startNext() {
    while (!m_queue.empty()) {
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        // Withdrawn meanwhile: switched off, image removed, another project, or a run started on it.
        if (!m_enabled || m_session->indexOfPath(job.path) < 0 || !m_session->isGridPending(job.path)) {
            release(job.path);
            continue;
        }
        m_path = job.path;
        // The job shares the immutable pixels; it never touches the session.
        m_watcher.setFuture(QtConcurrent::run([pixels = std::move(job.pixels)]() {
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
    const std::string path = m_path;
    const int index = m_session->indexOfPath(path);
    const ProjectImage* img = m_session->image(index);
    const bool untouched = m_enabled && img && m_session->isGridPending(path) &&
                           img->grid == m_session->defaultGrid() && img->scores().empty() &&
                           std::all_of(img->labels.begin(), img->labels.end(),
                                       [](Label l) { return l == Label::Unlabelled; });
    QString text;
    if (untouched) {
        const GridSpec spec = latticeGrid(out.bondPx);
        if (!out.sizesGrid)
            text = tr("No clear lattice (confidence %1): the default patch grid is kept.")
                       .arg(QLocale().toString(out.confidence, 'f', 2));
        else if (m_session->applyAutoGrid(index, spec))
            text = tr("Patch grid from the lattice: bond length %1 px, patches of %2 px.")
                       .arg(QLocale().toString(out.bondPx, 'f', 2))
                       .arg(spec.side);
    }
    // Only now: ending the claim lets a queued detector run start, on the final grid.
    release(path);
    // After the claim ends: the grid panel refreshes its text on the grid change, then shows this.
    if (!text.isEmpty())
        emit message(index, text);
    startNext();
}

} // namespace ds::ui
