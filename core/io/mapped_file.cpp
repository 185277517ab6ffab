#include "core/io/mapped_file.h"

#include "core/common/regular_file.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ds {

Result<MappedFile> MappedFile::open(const std::string& path) {
    if (auto regular = requireRegularFile(path); !regular)
        return regular.error();
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still returns at once
    // (and fstat below refuses it); for regular files the flag changes nothing.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return make_error(ErrorCode::Io, path + ": cannot open (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return make_error(ErrorCode::Io, path + ": not a regular file");
    }
    MappedFile f;
    f.m_size = static_cast<std::size_t>(st.st_size);
    if (f.m_size > 0) {
        void* p = ::mmap(nullptr, f.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            return make_error(ErrorCode::Io, path + ": cannot map (" + std::strerror(err) + ")");
        }
        ::madvise(p, f.m_size, MADV_SEQUENTIAL);
        f.m_data = static_cast<const std::uint8_t*>(p);
    }
    ::close(fd);
    return f;
}

MappedFile::MappedFile(MappedFile&& other) noexcept : m_data(other.m_data), m_size(other.m_size) {
    other.m_data = nullptr;
    other.m_size = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (m_data)
            ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

MappedFile::~MappedFile() {
    if (m_data)
        ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
}

} // namespace ds
