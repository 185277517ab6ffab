#pragma once
// Autosaver: after every change of the Session it writes the whole project to a sidecar file
// (`.<name>.dsproj.autosave` next to the project, or `untitled.dsproj.autosave` in the
// application's data folder for a project never saved), through core's atomic write, on a worker
// thread. Changes arriving within `delayMs` are written together; writes never overlap and the
// newest state wins. A deliberate save or a clean close removes the sidecar: it only exists while
// there is work to recover. Lives on the GUI thread; the worker gets a copy of the project.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace ds::ui {

class Session;

class Autosaver : public QObject {
    Q_OBJECT
public:
    explicit Autosaver(Session* session, QObject* parent = nullptr);
    ~Autosaver() override;

    // Where the sidecar of `projectPath` lives ("" = the untitled project's sidecar).
    static QString sidecarFor(const QString& projectPath);
    // An autosave worth offering for recovery: the sidecar exists and is newer than the project.
    static bool hasNewerAutosave(const QString& projectPath);

    QString currentSidecar() const;
    void setDelay(int ms) { m_timer.setInterval(ms); }
    // Disabled (screenshots): nothing is written, so a scripted run never leaves work to "recover".
    void setEnabled(bool enabled) { m_enabled = enabled; }
    // Writes any pending change now and waits for it (tests, and before the application quits).
    void flush();
    // Removes the sidecar (after a save, or on a clean close).
    void discard();

signals:
    void written(const QString& sidecar);
    void failed(const QString& message);

private:
    void schedule();
    void writeNow();
    // Emits written/failed for the write that just finished, once: both the watcher's finished
    // handler and flush() may get there first.
    void reportFinishedWrite();

    Session* m_session;
    QTimer m_timer;
    QFutureWatcher<QString> m_watcher; // result: error message, empty on success
    bool m_pending = false;
    bool m_enabled = true;
    QString m_writing;     // sidecar being written by the running job
    QString m_lastSidecar; // the sidecar this session last wrote
};

} // namespace ds::ui
