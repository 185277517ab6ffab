#include "core/io/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace ds {

AtomicFile::AtomicFile(std::string finalPath) : m_final(std::move(finalPath)) {
    // pid + counter keeps concurrent writers (threads or processes) from sharing a temp name.
    static std::atomic<unsigned> counter{0};
    m_temp = m_final + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

AtomicFile::~AtomicFile() {
    if (!m_committed)
        std::remove(m_temp.c_str());
}

Status AtomicFile::commit() {
    if (std::rename(m_temp.c_str(), m_final.c_str()) != 0)
        return make_error(ErrorCode::Io, m_final + ": cannot rename temporary file into place (" +
                                             std::strerror(errno) + ")");
    m_committed = true;
    return {};
}

} // namespace ds
