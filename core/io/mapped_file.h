#pragma once
// MappedFile: a read-only memory map of a whole file (POSIX mmap), so readers parse the bytes in place
// and a 4 GiB DM4 costs address space, not RAM. Move-only; unmapped on destruction. Each reader call
// maps its own file, so concurrent reads from several threads share nothing.
#include "core/common/result.h"
#include "core/io/byte_view.h"

#include <string>

namespace ds {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    ByteView view() const { return ByteView{m_data, m_size}; }

private:
    const std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace ds
