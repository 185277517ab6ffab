#pragma once
// Atomic file replacement: the new contents are written to a temporary file in the same folder,
// flushed to disk (fsync) and renamed over the target, so a crash or power loss leaves either the
// old file or the new one - never a truncated mix. Used for project saves and autosaves. Any
// thread; concurrent writers to the same path must be serialised by the caller.
#include "core/common/result.h"

#include <string>
#include <string_view>

namespace ds {

Status writeFileAtomically(const std::string& path, std::string_view contents);

} // namespace ds
