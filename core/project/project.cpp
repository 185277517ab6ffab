#include "core/project/project.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace ds {

std::string ProjectImage::displayName() const {
    if (synthSeed)
        return "synthetic #" + std::to_string(*synthSeed);
    return std::filesystem::path(path).filename().string();
}

Result<PatchGrid> ProjectImage::patchGrid() const {
    if (width <= 0 || height <= 0)
        return make_error(ErrorCode::InvalidArgument, displayName() + ": image size not known yet");
    return PatchGrid::create(grid, width, height);
}

const StoredRun* ProjectImage::shown() const {
    return shownRun >= 0 && shownRun < static_cast<int>(runs.size()) ? &runs[static_cast<std::size_t>(shownRun)]
                                                                      : nullptr;
}

const StoredRun* ProjectImage::run(const std::string& detector) const {
    for (const StoredRun& r : runs)
        if (r.result.detector == detector)
            return &r;
    return nullptr;
}

const std::vector<float>& ProjectImage::scores() const {
    static const std::vector<float> none;
    const StoredRun* r = shown();
    return r ? r->result.scores : none;
}

std::string ProjectImage::scoresDetector() const {
    const StoredRun* r = shown();
    return r ? r->result.detector : std::string();
}

std::uint64_t Project::addImage(ProjectImage image) {
    image.id = nextImageId++;
    images.push_back(std::move(image));
    return images.back().id;
}

int Project::indexOfId(std::uint64_t id) const {
    for (std::size_t i = 0; i < images.size(); ++i)
        if (images[i].id == id)
            return static_cast<int>(i);
    return -1;
}

LabelCounts countLabels(const std::vector<Label>& labels) {
    LabelCounts c;
    for (Label l : labels) {
        switch (l) {
        case Label::Defect:
            ++c.defect;
            break;
        case Label::Perfect:
            ++c.perfect;
            break;
        default:
            ++c.unlabelled;
            break;
        }
    }
    return c;
}

std::vector<Label> remapLabels(const PatchGrid& from, const std::vector<Label>& labels,
                               const PatchGrid& to) {
    std::vector<Label> out(static_cast<std::size_t>(to.size()), Label::Unlabelled);
    if (from.empty() || labels.size() != static_cast<std::size_t>(from.size()))
        return out;
    const GridSpec& f = from.spec();
    const double limit = to.spec().side / 4.0;
    for (int i = 0; i < to.size(); ++i) {
        const cv::Rect r = to.rect(i);
        const double cx = r.x + r.width / 2.0, cy = r.y + r.height / 2.0;
        // Nearest old centre: old centres sit on a lattice of pitch f.stride offset by half a side.
        const int c =
            std::clamp(static_cast<int>(std::lround((cx - f.originX - f.side / 2.0) / f.stride)), 0,
                       from.columns() - 1);
        const int rr =
            std::clamp(static_cast<int>(std::lround((cy - f.originY - f.side / 2.0) / f.stride)), 0,
                       from.rows() - 1);
        const int j = from.index(c, rr);
        const cv::Rect o = from.rect(j);
        const double dx = o.x + o.width / 2.0 - cx, dy = o.y + o.height / 2.0 - cy;
        if (std::hypot(dx, dy) < limit)
            out[static_cast<std::size_t>(i)] = labels[static_cast<std::size_t>(j)];
    }
    return out;
}

} // namespace ds
