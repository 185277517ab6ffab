#include "core/eval/patch_table.h"

#include "core/common/guard.h"

#include <fstream>

namespace ds {

Status writePatchTable(const std::string& path, const std::string& imageName, const ImageScores& scores,
                       std::span<const Label> labels) {
    return guarded(path, [&] {
        if (static_cast<int>(scores.scores.size()) != scores.grid.size())
            fail(ErrorCode::InvalidArgument, "scores do not match the grid");
        std::ofstream out(path, std::ios::trunc);
        if (!out)
            fail(ErrorCode::Io, "cannot write");
        // Quote the image name when it could break the CSV.
        std::string name = imageName;
        if (name.find_first_of(",\"\n") != std::string::npos) {
            std::string q = "\"";
            for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
            name = q + "\"";
        }
        out << "image,index,x,y,width,height,score,label\n";
        out.precision(7);
        for (int i = 0; i < scores.grid.size(); ++i) {
            const cv::Rect r = scores.grid.rect(i);
            out << name << ',' << i << ',' << r.x << ',' << r.y << ',' << r.width << ',' << r.height << ','
                << scores.scores[static_cast<std::size_t>(i)] << ','
                << (static_cast<std::size_t>(i) < labels.size() ? labelName(labels[static_cast<std::size_t>(i)]) : "")
                << '\n';
        }
        out.flush();
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

} // namespace ds
