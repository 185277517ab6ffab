#include "core/project/project_file.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace ds {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string relativeTo(const std::string& path, const std::string& base) {
    if (path.empty() || base.empty())
        return path;
    const fs::path rel = fs::path(path).lexically_relative(fs::path(base));
    return rel.empty() ? path : rel.generic_string();
}

std::string resolve(const std::string& stored, const std::string& base) {
    if (stored.empty())
        return stored;
    fs::path p(stored);
    if (p.is_relative() && !base.empty())
        p = fs::path(base) / p;
    return p.lexically_normal().string();
}

json labelsToJson(const std::vector<Label>& labels) {
    json defect = json::array(), perfect = json::array();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == Label::Defect)
            defect.push_back(i);
        else if (labels[i] == Label::Perfect)
            perfect.push_back(i);
    }
    return json{{"defect", defect}, {"perfect", perfect}};
}

void labelsFromJson(const json& j, ProjectImage& img, int patches, const std::string& where) {
    img.labels.assign(static_cast<std::size_t>(std::max(0, patches)), Label::Unlabelled);
    for (const auto& [key, label] :
         {std::pair{"defect", Label::Defect}, std::pair{"perfect", Label::Perfect}}) {
        if (!j.contains(key))
            continue;
        for (const json& v : j.at(key)) {
            const long long i = v.get<long long>();
            if (i < 0 || i >= patches)
                fail(ErrorCode::Format, where + ": label index " + std::to_string(i) +
                                            " outside the grid of " + std::to_string(patches) +
                                            " patches");
            img.labels[static_cast<std::size_t>(i)] = label;
        }
    }
}

} // namespace

json projectToJson(const Project& project, const std::string& baseDir) {
    json images = json::array();
    for (const ProjectImage& img : project.images) {
        json j;
        if (img.synthSeed)
            j["synthetic_seed"] = *img.synthSeed;
        else
            j["path"] = relativeTo(img.path, baseDir);
        j["width"] = img.width;
        j["height"] = img.height;
        j["grid"] = {{"side", img.grid.side},
                     {"stride", img.grid.stride},
                     {"origin_x", img.grid.originX},
                     {"origin_y", img.grid.originY}};
        j["labels"] = labelsToJson(img.labels);
        if (img.pixelSize)
            j["pixel_size_nm"] = {img.pixelSize->xNm, img.pixelSize->yNm};
        if (!img.scores.empty()) {
            json values = json::array();
            for (float s : img.scores)
                values.push_back(std::isfinite(s) ? json(s) : json(nullptr));
            j["scores"] = {{"detector", img.scoresDetector}, {"values", values}};
        }
        images.push_back(std::move(j));
    }
    return json{{"format", "defectscope-project"},
                {"version", kProjectFormatVersion},
                {"current_image", project.currentImage},
                {"images", images},
                {"detector_settings", project.detectorSettings}};
}

Result<Project> projectFromJson(const json& root, const std::string& baseDir) {
    return guarded("", [&]() -> Project {
        if (!root.is_object() || root.value("format", std::string()) != "defectscope-project")
            fail(ErrorCode::Format,
                 "not a DefectScope project (missing \"format\": \"defectscope-project\")");
        const int version = root.value("version", 0);
        if (version < 1 || version > kProjectFormatVersion)
            fail(ErrorCode::Unsupported, "project format version " + std::to_string(version) +
                                             " is not supported (this build reads up to " +
                                             std::to_string(kProjectFormatVersion) + ")");
        Project p;
        int n = 0;
        for (const json& j : root.at("images")) {
            const std::string where = "image " + std::to_string(n++);
            try {
                ProjectImage img;
                if (j.contains("synthetic_seed"))
                    img.synthSeed = j.at("synthetic_seed").get<std::uint64_t>();
                else
                    img.path = resolve(j.at("path").get<std::string>(), baseDir);
                img.width = j.value("width", 0);
                img.height = j.value("height", 0);
                if (img.width < 0 || img.height < 0 || img.width > 1 << 20 || img.height > 1 << 20)
                    fail(ErrorCode::Format, where + ": implausible image size");
                const json& g = j.at("grid");
                img.grid = GridSpec{g.at("side").get<int>(), g.at("stride").get<int>(),
                                    g.value("origin_x", 0), g.value("origin_y", 0)};
                int patches = 0;
                if (img.width > 0 && img.height > 0) {
                    auto grid = img.patchGrid();
                    if (!grid)
                        fail(ErrorCode::Format, where + ": " + grid.error().message);
                    patches = grid->size();
                }
                if (j.contains("labels"))
                    labelsFromJson(j.at("labels"), img, patches, where);
                if (j.contains("pixel_size_nm")) {
                    const json& ps = j.at("pixel_size_nm");
                    auto size = checkPixelSize(PixelSize{ps.at(0).get<double>(), ps.at(1).get<double>()});
                    if (!size)
                        fail(ErrorCode::Format, where + ": " + size.error().message);
                    img.pixelSize = *size;
                }
                if (j.contains("scores")) {
                    const json& s = j.at("scores");
                    img.scoresDetector = s.value("detector", std::string());
                    for (const json& v : s.at("values"))
                        img.scores.push_back(v.is_null() ? std::numeric_limits<float>::quiet_NaN()
                                                         : v.get<float>());
                    if (static_cast<int>(img.scores.size()) != patches)
                        fail(ErrorCode::Format, where + ": " + std::to_string(img.scores.size()) +
                                                    " scores for " + std::to_string(patches) +
                                                    " patches");
                }
                p.images.push_back(std::move(img));
            } catch (const json::exception& e) {
                // nlohmann's messages ("type must be string") do not say where: add which image.
                fail(ErrorCode::Format, where + ": " + e.what());
            }
        }
        p.currentImage = root.value("current_image", 0);
        if (p.currentImage < 0 || p.currentImage >= static_cast<int>(p.images.size()))
            p.currentImage = 0;
        if (root.contains("detector_settings") && root.at("detector_settings").is_object())
            p.detectorSettings = root.at("detector_settings");
        return p;
    });
}

Result<Project> readProject(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::Io, path + ": cannot open for reading");
    json root;
    try {
        root = json::parse(in);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::Format, path + ": not valid JSON (" + e.what() + ")");
    }
    const std::string base = fs::absolute(fs::path(path)).parent_path().string();
    auto p = projectFromJson(root, base);
    if (!p) {
        const std::string what = p.error().message;
        // nlohmann's type errors ("type must be number") name no file: add it, and call it damage.
        const ErrorCode code =
            p.error().code == ErrorCode::Internal ? ErrorCode::Format : p.error().code;
        return make_error(code, path + ": " + what);
    }
    return p;
}

Status writeProject(const std::string& path, const Project& project,
                    const std::optional<std::string>& pathBase) {
    const std::string base =
        pathBase ? *pathBase : fs::absolute(fs::path(path)).parent_path().string();
    std::string text;
    auto dumped = guarded(path, [&] { text = projectToJson(project, base).dump(1) + "\n"; });
    if (!dumped)
        return dumped;
    return writeFileAtomically(path, text);
}

std::string autosavePathFor(const std::string& projectPath) {
    const fs::path p(projectPath);
    // Built piecewise: GCC 12 warns falsely (-Wrestrict) about "." + std::string temporaries.
    std::string name(".");
    name += p.filename().string();
    name += ".autosave";
    return (p.parent_path() / name).string();
}

} // namespace ds
