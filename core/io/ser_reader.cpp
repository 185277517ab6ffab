// FEI/Thermo TIA .ser reader: both header versions (0x0210 with 32-bit offsets, 0x0220 with 64-bit),
// 2-D elements of every TIA data type (complex as magnitude), interrupted series (only the Valid
// elements count), per-element calibration in metres, and the bottom-up row order flipped so that
// row 0 is the top of the image (as ncempy and rsciio return it). 1-D spectra are not images.
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"

#include <cmath>

namespace ds::io {

namespace {

constexpr std::uint16_t kVersionOld = 0x0210, kVersionNew = 0x0220;
constexpr std::int32_t kSpectra = 0x4120, kImages = 0x4122;

struct SerType {
    SampleType sample;
    bool complex;
    const char* name;
};

SerType serType(int code) {
    switch (code) {
    case 1: return {SampleType::U8, false, "uint8"};
    case 2: return {SampleType::U16, false, "uint16"};
    case 3: return {SampleType::U32, false, "uint32"};
    case 4: return {SampleType::I8, false, "int8"};
    case 5: return {SampleType::I16, false, "int16"};
    case 6: return {SampleType::I32, false, "int32"};
    case 7: return {SampleType::F32, false, "float32"};
    case 8: return {SampleType::F64, false, "float64"};
    case 9: return {SampleType::F32, true, "complex64"};
    case 10: return {SampleType::F64, true, "complex128"};
    default: fail(ErrorCode::Unsupported, "SER data type " + std::to_string(code) + " is unknown");
    }
}

std::string lengthPrefixedText(ByteCursor& c) {
    const std::int32_t n = c.i32();
    if (n < 0 || static_cast<std::uint64_t>(n) > c.remaining() || n > 65536)
        fail(ErrorCode::Format, "SER text field of length " + std::to_string(n) + " at offset " + std::to_string(c.pos() - 4));
    std::string s = c.bytes(static_cast<std::uint64_t>(n));
    for (char& ch : s)
        if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f)
            ch = '?';
    return s;
}

// Element header: calibration (2 x (8 + 8 + 4) bytes), data type (2), width (4), height (4).
constexpr std::uint64_t kElementHeader = 50;

// True when the element at `offset` has its header and all its pixels inside the file.
bool elementReadable(ByteView file, std::uint64_t offset) {
    if (!file.contains(offset, kElementHeader))
        return false;
    ByteCursor c(file, false, offset + 40);
    const int code = c.i16();
    const std::int32_t w = c.i32(), h = c.i32();
    if (code < 1 || code > 10 || w <= 0 || h <= 0)
        return false;
    const std::uint64_t bytes = static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h) *
                                sampleSize(serType(code).sample) * (code >= 9 ? 2 : 1);
    return file.contains(offset + kElementHeader, bytes);
}

} // namespace

