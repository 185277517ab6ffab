// TIFF reader through libtiff: 8/16/32/64-bit integer and float pages in either byte order, strips or
// tiles, any compression libtiff decodes; RGB pages (e.g. JPEG previews) only when no grayscale page
// exists. Multi-page files and ImageJ contiguous "hyperstacks" (one IFD, images=N) are frames.
// Calibration: see tiff_calibration.cpp.
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"
#include "core/io/tiff_calibration.h"
#include "core/io/tiff_handle.h"

#include <algorithm>
#include <vector>

namespace ds::io {

namespace {

struct Page {
    tdir_t dir = 0;
    std::uint32_t width = 0, height = 0;
    std::uint16_t spp = 1, bps = 8, format = SAMPLEFORMAT_UINT, compression = COMPRESSION_NONE;
    std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
    bool gray = true;
};

constexpr int kMaxPages = 100000;

std::optional<SampleType> sampleTypeOf(const Page& p) {
    using S = SampleType;
    if (p.format == SAMPLEFORMAT_IEEEFP)
        return p.bps == 16 ? std::optional(S::F16) : p.bps == 32 ? std::optional(S::F32)
                           : p.bps == 64 ? std::optional(S::F64) : std::nullopt;
    const bool s = p.format == SAMPLEFORMAT_INT;
    switch (p.bps) {
    case 8: return s ? S::I8 : S::U8;
    case 16: return s ? S::I16 : S::U16;
    case 32: return s ? S::I32 : S::U32;
    case 64: return s ? S::I64 : S::U64;
    default: return std::nullopt;
    }
}

// Compressed data can expand, but not without bound: deflate tops out near 1032:1.
std::uint64_t decodedLimit(const Page& p, std::uint64_t fileSize) {
    return p.compression == COMPRESSION_NONE ? fileSize : fileSize * 1100 + (1 << 20);
}

// Uncompressed strips stored back to back (what DM, ImageJ, our writer and most cameras produce) are
// converted straight from the mapped file, skipping libtiff's copy into a temporary buffer.
bool contiguousStrips(TIFF* tif, const Page& p, std::uint64_t rowBytes, std::uint64_t& start) {
    if (p.compression != COMPRESSION_NONE || TIFFIsTiled(tif))
        return false;
    std::uint16_t planar = PLANARCONFIG_CONTIG;
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    std::uint32_t rowsPerStrip = p.height;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
    toff_t *offsets = nullptr, *counts = nullptr;
    if (planar != PLANARCONFIG_CONTIG || rowsPerStrip == 0 || !TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets) ||
        !TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) || !offsets || !counts)
        return false;
    const tstrip_t strips = TIFFNumberOfStrips(tif);
    std::uint64_t expect = offsets[0];
    for (tstrip_t s = 0; s < strips; ++s) {
        const std::uint64_t rows = std::min<std::uint64_t>(rowsPerStrip, p.height - std::min<std::uint64_t>(p.height, std::uint64_t(s) * rowsPerStrip));
        if (offsets[s] != expect || counts[s] < rows * rowBytes)
            return false;
        expect += rows * rowBytes;
    }
    start = offsets[0];
    return true;
}

