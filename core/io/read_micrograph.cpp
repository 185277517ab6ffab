#include "core/io/read_micrograph.h"

#include "core/common/guard.h"
#include "core/io/format_readers.h"
#include "core/io/mapped_file.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ds {

namespace io {

void requireFrame(int frame, std::int64_t frames) {
    if (frame < 0 || frame >= frames)
        fail(ErrorCode::InvalidArgument, "frame " + std::to_string(frame) + " requested but the file has " +
                                             std::to_string(frames) + " frame(s) (valid: 0.." +
                                             std::to_string(frames - 1) + ")");
}

void requirePixelLimit(std::uint64_t rows, std::uint64_t cols, const ReadOptions& options, const std::string& what) {
    if (rows != 0 && cols > options.maxPixels / rows)
        fail(ErrorCode::Unsupported, what + " is " + std::to_string(cols) + " x " + std::to_string(rows) +
                                         " pixels, more than the limit of " + std::to_string(options.maxPixels) +
                                         " pixels per image (" + kRaisePixelLimitHint + ")");
}

std::string numberText(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

} // namespace io

namespace {

std::atomic<std::uint64_t> g_defaultMaxPixels{kDefaultMaxPixels};

std::string lowerExtension(const std::string& name) {
    const auto slash = name.find_last_of('/');
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool startsWith(const std::uint8_t* d, std::size_t n, const char* magic, std::size_t m) {
    return n >= m && std::memcmp(d, magic, m) == 0;
}

std::uint32_t be32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

// Counts NaN/Inf pixels; they either fail the read or are recorded, never silently passed on.
void applyNonFinitePolicy(Micrograph& m, const ReadOptions& options) {
    // Integer samples (and magnitudes of them) cannot be NaN/Inf: skip the extra pass over the image.
    if (m.dtype.find("float") == std::string::npos && m.dtype.find("complex") == std::string::npos)
        return;
    std::size_t bad = 0;
    for (int r = 0; r < m.pixels.rows; ++r) {
        const float* p = m.pixels.ptr<float>(r);
        for (int c = 0; c < m.pixels.cols; ++c)
            bad += !std::isfinite(p[c]);
    }
    if (bad == 0)
        return;
    if (!options.allowNonFinite)
        fail(ErrorCode::Numeric, std::to_string(bad) + " of " + std::to_string(m.pixels.total()) +
                                     " pixels in frame " + std::to_string(m.frameIndex) +
                                     " are NaN or Inf (open with allowNonFinite to keep them)");
    m.metadata["nonfinite_pixels"] = std::to_string(bad);
}

} // namespace

std::uint64_t defaultMaxPixels() { return g_defaultMaxPixels.load(std::memory_order_relaxed); }
void setDefaultMaxPixels(std::uint64_t pixels) { g_defaultMaxPixels.store(pixels, std::memory_order_relaxed); }

FileFormat detectFormat(const std::uint8_t* d, std::size_t n, const std::string& nameHint) {
    if (startsWith(d, n, "\x93NUMPY", 6))
        return FileFormat::Npy;
    if (startsWith(d, n, "II*\0", 4) || startsWith(d, n, "MM\0*", 4) || startsWith(d, n, "II+\0", 4) ||
        startsWith(d, n, "MM\0+", 4))
        return FileFormat::Tiff;
    if (startsWith(d, n, "\x89PNG\r\n\x1a\n", 8))
        return FileFormat::Png;
    if (startsWith(d, n, "\xff\xd8\xff", 3))
        return FileFormat::Jpeg;
    if (startsWith(d, n, "\x89HDF\r\n\x1a\n", 8))
        return FileFormat::Emd;
    if (startsWith(d, n, "\x49\x49\x97\x01", 4))
        return FileFormat::Ser;
    if (n >= 16) {
        const std::uint32_t version = be32(d);
        if (version == 3 && be32(d + 8) <= 1)
            return FileFormat::Dm3;
        if (version == 4 && be32(d + 12) <= 1)
            return FileFormat::Dm4;
    }
    if (n >= 212 && std::memcmp(d + 208, "MAP", 3) == 0)
        return FileFormat::Mrc;
    // Weak magic: fall back to the extension (old MRC files have no "MAP " stamp).
    const std::string ext = lowerExtension(nameHint);
    if (ext == "mrc" || ext == "map" || ext == "mrcs" || ext == "st" || ext == "ali" || ext == "rec")
        return FileFormat::Mrc;
    return FileFormat::Unknown;
}

std::string formatName(FileFormat f) {
    switch (f) {
    case FileFormat::Dm3: return "DM3";
    case FileFormat::Dm4: return "DM4";
    case FileFormat::Mrc: return "MRC";
    case FileFormat::Tiff: return "TIFF";
    case FileFormat::Ser: return "SER";
    case FileFormat::Emd: return "EMD";
    case FileFormat::Png: return "PNG";
    case FileFormat::Jpeg: return "JPEG";
    case FileFormat::Npy: return "NPY";
    case FileFormat::Unknown: break;
    }
    return "unknown";
}

Result<Micrograph> readMicrographFromMemory(const std::uint8_t* data, std::size_t size, const std::string& name,
                                            const ReadOptions& options) {
    return guarded(name, [&]() -> Micrograph {
        const ByteView file{data, size};
        if (size == 0)
            fail(ErrorCode::Format, "file is empty");
        const FileFormat format = detectFormat(data, size, name);
        Micrograph m;
        switch (format) {
        case FileFormat::Dm3:
        case FileFormat::Dm4: m = io::readDm(file, options); break;
        case FileFormat::Mrc: m = io::readMrc(file, options); break;
        case FileFormat::Tiff: m = io::readTiff(file, options); break;
        case FileFormat::Ser: m = io::readSer(file, options); break;
        case FileFormat::Emd: m = io::readEmd(file, options); break;
        case FileFormat::Png:
        case FileFormat::Jpeg: m = io::readImage(file, options); break;
        case FileFormat::Npy: m = io::readNpy(file, options); break;
        case FileFormat::Unknown:
            fail(ErrorCode::Unsupported, "not a recognised micrograph format (no known magic bytes; "
                                         "supported: DM3, DM4, MRC, TIFF, SER, EMD, PNG, JPEG, NPY)");
        }
        if (m.pixels.empty() || m.pixels.type() != CV_32FC1)
            fail(ErrorCode::Internal, "reader returned no float32 image");
        applyNonFinitePolicy(m, options);
        m.path = name;
        m.metadata["format"] = formatName(format);
        return m;
    });
}

Result<Micrograph> readMicrograph(const std::string& path, const ReadOptions& options) {
    auto mapped = MappedFile::open(path);
    if (!mapped)
        return mapped.error();
    const ByteView v = mapped->view();
    return readMicrographFromMemory(v.data, v.size, path, options);
}

} // namespace ds
