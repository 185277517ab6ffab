// NumPy .npy reader: v1/v2/v3 headers, every little/big-endian integer and float dtype, complex as
// magnitude, C and Fortran order. Arrays of more than two dimensions are stacks of 2-D frames over
// the last two axes (leading axes flattened in C order). Pickled object arrays are refused.
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"

#include <cmath>
#include <regex>
#include <vector>

namespace ds::io {

namespace {

struct NpyHeader {
    SampleType type = SampleType::F32;
    bool complex = false;
    bool bigEndian = false;
    bool fortran = false;
    std::vector<std::uint64_t> shape;
    std::string descr;
};

std::string dictValue(const std::string& header, const std::string& key) {
    const auto k = header.find("'" + key + "'");
    if (k == std::string::npos)
        fail(ErrorCode::Format, "npy header has no '" + key + "'");
    auto colon = header.find(':', k);
    if (colon == std::string::npos)
        fail(ErrorCode::Format, "npy header is malformed near '" + key + "'");
    return header.substr(colon + 1);
}

NpyHeader parseHeader(const std::string& header) {
    NpyHeader h;
    const std::string descrTail = dictValue(header, "descr");
    std::smatch m;
    static const std::regex descrRe(R"(^\s*'([<>|=])([a-zA-Z])(\d+)')");
    if (!std::regex_search(descrTail, m, descrRe)) {
        if (descrTail.find("'O") != std::string::npos || descrTail.find("'|O") != std::string::npos)
            fail(ErrorCode::Unsupported, "npy holds Python objects (pickles), which are never loaded");
        fail(ErrorCode::Unsupported, "npy dtype is not a simple numeric type (structured or unknown)");
    }
    h.descr = m[1].str() + m[2].str() + m[3].str();
    h.bigEndian = m[1] == ">";
    const char kind = m[2].str()[0];
    const int bytes = std::stoi(m[3].str().substr(0, 3));
    using S = SampleType;
    if (kind == 'u' || kind == 'b')
        h.type = bytes == 1 ? S::U8 : bytes == 2 ? S::U16 : bytes == 4 ? S::U32 : S::U64;
    else if (kind == 'i')
        h.type = bytes == 1 ? S::I8 : bytes == 2 ? S::I16 : bytes == 4 ? S::I32 : S::I64;
    else if (kind == 'f')
        h.type = bytes == 2 ? S::F16 : bytes == 4 ? S::F32 : S::F64;
    else if (kind == 'c') {
        h.complex = true;
        h.type = bytes == 8 ? S::F32 : S::F64;
    } else if (kind == 'O')
        fail(ErrorCode::Unsupported, "npy holds Python objects (pickles), which are never loaded");
    else
        fail(ErrorCode::Unsupported, "npy dtype '" + h.descr + "' is not numeric");
    const bool sizeOk = (kind == 'c') ? (bytes == 8 || bytes == 16)
                                      : (bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8) &&
                                            !(kind == 'f' && bytes == 1) && !(kind == 'b' && bytes != 1);
    if (!sizeOk)
        fail(ErrorCode::Unsupported, "npy dtype '" + h.descr + "' is not supported");

    h.fortran = dictValue(header, "fortran_order").find("True") < dictValue(header, "fortran_order").find_first_of(",}");
    const std::string shapeTail = dictValue(header, "shape");
    const auto open = shapeTail.find('('), close = shapeTail.find(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        fail(ErrorCode::Format, "npy shape is malformed");
    const std::string dims = shapeTail.substr(open + 1, close - open - 1);
    static const std::regex numRe(R"(\d+)");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), numRe); it != std::sregex_iterator(); ++it) {
        if (it->str().size() > 18)
            fail(ErrorCode::Format, "npy shape value is absurd: " + it->str());
        h.shape.push_back(std::stoull(it->str()));
    }
    return h;
}

} // namespace

