#pragma once
// HeadlessTask: for scripts and tests, `defectscope --open F [--run ID [--train]]
// [--save-project P.dsproj] [--screenshot OUT.png]`: waits until the Session has been idle for a
// short quiet period (images loaded, every background job - e.g. a detector run started from the
// command line - finished), then renders the main window offscreen and saves the PNG and/or saves
// the project, and ends with 0, or with non-zero and a message on stderr when writing fails, the
// current image failed to load, or it times out. GUI thread.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

class QWidget;

namespace ds::ui {

class Session;

class HeadlessTask : public QObject {
    Q_OBJECT
public:
    // Either path may be empty (nothing of that kind is written).
    HeadlessTask(QWidget* window, Session* session, QString screenshotPath, QString projectPath,
                 QObject* parent = nullptr);
    void start(int timeoutMs = 180000);

signals:
    void done(int exitCode);

private:
    void poll();
    bool ready() const;
    void finish();

    QWidget* m_window;
    Session* m_session;
    QString m_screenshot, m_project;
    QTimer m_poll;
    QElapsedTimer m_since; // total time waited
    QElapsedTimer m_idle;  // time since the session was last seen busy
    int m_timeoutMs = 0;
};

} // namespace ds::ui
