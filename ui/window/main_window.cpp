#include "ui/window/main_window.h"

#include "core/io/read_micrograph.h"
#include "ui/session/autosaver.h"
#include "ui/panels/contrast_panel.h"
#include "ui/actions/detector_tools.h"
#include "ui/panels/grid_panel.h"
#include "ui/panels/image_list_panel.h"
#include "ui/panels/image_properties_dialog.h"
#include "ui/actions/label_actions.h"
#include "ui/actions/line_calibration.h"
#include "ui/window/language_menu.h"
#include "ui/view/micrograph_view.h"
#include "ui/actions/project_actions.h"
#include "ui/actions/report_actions.h"
#include "ui/session/session.h"
#include "ui/window/preferences_dialog.h"
#include "ui/window/settings.h"
#include "ui/window/status_info.h"
#include "ui/actions/view_actions.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>
#include <cstdio>

namespace ds::ui {

namespace {
// A typical window frame, assumed before the window is shown and the real one is known.
constexpr int kFrameSide = 4;
constexpr int kFrameTop = 32;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(new Session, parent) {}

MainWindow::MainWindow(Session* session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_view(new MicrographView(m_session, this))
    , m_autosaver(new Autosaver(m_session, this))
    , m_project(new ProjectActions(m_session, m_autosaver, this))
    , m_labels(new LabelActions(m_session, m_view, this))
    , m_viewActions(new ViewActions(m_view, this))
    , m_contrast(new ContrastPanel(m_session, this))
    , m_grid(new GridPanel(m_session, this))
    , m_images(new ImageListPanel(m_session, this)) {
    m_session->setParent(this); // adopted: a rebuilt window takes over the open project
    setObjectName(QStringLiteral("MainWindow"));
    setCentralWidget(m_view);
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    m_session->setDefaultGrid(Settings().defaultGrid());

    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("MainToolBar"));
    m_toolBar->setIconSize(QSize(22, 22));
    m_project->populate(menuBar()->addMenu(tr("&File")), m_toolBar);
    m_toolBar->addSeparator();
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    m_labels->populate(editMenu, m_toolBar);
    editMenu->addSeparator();
    QAction* properties = editMenu->addAction(tr("Image p&roperties…"), this,
                                              [this] { showImageProperties(m_session->currentIndex()); });
    properties->setObjectName(QStringLiteral("ImagePropertiesAction"));
    properties->setStatusTip(tr("Size, frames and calibration of the current image; set its pixel size"));
    editMenu->addAction((new LineCalibration(m_session, m_view, this))->action());
    editMenu->addSeparator();
    QAction* preferences = editMenu->addAction(tr("Pre&ferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("PreferencesAction"));
    preferences->setMenuRole(QAction::PreferencesRole);
    // The platform's key where it has one; Ctrl+, (the common choice) where it has none (GNOME).
    preferences->setShortcut(QKeySequence(QKeySequence::Preferences).isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma)
                                                                               : QKeySequence(QKeySequence::Preferences));
    preferences->setStatusTip(tr("The largest image to open and the auto-contrast clip"));
    m_toolBar->addSeparator();
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewActions->populate(viewMenu, m_toolBar);
    viewMenu->addSeparator();
    m_panelsMenu = viewMenu->addMenu(tr("&Panels"));
    m_language = new LanguageMenu(viewMenu, this); // View > Language (issue #8)
    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About DefectScope"), this, [this] {
        QMessageBox::about(
            this, tr("About DefectScope"),
            tr("<b>DefectScope %1</b><p>Find defects in atomic-resolution electron micrographs: "
               "label patches, run anomaly detectors, compare them with ROC curves.</p>")
                .arg(QApplication::applicationVersion()));
    });

    addPanel(m_images, tr("Images"), QStringLiteral("ImagesDock"), Qt::LeftDockWidgetArea, true);
    addPanel(m_grid, tr("Patch grid"), QStringLiteral("GridDock"), Qt::LeftDockWidgetArea);
    addPanel(m_contrast, tr("Contrast"), QStringLiteral("ContrastDock"), Qt::RightDockWidgetArea);
    m_status = new StatusInfo(m_session, m_view, statusBar());
    new DetectorTools(this); // detector, heat-map and ROC docks and Tools menu entries (issue #7)
    new ReportActions(this); // File > Export Report (issue #8)

