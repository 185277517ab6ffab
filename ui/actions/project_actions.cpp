#include "ui/actions/project_actions.h"

#include "ui/session/autosaver.h"
#include "ui/session/session.h"
#include "ui/window/settings.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

#include <cstdio>

namespace ds::ui {

namespace {
QString projectFilter() {
    return ProjectActions::tr("DefectScope projects (*.dsproj)");
}
QString imageFilter() {
    return ProjectActions::tr(
        "Micrographs (*.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;"
        "All files (*)");
}
QString csvFilter() {
    return ProjectActions::tr("CSV files (*.csv);;All files (*)");
}
bool isProject(const QString& path) {
    return path.endsWith(QStringLiteral(".dsproj"), Qt::CaseInsensitive);
}
} // namespace

ProjectActions::ProjectActions(Session* session, Autosaver* autosaver, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_autosaver(autosaver)
    , m_window(window) {}

void ProjectActions::populate(QMenu* file, QToolBar* toolBar) {
    QStyle* style = m_window->style();
    const auto add = [&](const QString& text, const QKeySequence& key, const QString& icon,
                         auto slot, QStyle::StandardPixmap fallback = QStyle::SP_CustomBase) {
        auto* a = file->addAction(QIcon::fromTheme(icon, fallback == QStyle::SP_CustomBase
                                                             ? QIcon()
                                                             : style->standardIcon(fallback)),
                                  text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add(tr("&New project"), QKeySequence::New, QStringLiteral("document-new"), [this] {
        if (maybeSave()) {
            m_autosaver->discard();
            m_session->newProject();
        }
    });
    QAction* open = add(
        tr("&Open…"), QKeySequence::Open, QStringLiteral("document-open"),
        [this] {
            const QStringList paths = QFileDialog::getOpenFileNames(
                m_window, tr("Open project or micrographs"), Settings().lastDirectory(),
                tr("Projects and micrographs (*.dsproj *.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd "
                   "*.png *.jpg *.jpeg "
                   "*.npy);;") +
                    projectFilter() + QStringLiteral(";;") + imageFilter());
            if (!paths.isEmpty())
                openPaths(paths);
        },
        QStyle::SP_DialogOpenButton);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    m_save = add(
        tr("&Save"), QKeySequence::Save, QStringLiteral("document-save"), [this] { save(); },
        QStyle::SP_DialogSaveButton);
    add(tr("Save &as…"), QKeySequence::SaveAs, QStringLiteral("document-save-as"),
        [this] { saveAs(); });
    file->addSeparator();
    add(tr("&Add images…"), QKeySequence(Qt::CTRL | Qt::Key_I), QStringLiteral("list-add"),
        [this] { addImages(); });
    file->addSeparator();
    add(tr("Import &point annotations…"), QKeySequence(), QString(), [this] { importPoints(); });
    add(tr("Import &labels (CSV)…"), QKeySequence(), QString(), [this] { importLabels(); });
    add(tr("&Export labels (CSV)…"), QKeySequence(Qt::CTRL | Qt::Key_E), QString(),
        [this] { exportLabels(); });
    file->addSeparator();
    QAction* quit = add(tr("&Quit"), QKeySequence::Quit, QStringLiteral("application-exit"),
                        [this] { m_window->close(); });
    quit->setMenuRole(QAction::QuitRole);
    toolBar->addAction(open);
    toolBar->addAction(m_save);
}

void ProjectActions::showError(const QString& title, const QString& message) const {
    if (!m_interactive) {
        std::fprintf(stderr, "defectscope: %s\n", qPrintable(message));
        return;
    }
    QMessageBox::warning(m_window, title, message);
}

bool ProjectActions::ask(const QString& title, const QString& question) const {
    if (!m_interactive)
        return false;
    return QMessageBox::question(m_window, title, question, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::Yes) == QMessageBox::Yes;
}

bool ProjectActions::maybeSave() {
    if (!m_session->isModified() || !m_interactive)
        return true;
    const auto answer = QMessageBox::warning(
        m_window, tr("Unsaved changes"), tr("The project has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    m_autosaver->discard(); // the user chose to throw the work away: nothing to recover later
    return true;
}

bool ProjectActions::openPaths(const QStringList& paths) {
    QStringList images;
    bool ok = true;
    for (const QString& p : paths) {
        if (isProject(p))
            ok = openProject(p) && ok;
        else
            images << p;
    }
    if (!images.isEmpty()) {
        Settings().setLastDirectory(QFileInfo(images.first()).absolutePath());
        m_session->addImageFiles(images);
    }
    return ok;
}

bool ProjectActions::openProject(const QString& path) {
    if (!maybeSave())
        return false;
    QString error;
    const bool recover =
        Autosaver::hasNewerAutosave(path) &&
        ask(tr("Recover unsaved work"),
            tr("An autosave of %1 is newer than the project file: DefectScope may have stopped "
               "before the work was saved. Recover it?")
                .arg(QFileInfo(path).fileName()));
    const bool ok = recover ? m_session->recoverAutosave(Autosaver::sidecarFor(path), path, &error)
                            : m_session->openProject(path, &error);
    if (!ok) {
        showError(tr("Cannot open project"), error);
        return false;
    }
    rememberRecent(path);
    askForMovedImages();
    return true;
}

void ProjectActions::askForMovedImages() {
    QStringList missing = m_session->missingImages();
    while (!missing.isEmpty() && m_interactive) {
        const QString dir = QFileDialog::getExistingDirectory(
            m_window,
            tr("%n image(s) not found, e.g. %1 - choose the folder they are in now", nullptr,
               static_cast<int>(missing.size()))
                .arg(QFileInfo(missing.first()).fileName()),
            QFileInfo(m_session->projectPath()).absolutePath());
        if (dir.isEmpty())
            break;
        if (m_session->relocateImages(dir) == 0)
            showError(tr("Images not found"), tr("None of the missing images is in %1.").arg(dir));
        missing = m_session->missingImages();
    }
    if (!missing.isEmpty() && !m_interactive)
        showError(tr("Images not found"),
                  tr("Missing images: %1").arg(missing.join(QStringLiteral(", "))));
}

bool ProjectActions::save() {
    if (m_session->projectPath().isEmpty())
        return saveAs();
    QString error;
    if (!m_session->saveProject(m_session->projectPath(), &error)) {
        showError(tr("Cannot save project"), error);
        return false;
    }
    rememberRecent(m_session->projectPath());
    return true;
}

bool ProjectActions::saveAs() {
    const QString path =
        pickSavePath(tr("Save project"), projectFilter(), QStringLiteral(".dsproj"));
    if (path.isEmpty())
        return false;
    QString error;
    if (!m_session->saveProject(path, &error)) {
        showError(tr("Cannot save project"), error);
        return false;
    }
    rememberRecent(path);
    return true;
}

QString ProjectActions::pickSavePath(const QString& title, const QString& filter,
                                     const QString& suffix) {
    QString path =
        QFileDialog::getSaveFileName(m_window, title, Settings().lastDirectory(), filter);
    if (path.isEmpty())
        return path;
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    Settings().setLastDirectory(QFileInfo(path).absolutePath());
    return path;
}

void ProjectActions::offerUntitledRecovery() {
    if (!Autosaver::hasNewerAutosave(QString()))
        return;
    if (ask(tr("Recover unsaved work"), tr("DefectScope found work from an untitled project that "
                                           "was never saved. Recover it?"))) {
        QString error;
        if (!m_session->recoverAutosave(Autosaver::sidecarFor(QString()), QString(), &error))
            showError(tr("Cannot recover"), error);
    }
}

void ProjectActions::addImages() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        m_window, tr("Add micrographs"), Settings().lastDirectory(), imageFilter());
    if (!paths.isEmpty())
        openPaths(paths);
}

void ProjectActions::importPoints() {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Import point annotations (x,y,kind)"),
                                     Settings().lastDirectory(), csvFilter());
    if (path.isEmpty())
        return;
    QString error;
    const int n = m_session->importPoints(path, &error);
    if (n < 0)
        showError(tr("Cannot import points"), error);
}

void ProjectActions::importLabels() {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Import labels (x,y,width,height,label)"),
                                     Settings().lastDirectory(), csvFilter());
    if (path.isEmpty())
        return;
    QString error;
    if (m_session->importLabels(path, &error) < 0)
        showError(tr("Cannot import labels"), error);
}

void ProjectActions::exportLabels() {
    const QString path = pickSavePath(tr("Export labels"), csvFilter(), QStringLiteral(".csv"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->exportLabels(path, &error))
        showError(tr("Cannot export labels"), error);
}

void ProjectActions::rememberRecent(const QString& path) {
    Settings().addRecentFile(QFileInfo(path).absoluteFilePath());
    Settings().setLastDirectory(QFileInfo(path).absolutePath());
    rebuildRecentMenu();
}

void ProjectActions::rebuildRecentMenu() {
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = Settings().recentFiles();
    for (const QString& f : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(f).fileName());
        a->setToolTip(f);
        connect(a, &QAction::triggered, this, [this, f] {
            if (!QFileInfo::exists(f)) {
                Settings().removeRecentFile(f);
                rebuildRecentMenu();
                showError(tr("Cannot open project"), tr("%1: the file no longer exists").arg(f));
                return;
            }
            openProject(f);
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

} // namespace ds::ui
