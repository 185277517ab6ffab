#include "core/labels/label_csv.h"

#include "core/common/guard.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ds {

namespace {

constexpr std::uintmax_t kMaxLabelFileBytes = 256ull << 20;

std::string trim(std::string s) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool parseInt(const std::string& s, int& v) {
    try {
        std::size_t used = 0;
        const double d = std::stod(s, &used);
        if (used != s.size() || !std::isfinite(d) || std::abs(d) > 1e9)
            return false;
        v = static_cast<int>(std::lround(d));
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

Result<std::vector<LabelledRect>> readLabelCsv(const std::string& path) {
    return guarded(path, [&]() -> std::vector<LabelledRect> {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec)
            fail(ErrorCode::Io, "cannot open label file (" + ec.message() + ")");
        if (size > kMaxLabelFileBytes)
            fail(ErrorCode::Format, "label file is larger than 256 MB; not a label CSV");
        std::ifstream in(path);
        if (!in)
            fail(ErrorCode::Io, "cannot open label file");
        std::vector<LabelledRect> out;
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (trim(line).empty() || line[0] == '#')
                continue;
            std::vector<std::string> cells;
            std::stringstream ss(line);
            std::string c;
            while (std::getline(ss, c, ','))
                cells.push_back(trim(c));
            int v[4];
            const bool numeric = cells.size() >= 5 && parseInt(cells[0], v[0]) && parseInt(cells[1], v[1]) &&
                                 parseInt(cells[2], v[2]) && parseInt(cells[3], v[3]);
            if (!numeric) {
                if (out.empty() && lineNo == 1 && !cells.empty() && cells[0] == "x")
                    continue; // header x,y,width,height,label
                fail(ErrorCode::Format, "line " + std::to_string(lineNo) + ": expected x,y,width,height,label");
            }
            const auto label = parseLabel(cells[4]);
            if (!label)
                fail(ErrorCode::Format, "line " + std::to_string(lineNo) + ": label '" + cells[4] +
                                            "' is neither 'defect' nor 'perfect'");
            if (v[2] <= 0 || v[3] <= 0)
                fail(ErrorCode::Format, "line " + std::to_string(lineNo) + ": width and height must be positive");
            out.push_back({cv::Rect(v[0], v[1], v[2], v[3]), *label});
        }
        return out;
    });
}

Status writeLabelCsv(const std::string& path, const std::vector<LabelledRect>& rects) {
    return guarded(path, [&] {
        std::ofstream out(path, std::ios::trunc);
        if (!out)
            fail(ErrorCode::Io, "cannot write label file");
        out << "x,y,width,height,label\n";
        for (const LabelledRect& r : rects)
            if (r.label != Label::Unlabelled)
                out << r.rect.x << ',' << r.rect.y << ',' << r.rect.width << ',' << r.rect.height << ','
                    << labelName(r.label) << '\n';
        out.flush();
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

std::vector<Label> labelsFromRects(const PatchGrid& grid, const std::vector<LabelledRect>& rects) {
    std::vector<Label> labels(static_cast<std::size_t>(grid.size()), Label::Unlabelled);
    for (const LabelledRect& lr : rects) {
        if (lr.label == Label::Unlabelled)
            continue;
        for (int i : grid.patchesIntersecting(lr.rect)) {
            const cv::Rect p = grid.rect(i);
            const double inter = (p & lr.rect).area();
            const double uni = p.area() + lr.rect.area() - inter;
            if (uni <= 0 || inter / uni < 0.5)
                continue;
            Label& l = labels[static_cast<std::size_t>(i)];
            if (l != Label::Defect)
                l = lr.label;
        }
    }
    return labels;
}

} // namespace ds