Micrograph readNpy(ByteView file, const ReadOptions& options) {
    ByteCursor c(file, false);
    c.skip(6);
    const int major = c.u8();
    c.u8();
    std::uint64_t headerLen;
    if (major == 1)
        headerLen = c.u16();
    else if (major == 2 || major == 3)
        headerLen = c.u32();
    else
        fail(ErrorCode::Unsupported, "npy format version " + std::to_string(major) + " is unknown");
    if (headerLen > 1 << 20)
        fail(ErrorCode::Format, "npy header length " + std::to_string(headerLen) + " is absurd");
    const NpyHeader h = parseHeader(c.bytes(headerLen));
    const std::uint64_t dataStart = c.pos();

    if (h.shape.size() < 2)
        fail(ErrorCode::Unsupported, "npy array has " + std::to_string(h.shape.size()) +
                                         " dimension(s); an image needs at least 2");
    const std::size_t n = h.shape.size();
    const std::uint64_t rows = h.shape[n - 2], cols = h.shape[n - 1];
    std::uint64_t frames = 1;
    for (std::size_t k = 0; k + 2 < n; ++k) {
        if (h.shape[k] == 0)
            fail(ErrorCode::Format, "npy array is empty");
        if (frames > (std::uint64_t(1) << 40) / h.shape[k])
            fail(ErrorCode::Format, "npy shape is absurd");
        frames *= h.shape[k];
    }
    const std::uint64_t elem = sampleSize(h.type) * (h.complex ? 2 : 1);
    const std::uint64_t available = file.size - dataStart;
    requireFits(rows, cols, frames, h.type, available / (h.complex ? 2 : 1), "npy array");
    if (frames > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        fail(ErrorCode::Unsupported, "npy array has too many frames");
    requireFrame(options.frame, static_cast<std::int64_t>(frames));

    Micrograph m;
    m.frames = static_cast<int>(frames);
    m.frameIndex = options.frame;
    m.dtype = h.complex ? (elem == 8 ? "complex64" : "complex128") : sampleName(h.type);
    m.metadata["npy.descr"] = h.descr;
    m.metadata["npy.fortran_order"] = h.fortran ? "true" : "false";
    const int R = static_cast<int>(rows), C = static_cast<int>(cols);

    if (!h.fortran && !h.complex) {
        m.pixels = decodePlane(file, dataStart + static_cast<std::uint64_t>(options.frame) * rows * cols * elem, R, C,
                               h.type, h.bigEndian);
        return m;
    }
    // General strided gather (Fortran order, complex): element strides per axis, then one pixel at a time.
    std::vector<std::uint64_t> stride(n);
    std::uint64_t s = 1;
    if (h.fortran)
        for (std::size_t k = 0; k < n; ++k) { stride[k] = s; s *= h.shape[k]; }
    else
        for (std::size_t k = n; k-- > 0;) { stride[k] = s; s *= h.shape[k]; }
    std::uint64_t base = 0, rest = static_cast<std::uint64_t>(options.frame);
    for (std::size_t k = n - 2; k-- > 0;) {
        base += (rest % h.shape[k]) * stride[k];
        rest /= h.shape[k];
    }
    m.pixels.create(R, C, CV_32F);
    const std::uint8_t* data = file.data + dataStart;
    for (int r = 0; r < R; ++r) {
        float* out = m.pixels.ptr<float>(r);
        for (int col = 0; col < C; ++col) {
            const std::uint64_t idx = base + r * stride[n - 2] + col * stride[n - 1];
            if (h.complex) {
                float re, im;
                convertSamples(data + idx * elem, h.type, h.bigEndian, 1, &re);
                convertSamples(data + idx * elem + elem / 2, h.type, h.bigEndian, 1, &im);
                out[col] = std::hypot(re, im);
            } else {
                convertSamples(data + idx * elem, h.type, h.bigEndian, 1, &out[col]);
            }
        }
    }
    if (h.complex)
        m.metadata["complex_part"] = "magnitude";
    return m;
}

} // namespace ds::io
