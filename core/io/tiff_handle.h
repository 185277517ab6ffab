#pragma once
// TiffHandle: a libtiff TIFF* opened on bytes in memory (reading) with its errors captured per handle
// instead of printed, and an allocation cap tied to the file size. Also the small helpers that read
// private (vendor) tags libtiff does not know. One handle per read call; not shared between threads.
#include "core/io/byte_view.h"

#include <optional>
#include <string>
#include <vector>

#include <tiffio.h>

namespace ds::io {

class TiffHandle {
public:
    explicit TiffHandle(ByteView file);
    ~TiffHandle();
    TiffHandle(const TiffHandle&) = delete;
    TiffHandle& operator=(const TiffHandle&) = delete;

    TIFF* tif() const { return m_tif; }
    // The last libtiff error, for messages ("" when none).
    const std::string& lastError() const { return m_error; }
    [[noreturn]] void failWith(const std::string& what) const;

    // Vendor tags libtiff registers as anonymous fields: numbers (first value) and text.
    std::optional<double> number(ttag_t tag) const;
    std::optional<std::string> text(ttag_t tag) const;
    // Raw bytes of an anonymous/undefined tag (e.g. Gatan 65027).
    std::optional<std::vector<std::uint8_t>> bytes(ttag_t tag) const;

    ByteView file() const { return m_file; }

private:
    ByteView m_file;
    std::uint64_t m_pos = 0;
    TIFF* m_tif = nullptr;
    std::string m_error;
    friend struct TiffIo;
};

} // namespace ds::io
