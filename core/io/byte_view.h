#pragma once
// ByteView and ByteCursor: bounds-checked access to a file's bytes in either byte order. Every reader
// parses through these so that a truncated or lying file fails with a Format error naming the offset
// instead of reading past the end. Plain values; used on whichever thread runs the reader.
#include "core/common/guard.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace ds {

struct ByteView {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;

    // True when [offset, offset + length) lies inside the view (overflow-safe).
    bool contains(std::uint64_t offset, std::uint64_t length) const {
        return offset <= size && length <= size - offset;
    }
    ByteView sub(std::uint64_t offset, std::uint64_t length) const {
        if (!contains(offset, length))
            fail(ErrorCode::Format, "truncated: needs " + std::to_string(length) + " bytes at offset " +
                                        std::to_string(offset) + " but the file has " + std::to_string(size));
        return ByteView{data + offset, static_cast<std::size_t>(length)};
    }
};

inline bool hostIsLittleEndian() {
    const std::uint16_t one = 1;
    std::uint8_t first;
    std::memcpy(&first, &one, 1);
    return first == 1;
}

class ByteCursor {
public:
    ByteCursor(ByteView view, bool bigEndian, std::uint64_t offset = 0)
        : m_view(view), m_bigEndian(bigEndian), m_pos(offset) {}

    std::uint64_t pos() const { return m_pos; }
    std::uint64_t remaining() const { return m_pos >= m_view.size ? 0 : m_view.size - m_pos; }
    void seek(std::uint64_t offset) {
        if (offset > m_view.size)
            fail(ErrorCode::Format, "offset " + std::to_string(offset) + " is past the end of the file (" +
                                        std::to_string(m_view.size) + " bytes)");
        m_pos = offset;
    }
    void skip(std::uint64_t n) {
        if (n > remaining())
            fail(ErrorCode::Format, "truncated: cannot skip " + std::to_string(n) + " bytes at offset " +
                                        std::to_string(m_pos));
        m_pos += n;
    }
    void setBigEndian(bool big) { m_bigEndian = big; }
    bool bigEndian() const { return m_bigEndian; }

    const std::uint8_t* take(std::uint64_t n) {
        const ByteView v = m_view.sub(m_pos, n);
        m_pos += n;
        return v.data;
    }
    std::string bytes(std::uint64_t n) {
        const std::uint8_t* p = take(n);
        return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }

    template <class T> T read() {
        static_assert(std::is_trivially_copyable_v<T>);
        std::uint8_t buf[sizeof(T)];
        std::memcpy(buf, take(sizeof(T)), sizeof(T));
        if (m_bigEndian == hostIsLittleEndian())
            for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
                std::swap(buf[i], buf[sizeof(T) - 1 - i]);
        T v;
        std::memcpy(&v, buf, sizeof(T));
        return v;
    }
    std::uint8_t u8() { return read<std::uint8_t>(); }
    std::uint16_t u16() { return read<std::uint16_t>(); }
    std::int16_t i16() { return read<std::int16_t>(); }
    std::uint32_t u32() { return read<std::uint32_t>(); }
    std::int32_t i32() { return read<std::int32_t>(); }
    std::uint64_t u64() { return read<std::uint64_t>(); }
    std::int64_t i64() { return read<std::int64_t>(); }
    float f32() { return read<float>(); }
    double f64() { return read<double>(); }

private:
    ByteView m_view;
    bool m_bigEndian;
    std::uint64_t m_pos;
};

} // namespace ds
