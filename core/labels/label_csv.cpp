#include "core/labels/label_csv.h"

#include "core/common/csv_reader.h"
#include "core/common/guard.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace ds {

namespace {

constexpr std::uintmax_t kMaxLabelFileBytes = 256ull << 20;

// An integer cell; label rectangles written by other tools may carry ".0".
bool parseInt(const std::string& s, int& v) {
    double d = 0;
    if (!CsvReader::parseDouble(s, d) || std::abs(d) > 1e9)
        return false;
    v = static_cast<int>(std::lround(d));
    return true;
}

} // namespace

Result<std::vector<LabelledRect>> readLabelCsv(const std::string& path) {
    return guarded(path, [&]() -> std::vector<LabelledRect> {
        CsvReader csv(path, "label file", kMaxLabelFileBytes);
        std::vector<LabelledRect> out;
        std::vector<std::string> cells;
        while (csv.next(cells)) {
            int v[4];
            const bool numeric = cells.size() >= 5 && parseInt(cells[0], v[0]) && parseInt(cells[1], v[1]) &&
                                 parseInt(cells[2], v[2]) && parseInt(cells[3], v[3]);
            if (!numeric) {
                if (out.empty() && csv.lineNumber() == 1 && cells[0] == "x")
                    continue; // header x,y,width,height,label
                csv.failLine("expected x,y,width,height,label");
            }
            const auto label = parseLabel(cells[4]);
            if (!label)
                csv.failLine("label '" + cells[4] + "' is neither 'defect' nor 'perfect'");
            if (v[2] <= 0 || v[3] <= 0)
                csv.failLine("width and height must be positive");
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

std::vector<LabelledRect> rectsFromLabels(const PatchGrid& grid, const std::vector<Label>& labels) {
    std::vector<LabelledRect> rects;
    for (int i = 0; i < grid.size() && i < static_cast<int>(labels.size()); ++i)
        if (labels[static_cast<std::size_t>(i)] != Label::Unlabelled)
            rects.push_back(LabelledRect{grid.rect(i), labels[static_cast<std::size_t>(i)]});
    return rects;
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
