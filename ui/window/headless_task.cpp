#include "ui/window/headless_task.h"

#include "ui/session/session.h"

#include <QImage>
#include <QPixmap>
#include <QWidget>

#include <cstdio>

namespace ds::ui {

namespace {
constexpr int kQuietMs = 300; // idle this long before capturing: late jobs get a chance to start
}

HeadlessTask::HeadlessTask(QWidget* window, Session* session, QString screenshotPath, QString projectPath,
                           QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_screenshot(std::move(screenshotPath))
    , m_project(std::move(projectPath)) {
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &HeadlessTask::poll);
}

void HeadlessTask::start(int timeoutMs) {
    m_timeoutMs = timeoutMs;
    m_since.start();
    m_idle.start();
    m_poll.start();
}

bool HeadlessTask::ready() const {
    if (m_session->isBusy())
        return false;
    // The current image must have arrived (or failed: then the screenshot shows the error).
    const int i = m_session->currentIndex();
    return i < 0 || m_session->pixels(i) || !m_session->imageError(i).isEmpty();
}

void HeadlessTask::poll() {
    if (!ready())
        m_idle.restart();
    else if (m_idle.elapsed() >= kQuietMs) {
        m_poll.stop();
        finish();
        return;
    }
    if (m_since.elapsed() > m_timeoutMs) {
        m_poll.stop();
        std::fprintf(
            stderr, "defectscope: gave up after %d s waiting for loading and runs to finish\n",
            m_timeoutMs / 1000);
        emit done(3);
    }
}

void HeadlessTask::finish() {
    if (!m_screenshot.isEmpty()) {
        const QImage image = m_window->grab().toImage();
        if (image.isNull() || !image.save(m_screenshot, "PNG")) {
            std::fprintf(stderr, "defectscope: cannot write screenshot %s\n", qPrintable(m_screenshot));
            emit done(1);
            return;
        }
    }
    if (!m_project.isEmpty()) {
        QString error;
        if (!m_session->saveProject(m_project, &error)) {
            std::fprintf(stderr, "defectscope: --save-project: %s\n", qPrintable(error));
            emit done(1);
            return;
        }
    }
    emit done(0);
}

} // namespace ds::ui