cv::Mat readGrayPage(TiffHandle& h, const Page& p, SampleType t) {
    TIFF* tif = h.tif();
    requireFits(p.height, p.width, 1, t, decodedLimit(p, h.file().size), "TIFF page");
    if (std::uint64_t start = 0; contiguousStrips(tif, p, std::uint64_t(p.width) * sampleSize(t), start))
        return decodePlane(h.file(), start, static_cast<int>(p.height), static_cast<int>(p.width), t, TIFFIsBigEndian(tif));
    const std::size_t bytesPerPixel = sampleSize(t);
    const std::size_t rowBytes = static_cast<std::size_t>(p.width) * bytesPerPixel;
    std::vector<std::uint8_t> raw(rowBytes * p.height);
    if (TIFFIsTiled(tif)) {
        std::uint32_t tw = 0, th = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tw);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &th);
        if (tw == 0 || th == 0 || static_cast<std::uint64_t>(tw) * th > 1u << 26)
            h.failWith("invalid tile size");
        const tmsize_t tileBytes = TIFFTileSize(tif);
        if (tileBytes <= 0 || static_cast<std::uint64_t>(tileBytes) < std::uint64_t(tw) * th * bytesPerPixel)
            h.failWith("invalid tile layout");
        std::vector<std::uint8_t> tile(static_cast<std::size_t>(tileBytes));
        for (std::uint32_t y = 0; y < p.height; y += th)
            for (std::uint32_t x = 0; x < p.width; x += tw) {
                if (TIFFReadTile(tif, tile.data(), x, y, 0, 0) < 0)
                    h.failWith("cannot decode tile at " + std::to_string(x) + "," + std::to_string(y));
                const std::uint32_t w = std::min(tw, p.width - x), hh = std::min(th, p.height - y);
                for (std::uint32_t r = 0; r < hh; ++r)
                    std::memcpy(raw.data() + (y + r) * rowBytes + x * bytesPerPixel,
                                tile.data() + static_cast<std::size_t>(r) * tw * bytesPerPixel, w * bytesPerPixel);
            }
    } else {
        const tstrip_t strips = TIFFNumberOfStrips(tif);
        std::size_t filled = 0;
        for (tstrip_t s = 0; s < strips && filled < raw.size(); ++s) {
            const tmsize_t n = TIFFReadEncodedStrip(tif, s, raw.data() + filled, static_cast<tmsize_t>(raw.size() - filled));
            if (n < 0)
                h.failWith("cannot decode strip " + std::to_string(s));
            filled += static_cast<std::size_t>(n);
        }
        if (filled < raw.size())
            h.failWith("image data is truncated (" + std::to_string(filled) + " of " + std::to_string(raw.size()) +
                       " bytes)");
    }
    cv::Mat out(static_cast<int>(p.height), static_cast<int>(p.width), CV_32F);
    // libtiff has already swapped samples into host order.
    convertSamples(raw.data(), t, !hostIsLittleEndian(), out.total(), out.ptr<float>());
    return out;
}

// Pages libtiff converts to RGBA for us: RGB, palette, 1/2/4-bit and other exotic layouts. The size
// check is on the bytes as stored (3 per RGB pixel, 1 per palette index, 1/8 per bilevel pixel), not
// on the 4-byte RGBA result: that is bounded by the pixel limit instead.
cv::Mat readRgbPage(TiffHandle& h, const Page& p) {
    const std::uint64_t storedRowBytes = (std::uint64_t(p.width) * p.spp * p.bps + 7) / 8;
    requireFits(p.height, std::max<std::uint64_t>(storedRowBytes, 1), 1, SampleType::U8,
                decodedLimit(p, h.file().size), "TIFF colour page");
    std::vector<std::uint32_t> rgba(static_cast<std::size_t>(p.width) * p.height);
    if (!TIFFReadRGBAImageOriented(h.tif(), p.width, p.height, rgba.data(), ORIENTATION_TOPLEFT, 0))
        h.failWith("cannot decode RGB page");
    cv::Mat out(static_cast<int>(p.height), static_cast<int>(p.width), CV_32F);
    float* o = out.ptr<float>();
    for (std::size_t i = 0; i < rgba.size(); ++i) {
        const std::uint32_t v = rgba[i];
        o[i] = 0.299f * TIFFGetR(v) + 0.587f * TIFFGetG(v) + 0.114f * TIFFGetB(v);
    }
    return out;
}

Page describe(TiffHandle& h, tdir_t dir) {
    TIFF* tif = h.tif();
    Page p;
    p.dir = dir;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &p.width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &p.height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &p.spp);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &p.bps);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &p.format);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &p.compression);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PHOTOMETRIC, &p.photometric);
    p.gray = p.spp == 1 && p.photometric != PHOTOMETRIC_PALETTE && sampleTypeOf(p).has_value();
    return p;
}

} // namespace

