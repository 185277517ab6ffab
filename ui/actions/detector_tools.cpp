#include "ui/actions/detector_tools.h"

#include "core/detect/detector_registry.h"
#include "ui/panels/detector_panel.h"
#include "ui/session/detector_results.h"
#include "ui/jobs/detector_runner.h"
#include "ui/panels/heat_map_panel.h"
#include "ui/actions/label_suggestions.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/panels/roc_panel.h"
#include "ui/session/session.h"
#include "ui/actions/view_actions.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QStatusBar>

#include <algorithm>
#include <utility>

namespace ds::ui {

DetectorTools::DetectorTools(MainWindow* window)
    : QObject(window), m_window(window), m_results(new DetectorResults(window->session(), this)),
      m_panel(new DetectorPanel(window->session(), m_results, window)),
      m_suggestions(new LabelSuggestions(window->session(), m_results, window->view(), this)),
      m_heat(new HeatMapPanel(window->session(), m_results, window->view(), m_suggestions, window)),
      m_roc(new RocPanel(window->session(), m_results, window)) {
    setObjectName(QStringLiteral("DetectorTools"));
    // Set-up panels share the left column (the detector tabbed with the patch grid, both used now and
    // then), the heat-map controls below them; the right column leaves the ROC room to be read.
    QDockWidget* detectorDock =
        window->addPanel(m_panel, tr("Detector"), QStringLiteral("DetectorDock"), Qt::LeftDockWidgetArea);
    if (auto* gridDock = window->findChild<QDockWidget*>(QStringLiteral("GridDock"))) {
        window->tabifyDockWidget(gridDock, detectorDock);
        detectorDock->raise();
    }
    window->addPanel(m_heat, tr("Heat map"), QStringLiteral("HeatMapDock"), Qt::LeftDockWidgetArea, true);
    QDockWidget* rocDock = window->addPanel(m_roc, tr("ROC"), QStringLiteral("RocDock"), Qt::RightDockWidgetArea);
    // A curve needs some width to be read; a saved window state overrides this default.
    window->resizeDocks({rocDock}, {340}, Qt::Horizontal);

    QMenu* tools = window->toolsMenu();
    QAction* train = tools->addAction(tr("&Train detector"), m_panel, &DetectorPanel::train);
    train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* score = tools->addAction(tr("&Score with detector"), m_panel, &DetectorPanel::score);
    score->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction* cancel = tools->addAction(tr("&Cancel detector run"), m_panel, &DetectorPanel::cancel);
    cancel->setEnabled(false);
    connect(m_panel->runner(), &DetectorRunner::runningChanged, cancel, &QAction::setEnabled);
    tools->addSeparator();
    QAction* next = tools->addAction(tr("Label &next suggestion"), m_suggestions, &LabelSuggestions::next);
    next->setShortcut(QKeySequence(Qt::Key_N));
    window->addAction(next); // the shortcut works wherever the focus is
    // Why this patch: long enough to read, replaced by the next suggestion.
    connect(m_suggestions, &LabelSuggestions::explained, window,
            [window](const QString& message) { window->statusBar()->showMessage(message, 30000); });

    connect(m_roc, &RocPanel::thresholdRequested, m_results, &DetectorResults::setThreshold);
    // Fresh scores are what the user wants to see: switch the heat map on.
    connect(m_panel, &DetectorPanel::runFinished, this, [this](quint64, bool ok) {
        if (ok)
            m_window->viewActions()->showHeatMap()->setChecked(true);
    });
    connect(window->session(), &Session::changed, this, [this](Session::Changes what, int) {
        if (what & (Session::Image | Session::Grid))
            tryStartPending();
    });
    // --open FILE --run ID: the file is read before it is added, so the run waits for the image to
    // become current, or for the add to fail (reported by errorOccurred once the batch is through).
    connect(window->session(), &Session::currentImageChanged, this, [this] { tryStartPending(); });
    connect(
        window->session(), &Session::errorOccurred, this,
        [this] {
            if (!m_pendingRun.isEmpty())
                tryStartPending();
        },
        Qt::QueuedConnection); // tryStartPending may itself report an error
}

bool DetectorTools::runWhenReady(const QString& id, bool train) {
    auto created = createDetector(id.toStdString());
    if (!created) {
        emit m_window->session()->errorOccurred(tr("--run %1: %2").arg(id, QString::fromStdString(created.error().message)));
        return false;
    }
    if (!m_panel->setDetectorId(id))
        return false;
    m_pendingRun = id;
    m_pendingTrain = train;
    m_window->session()->beginJob(); // busy from now until the result is on screen
    tryStartPending();
    return true;
}

void DetectorTools::tryStartPending() {
    Session* session = m_window->session();
    const int index = session->currentIndex();
    // Files still being read, or added but not yet made current: the run waits for them.
    const bool imageComing = index < 0 && (session->pendingImageFiles() > 0 || session->imageCount() > 0);
    if (!m_pendingRun.isEmpty() && !imageComing && (index < 0 || !session->imageError(index).isEmpty())) {
        // Nothing to run on (no image, or it failed to load): say so instead of waiting forever.
        const QString id = std::exchange(m_pendingRun, QString());
        emit session->errorOccurred(tr("--run %1: no image to run on").arg(id));
        session->endJob();
        return;
    }
    if (imageComing)
        return;
    if (m_pendingRun.isEmpty() || !session->pixels(index) || session->grid(index).empty() ||
        session->isGridPending(index)) // the grid is still being sized from the lattice
        return;
    const bool needsLabels = createDetector(m_pendingRun.toStdString()).value()->needsLabels();
    m_pendingRun.clear();
    m_commandRun = needsLabels || m_pendingTrain ? m_panel->train() : m_panel->score();
    if (m_commandRun == 0) {
        session->endJob();
        return;
    }
    auto* guard = new QObject(this); // one-shot connections, deleted when the run is shown
    connect(m_panel, &DetectorPanel::runFinished, guard, [this, guard, session](quint64 run, bool ok) {
        if (run != m_commandRun)
            return;
        if (!ok) {
            emit session->errorOccurred(tr("--run: %1").arg(m_panel->statusText()));
            session->endJob();
            guard->deleteLater();
            return;
        }
        // Busy until the ROC panel has drawn this run's curves and interval.
        const std::string id = m_panel->detectorId().toStdString();
        connect(m_roc, &RocPanel::settled, guard, [this, guard, session, id] {
            const auto& curves = m_roc->curves();
            if (std::none_of(curves.begin(), curves.end(), [&](const RocCurveResult& c) { return c.detector == id; }))
                return; // an older computation; this run's curves are still coming
            session->endJob();
            guard->deleteLater();
        });
    });
}

} // namespace ds::ui
