#pragma once
// LatestJob<T>: the newest of a series of background computations whose older results are worthless
// once a newer one is asked for - the ROC curves of labels that changed again, the bootstrap interval
// of curves that were replaced, a lattice estimate for an image the user left. start() runs the work
// on the Qt thread pool; only the newest start()'s result reaches its `deliver` callback, on the GUI
// thread; an older run's result is dropped and its stop token is signalled, so cooperative work ends
// early. drop() makes the run in flight stale without starting another.
// Workers get only what the caller moved into `work` (values, shared immutable data) and never touch
// the owner, so nothing waits for them: a dropped run finishes on its own and is discarded.
// Owned by a QObject (the context) that lives on the GUI thread; used from that thread only.
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <concepts>
#include <functional>
#include <memory>
#include <stop_token>
#include <utility>

namespace ds::ui {

template <class T> class LatestJob {
public:
    explicit LatestJob(QObject* context) : m_context(context) {}
    LatestJob(const LatestJob&) = delete;
    LatestJob& operator=(const LatestJob&) = delete;
    ~LatestJob() { drop(); }

    // `work` is T(std::stop_token) or T(); it runs on a pool thread. `deliver(T)` runs on the
    // context's thread, and only if no start() or drop() came after this one.
    template <class Work> void start(Work work, std::function<void(T)> deliver) {
        drop();
        const quint64 run = ++*m_generation;
        m_stop = std::stop_source();
        m_running = true;
        QFuture<T> future;
        if constexpr (std::invocable<Work, std::stop_token>)
            future = QtConcurrent::run([work = std::move(work), token = m_stop.get_token()]() mutable {
                return work(token);
            });
        else
            future = QtConcurrent::run(std::move(work));
        // A watcher, not QFuture::then(context): then() calls the continuation at once, inside
        // start(), when the work is already done, and callers do not expect a delivery before
        // start() returns. A watcher's signal always comes through the event loop. The generation
        // counter is shared, not `this`, so the check stays valid whatever outlives what.
        auto* watcher = new QFutureWatcher<T>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context,
                         [watcher, generation = m_generation, run, running = &m_running, deliver = std::move(deliver)] {
                             watcher->deleteLater();
                             if (*generation != run)
                                 return; // superseded or dropped: this result must not land
                             *running = false;
                             deliver(watcher->result());
                         });
        watcher->setFuture(future);
    }

    // The run in flight (if any) becomes stale and is asked to stop.
    void drop() {
        ++*m_generation;
        m_stop.request_stop();
        m_running = false;
    }

    // A run was started and neither delivered nor dropped yet.
    bool running() const { return m_running; }

private:
    QObject* m_context;
    std::shared_ptr<quint64> m_generation = std::make_shared<quint64>(0);
    std::stop_source m_stop;
    bool m_running = false;
};

} // namespace ds::ui
