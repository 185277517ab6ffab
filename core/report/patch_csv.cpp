#include "core/report/patch_csv.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/common/utf8_text.h"

#include <charconv>
#include <cmath>
#include <fstream>

namespace ds {

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + '"';
}

namespace {
template <class T> std::string shortest(T v) {
    if (!std::isfinite(v))
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}
} // namespace

std::string formatNumber(double v) { return shortest(v); }
std::string formatNumber(float v) { return shortest(v); }

void writePatchRows(std::ostream& out, const ScoreReport& r) {
    const std::string image = csvField(validUtf8(r.image)); // the same text as summary.json's "image"
    const auto sx = r.x.nmPerPixel(), sy = r.y.nmPerPixel();
    for (int i = 0; i < r.grid.size(); ++i) {
        const cv::Rect rc = r.grid.rect(i);
        const double cx = rc.x + rc.width / 2.0, cy = rc.y + rc.height / 2.0;
        out << image << ',' << i << ',' << rc.x << ',' << rc.y << ',' << rc.width << ',' << rc.height << ','
            << formatNumber(cx) << ',' << formatNumber(cy) << ',';
        if (sx && sy) {
            // Physical position: the file's origin plus pixels times the scale (the origin is stated
            // in the file's own unit; nm conversion uses the same factor).
            const double ox = r.x.origin * (*sx / r.x.scale), oy = r.y.origin * (*sy / r.y.scale);
            out << formatNumber(ox + rc.x * *sx) << ',' << formatNumber(oy + rc.y * *sy) << ','
                << formatNumber(ox + cx * *sx) << ',' << formatNumber(oy + cy * *sy) << ','
                << formatNumber(rc.width * *sx) << ',' << formatNumber(rc.height * *sy) << ',';
        } else {
            out << ",,,,,,";
        }
        out << formatNumber(r.scores[static_cast<size_t>(i)]) << ',';
        if (!r.labels.empty())
            out << labelName(r.labels[static_cast<size_t>(i)]);
        out << ',' << (r.predicted(i) ? 1 : 0) << '\n';
    }
}

Status writePatchCsv(const std::string& path, const ScoreReport& report) {
    return guarded(path, [&] {
        AtomicFile file(path);
        {
            std::ofstream out(file.tempPath(), std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "cannot create file");
            out << kPatchCsvHeader << '\n';
            writePatchRows(out, report);
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        if (auto st = file.commit(); !st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
