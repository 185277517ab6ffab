#pragma once
// ViewActions: the View menu - zoom in/out (animated), fit, 1:1, and overlay toggles (grid, labels,
// heat map). The heat-map toggle is here so the detector work only has to set scores. GUI thread.
#include <QObject>

class QAction;
class QMenu;
class QToolBar;

namespace ds::ui {

class MicrographView;

class ViewActions : public QObject {
    Q_OBJECT
public:
    ViewActions(MicrographView* view, QObject* parent);
    void populate(QMenu* viewMenu, QToolBar* toolBar);

    QAction* showGrid() const { return m_showGrid; }
    QAction* showLabels() const { return m_showLabels; }
    QAction* showHeatMap() const { return m_showHeat; }

private:
    QAction* m_zoomIn;
    QAction* m_zoomOut;
    QAction* m_fit;
    QAction* m_actual;
    QAction* m_showGrid;
    QAction* m_showLabels;
    QAction* m_showHeat;
};

} // namespace ds::ui
