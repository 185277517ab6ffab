#pragma once
// ProjectActions: the File menu - new, open (projects or micrographs), recent files, save, save as,
// add images, import point annotations / label CSV, export label CSV - and the dialogs around them:
// "save changes?", "recover the autosave?", "the images moved: where are they now?". Errors are
// shown naming the file and the reason, and the session continues. With interactive = false
// (screenshots, tests) no dialog is shown: questions take the safe default and errors go to stderr.
// GUI thread.
#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;
class QToolBar;
class QWidget;

namespace ds::ui {

class Autosaver;
class Session;

class ProjectActions : public QObject {
    Q_OBJECT
public:
    ProjectActions(Session* session, Autosaver* autosaver, QWidget* window);

    void populate(QMenu* fileMenu, QToolBar* toolBar);
    void setInteractive(bool interactive) { m_interactive = interactive; }

    // Opens a .dsproj project, or adds micrograph files to the current project.
    bool openPaths(const QStringList& paths);
    bool openProject(const QString& path);
    bool save();
    bool saveAs();
    // Asks to save unsaved work; false = the user cancelled whatever was about to happen.
    bool maybeSave();
    // At start-up: offers the work of an untitled project found in its autosave.
    void offerUntitledRecovery();

    void addImages();
    void importPoints();
    void importLabels();
    void exportLabels();

    QAction* saveAction() const { return m_save; }

private:
    void showError(const QString& title, const QString& message) const;
    bool ask(const QString& title, const QString& question) const;
    void askForMovedImages();
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    QString pickSavePath(const QString& title, const QString& filter, const QString& suffix);

    Session* m_session;
    Autosaver* m_autosaver;
    QWidget* m_window;
    bool m_interactive = true;
    QMenu* m_recentMenu = nullptr;
    QAction* m_save = nullptr;
};

} // namespace ds::ui
