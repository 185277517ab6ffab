// MRC / MRC2014 reader (.mrc .map .mrcs .st): modes 0 (int8/uint8, see below), 1, 2, 3 and 4 (complex,
// as magnitude), 6, 12 (float16), 16 (RGB, as luminance) and 101 (4-bit); either machine stamp, with a
// fallback for files without one; extended headers skipped via nsymbt, FEI1/FEI2 blocks and CCP4
// symmetry records read into metadata. Sections are frames in file order (like mrcfile); voxel size is
// |cella| / m along the axis each of columns/rows maps to, in Å as the format defines it.
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"

#include <cmath>

namespace ds::io {

namespace {

constexpr std::uint64_t kHeader = 1024;
constexpr std::int32_t kImodStamp = 1146047817;

struct MrcHeader {
    std::int32_t nx = 0, ny = 0, nz = 0, mode = 0, m[3] = {0, 0, 0}, map[3] = {1, 2, 3}, ispg = 0, nsymbt = 0;
    std::int32_t nversion = 0, imodStamp = 0, imodFlags = 0, nlabl = 0;
    float cella[3] = {0, 0, 0}, dmin = 0, dmax = 0, origin[3] = {0, 0, 0};
    std::string exttyp;
    bool bigEndian = false;
};

bool plausible(const MrcHeader& h) {
    const bool modeOk = (h.mode >= 0 && h.mode <= 4) || h.mode == 6 || h.mode == 12 || h.mode == 16 || h.mode == 101;
    return modeOk && h.nx > 0 && h.ny > 0 && h.nz > 0 && h.nsymbt >= 0;
}

MrcHeader parseHeader(ByteView file, bool bigEndian) {
    ByteCursor c(file, bigEndian);
    MrcHeader h;
    h.bigEndian = bigEndian;
    h.nx = c.i32(); h.ny = c.i32(); h.nz = c.i32(); h.mode = c.i32();
    c.skip(12); // nxstart, nystart, nzstart
    for (auto& v : h.m) v = c.i32();
    for (auto& v : h.cella) v = c.f32();
    c.skip(12); // cellb
    for (auto& v : h.map) v = c.i32();
    h.dmin = c.f32(); h.dmax = c.f32(); c.f32();
    h.ispg = c.i32();
    h.nsymbt = c.i32();
    c.seek(104);
    h.exttyp = c.bytes(4);
    h.nversion = c.i32();
    c.seek(152);
    h.imodStamp = c.i32();
    h.imodFlags = c.i32();
    c.seek(196);
    for (auto& v : h.origin) v = c.f32();
    c.seek(220);
    h.nlabl = c.i32();
    return h;
}

std::string cString(ByteView file, std::uint64_t at, std::size_t max) {
    if (!file.contains(at, max))
        return {};
    std::string s(reinterpret_cast<const char*>(file.data + at), max);
    s = s.substr(0, s.find('\0'));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
        s.pop_back();
    for (char& ch : s)
        if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f)
            ch = '?';
    return s;
}

// Mode 0 signedness, per the rule in FORMATS.md: IMOD flag if IMOD wrote it, signed for MRC2014,
// otherwise whatever dmin/dmax say.
bool mode0Signed(const MrcHeader& h) {
    if (h.imodStamp == kImodStamp)
        return (h.imodFlags & 1) != 0;
    if (h.nversion >= 20140)
        return true;
    return h.dmin < 0 && h.dmin <= h.dmax;
}

void readExtendedHeader(ByteView file, const MrcHeader& h, Micrograph& m) {
    const std::uint64_t start = kHeader, size = static_cast<std::uint64_t>(h.nsymbt);
    m.metadata["mrc.nsymbt"] = std::to_string(h.nsymbt);
    if (size == 0)
        return;
    if ((h.exttyp == "FEI1" || h.exttyp == "FEI2") && size >= 300 && file.contains(start, 300)) {
        ByteCursor c(file, false, start); // FEI blocks are little-endian in practice
        const std::int32_t blockSize = c.i32();
        m.metadata["mrc.fei_block_size"] = std::to_string(blockSize);
        m.metadata["instrument"] = cString(file, start + 20, 16);
        m.metadata["software"] = cString(file, start + 52, 16) + " " + cString(file, start + 68, 16);
        c.seek(start + 84);
        if (const double ht = c.f64(); ht > 0 && std::isfinite(ht))
            m.metadata["voltage_V"] = numberText(ht);
        c.seek(start + 156);
        const double psx = c.f64(), psy = c.f64();
        if (psx > 0 && std::isfinite(psx))
            m.metadata["fei.pixel_size_x_m"] = numberText(psx);
        if (psy > 0 && std::isfinite(psy))
            m.metadata["fei.pixel_size_y_m"] = numberText(psy);
        c.seek(start + 289);
        if (const double mag = c.f64(); mag > 0 && std::isfinite(mag))
            m.metadata["magnification"] = numberText(mag);
        return;
    }
    if ((h.exttyp == "CCP4" || h.exttyp == std::string(4, '\0')) && size % 80 == 0 && size <= 80 * 1000) {
        std::string records;
        for (std::uint64_t k = 0; k < size / 80; ++k) {
            const std::string rec = cString(file, start + 80 * k, 80);
            records += (k ? "; " : "") + rec;
        }
        m.metadata["mrc.symmetry_records"] = records;
    }
}

} // namespace

