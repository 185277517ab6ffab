#pragma once
// Error: what went wrong, as a value. Everything that crosses the core boundary reports failure
// this way; OpenCV/dlib/HDF5 exceptions are caught inside core and turned into an Error.
#include <string>

namespace ds {

enum class ErrorCode {
    InvalidArgument, // the caller asked for something impossible (bad option, patch larger than image)
    Io,              // a file could not be opened, read or written
    Format,          // a file is not what its name says, is truncated or corrupt
    Unsupported,     // a valid file using a feature we do not read (yet)
    Cancelled,       // the RunControl's stop token fired
    Numeric,         // NaN/Inf, singular matrices, empty classes
    Internal,        // a bug: an exception from a library we did not expect
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

} // namespace ds
