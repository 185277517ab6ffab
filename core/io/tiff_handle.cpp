#include "core/io/tiff_handle.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace ds::io {

struct TiffIo {
    static tmsize_t read(thandle_t h, void* buf, tmsize_t size) {
        auto* self = static_cast<TiffHandle*>(h);
        if (size < 0 || self->m_pos >= self->m_file.size)
            return 0;
        const std::uint64_t n = std::min<std::uint64_t>(static_cast<std::uint64_t>(size), self->m_file.size - self->m_pos);
        std::memcpy(buf, self->m_file.data + self->m_pos, n);
        self->m_pos += n;
        return static_cast<tmsize_t>(n);
    }
    static tmsize_t write(thandle_t, void*, tmsize_t) { return 0; }
    static toff_t seek(thandle_t h, toff_t off, int whence) {
        auto* self = static_cast<TiffHandle*>(h);
        std::uint64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? self->m_pos : self->m_file.size;
        const std::uint64_t target = base + off; // off is unsigned; libtiff passes positive offsets
        self->m_pos = target;
        return target;
    }
    static int close(thandle_t) { return 0; }
    static toff_t size(thandle_t h) { return static_cast<TiffHandle*>(h)->m_file.size; }
    static int map(thandle_t h, void** base, toff_t* size) {
        auto* self = static_cast<TiffHandle*>(h);
        *base = const_cast<std::uint8_t*>(self->m_file.data);
        *size = self->m_file.size;
        return 1;
    }
    static void unmap(thandle_t, void*, toff_t) {}
    static int onError(TIFF*, void* user, const char*, const char* fmt, va_list ap) {
        char buf[512];
        std::vsnprintf(buf, sizeof buf, fmt, ap);
        auto* self = static_cast<TiffHandle*>(user);
        self->m_error = buf;
        return 1;
    }
    static int onWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }
};

TiffHandle::TiffHandle(ByteView file) : m_file(file) {
    TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(opts, &TiffIo::onError, this);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, &TiffIo::onWarning, this);
    // libtiff's own buffers (strip arrays, tag values, decode buffers) stay within a few times the file.
    TIFFOpenOptionsSetMaxSingleMemAlloc(opts, static_cast<tmsize_t>(std::max<std::uint64_t>(file.size * 4, 16u << 20)));
    m_tif = TIFFClientOpenExt("memory", "rm", this, &TiffIo::read, &TiffIo::write, &TiffIo::seek, &TiffIo::close,
                              &TiffIo::size, &TiffIo::map, &TiffIo::unmap, opts);
    TIFFOpenOptionsFree(opts);
    if (!m_tif)
        failWith("not a readable TIFF");
}

TiffHandle::~TiffHandle() {
    if (m_tif)
        TIFFClose(m_tif);
}

void TiffHandle::failWith(const std::string& what) const {
    fail(ErrorCode::Format, what + (m_error.empty() ? std::string() : " (" + m_error + ")"));
}

namespace {

// Anonymous fields are registered with TIFF_VARIABLE2 + passcount, so TIFFGetField yields (count, ptr).
bool rawField(TIFF* tif, ttag_t tag, std::uint32_t& count, void*& data, TIFFDataType& type) {
    const TIFFField* f = TIFFFindField(tif, tag, TIFF_ANY);
    if (!f)
        return false;
    type = TIFFFieldDataType(f);
    if (TIFFFieldPassCount(f)) {
        if (TIFFFieldReadCount(f) == TIFF_VARIABLE2) {
            if (!TIFFGetField(tif, tag, &count, &data))
                return false;
        } else {
            std::uint16_t c16 = 0;
            if (!TIFFGetField(tif, tag, &c16, &data))
                return false;
            count = c16;
        }
        return data != nullptr;
    }
    if (type == TIFF_ASCII) {
        char* s = nullptr;
        if (!TIFFGetField(tif, tag, &s) || !s)
            return false;
        data = s;
        count = static_cast<std::uint32_t>(std::strlen(s));
        return true;
    }
    return false;
}

} // namespace

std::optional<double> TiffHandle::number(ttag_t tag) const {
    std::uint32_t count = 0;
    void* data = nullptr;
    TIFFDataType type{};
    if (!rawField(m_tif, tag, count, data, type) || count == 0)
        return std::nullopt;
    switch (type) {
    case TIFF_BYTE: case TIFF_UNDEFINED: return *static_cast<std::uint8_t*>(data);
    case TIFF_SBYTE: return *static_cast<std::int8_t*>(data);
    case TIFF_SHORT: return *static_cast<std::uint16_t*>(data);
    case TIFF_SSHORT: return *static_cast<std::int16_t*>(data);
    case TIFF_LONG: case TIFF_IFD: return *static_cast<std::uint32_t*>(data);
    case TIFF_SLONG: return *static_cast<std::int32_t*>(data);
    case TIFF_LONG8: case TIFF_IFD8: return static_cast<double>(*static_cast<std::uint64_t*>(data));
    case TIFF_SLONG8: return static_cast<double>(*static_cast<std::int64_t*>(data));
    case TIFF_FLOAT: case TIFF_RATIONAL: case TIFF_SRATIONAL: return *static_cast<float*>(data);
    case TIFF_DOUBLE: return *static_cast<double*>(data);
    default: return std::nullopt;
    }
}

std::optional<std::string> TiffHandle::text(ttag_t tag) const {
    std::uint32_t count = 0;
    void* data = nullptr;
    TIFFDataType type{};
    if (!rawField(m_tif, tag, count, data, type))
        return std::nullopt;
    if (type != TIFF_ASCII && type != TIFF_BYTE && type != TIFF_UNDEFINED && type != TIFF_SBYTE)
        return std::nullopt;
    std::string s(static_cast<const char*>(data), count);
    while (!s.empty() && s.back() == '\0')
        s.pop_back();
    return s;
}

std::optional<std::vector<std::uint8_t>> TiffHandle::bytes(ttag_t tag) const {
    std::uint32_t count = 0;
    void* data = nullptr;
    TIFFDataType type{};
    if (!rawField(m_tif, tag, count, data, type))
        return std::nullopt;
    const auto* p = static_cast<const std::uint8_t*>(data);
    return std::vector<std::uint8_t>(p, p + count * TIFFDataWidth(type));
}

} // namespace ds::io
