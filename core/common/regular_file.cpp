#include "core/common/regular_file.h"

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace ds {

namespace {

const char* kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "something other than a file";
}

} // namespace

Status requireRegularFile(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return make_error(ErrorCode::Io, path + ": cannot open (" + std::strerror(errno) + ")");
    if (!S_ISREG(st.st_mode))
        return make_error(ErrorCode::Io, path + ": is " + std::string(kindOf(st.st_mode)) +
                                             ", not a regular file; only regular files are read");
    return {};
}

} // namespace ds
