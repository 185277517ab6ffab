#include "ui/actions/report_actions.h"

#include "ui/session/detector_results.h"
#include "ui/actions/detector_tools.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/report/report_dialog.h"
#include "ui/report/report_export.h"
#include "ui/report/training_set_dialog.h"
#include "ui/session/session.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace ds::ui {

namespace {
// The File menu is the one holding Quit (found by role, not by its translated title).
QAction* findQuit(MainWindow* window, QMenu** menu) {
    const auto menus = window->menuBar()->actions();
    for (QAction* m : menus)
        if (m->menu())
            for (QAction* a : m->menu()->actions())
                if (a->menuRole() == QAction::QuitRole) {
                    *menu = m->menu();
                    return a;
                }
    return nullptr;
}
} // namespace

ReportActions::ReportActions(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_export(new QAction(tr("Export &Report…"), window))
    , m_trainingSet(new QAction(tr("Export &Training Set…"), window)) {
    setObjectName(QStringLiteral("ReportActions"));
    m_export->setObjectName(QStringLiteral("ExportReportAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_export->setStatusTip(
        tr("Write the annotated image, per-patch table and summary of the current image"));
    m_trainingSet->setObjectName(QStringLiteral("ExportTrainingSetAction"));
    m_trainingSet->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_trainingSet->setStatusTip(
        tr("Write the hand-labelled patches as numpy stacks for training models (as export-patches does)"));
    QMenu* file = nullptr;
    if (QAction* quit = findQuit(window, &file)) {
        file->insertAction(quit, m_export);
        file->insertAction(quit, m_trainingSet);
        file->insertSeparator(quit);
    } else {
        window->addAction(m_export); // no File menu: the shortcuts still work
        window->addAction(m_trainingSet);
    }
    connect(m_export, &QAction::triggered, this, [this] { openDialog(); });
    connect(m_trainingSet, &QAction::triggered, this, [this] { openTrainingSetDialog(); });
    Session* session = window->session();
    connect(session, &Session::changed, this, &ReportActions::updateEnabled);
    connect(session, &Session::currentImageChanged, this, &ReportActions::updateEnabled);
    updateEnabled();
}

void ReportActions::updateEnabled() {
    const Session* session = m_window->session();
    const int index = session->currentIndex();
    const ProjectImage* img = session->image(index);
    m_export->setEnabled(img && !img->scores().empty() && session->pixels(index) &&
                         static_cast<int>(img->scores().size()) == session->grid(index).size());
    m_trainingSet->setEnabled(session->imageCount() > 0);
}

TrainingSetDialog* ReportActions::openTrainingSetDialog() {
    const Session* session = m_window->session();
    if (session->imageCount() == 0)
        return nullptr;
    auto* dialog = new TrainingSetDialog(snapshotTrainingSet(*session), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal like the report dialog: the snapshot holds the labels as they are now.
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    return dialog;
}

ReportDialog* ReportActions::openDialog() {
    const Session* session = m_window->session();
    auto snapshot = snapshotImage(*session, session->currentIndex());
    if (!snapshot) {
        QMessageBox::information(
            m_window, tr("Export Report"),
            tr("Nothing to report: %1.").arg(QString::fromStdString(snapshot.error().message)));
        return nullptr;
    }
    // The figure as the user sees the view: their heat-map opacity.
    snapshot->style.heatAlpha = m_window->view()->overlay()->heatMapOpacity();
    auto* dialog = new ReportDialog(std::move(snapshot).value(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal: the snapshot is of the image as it is now, so the project must not change
    // (File > New, another image) under a dialog that would still export the old one.
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    return dialog;
}

} // namespace ds::ui
