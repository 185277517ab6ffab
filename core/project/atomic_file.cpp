#include "core/project/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ds {

namespace {

std::string reason() {
    return std::strerror(errno);
}

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

} // namespace

Status writeFileAtomically(const std::string& path, std::string_view contents) {
    namespace fs = std::filesystem;
    if (path.empty())
        return make_error(ErrorCode::InvalidArgument, "no file name given");
    const fs::path target = fs::absolute(fs::path(path));
    const fs::path dir = target.parent_path();
    // The temporary must live in the target's folder: rename() is only atomic within one file
    // system.
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return make_error(ErrorCode::Io, path + ": cannot create a temporary file in " +
                                             dir.string() + ": " + reason());
    const auto failWith = [&](const std::string& what) -> Status {
        const std::string msg = path + ": " + what + ": " + reason();
        ::close(fd);
        ::unlink(tmpl.c_str());
        return make_error(ErrorCode::Io, msg);
    };
    if (!writeAll(fd, contents))
        return failWith("write failed");
    if (::fsync(fd) != 0)
        return failWith("fsync failed");
    // mkstemp creates 0600; project files are ordinary user documents.
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        const std::string msg = path + ": close failed: " + reason();
        ::unlink(tmpl.c_str());
        return make_error(ErrorCode::Io, msg);
    }
    if (::rename(tmpl.c_str(), target.c_str()) != 0) {
        const std::string msg = path + ": rename failed: " + reason();
        ::unlink(tmpl.c_str());
        return make_error(ErrorCode::Io, msg);
    }
    // Make the rename itself durable; failure here is not fatal (some file systems refuse it).
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace ds
