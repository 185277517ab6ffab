#pragma once
// guarded(): runs a callable and turns any exception into an Error, so that OpenCV, dlib, HDF5 and
// our own Cancelled never cross the core boundary. `context` names the file or step for the message.
#include "core/common/result.h"
#include "core/common/run_control.h"

#include <exception>
#include <new>
#include <string>
#include <type_traits>

namespace ds {

// Thrown inside core by code that wants to fail with a specific code and message.
struct CoreError : std::runtime_error {
    CoreError(ErrorCode c, const std::string& msg) : std::runtime_error(msg), code(c) {}
    ErrorCode code;
};

[[noreturn]] inline void fail(ErrorCode code, const std::string& message) { throw CoreError(code, message); }

// Inside guarded(): the value of `r`, or its error thrown on (code and message kept) so that the
// enclosing guarded() returns it.
template <class T> T unwrap(Result<T> r) {
    if (!r)
        fail(r.error().code, r.error().message);
    return std::move(r).value();
}
inline void check(const Status& s) {
    if (!s)
        fail(s.error().code, s.error().message);
}

template <class F> auto guarded(const std::string& context, F&& f) -> Result<std::invoke_result_t<F>> {
    const std::string prefix = context.empty() ? std::string() : context + ": ";
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
            f();
            return {};
        } else {
            return f();
        }
    } catch (const Cancelled&) {
        return make_error(ErrorCode::Cancelled, prefix + "cancelled");
    } catch (const CoreError& e) {
        return make_error(e.code, prefix + e.what());
    } catch (const std::bad_alloc&) {
        return make_error(ErrorCode::Internal, prefix + "out of memory");
    } catch (const std::exception& e) {
        return make_error(ErrorCode::Internal, prefix + e.what());
    } catch (...) {
        return make_error(ErrorCode::Internal, prefix + "unknown error");
    }
}

} // namespace ds
