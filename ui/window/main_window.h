#pragma once
// MainWindow: wires the pieces together and nothing more - the Session, the MicrographView in the
// centre, panels as docks (addPanel: the detector and ROC panels plug in the same way), the action
// groups that fill the menus and toolbars, the status bar, drag and drop, and window state that is
// remembered between runs. GUI thread.
#include <QMainWindow>

class QDockWidget;
class QMenu;
class QToolBar;

namespace ds::ui {

class Autosaver;
class ContrastPanel;
class GridPanel;
class ImageListPanel;
class ImagePropertiesDialog;
class LabelActions;
class LanguageMenu;
class MicrographView;
class PreferencesDialog;
class ProjectActions;
class Session;
class StatusInfo;
class ViewActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr); // with a new, empty Session
    // A window on an open Session, which it adopts as its child: LanguageSwitcher builds the window
    // anew on the same project when the language changes.
    explicit MainWindow(Session* session, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    MicrographView* view() const { return m_view; }
    Autosaver* autosaver() const { return m_autosaver; }
    ProjectActions* projectActions() const { return m_project; }
    LabelActions* labelActions() const { return m_labels; }
    ViewActions* viewActions() const { return m_viewActions; }
    ContrastPanel* contrastPanel() const { return m_contrast; }
    StatusInfo* statusInfo() const { return m_status; }
    LanguageMenu* languageMenu() const { return m_language; }
    bool isInteractive() const { return m_interactive; }

    // Adds a panel as a dock in `area` with a toggle in View > Panels; `objectName` keys the saved
    // window state, so keep it stable. Panels scroll when the dock is short; a `whole` panel (small,
    // used all at once: the image list, the heat map) is never made shorter than its minimum size,
    // so the others give way on a small screen.
    QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName,
                          Qt::DockWidgetArea area, bool whole = false);
    QMenu* toolsMenu() const { return m_toolsMenu; } // detectors and other analysis go here
    QToolBar* mainToolBar() const { return m_toolBar; }

    // Restores geometry, docks and toolbars as the user left them (not done for screenshots, which
    // must look the same on every machine), then fits the window into its screen.
    void restoreWindowState();
    // Shrinks and moves the window so that it lies within the screen's available area (a laptop's
    // 1280 x 720 must not get a window it cannot see the bottom of).
    void fitIntoScreen();

    // Image properties of image `index` (pixel size), window-modal; returns the dialog.
    ImagePropertiesDialog* showImageProperties(int index);
    // Edit > Preferences…: opens the dialog window-modal and returns it (tests drive it).
    PreferencesDialog* showPreferences();

    // Non-interactive: no dialogs (screenshots, tests); errors go to stderr.
    void setInteractive(bool interactive);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void updateTitle();
    void showSessionError(const QString& message);

    Session* m_session;
    MicrographView* m_view;
    Autosaver* m_autosaver;
    ProjectActions* m_project;
    LabelActions* m_labels;
    ViewActions* m_viewActions;
    ContrastPanel* m_contrast;
    GridPanel* m_grid;
    ImageListPanel* m_images;
    StatusInfo* m_status;
    LanguageMenu* m_language;
    QMenu* m_panelsMenu;
    QMenu* m_toolsMenu;
    QToolBar* m_toolBar;
    bool m_interactive = true;
};

} // namespace ds::ui
