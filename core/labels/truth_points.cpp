#include "core/labels/truth_points.h"

#include "core/common/csv_reader.h"
#include "core/common/guard.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace ds {

namespace {

constexpr std::uintmax_t kMaxTruthFileBytes = 64ull << 20;

} // namespace

Result<std::vector<TruthPoint>> readTruthPoints(const std::string& path) {
    return guarded(path, [&]() -> std::vector<TruthPoint> {
        CsvReader csv(path, "point file", kMaxTruthFileBytes);
        std::vector<TruthPoint> points;
        std::vector<std::string> cells;
        int ix = 0, iy = 1, ik = 2;
        bool headerSeen = false;
        while (csv.next(cells)) {
            double x = 0, y = 0;
            if (!headerSeen) {
                headerSeen = true;
                if (!CsvReader::parseDouble(cells[0], x)) { // a header: find the columns by name
                    ix = iy = ik = -1;
                    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
                        if (cells[c] == "x") ix = c;
                        else if (cells[c] == "y") iy = c;
                        else if (cells[c] == "kind") ik = c;
                    }
                    if (ix < 0 || iy < 0)
                        csv.failLine("header must name columns x and y (x,y,kind)");
                    continue;
                }
            }
            const int need = std::max(ix, iy) + 1;
            if (static_cast<int>(cells.size()) < need || !CsvReader::parseDouble(cells[ix], x) ||
                !CsvReader::parseDouble(cells[iy], y))
                csv.failLine("expected x,y,kind with numeric x and y");
            TruthPoint p;
            p.x = x;
            p.y = y;
            if (ik >= 0 && ik < static_cast<int>(cells.size()))
                p.kind = cells[ik];
            points.push_back(std::move(p));
        }
        return points;
    });
}

Status writeTruthPoints(const std::string& path, const std::vector<TruthPoint>& points) {
    return guarded(path, [&] {
        std::ofstream out(path, std::ios::trunc);
        if (!out)
            fail(ErrorCode::Io, "cannot write point file");
        out.precision(10);
        out << "x,y,kind\n";
        for (const TruthPoint& p : points) {
            if (p.kind.find_first_of(",\n\r") != std::string::npos)
                fail(ErrorCode::InvalidArgument, "point kind '" + p.kind + "' contains a comma or newline");
            out << p.x << ',' << p.y << ',' << p.kind << '\n';
        }
        out.flush();
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

std::vector<Label> labelsFromTruth(const PatchGrid& grid, const std::vector<TruthPoint>& points, const cv::Mat& mask) {
    std::vector<Label> labels(static_cast<std::size_t>(grid.size()), Label::Perfect);
    for (const TruthPoint& p : points)
        for (int i : grid.patchesContaining(p.x, p.y))
            labels[static_cast<std::size_t>(i)] = Label::Defect;
    if (!mask.empty() && mask.cols == grid.imageWidth() && mask.rows == grid.imageHeight()) {
        cv::Mat m;
        if (mask.channels() > 1) {
            std::vector<cv::Mat> ch;
            cv::split(mask, ch);
            m = ch[0];
        } else {
            m = mask;
        }
        for (int i = 0; i < grid.size(); ++i) {
            const cv::Rect r = grid.rect(i);
            // "covers more than a quarter": strictly more than area/4 anomalous pixels.
            if (4.0 * cv::countNonZero(m(r)) > static_cast<double>(r.area()))
                labels[static_cast<std::size_t>(i)] = Label::Defect;
        }
    }
    return labels;
}

} // namespace ds
