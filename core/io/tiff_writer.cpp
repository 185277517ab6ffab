// writeTiff(): single-page float32 TIFF with ImageJ-style calibration, written atomically.
#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/io/format_readers.h"
#include "core/io/write_micrograph.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdarg>
#include <cstdio>

#include <tiffio.h>

namespace ds {

namespace {

// ImageJ understands "micron" and U+00B5 "µm"; write the spelling every version reads.
std::string imagejUnit(const std::string& unit) {
    if (unit == "\xC2\xB5m" || unit == "\xCE\xBCm" || unit == "um")
        return "micron";
    return unit;
}

int quietError(TIFF*, void* user, const char*, const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    *static_cast<std::string*>(user) = buf;
    return 1;
}

std::string description(const Micrograph& m) {
    std::string d = "ImageJ=1.11a\n";
    const bool calibrated = !m.x.unit.empty() && m.x.scale > 0 && m.y.scale > 0 && std::isfinite(m.x.scale) &&
                            std::isfinite(m.y.scale);
    if (calibrated) {
        d += "unit=" + imagejUnit(m.x.unit) + "\n";
        if (m.y.unit != m.x.unit)
            d += "yunit=" + imagejUnit(m.y.unit) + "\n";
        d += "xorigin=" + io::numberText(-m.x.origin / m.x.scale) + "\n";
        d += "yorigin=" + io::numberText(-m.y.origin / m.y.scale) + "\n";
    }
    nlohmann::json meta = nlohmann::json::object();
    for (const auto& [k, v] : m.metadata)
        meta[k] = v;
    meta["dtype_original"] = m.dtype;
    // dump() with replacement keeps invalid UTF-8 from throwing; one line so the ImageJ parser skips it.
    d += "defectscope=" + meta.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n";
    return d;
}

} // namespace

Status writeTiff(const std::string& path, const Micrograph& m) {
    return guarded(path, [&] {
        if (m.pixels.empty() || m.pixels.channels() != 1)
            fail(ErrorCode::InvalidArgument, "writeTiff needs a non-empty single-channel image");
        cv::Mat pixels;
        m.pixels.convertTo(pixels, CV_32F);
        AtomicFile out(path);
        std::string error;
        TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
        TIFFOpenOptionsSetErrorHandlerExtR(opts, &quietError, &error);
        TIFF* tif = TIFFOpenExt(out.tempPath().c_str(), pixels.total() * 4 > 0xF0000000u ? "w8" : "w", opts);
        TIFFOpenOptionsFree(opts);
        if (!tif)
            fail(ErrorCode::Io, "cannot create " + out.tempPath() + (error.empty() ? "" : " (" + error + ")"));
        bool ok = true;
        const auto rows = static_cast<std::uint32_t>(pixels.rows);
        ok &= TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(pixels.cols)) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_IMAGELENGTH, rows) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::max<std::uint32_t>(1, (1u << 16) / std::max(1, pixels.cols))) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, description(m).c_str()) == 1;
        ok &= TIFFSetField(tif, TIFFTAG_SOFTWARE, "DefectScope " DEFECTSCOPE_VERSION) == 1;
        if (!m.x.unit.empty() && m.x.scale > 0 && m.y.scale > 0 && std::isfinite(m.x.scale) && std::isfinite(m.y.scale)) {
            ok &= TIFFSetField(tif, TIFFTAG_XRESOLUTION, 1.0 / m.x.scale) == 1;
            ok &= TIFFSetField(tif, TIFFTAG_YRESOLUTION, 1.0 / m.y.scale) == 1;
            ok &= TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE) == 1;
        }
        for (std::uint32_t r = 0; ok && r < rows; ++r)
            ok = TIFFWriteScanline(tif, pixels.ptr<float>(static_cast<int>(r)), r, 0) == 1;
        ok = ok && TIFFFlush(tif) == 1;
        TIFFClose(tif);
        if (!ok)
            fail(ErrorCode::Io, "TIFF write failed" + (error.empty() ? std::string(" (disk full?)") : " (" + error + ")"));
        auto st = out.commit();
        if (!st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
