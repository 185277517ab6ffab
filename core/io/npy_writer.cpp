// writeNpy(): NumPy v1.0 writer used for interchange with Python tools.
#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/io/byte_view.h"
#include "core/io/write_micrograph.h"

#include <fstream>

namespace ds {

Status writeNpy(const std::string& path, const cv::Mat& input, const std::vector<std::int64_t>& shape) {
    return guarded(path, [&] {
        std::int64_t declared = 1;
        for (std::int64_t d : shape) {
            if (d < 0)
                fail(ErrorCode::InvalidArgument, "writeNpy: negative dimension in the shape");
            declared *= d;
        }
        const bool emptyStack = !shape.empty() && declared == 0;
        if (!emptyStack && (input.empty() || input.dims != 2))
            fail(ErrorCode::InvalidArgument, "writeNpy needs a non-empty 2-D matrix");
        if (!shape.empty() && !emptyStack &&
            declared != static_cast<std::int64_t>(input.total()) * input.channels())
            fail(ErrorCode::InvalidArgument, "writeNpy: the shape does not match the number of elements");
        const char* descr = nullptr;
        switch (input.depth()) {
        case CV_8U: descr = "|u1"; break;
        case CV_8S: descr = "|i1"; break;
        case CV_16U: descr = "<u2"; break;
        case CV_16S: descr = "<i2"; break;
        case CV_32S: descr = "<i4"; break;
        case CV_32F: descr = "<f4"; break;
        case CV_64F: descr = "<f8"; break;
        default: fail(ErrorCode::Unsupported, "writeNpy: unsupported matrix depth");
        }
        if (!hostIsLittleEndian())
            fail(ErrorCode::Unsupported, "writeNpy: big-endian hosts are not supported");
        const cv::Mat m = input.isContinuous() ? input : input.clone();
        // Built with append(): GCC 12 warns falsely (-Wrestrict) on chains of std::string operator+.
        std::string header = "{'descr': '";
        header.append(descr).append("', 'fortran_order': False, 'shape': (");
        if (shape.empty()) {
            header.append(std::to_string(m.rows)).append(", ").append(std::to_string(m.cols));
            if (m.channels() > 1)
                header.append(", ").append(std::to_string(m.channels()));
        } else {
            for (std::size_t k = 0; k < shape.size(); ++k)
                header.append(k ? ", " : "").append(std::to_string(shape[k]));
            if (shape.size() == 1)
                header.append(","); // a Python 1-tuple
        }
        header.append("), }");
        // Pad so that magic(6) + version(2) + len(2) + header + '\n' is a multiple of 64.
        const std::size_t total = 10 + header.size() + 1;
        header.append((64 - total % 64) % 64, ' ');
        header.push_back('\n');

        AtomicFile out(path);
        {
            std::ofstream f(out.tempPath(), std::ios::binary);
            if (!f)
                fail(ErrorCode::Io, "cannot create " + out.tempPath());
            const std::uint16_t len = static_cast<std::uint16_t>(header.size());
            f.write("\x93NUMPY\x01\x00", 8);
            const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
            f.write(lenBytes, 2);
            f.write(header.data(), static_cast<std::streamsize>(header.size()));
            if (!emptyStack)
                f.write(reinterpret_cast<const char*>(m.data), static_cast<std::streamsize>(m.total() * m.elemSize()));
            f.flush();
            if (!f)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        auto st = out.commit();
        if (!st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
