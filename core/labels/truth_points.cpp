#include "core/labels/truth_points.h"

#include "core/common/guard.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ds {

namespace {

// Point files are small; refuse anything that is clearly not one rather than reading gigabytes.
constexpr std::uintmax_t kMaxTruthFileBytes = 64ull << 20;

std::string trim(std::string s) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
        out.push_back(trim(cell));
    if (!line.empty() && line.back() == ',')
        out.emplace_back();
    return out;
}

bool parseDouble(const std::string& s, double& v) {
    if (s.empty())
        return false;
    try {
        std::size_t used = 0;
        v = std::stod(s, &used);
        return used == s.size() && std::isfinite(v);
    } catch (...) {
        return false;
    }
}

} // namespace

Result<std::vector<TruthPoint>> readTruthPoints(const std::string& path) {
    return guarded(path, [&]() -> std::vector<TruthPoint> {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec)
            fail(ErrorCode::Io, "cannot open point file (" + ec.message() + ")");
        if (size > kMaxTruthFileBytes)
            fail(ErrorCode::Format, "point file is larger than 64 MB; not a truth-point CSV");
        std::ifstream in(path);
        if (!in)
            fail(ErrorCode::Io, "cannot open point file");
        std::vector<TruthPoint> points;
        std::string line;
        int lineNo = 0;
        int ix = 0, iy = 1, ik = 2;
        bool headerSeen = false;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (trim(line).empty() || line[0] == '#')
                continue;
            const auto cells = splitCsv(line);
            double x = 0, y = 0;
            if (!headerSeen) {
                headerSeen = true;
                if (!parseDouble(cells[0], x)) { // a header: find the columns by name
                    ix = iy = ik = -1;
                    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
                        if (cells[c] == "x") ix = c;
                        else if (cells[c] == "y") iy = c;
                        else if (cells[c] == "kind") ik = c;
                    }
                    if (ix < 0 || iy < 0)
                        fail(ErrorCode::Format, "line 1: header must name columns x and y (x,y,kind)");
                    continue;
                }
            }
            const int need = std::max(ix, iy) + 1;
            if (static_cast<int>(cells.size()) < need || !parseDouble(cells[ix], x) || !parseDouble(cells[iy], y))
                fail(ErrorCode::Format, "line " + std::to_string(lineNo) + ": expected x,y,kind with numeric x and y");
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
