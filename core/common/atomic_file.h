#pragma once
// Atomic file replacement, so a crash, a full disk or a failed writer never leaves a truncated file
// that looks complete: the new contents go to a hidden temporary file in the target's folder, are
// flushed to disk (fsync) and renamed over the target; the folder is then synced so the rename
// itself survives a power loss.
//
// AtomicFile is for writers that need a path (libtiff, cv::imwrite, ofstream): write tempPath(), then
// commit(). If commit() is never reached the temporary is removed. writeFileAtomically() does the
// whole thing for contents already in memory (project files, autosaves, JSON, CSV).
// One object per write; any thread. Concurrent writers to the same path must be serialised by the
// caller (the last rename wins).
#include "core/common/result.h"

#include <string>
#include <string_view>

namespace ds {

class AtomicFile {
public:
    explicit AtomicFile(std::string finalPath);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& finalPath() const { return m_final; }
    const std::string& tempPath() const { return m_temp; }
    // fsync(temp) -> rename(temp, final) -> fsync(folder); then temporaries of the same target left
    // by killed writers (pid gone) are removed. Errors name the final path and the reason.
    Status commit();

private:
    std::string m_final, m_temp;
    bool m_committed = false;
};

Status writeFileAtomically(const std::string& path, std::string_view contents);

} // namespace ds
