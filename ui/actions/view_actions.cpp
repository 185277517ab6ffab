#include "ui/actions/view_actions.h"

#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/window/settings.h"

#include <QAction>
#include <QMenu>
#include <QToolBar>

namespace ds::ui {

ViewActions::ViewActions(MicrographView* view, QObject* parent)
    : QObject(parent) {
    m_zoomIn = new QAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &in"), this);
    m_zoomIn->setShortcuts(
        {QKeySequence::ZoomIn, QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    connect(m_zoomIn, &QAction::triggered, view, [view] { view->zoomBy(1.25); });
    m_zoomOut = new QAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &out"), this);
    m_zoomOut->setShortcuts({QKeySequence::ZoomOut, QKeySequence(Qt::Key_Minus)});
    connect(m_zoomOut, &QAction::triggered, view, [view] { view->zoomBy(0.8); });
    m_fit =
        new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit to window"), this);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_fit, &QAction::triggered, view, &MicrographView::zoomToFit);
    m_actual = new QAction(QIcon::fromTheme(QStringLiteral("zoom-original")),
                           tr("&Actual pixels (1:1)"), this);
    m_actual->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_actual, &QAction::triggered, view, &MicrographView::zoomToActualSize);

    m_showGrid = new QAction(tr("Show &grid"), this);
    m_showGrid->setCheckable(true);
    m_showGrid->setShortcut(QKeySequence(Qt::Key_G));
    m_showGrid->setChecked(Settings().showGrid());
    view->overlay()->setShowGrid(m_showGrid->isChecked());
    connect(m_showGrid, &QAction::toggled, view, [view](bool on) {
        view->overlay()->setShowGrid(on);
        Settings().setShowGrid(on);
    });
    m_showLabels = new QAction(tr("Show &labels"), this);
    m_showLabels->setCheckable(true);
    m_showLabels->setChecked(true);
    m_showLabels->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_showLabels, &QAction::toggled, view,
            [view](bool on) { view->overlay()->setShowLabels(on); });
    m_showHeat = new QAction(tr("Show &heat map"), this);
    m_showHeat->setCheckable(true);
    m_showHeat->setShortcut(QKeySequence(Qt::Key_H));
    m_showHeat->setToolTip(tr("Colour patches by detector score"));
    connect(m_showHeat, &QAction::toggled, view,
            [view](bool on) { view->overlay()->setShowHeatMap(on); });
}

void ViewActions::populate(QMenu* viewMenu, QToolBar* toolBar) {
    for (QAction* a : {m_zoomIn, m_zoomOut, m_fit, m_actual}) {
        viewMenu->addAction(a);
        toolBar->addAction(a);
    }
    viewMenu->addSeparator();
    viewMenu->addAction(m_showGrid);
    viewMenu->addAction(m_showLabels);
    viewMenu->addAction(m_showHeat);
}

} // namespace ds::ui
