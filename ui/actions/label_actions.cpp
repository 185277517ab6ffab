#include "ui/actions/label_actions.h"

#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

namespace ds::ui {

namespace {
// A small swatch in the label's colour, so the toolbar matches what the overlay paints.
QIcon swatch(const QColor& fill, bool cross = false) {
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(fill.darker(150), 2));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(5, 5, 22, 22), 4, 4);
    if (cross) {
        p.setPen(QPen(QColor(90, 90, 90), 3));
        p.drawLine(10, 10, 22, 22);
        p.drawLine(22, 10, 10, 22);
    }
    return QIcon(pm);
}
// Four arrows: the pan tool (there is no standard icon for it outside icon themes).
QIcon panIcon(const QColor& colour) {
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawLine(16, 5, 16, 27);
    p.drawLine(5, 16, 27, 16);
    const QPointF tips[4][3] = {{{12, 9}, {16, 5}, {20, 9}},
                                {{12, 23}, {16, 27}, {20, 23}},
                                {{9, 12}, {5, 16}, {9, 20}},
                                {{23, 12}, {27, 16}, {23, 20}}};
    for (const auto& t : tips)
        p.drawPolyline(t, 3);
    return QIcon(pm);
}
} // namespace

LabelActions::LabelActions(Session* session, MicrographView* view, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_view(view)
    , m_tools(new QActionGroup(this)) {
    m_undo = session->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    // Icons are needed: without one the toolbar shows the command text ("Undo Label 16
    // patches...").
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"),
                                     view->style()->standardIcon(QStyle::SP_ArrowBack)));
    m_redo = session->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo"),
                                     view->style()->standardIcon(QStyle::SP_ArrowForward)));

    addTool(
        Tool::Pan, tr("&Pan"), QKeySequence(Qt::Key_P),
        QIcon::fromTheme(QStringLiteral("transform-move"), panIcon(view->palette().text().color())),
        tr("Drag to move the image (right or middle drag pans in every tool)"));
    addTool(Tool::Select, tr("&Select"), QKeySequence(Qt::Key_S), swatch(QColor(255, 255, 120)),
            tr("Drag a rectangle to select patches, then press 1, 2 or 0 to label them"));
    addTool(Tool::Defect, tr("Label &defect"), QKeySequence(Qt::Key_1),
            swatch(PatchOverlayItem::labelColour(Label::Defect)),
            tr("Click or drag over patches to label them as defect"));
    addTool(Tool::Perfect, tr("Label &perfect"), QKeySequence(Qt::Key_2),
            swatch(PatchOverlayItem::labelColour(Label::Perfect)),
            tr("Click or drag over patches to label them as perfect"));
    addTool(Tool::Clear, tr("&Clear label"), QKeySequence(Qt::Key_0),
            swatch(QColor(220, 220, 220), true),
            tr("Click or drag over patches to remove their labels"));
    toolAction(Tool::Pan)->setChecked(true);
    connect(view, &MicrographView::toolChanged, this, [this](Tool t) {
        if (QAction* a = toolAction(t))
            a->setChecked(true);
    });

    m_selectAll = new QAction(tr("Select &all patches"), this);
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    connect(m_selectAll, &QAction::triggered, view, &MicrographView::selectAll);
    m_clearSelection = new QAction(tr("Clear selec&tion"), this);
    m_clearSelection->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_clearSelection, &QAction::triggered, view, &MicrographView::clearSelection);
}

QAction* LabelActions::addTool(Tool tool, const QString& text, const QKeySequence& key,
                               const QIcon& icon, const QString& tip) {
    auto* a = new QAction(icon, text, this);
    a->setCheckable(true);
    a->setShortcut(key);
    a->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    a->setStatusTip(tip);
    a->setData(static_cast<int>(tool));
    m_tools->addAction(a);
    connect(a, &QAction::triggered, this, [this, tool] { triggerTool(tool); });
    return a;
}

QAction* LabelActions::toolAction(Tool tool) const {
    const auto actions = m_tools->actions();
    for (QAction* a : actions)
        if (a->data().toInt() == static_cast<int>(tool))
            return a;
    return nullptr;
}

void LabelActions::triggerTool(Tool tool) {
    const bool labelTool = tool == Tool::Defect || tool == Tool::Perfect || tool == Tool::Clear;
    if (labelTool && !m_view->selection().empty()) {
        const Label l = tool == Tool::Defect    ? Label::Defect
                        : tool == Tool::Perfect ? Label::Perfect
                                                : Label::Unlabelled;
        m_session->setLabels(m_view->selection(), l);
        m_view->clearSelection();
        toolAction(m_view->tool())->setChecked(true); // keep selecting
        return;
    }
    m_view->setTool(tool);
}

void LabelActions::populate(QMenu* editMenu, QToolBar* toolBar) {
    editMenu->addAction(m_undo);
    editMenu->addAction(m_redo);
    editMenu->addSeparator();
    const auto tools = m_tools->actions();
    for (QAction* a : tools) {
        editMenu->addAction(a);
        toolBar->addAction(a);
    }
    editMenu->addSeparator();
    editMenu->addAction(m_selectAll);
    editMenu->addAction(m_clearSelection);
    toolBar->addSeparator();
    toolBar->addAction(m_undo);
    toolBar->addAction(m_redo);
}

} // namespace ds::ui