    connect(m_contrast, &ContrastPanel::mappingChanged, m_view, &MicrographView::setMapping);
    connect(m_images, &ImageListPanel::addRequested, m_project, &ProjectActions::addImages);
    connect(m_images, &ImageListPanel::propertiesRequested, this, &MainWindow::showImageProperties);
    connect(m_session, &Session::errorOccurred, this, &MainWindow::showSessionError);
    connect(m_session, &Session::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(m_session, &Session::projectPathChanged, this, &MainWindow::updateTitle);
    connect(m_autosaver, &Autosaver::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
    });

    resize(1400, 900);
    fitIntoScreen();
    updateTitle();
}

void MainWindow::restoreWindowState() {
    const Settings settings;
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    fitIntoScreen(); // saved on a larger screen than this one
}

void MainWindow::fitIntoScreen() {
    const QScreen* s = screen();
    if (!s)
        return;
    const QRect available = s->availableGeometry();
    // The frame (title bar, borders) is only known once shown; until then leave room for a usual one.
    QSize frame = frameGeometry().size() - geometry().size();
    if (!isVisible() || frame.isEmpty())
        frame = frame.expandedTo(QSize(2 * kFrameSide, kFrameTop + kFrameSide));
    const QSize room = (available.size() - frame).expandedTo(minimumSize());
    if (width() > room.width() || height() > room.height()) {
        if (isMaximized())
            return; // the window manager sizes a maximised window to the screen itself
        resize(size().boundedTo(room));
    }
    const QRect outer = frameGeometry();
    if (!available.contains(outer)) {
        const int x = std::clamp(outer.x(), available.left(),
                                 std::max(available.left(), available.right() + 1 - outer.width()));
        const int y = std::clamp(outer.y(), available.top(),
                                 std::max(available.top(), available.bottom() + 1 - outer.height()));
        move(x, y);
    }
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area, bool whole) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    // Scrollable, so that many panels never force the window taller than the screen (or the
    // 1000-pixel screenshot).
    auto* scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(panel);
    if (whole)
        scroll->setMinimumHeight(panel->minimumSizeHint().height());
    dock->setWidget(scroll);
    addDockWidget(area, dock);
    m_panelsMenu->addAction(dock->toggleViewAction());
    return dock;
}

ImagePropertiesDialog* MainWindow::showImageProperties(int index) {
    if (!m_session->image(index))
        return nullptr;
    auto* dialog = new ImagePropertiesDialog(m_session, index, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal: the image list cannot change under it
    return dialog;
}

PreferencesDialog* MainWindow::showPreferences() {
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::setInteractive(bool interactive) {
    m_interactive = interactive;
    m_project->setInteractive(interactive);
}

void MainWindow::updateTitle() {
    const QString path = m_session->projectPath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1[*] - DefectScope").arg(name));
    setWindowModified(m_session->isModified());
}

void MainWindow::showSessionError(const QString& coreMessage) {
    QString message = coreMessage;
    if (message.contains(QLatin1String(kRaisePixelLimitHint)))
        message += QStringLiteral("\n\n") + tr("The limit is set in Edit > Preferences (Largest image to open).");
    statusBar()->showMessage(message, 15000);
    if (!m_interactive) {
        std::fprintf(stderr, "defectscope: %s\n", qPrintable(message));
        return;
    }
    // Non-blocking: the session keeps going while the message is up.
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("DefectScope"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_project->maybeSave()) {
        event->ignore();
        return;
    }
    Settings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    // A clean close leaves nothing to recover; unsaved work in a non-interactive run stays
    // recoverable.
    if (!m_session->isModified())
        m_autosaver->discard();
    else
        m_autosaver->flush();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    const auto urls = event->mimeData()->urls();
    for (const QUrl& url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        m_project->openPaths(paths);
    }
}

} // namespace ds::ui
