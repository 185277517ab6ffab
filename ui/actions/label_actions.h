#pragma once
// LabelActions: the Edit menu and labelling toolbar - undo/redo (from the Session's stack), the
// tools Pan, Select, Defect (1), Perfect (2), Clear (0), select all / clear selection. Pressing a
// label key while patches are selected labels the selection (one undo step) instead of switching
// tool. GUI thread.
#include "core/labels/label.h"
#include "ui/view/micrograph_view.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QToolBar;

namespace ds::ui {

class Session;

class LabelActions : public QObject {
    Q_OBJECT
public:
    LabelActions(Session* session, MicrographView* view, QObject* parent);

    void populate(QMenu* editMenu, QToolBar* toolBar);
    QAction* toolAction(Tool tool) const;
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }

private:
    QAction* addTool(Tool tool, const QString& text, const QKeySequence& key, const QIcon& icon,
                     const QString& tip);
    void triggerTool(Tool tool);

    Session* m_session;
    MicrographView* m_view;
    QActionGroup* m_tools;
    QAction* m_undo;
    QAction* m_redo;
    QAction* m_selectAll;
    QAction* m_clearSelection;
};

} // namespace ds::ui
