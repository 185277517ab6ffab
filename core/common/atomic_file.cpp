#include "core/common/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace ds {

namespace {

std::string reason() { return std::strerror(errno); }

// Writes everything, retrying short writes and EINTR.
bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

void syncFolder(const std::filesystem::path& dir) {
    // Failure is not fatal: some file systems refuse to fsync a directory.
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

// Temporaries of the same target left by a writer that was killed (".NAME.tmp.<pid>.<n>" whose
// process no longer exists): a successful write supersedes them, so a rerun leaves a clean folder.
// Writers that are still running (any live pid, including this process) keep theirs.
void removeOrphanedTemporaries(const std::filesystem::path& target) {
    std::string prefix("."); // piecewise: GCC 12 warns falsely (-Wrestrict) about "." + std::string
    prefix += target.filename().string();
    prefix += ".tmp.";
    const std::filesystem::path dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string rest = name.substr(prefix.size()); // "<pid>.<n>"
        const auto dot = rest.find('.');
        if (dot == 0 || dot == std::string::npos || dot > 9 || rest.find_first_not_of("0123456789.") != std::string::npos)
            continue;
        const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dot)));
        if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        std::error_code removeError;
        std::filesystem::remove(it->path(), removeError);
    }
}

} // namespace

AtomicFile::AtomicFile(std::string finalPath) : m_final(std::move(finalPath)) {
    // Same folder as the target (rename is only atomic within one file system), hidden, and unique
    // per process and write so concurrent writers never share a temporary.
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path target(m_final);
    const std::string name = "." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                             std::to_string(counter++);
    m_temp = (target.parent_path() / name).string();
}

AtomicFile::~AtomicFile() {
    if (!m_committed)
        std::remove(m_temp.c_str());
}

Status AtomicFile::commit() {
    const int fd = ::open(m_temp.c_str(), O_RDONLY);
    if (fd < 0)
        return make_error(ErrorCode::Io, m_final + ": the temporary file was not written (" + reason() + ")");
    const bool synced = ::fsync(fd) == 0;
    const std::string syncError = synced ? std::string() : reason();
    ::close(fd);
    if (!synced)
        return make_error(ErrorCode::Io, m_final + ": cannot flush to disk (" + syncError + ")");
    if (std::rename(m_temp.c_str(), m_final.c_str()) != 0)
        return make_error(ErrorCode::Io, m_final + ": cannot rename temporary file into place (" + reason() + ")");
    m_committed = true;
    syncFolder(std::filesystem::path(m_final).parent_path());
    removeOrphanedTemporaries(m_final);
    return {};
}

Status writeFileAtomically(const std::string& path, std::string_view contents) {
    if (path.empty())
        return make_error(ErrorCode::InvalidArgument, "no file name given");
    AtomicFile file(path);
    const int fd = ::open(file.tempPath().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return make_error(ErrorCode::Io, path + ": cannot create a temporary file next to it (" + reason() + ")");
    const bool written = writeAll(fd, contents);
    const std::string writeError = written ? std::string() : reason();
    if (::close(fd) != 0 && written)
        return make_error(ErrorCode::Io, path + ": close failed (" + reason() + ")");
    if (!written)
        return make_error(ErrorCode::Io, path + ": write failed (" + writeError + ")");
    return file.commit();
}

} // namespace ds