Micrograph readSer(ByteView file, const ReadOptions& options) {
    ByteCursor c(file, false);
    if (c.u16() != 0x4949 || c.u16() != 0x0197)
        fail(ErrorCode::Format, "not a TIA series file (bad byte-order or series id)");
    const std::uint16_t version = c.u16();
    if (version != kVersionOld && version != kVersionNew)
        fail(ErrorCode::Unsupported, "SER series version 0x" + [&] { char b[8]; std::snprintf(b, sizeof b, "%04x", version); return std::string(b); }() +
                                         " is unknown (expected 0x0210 or 0x0220)");
    const bool wide = version == kVersionNew;
    const std::int32_t dataTypeId = c.i32();
    c.i32(); // TagTypeID
    const std::int32_t total = c.i32(), valid = c.i32();
    const std::uint64_t offsetArray = wide ? c.u64() : c.u32();
    const std::int32_t nDims = c.i32();
    if (dataTypeId == kSpectra)
        fail(ErrorCode::Unsupported, "SER file holds 1-D spectra, not images");
    if (dataTypeId != kImages)
        fail(ErrorCode::Format, "SER data type id 0x" + std::to_string(dataTypeId) + " is unknown");
    if (total < 0 || valid < 0 || valid > total)
        fail(ErrorCode::Format, "SER element counts are invalid (total " + std::to_string(total) + ", valid " + std::to_string(valid) + ")");
    if (valid == 0)
        fail(ErrorCode::Format, "SER series holds no valid element (acquisition interrupted before the first frame)");
    if (nDims < 0 || nDims > 16)
        fail(ErrorCode::Format, "SER has " + std::to_string(nDims) + " series dimensions");

    Micrograph m;
    for (std::int32_t d = 0; d < nDims; ++d) {
        const std::int32_t size = c.i32();
        c.f64(); // calibration offset of the series axis (not needed for frames)
        const double calDelta = c.f64();
        c.i32();
        const std::string description = lengthPrefixedText(c);
        const std::string units = lengthPrefixedText(c);
        const std::string key = "ser.series_dim" + std::to_string(d);
        m.metadata[key] = std::to_string(size) + " x " + numberText(calDelta) + " " + units + " (" + description + ")";
        if (d == 0 && nDims == 1) {
            m.metadata["frame_scale"] = numberText(calDelta);
            m.metadata["frame_unit"] = units;
        }
    }
    // Both offset arrays have Total entries; only the first Valid data offsets are meaningful.
    const std::uint64_t entry = wide ? 8 : 4;
    c.seek(offsetArray);
    if (static_cast<std::uint64_t>(total) > c.remaining() / entry / 2)
        fail(ErrorCode::Format, "SER offset arrays (" + std::to_string(total) + " entries) run past the end of the file");
    // A file cut during acquisition or copying still claims all Valid elements: count the leading
    // ones that are wholly present, and say so when that is fewer.
    int readable = 0;
    for (; readable < valid; ++readable) {
        c.seek(offsetArray + entry * static_cast<std::uint64_t>(readable));
        if (!elementReadable(file, wide ? c.u64() : c.u32()))
            break;
    }
    if (readable == 0)
        fail(ErrorCode::Format, "SER file is truncated: none of its " + std::to_string(valid) + " element(s) is complete");
    if (readable < valid) {
        m.metadata["ser.readable_elements"] = std::to_string(readable);
        m.metadata["ser.truncated"] = "only " + std::to_string(readable) + " of " + std::to_string(valid) +
                                      " elements are complete (file cut short?)";
        if (options.frame >= readable && options.frame < valid)
            fail(ErrorCode::Format, "frame " + std::to_string(options.frame) + " is past the end of the truncated file (only " +
                                        std::to_string(readable) + " of " + std::to_string(valid) + " elements are complete)");
    }
    m.frames = readable;
    requireFrame(options.frame, m.frames);
    m.frameIndex = options.frame;
    c.seek(offsetArray + entry * static_cast<std::uint64_t>(options.frame));
    const std::uint64_t dataOffset = wide ? c.u64() : c.u32();
    c.seek(offsetArray + entry * static_cast<std::uint64_t>(total + options.frame));
    const std::uint64_t tagOffset = wide ? c.u64() : c.u32();

    c.seek(dataOffset);
    const double offX = c.f64(), deltaX = c.f64();
    const std::int32_t elemX = c.i32();
    const double offY = c.f64(), deltaY = c.f64();
    const std::int32_t elemY = c.i32();
    const SerType t = serType(c.i16());
    const std::int32_t w = c.i32(), h = c.i32();
    if (w <= 0 || h <= 0)
        fail(ErrorCode::Format, "SER element has size " + std::to_string(w) + " x " + std::to_string(h));
    requirePixelLimit(static_cast<std::uint64_t>(h), static_cast<std::uint64_t>(w), options, "SER element");
    const std::uint64_t pixelsAt = c.pos();
    const int cols = t.complex ? w * 2 : w;
    if (t.complex && w > std::numeric_limits<int>::max() / 2)
        fail(ErrorCode::Format, "SER element too wide");
    cv::Mat raw = decodePlane(file, pixelsAt, h, cols, t.sample, false);
    if (t.complex) {
        cv::Mat mag(h, w, CV_32F);
        for (int r = 0; r < h; ++r)
            for (int x = 0; x < w; ++x)
                mag.at<float>(r, x) = std::hypot(raw.at<float>(r, 2 * x), raw.at<float>(r, 2 * x + 1));
        raw = mag;
        m.metadata["complex_part"] = "magnitude";
    }
    cv::flip(raw, m.pixels, 0); // TIA stores rows bottom-up
    m.dtype = t.name;
    // Physical coordinate = offset + (index - element) * delta; units are metres for images.
    auto axis = [](double off, double delta, std::int32_t elem) {
        AxisCalibration a;
        if (std::isfinite(delta) && delta != 0) {
            a.scale = std::abs(delta);
            a.origin = off - elem * delta;
            a.unit = "m";
        }
        return a;
    };
    m.x = axis(offX, deltaX, elemX);
    m.y = axis(offY, deltaY, elemY);
    m.metadata["ser.version"] = wide ? "0x0220" : "0x0210";
    m.metadata["ser.total_elements"] = std::to_string(total);
    m.metadata["ser.valid_elements"] = std::to_string(valid);
    if (file.contains(tagOffset, 8)) {
        ByteCursor tc(file, false, tagOffset);
        const std::int16_t tagType = tc.i16();
        tc.skip(2);
        const std::int32_t time = tc.i32();
        if ((tagType == 0x4152 || tagType == 0x4142) && time > 0)
            m.metadata["time_unix"] = std::to_string(time);
    }
    return m;
}

} // namespace ds::io
