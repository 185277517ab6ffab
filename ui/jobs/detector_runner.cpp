#include "ui/jobs/detector_runner.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrent>

namespace ds::ui {

struct DetectorRunner::Job : QObject {
    quint64 run = 0;
    std::stop_source stop;
    QFutureWatcher<Outcome> watcher;
    bool stale = false; // superseded or cancelled: nothing it produces may land
};

DetectorRunner::DetectorRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ds::ui::DetectorJobResult>();
}

DetectorRunner::~DetectorRunner() {
    // Jobs are children: their watchers disconnect on destruction; the workers keep only their own
    // copies and see the stop request.
    stopCurrent();
}

quint64 DetectorRunner::start(DetectorRequest request) {
    stopCurrent();
    auto* job = new Job;
    job->setParent(this);
    job->run = ++m_run;
    m_current = job;
    std::stop_token token = job->stop.get_token();
    // The worker captures values only: the request (moved in) and the stop token.
    QFuture<Outcome> future = QtConcurrent::run(
        [req = std::move(request), token](QPromise<Outcome>& promise) {
            promise.setProgressRange(0, 1000);
            const RunControl rc(token, [&promise](double fraction, std::string_view step) {
                promise.setProgressValueAndText(static_cast<int>(fraction * 1000),
                                                QString::fromUtf8(step.data(), static_cast<qsizetype>(step.size())));
            });
            promise.addResult(runDetectorJob(req, rc));
        });
    connect(&job->watcher, &QFutureWatcherBase::progressValueChanged, this, [this, job] { onProgress(job); });
    connect(&job->watcher, &QFutureWatcherBase::progressTextChanged, this, [this, job] { onProgress(job); });
    connect(&job->watcher, &QFutureWatcherBase::finished, this, [this, job] { onFinished(job); });
    job->watcher.setFuture(future);
    setRunning(true);
    emit started(job->run);
    return job->run;
}

void DetectorRunner::stopCurrent() {
    if (!m_current)
        return;
    m_current->stale = true;
    m_current->stop.request_stop();
    m_current = nullptr; // it deletes itself once its worker returns
}

void DetectorRunner::cancel() {
    if (!m_current)
        return;
    const quint64 run = m_current->run;
    stopCurrent();
    setRunning(false);
    emit cancelled(run);
}

void DetectorRunner::onProgress(Job* job) {
    if (job->stale || job != m_current)
        return;
    emit progress(job->run, job->watcher.progressValue() / 1000.0, job->watcher.progressText());
}

void DetectorRunner::onFinished(Job* job) {
    job->deleteLater();
    if (job->stale || job != m_current)
        return; // a stale run: its result never lands
    m_current = nullptr;
    setRunning(false);
    if (job->watcher.future().resultCount() == 0) {
        emit failed(job->run, tr("the detector run ended without a result"));
        return;
    }
    const Outcome outcome = job->watcher.result();
    if (outcome.ok())
        emit finished(job->run, outcome.value());
    else if (outcome.error().code == ErrorCode::Cancelled)
        emit cancelled(job->run);
    else
        emit failed(job->run, QString::fromStdString(outcome.error().message));
}

void DetectorRunner::setRunning(bool running) {
    if (running == m_running)
        return;
    m_running = running;
    emit runningChanged(running);
}

} // namespace ds::ui