Micrograph readMrc(ByteView file, const ReadOptions& options) {
    if (file.size < kHeader)
        fail(ErrorCode::Format, "MRC header needs 1024 bytes but the file has " + std::to_string(file.size));
    const std::uint8_t stamp = file.data[212];
    bool bigEndian = stamp == 0x11;
    MrcHeader h = parseHeader(file, bigEndian);
    if (stamp != 0x11 && stamp != 0x44 && !plausible(h)) // no or wrong stamp: try the other order
        h = parseHeader(file, bigEndian = !bigEndian);
    if (!plausible(h))
        fail(h.mode < 0 || h.mode > 101 ? ErrorCode::Format : ErrorCode::Unsupported,
             "MRC header is not valid (nx " + std::to_string(h.nx) + ", ny " + std::to_string(h.ny) + ", nz " +
                 std::to_string(h.nz) + ", mode " + std::to_string(h.mode) + ", nsymbt " + std::to_string(h.nsymbt) + ")");

    const std::uint64_t dataStart = kHeader + static_cast<std::uint64_t>(h.nsymbt);
    if (dataStart > file.size)
        fail(ErrorCode::Format, "MRC extended header (" + std::to_string(h.nsymbt) + " bytes) runs past the end of the file");
    const std::uint64_t available = file.size - dataStart;
    const auto W = static_cast<std::uint64_t>(h.nx), H = static_cast<std::uint64_t>(h.ny), Z = static_cast<std::uint64_t>(h.nz);

    Micrograph m;
    m.frames = h.nz;
    requireFrame(options.frame, m.frames);
    requirePixelLimit(H, W, options, "MRC image");
    m.frameIndex = options.frame;
    const auto f = static_cast<std::uint64_t>(options.frame);
    const int rows = h.ny, cols = h.nx;

    switch (h.mode) {
    case 0: case 1: case 2: case 6: case 12: {
        const bool s0 = h.mode == 0 && mode0Signed(h);
        const SampleType t = h.mode == 0 ? (s0 ? SampleType::I8 : SampleType::U8)
                           : h.mode == 1 ? SampleType::I16 : h.mode == 2 ? SampleType::F32
                           : h.mode == 6 ? SampleType::U16 : SampleType::F16;
        requireFits(H, W, Z, t, available, "MRC volume");
        m.pixels = decodePlane(file, dataStart + f * W * H * sampleSize(t), rows, cols, t, bigEndian);
        m.dtype = sampleName(t);
        break;
    }
    case 3: case 4: {
        const SampleType t = h.mode == 3 ? SampleType::I16 : SampleType::F32;
        requireFits(H, W * 2, Z, t, available, "MRC complex volume");
        const cv::Mat ri = decodePlane(file, dataStart + f * W * H * 2 * sampleSize(t), rows, cols * 2, t, bigEndian);
        m.pixels.create(rows, cols, CV_32F);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                m.pixels.at<float>(r, c) = std::hypot(ri.at<float>(r, 2 * c), ri.at<float>(r, 2 * c + 1));
        m.dtype = h.mode == 3 ? "complex_int16" : "complex64";
        m.metadata["complex_part"] = "magnitude";
        break;
    }
    case 16: {
        requireFits(H, W * 3, Z, SampleType::U8, available, "MRC RGB volume");
        const cv::Mat rgb = decodePlane(file, dataStart + f * W * H * 3, rows, cols * 3, SampleType::U8, false);
        m.pixels.create(rows, cols, CV_32F);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                m.pixels.at<float>(r, c) = 0.299f * rgb.at<float>(r, 3 * c) + 0.587f * rgb.at<float>(r, 3 * c + 1) +
                                           0.114f * rgb.at<float>(r, 3 * c + 2);
        m.dtype = "rgb8";
        break;
    }
    case 101: { // 4-bit: low nibble first, each row padded to whole bytes
        const std::uint64_t rowBytes = (W + 1) / 2;
        requireFits(H, rowBytes, Z, SampleType::U8, available, "MRC 4-bit volume");
        const ByteView plane = file.sub(dataStart + f * rowBytes * H, rowBytes * H);
        m.pixels.create(rows, cols, CV_32F);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const std::uint8_t b = plane.data[static_cast<std::uint64_t>(r) * rowBytes + static_cast<std::uint64_t>(c) / 2];
                m.pixels.at<float>(r, c) = static_cast<float>((c % 2) ? (b >> 4) : (b & 0x0f));
            }
        m.dtype = "uint4";
        break;
    }
    default:
        fail(ErrorCode::Unsupported, "MRC mode " + std::to_string(h.mode) + " is not supported");
    }

    // Columns/rows may map to any of X, Y, Z (EMD-3001 has 3,1,2): calibrate each along its own axis.
    // Range first, then distinctness: no arithmetic on the header's values (a sum of them overflowed).
    auto axis = [](std::int32_t v) { return v >= 1 && v <= 3; };
    const bool permutation = axis(h.map[0]) && axis(h.map[1]) && axis(h.map[2]) && h.map[0] != h.map[1] &&
                             h.map[1] != h.map[2] && h.map[0] != h.map[2];
    const int ax = permutation ? h.map[0] - 1 : 0, ay = permutation ? h.map[1] - 1 : 1, az = permutation ? h.map[2] - 1 : 2;
    auto calibrate = [&](int axis, int which) {
        AxisCalibration a;
        const double cell = std::abs(static_cast<double>(h.cella[axis]));
        if (h.m[axis] > 0 && cell > 0 && std::isfinite(cell)) {
            a.scale = cell / h.m[axis];
            a.unit = "\xC3\x85"; // Å
            a.origin = std::isfinite(h.origin[which]) ? h.origin[which] : 0.0;
        }
        return a;
    };
    m.x = calibrate(ax, 0);
    m.y = calibrate(ay, 1);
    if (AxisCalibration z = calibrate(az, 2); !z.unit.empty()) {
        m.metadata["frame_scale"] = numberText(z.scale);
        m.metadata["frame_unit"] = z.unit;
    }
    m.metadata["mrc.mode"] = std::to_string(h.mode);
    m.metadata["mrc.ispg"] = std::to_string(h.ispg);
    m.metadata["mrc.axis_order"] = std::to_string(h.map[0]) + "," + std::to_string(h.map[1]) + "," + std::to_string(h.map[2]);
    m.metadata["mrc.byte_order"] = bigEndian ? "big" : "little";
    if (h.nversion)
        m.metadata["mrc.nversion"] = std::to_string(h.nversion);
    if (h.exttyp.find_first_not_of(std::string("\0", 1)) != std::string::npos)
        m.metadata["mrc.exttyp"] = cString(file, 104, 4);
    for (int k = 0; k < std::min(h.nlabl, 10); ++k)
        if (std::string label = cString(file, 224 + 80 * static_cast<std::uint64_t>(k), 80); !label.empty())
            m.metadata["mrc.label" + std::to_string(k)] = label;
    readExtendedHeader(file, h, m);
    return m;
}

} // namespace ds::io
