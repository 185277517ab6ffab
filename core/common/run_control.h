#pragma once
// RunControl: how a long core computation is cancelled and reports progress, without Qt.
// The caller (a Qt adapter, the CLI, a test) owns the stop_source; the computation polls
// `stopRequested()` at least every ~50 ms of work and calls `progress()` with a monotone fraction.
// Thread: used from the worker thread that runs the computation; the progress callback is invoked
// on that worker thread, so GUI callers must marshal it (QPromise does).
#include <algorithm>
#include <functional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>

namespace ds {

// Thrown inside core when a stop was requested; caught at the core boundary and turned into
// ErrorCode::Cancelled. Never escapes a function that returns Result.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled") {}
};

class RunControl {
public:
    using ProgressFn = std::function<void(double fraction, std::string_view step)>;

    RunControl() = default;
    RunControl(std::stop_token stop, ProgressFn progress = {})
        : m_stop(std::move(stop)), m_progress(std::move(progress)) {}

    bool stopRequested() const { return m_stop.stop_requested(); }
    void throwIfStopped() const {
        if (stopRequested())
            throw Cancelled();
    }

    // Reports overall progress in [0,1]; values never go backwards even if a caller's estimate does.
    void progress(double fraction, std::string_view step = {}) const {
        fraction = std::clamp(fraction, 0.0, 1.0);
        if (fraction < m_last)
            fraction = m_last;
        m_last = fraction;
        if (m_progress)
            m_progress(fraction, step);
    }

    // A child control that maps [0,1] onto [begin,end] of this one: nested steps stay monotone.
    RunControl sub(double begin, double end) const {
        RunControl child(m_stop);
        const RunControl* parent = this;
        child.m_progress = [parent, begin, end](double f, std::string_view step) {
            parent->progress(begin + (end - begin) * f, step);
        };
        return child;
    }

    const std::stop_token& stopToken() const { return m_stop; }

    static const RunControl& none() {
        static const RunControl control;
        return control;
    }

private:
    std::stop_token m_stop;
    ProgressFn m_progress;
    mutable double m_last = 0.0;
};

} // namespace ds