Micrograph readTiff(ByteView file, const ReadOptions& options) {
    TiffHandle h(file);
    TIFF* tif = h.tif();

    std::vector<Page> gray, rgb;
    tdir_t dir = 0;
    do {
        if (dir >= kMaxPages)
            fail(ErrorCode::Format, "more than " + std::to_string(kMaxPages) + " TIFF pages (IFD loop?)");
        Page p = describe(h, dir);
        if (p.width > 0 && p.height > 0)
            (p.gray ? gray : rgb).push_back(p);
        ++dir;
    } while (TIFFReadDirectory(tif));
    // TIFFReadDirectory() returns 0 both at the end of the chain and when the next IFD is unreadable
    // (a stack cut mid-chain); only the latter reports an error. Say so instead of silently
    // presenting the pages before the cut as the whole stack.
    const std::string chainError = h.lastError();

    const bool useGray = !gray.empty();
    const std::vector<Page>& pages = useGray ? gray : rgb;
    if (pages.empty())
        fail(ErrorCode::Unsupported, "no TIFF page has a supported pixel type (need 8/16/32/64-bit samples)");
    // Frames of a stack must share one shape; extra pages of another shape (thumbnails) are skipped.
    std::vector<Page> frames;
    for (const Page& p : pages)
        if (p.width == pages.front().width && p.height == pages.front().height && p.bps == pages.front().bps)
            frames.push_back(p);

    requirePixelLimit(frames.front().height, frames.front().width, options, "TIFF page");
    if (!TIFFSetDirectory(tif, frames.front().dir))
        h.failWith("cannot select TIFF page");
    const TiffCalibration cal = readTiffCalibration(h);

    Micrograph m;
    m.x = cal.x;
    m.y = cal.y;
    m.metadata = cal.metadata;
    m.frames = static_cast<int>(frames.size());
    const std::optional<SampleType> t = sampleTypeOf(frames.front());

    // ImageJ writes stacks beyond 4 GiB (and often smaller ones) as one IFD followed by all frames.
    const bool contiguousStack = frames.size() == 1 && cal.imagejImages > 1 && useGray &&
                                 frames.front().compression == COMPRESSION_NONE && !TIFFIsTiled(tif);
    if (contiguousStack) {
        m.frames = cal.imagejImages;
        requireFrame(options.frame, m.frames);
        toff_t* offsets = nullptr;
        if (!TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets) || !offsets)
            h.failWith("no strip offsets");
        const Page& p = frames.front();
        const std::uint64_t plane = std::uint64_t(p.width) * p.height * sampleSize(*t);
        requireFits(p.height, p.width, static_cast<std::uint64_t>(m.frames), *t,
                    offsets[0] <= file.size ? file.size - offsets[0] : 0, "ImageJ stack");
        m.pixels = decodePlane(file, offsets[0] + plane * static_cast<std::uint64_t>(options.frame),
                               static_cast<int>(p.height), static_cast<int>(p.width), *t, TIFFIsBigEndian(tif));
    } else {
        requireFrame(options.frame, m.frames);
        const Page& p = frames[static_cast<std::size_t>(options.frame)];
        if (!TIFFSetDirectory(tif, p.dir))
            h.failWith("cannot select TIFF page " + std::to_string(p.dir));
        m.pixels = useGray ? readGrayPage(h, p, *t) : readRgbPage(h, p);
    }
    m.frameIndex = options.frame;
    const Page& first = frames.front();
    m.dtype = useGray ? sampleName(*t)
              : first.photometric == PHOTOMETRIC_PALETTE ? "palette" + std::to_string(first.bps)
              : first.spp == 1 ? "gray" + std::to_string(first.bps)
                               : "rgb" + std::to_string(first.bps);
    if (!useGray && first.spp == 1 && first.photometric != PHOTOMETRIC_PALETTE)
        m.metadata["color"] = "expanded to 8-bit levels";
    else if (!useGray)
        m.metadata["color"] = "converted to luminance (0.299 R + 0.587 G + 0.114 B)";
    if (frames.size() < pages.size() || pages.size() < gray.size() + rgb.size())
        m.metadata["tiff.skipped_pages"] = std::to_string(gray.size() + rgb.size() - frames.size());
    m.metadata["tiff.pages"] = std::to_string(dir);
    if (!chainError.empty())
        m.metadata["tiff.truncated"] = "page chain broken after " + std::to_string(dir) + " readable page(s): " + chainError;
    return m;
}

} // namespace ds::io
