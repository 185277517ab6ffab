// NumPy .npy reader: v1/v2/v3 headers, every little/big-endian integer and float dtype, complex as
// magnitude, C and Fortran order. Arrays of more than two dimensions are stacks of 2-D frames over
// the last two axes (leading axes flattened in C order). Pickled object arrays are refused.
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
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

// The header is a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }.
// It is parsed by hand in one forward pass with no recursion and no backtracking: every loop
// consumes at least one byte, so time is linear in the (at most 1 MiB) header whatever it holds.
class HeaderParser {
public:
    explicit HeaderParser(const std::string& text) : m_s(text) {}

    // Fills descr / fortran / shape; unknown keys are refused (numpy writes exactly these three).
    void parse(std::string& descr, bool& fortran, std::vector<std::uint64_t>& shape) {
        bool sawDescr = false, sawFortran = false, sawShape = false;
        skipSpace();
        expect('{', "the header does not start with '{'");
        while (true) {
            skipSpace();
            if (peek() == '}')
                break;
            const std::string key = quoted("a quoted key");
            skipSpace();
            expect(':', "':' expected after '" + key + "'");
            skipSpace();
            if (key == "descr") {
                if (peek() != '\'' && peek() != '"')
                    fail(ErrorCode::Unsupported, "npy dtype is not a simple numeric type (structured or unknown)");
                descr = quoted("the dtype string");
                sawDescr = true;
            } else if (key == "fortran_order") {
                fortran = boolean();
                sawFortran = true;
            } else if (key == "shape") {
                shape = tuple();
                sawShape = true;
            } else {
                fail(ErrorCode::Format, "npy header has an unknown key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            expect('}', "',' or '}' expected after '" + key + "'");
            --m_pos; // leave '}' for the loop head
        }
        if (!sawDescr)
            fail(ErrorCode::Format, "npy header has no 'descr'");
        if (!sawFortran)
            fail(ErrorCode::Format, "npy header has no 'fortran_order'");
        if (!sawShape)
            fail(ErrorCode::Format, "npy header has no 'shape'");
    }

private:
    char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }
    void skipSpace() {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r'))
            ++m_pos;
    }
    void expect(char c, const std::string& what) {
        if (peek() != c)
            malformed(what);
        ++m_pos;
    }
    [[noreturn]] void malformed(const std::string& what) const {
        fail(ErrorCode::Format, "npy header is malformed at byte " + std::to_string(m_pos) + ": " + what);
    }
    std::string quoted(const std::string& what) {
        const char q = peek();
        if (q != '\'' && q != '"')
            malformed(what + " expected");
        const std::size_t end = m_s.find(q, m_pos + 1);
        if (end == std::string::npos || end - m_pos > 64)
            malformed("unterminated or overlong string");
        std::string s = m_s.substr(m_pos + 1, end - m_pos - 1);
        m_pos = end + 1;
        return s;
    }
    bool boolean() {
        if (m_s.compare(m_pos, 4, "True") == 0) {
            m_pos += 4;
            return true;
        }
        if (m_s.compare(m_pos, 5, "False") == 0) {
            m_pos += 5;
            return false;
        }
        malformed("'fortran_order' must be True or False");
    }
    // "(d0, d1, ...)" with an optional trailing comma; Python 2 files may write "3L".
    std::vector<std::uint64_t> tuple() {
        std::vector<std::uint64_t> dims;
        expect('(', "'shape' must be a tuple");
        while (true) {
            skipSpace();
            if (peek() == ')')
                break;
            if (peek() == '-')
                fail(ErrorCode::Format, "npy shape has a negative dimension");
            const std::size_t start = m_pos;
            std::uint64_t v = 0;
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
                if (m_pos - start >= 18)
                    fail(ErrorCode::Format, "npy shape value is absurd (more than 18 digits)");
                v = v * 10 + static_cast<std::uint64_t>(m_s[m_pos++] - '0');
            }
            if (m_pos == start)
                malformed("a dimension (non-negative integer) expected in 'shape'");
            if (peek() == 'L')
                ++m_pos;
            if (dims.size() >= 32)
                fail(ErrorCode::Format, "npy shape has more than 32 dimensions");
            dims.push_back(v);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            expect(')', "',' or ')' expected in 'shape'");
            return dims;
        }
        ++m_pos;
        return dims;
    }

    const std::string& m_s;
    std::size_t m_pos = 0;
};

NpyHeader parseHeader(const std::string& header) {
    NpyHeader h;
    std::string descr;
    HeaderParser(header).parse(descr, h.fortran, h.shape);
    // descr: byte order, kind letter, size in bytes, e.g. "<f4", "|u1", ">c16".
    const bool simple = descr.size() >= 3 && descr.size() <= 5 && std::strchr("<>|=", descr[0]) &&
                        std::isalpha(static_cast<unsigned char>(descr[1])) &&
                        std::all_of(descr.begin() + 2, descr.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!simple) {
        if (descr.find('O') != std::string::npos && descr.size() <= 3)
            fail(ErrorCode::Unsupported, "npy holds Python objects (pickles), which are never loaded");
        fail(ErrorCode::Unsupported, "npy dtype '" + descr + "' is not a simple numeric type (structured or unknown)");
    }
    h.descr = descr;
    h.bigEndian = descr[0] == '>';
    const char kind = descr[1];
    const int bytes = std::stoi(descr.substr(2));
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
    requirePixelLimit(rows, cols, options, "npy array");
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
