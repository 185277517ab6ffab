#pragma once
// ScreenshotTask: for `defectscope --screenshot OUT.png`: waits until the Session has been idle for
// a short quiet period (images loaded, every background job - e.g. a detector run started from the
// command line - finished), renders the main window offscreen, saves the PNG and ends the event
// loop with 0, or with non-zero and a message on stderr when saving fails or it times out.
// GUI thread.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

class QWidget;

namespace ds::ui {

class Session;

class ScreenshotTask : public QObject {
    Q_OBJECT
public:
    ScreenshotTask(QWidget* window, Session* session, QString outPath, QObject* parent = nullptr);
    void start(int timeoutMs = 180000);

signals:
    void done(int exitCode);

private:
    void poll();
    bool ready() const;
    void capture();

    QWidget* m_window;
    Session* m_session;
    QString m_out;
    QTimer m_poll;
    QElapsedTimer m_since; // total time waited
    QElapsedTimer m_idle;  // time since the session was last seen busy
    int m_timeoutMs = 0;
};

} // namespace ds::ui
