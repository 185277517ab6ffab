#include "core/project/project_file.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/common/regular_file.h"
#include "core/common/utf8_text.h"
#include "core/grid/grid_json.h"
#include "core/io/read_micrograph.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
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

// Labels are {"defect": [indices], "perfect": [indices]}; anything else ("all", 1.5, "3") is damage,
// refused rather than read as something it does not say.
void labelsFromJson(const json& j, ProjectImage& img, int patches, const std::string& where) {
    if (!j.is_object())
        fail(ErrorCode::Format, where + ": \"labels\" must be an object of index lists");
    img.labels.assign(static_cast<std::size_t>(std::max(0, patches)), Label::Unlabelled);
    for (const auto& [key, label] :
         {std::pair{"defect", Label::Defect}, std::pair{"perfect", Label::Perfect}}) {
        if (!j.contains(key))
            continue;
        if (!j.at(key).is_array())
            fail(ErrorCode::Format, where + ": \"" + key + "\" labels must be a list of patch indices");
        for (const json& v : j.at(key)) {
            if (!v.is_number_integer())
                fail(ErrorCode::Format, where + ": label index " + dumpJson(v, -1) + " is not a whole number");
            const long long i = v.get<long long>();
            if (i < 0 || i >= patches)
                fail(ErrorCode::Format, where + ": label index " + std::to_string(i) +
                                            " outside the grid of " + std::to_string(patches) +
                                            " patches");
            img.labels[static_cast<std::size_t>(i)] = label;
        }
    }
}

// Every run of an image, each checked against the image's grid and size.
void readRuns(const json& j, ProjectImage& img, const std::string& where) {
    for (const json& r : j.at("runs")) {
        const std::string at = where + ", run " + std::to_string(img.runs.size());
        StoredRun run;
        run.spec = unwrap(runSpecFromJson(r.at("spec")));
        auto result = runResultFromJson(r.at("result"), img.width, img.height);
        if (!result)
            fail(ErrorCode::Format, at + ": " + result.error().message);
        run.result = std::move(*result);
        if (!(run.result.grid.spec() == img.grid))
            fail(ErrorCode::Format, at + ": scored on another grid than the image's");
        if (r.contains("threshold") && !r.at("threshold").is_null()) {
            const double t = r.at("threshold").get<double>();
            if (!std::isfinite(t))
                fail(ErrorCode::Format, at + ": threshold is not finite");
            run.userThreshold = t;
        }
        img.runs.push_back(std::move(run));
    }
    img.shownRun = j.value("shown_run", img.runs.empty() ? -1 : 0);
    if (img.shownRun < -1 || img.shownRun >= static_cast<int>(img.runs.size()))
        fail(ErrorCode::Format, where + ": shown_run " + std::to_string(img.shownRun) + " is not one of its " +
                                    std::to_string(img.runs.size()) + " runs");
}

// A version-1 file kept the shown scores only: they become a run whose settings are unknown.
StoredRun version1Run(const json& s, ProjectImage& img, int patches, const std::string& where) {
    StoredRun run;
    run.spec.detector = s.value("detector", std::string());
    run.spec.grid = img.grid;
    run.result.detector = run.spec.detector;
    run.result.grid = unwrap(img.patchGrid());
    for (const json& v : s.at("values"))
        run.result.scores.push_back(v.is_null() ? std::numeric_limits<float>::quiet_NaN() : v.get<float>());
    if (static_cast<int>(run.result.scores.size()) != patches)
        fail(ErrorCode::Format, where + ": " + std::to_string(run.result.scores.size()) + " scores for " +
                                    std::to_string(patches) + " patches");
    run.result.evalScores = run.result.scores;
    run.result.notes.push_back("read from a version-1 project: the run's parameters were not recorded");
    img.shownRun = 0;
    return run;
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
        if (img.frame != 0)
            j["frame"] = img.frame;
        j["id"] = img.id;
        j["grid"] = gridSpecToJson(img.grid);
        j["labels"] = labelsToJson(img.labels);
        if (img.pixelSize)
            j["pixel_size_nm"] = {img.pixelSize->xNm, img.pixelSize->yNm};
        json runs = json::array();
        for (const StoredRun& r : img.runs)
            runs.push_back({{"spec", runSpecToJson(r.spec)},
                            {"result", runResultToJson(r.result)},
                            {"threshold", r.userThreshold ? json(*r.userThreshold) : json(nullptr)}});
        j["runs"] = runs;
        j["shown_run"] = img.shownRun;
        images.push_back(std::move(j));
    }
    return json{{"format", "defectscope-project"},
                {"version", kProjectFormatVersion},
                {"current_image", project.currentImage},
                {"next_image_id", project.nextImageId},
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
        std::set<std::uint64_t> ids;
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
                if (img.width < 0 || img.height < 0 || img.width > 1 << 20 || img.height > 1 << 20 ||
                    static_cast<std::uint64_t>(img.width) * static_cast<std::uint64_t>(img.height) > defaultMaxPixels())
                    fail(ErrorCode::Format, where + ": implausible image size " + std::to_string(img.width) + " x " +
                                                std::to_string(img.height) + " (the limit is " +
                                                std::to_string(defaultMaxPixels()) + " pixels per image)");
                img.frame = j.value("frame", 0);
                if (img.frame < 0)
                    fail(ErrorCode::Format, where + ": frame " + std::to_string(img.frame) + " is negative");
                img.grid = unwrap(gridSpecFromJson(j.at("grid")));
                // Version 1 had no ids: images are numbered in file order.
                img.id = j.contains("id") ? j.at("id").get<std::uint64_t>() : static_cast<std::uint64_t>(n);
                if (img.id == 0 || !ids.insert(img.id).second)
                    fail(ErrorCode::Format, where + ": image id " + std::to_string(img.id) +
                                                " is zero or used twice");
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
                if (j.contains("runs") && patches > 0)
                    readRuns(j, img, where);
                else if (j.contains("scores") && patches > 0)
                    img.runs.push_back(version1Run(j.at("scores"), img, patches, where));
                p.images.push_back(std::move(img));
            } catch (const json::exception& e) {
                // nlohmann's messages ("type must be string") do not say where: add which image.
                fail(ErrorCode::Format, where + ": " + e.what());
            }
        }
        std::uint64_t maxId = 0;
        for (const ProjectImage& img : p.images)
            maxId = std::max(maxId, img.id);
        p.nextImageId = std::max(root.value("next_image_id", std::uint64_t{1}), maxId + 1);
        p.currentImage = root.value("current_image", 0);
        if (p.currentImage < 0 || p.currentImage >= static_cast<int>(p.images.size()))
            p.currentImage = 0;
        if (root.contains("detector_settings") && root.at("detector_settings").is_object())
            p.detectorSettings = root.at("detector_settings");
        return p;
    });
}

Result<Project> readProject(const std::string& path) {
    if (auto regular = requireRegularFile(path); !regular)
        return regular.error();
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
    auto dumped = guarded(path, [&] { text = dumpJson(projectToJson(project, base), 1) + "\n"; });
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
