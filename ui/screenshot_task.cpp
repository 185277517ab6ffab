#include "ui/screenshot_task.h"

#include "ui/session.h"

#include <QImage>
#include <QPixmap>
#include <QWidget>

#include <cstdio>

namespace ds::ui {

namespace {
constexpr int kQuietMs = 300; // idle this long before capturing: late jobs get a chance to start
}

ScreenshotTask::ScreenshotTask(QWidget* window, Session* session, QString outPath, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_out(std::move(outPath)) {
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotTask::poll);
}

void ScreenshotTask::start(int timeoutMs) {
    m_timeoutMs = timeoutMs;
    m_since.start();
    m_idle.start();
    m_poll.start();
}

bool ScreenshotTask::ready() const {
    if (m_session->isBusy())
        return false;
    // The current image must have arrived (or failed: then the screenshot shows the error).
    const int i = m_session->currentIndex();
    return i < 0 || m_session->pixels(i) || !m_session->imageError(i).isEmpty();
}

void ScreenshotTask::poll() {
    if (!ready())
        m_idle.restart();
    else if (m_idle.elapsed() >= kQuietMs) {
        m_poll.stop();
        capture();
        return;
    }
    if (m_since.elapsed() > m_timeoutMs) {
        m_poll.stop();
        std::fprintf(
            stderr, "defectscope: --screenshot: gave up after %d s waiting for loading to finish\n",
            m_timeoutMs / 1000);
        emit done(3);
    }
}

void ScreenshotTask::capture() {
    const QImage image = m_window->grab().toImage();
    if (image.isNull() || !image.save(m_out, "PNG")) {
        std::fprintf(stderr, "defectscope: cannot write screenshot %s\n", qPrintable(m_out));
        emit done(1);
        return;
    }
    emit done(0);
}

} // namespace ds::ui
