#pragma once
// AtomicFile: the temporary name a writer fills, and the rename that publishes it. If the writer
// fails or throws before commit(), the temporary file is removed. One object per write, one thread.
#include "core/common/result.h"

#include <string>

namespace ds {

class AtomicFile {
public:
    explicit AtomicFile(std::string finalPath);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& tempPath() const { return m_temp; }
    Status commit(); // renames temp -> final (atomic on POSIX within one filesystem)

private:
    std::string m_final, m_temp;
    bool m_committed = false;
};

} // namespace ds
