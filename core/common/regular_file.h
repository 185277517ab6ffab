#pragma once
// requireRegularFile(): the check every file reader runs on a path before it opens it. open() on a
// FIFO blocks until a writer appears (forever, for a batch), and devices or directories are never
// micrographs, projects or models; they are refused by name, from stat(), before any open().
// Stateless, thread-safe.
#include "core/common/result.h"

#include <string>

namespace ds {

// Ok when `path` (symbolic links followed) is a regular file; otherwise an Io error naming the path
// and what it is instead ("a FIFO", "a directory", ...) or why stat() failed.
Status requireRegularFile(const std::string& path);

} // namespace ds
