#include "ui/session/autosaver.h"

#include "core/project/project_file.h"
#include "ui/session/session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <utility>

namespace ds::ui {

Autosaver::Autosaver(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &Autosaver::writeNow);
    connect(session, &Session::changed, this, [this](Session::Changes what, int) {
        // Pixels arriving are not work; everything else the user or a detector did is.
        if (what != Session::Image || m_session->isModified())
            schedule();
    });
    connect(session, &Session::modifiedChanged, this, [this](bool modified) {
        if (modified)
            schedule();
    });
    connect(session, &Session::saved, this, [this] { discard(); });
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        reportFinishedWrite(); // a no-op when flush() already reported this write
        if (m_pending && !m_timer.isActive())
            writeNow();
    });
}

Autosaver::~Autosaver() {
    m_watcher.waitForFinished();
}

QString Autosaver::sidecarFor(const QString& projectPath) {
    if (projectPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        return QDir(dir).filePath(QStringLiteral("untitled.dsproj.autosave"));
    }
    return QString::fromStdString(autosavePathFor(projectPath.toStdString()));
}

bool Autosaver::hasNewerAutosave(const QString& projectPath) {
    const QFileInfo sidecar(sidecarFor(projectPath));
    if (!sidecar.exists())
        return false;
    if (projectPath.isEmpty())
        return true;
    const QFileInfo project(projectPath);
    return !project.exists() || sidecar.lastModified() >= project.lastModified();
}

QString Autosaver::currentSidecar() const {
    return sidecarFor(m_session->projectPath());
}

void Autosaver::schedule() {
    if (!m_enabled || !m_session->isModified())
        return;
    m_pending = true;
    m_timer.start();
}

void Autosaver::writeNow() {
    m_timer.stop();
    if (!m_pending)
        return;
    if (m_watcher.isRunning())
        return; // the finished handler writes again with the newest state
    m_pending = false;
    const QString sidecar = currentSidecar();
    QDir().mkpath(QFileInfo(sidecar).absolutePath());
    // Untitled projects keep absolute image paths: their sidecar lives in an unrelated folder.
    const std::optional<std::string> base = m_session->projectPath().isEmpty()
                                                ? std::optional<std::string>(std::string())
                                                : std::nullopt;
    m_writing = sidecar;
    m_lastSidecar = sidecar;
    m_watcher.setFuture(
        QtConcurrent::run([project = m_session->project(), path = sidecar.toStdString(), base]() {
            const Status s = writeProject(path, project, base);
            return s ? QString() : QString::fromStdString(s.error().message);
        }));
}

void Autosaver::flush() {
    if (m_timer.isActive() || m_pending) {
        m_watcher.waitForFinished();
        m_pending = m_pending || m_session->isModified();
        writeNow();
    }
    m_watcher.waitForFinished();
    // Deliver the finished signal handler's effects (written/failed) synchronously for callers.
    reportFinishedWrite();
}

void Autosaver::reportFinishedWrite() {
    if (m_writing.isEmpty())
        return;
    const QString error = m_watcher.result();
    const QString file = std::exchange(m_writing, QString());
    if (error.isEmpty())
        emit written(file);
    else
        emit failed(error);
}

void Autosaver::discard() {
    m_timer.stop();
    m_pending = false;
    m_watcher.waitForFinished();
    // After "Save As" of an untitled project the last sidecar was the untitled one: remove both.
    if (!m_lastSidecar.isEmpty())
        QFile::remove(m_lastSidecar);
    m_lastSidecar.clear();
    QFile::remove(currentSidecar());
}

} // namespace ds::ui
