#include "core/batch/shard_merge.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/common/regular_file.h"
#include "core/common/utf8_text.h"
#include "core/report/patch_csv.h"
#include "core/report/summary_json.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace ds {

namespace fs = std::filesystem;

namespace {

nlohmann::json readJson(const fs::path& path) {
    check(requireRegularFile(path.string()));
    std::ifstream in(path);
    if (!in)
        fail(ErrorCode::Io, path.string() + ": cannot open (is this a finished score output folder?)");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        fail(ErrorCode::Format, path.string() + ": not valid JSON (" + e.what() + ")");
    }
}

// First CSV field of a row, honouring quotes (image names may hold commas).
std::string firstField(const std::string& line) {
    if (line.empty() || line[0] != '"')
        return line.substr(0, line.find(','));
    std::string out;
    for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
                out += '"';
                ++i;
                continue;
            }
            break;
        }
        out += line[i];
    }
    return out;
}

// The first setting that differs, for a message that says what to fix.
std::string describeDifference(const nlohmann::json& a, const nlohmann::json& b) {
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key()) || b[it.key()] != it.value())
            return it.key() + " " + dumpJson(it.value(), -1) + " vs " + (b.contains(it.key()) ? dumpJson(b[it.key()], -1) : "missing");
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()))
            return it.key() + " missing vs " + dumpJson(it.value(), -1);
    return "settings differ";
}

struct Shard {
    fs::path dir;
    nlohmann::json summary;
    std::map<std::string, std::vector<std::string>> rows; // image -> its CSV lines
};

Shard loadShard(const fs::path& dir) {
    Shard s;
    s.dir = dir;
    s.summary = readJson(dir / "summary.json");
    for (const char* key : {"settings", "shard", "inputs", "images"})
        if (!s.summary.contains(key))
            fail(ErrorCode::Format, (dir / "summary.json").string() + ": no '" + key + "' (not a score output folder)");
    std::ifstream in(dir / "patches.csv");
    if (!in)
        fail(ErrorCode::Io, (dir / "patches.csv").string() + ": cannot open");
    std::string line;
    if (!std::getline(in, line) || line != kPatchCsvHeader)
        fail(ErrorCode::Format, (dir / "patches.csv").string() + ": unexpected header");
    while (std::getline(in, line))
        if (!line.empty())
            s.rows[firstField(line)].push_back(line);
    for (const auto& img : s.summary["images"]) {
        if (img.value("status", "") != "ok")
            continue;
        const std::string name = img.value("image", "");
        const auto it = s.rows.find(name);
        const size_t have = it == s.rows.end() ? 0 : it->second.size();
        if (have != img.value("patches", 0u))
            fail(ErrorCode::Format, (dir / "patches.csv").string() + ": " + std::to_string(have) + " rows for '" + name +
                                        "' but the summary says " + std::to_string(img.value("patches", 0)));
    }
    return s;
}

} // namespace

Result<MergeResult> mergeShards(const std::vector<std::string>& shardDirs, const std::string& outDir) {
    return guarded("merge", [&] {
        if (shardDirs.empty())
            fail(ErrorCode::InvalidArgument, "no shard folders given");
        std::error_code ec;
        for (const std::string& d : shardDirs)
            if (fs::equivalent(d, outDir, ec))
                fail(ErrorCode::InvalidArgument, "the output folder '" + outDir + "' is one of the shards");
        std::vector<Shard> shards;
        for (const std::string& d : shardDirs)
            shards.push_back(loadShard(d));

        const nlohmann::json& settings = shards[0].summary["settings"];
        const int count = shards[0].summary["shard"].value("count", 1);
        const int inputs = shards[0].summary.value("inputs", 0);
        const std::string digest = shards[0].summary.value("inputs_digest", std::string());
        std::set<int> seen;
        for (const Shard& s : shards) {
            const std::string name = s.dir.string();
            if (s.summary["settings"] != settings)
                fail(ErrorCode::InvalidArgument, "'" + name + "' was scored with different settings than '" +
                                                     shards[0].dir.string() + "' (" +
                                                     describeDifference(s.summary["settings"], settings) + ")");
            if (s.summary["shard"].value("count", 1) != count)
                fail(ErrorCode::InvalidArgument, "'" + name + "' is a shard of " +
                                                     std::to_string(s.summary["shard"].value("count", 1)) +
                                                     ", the others of " + std::to_string(count));
            if (s.summary.value("inputs", 0) != inputs)
                fail(ErrorCode::InvalidArgument, "'" + name + "' saw " + std::to_string(s.summary.value("inputs", 0)) +
                                                     " input files, the others " + std::to_string(inputs) +
                                                     " (the shards were run on different inputs)");
            if (s.summary.value("inputs_digest", std::string()) != digest)
                fail(ErrorCode::InvalidArgument, "'" + name + "' was scored from a different input list than '" +
                                                     shards[0].dir.string() + "' (input digest " +
                                                     s.summary.value("inputs_digest", std::string("missing")) + " vs " +
                                                     (digest.empty() ? "missing" : digest) + ")");
            if (!seen.insert(s.summary["shard"].value("index", 0)).second)
                fail(ErrorCode::InvalidArgument, "shard " + std::to_string(s.summary["shard"].value("index", 0)) +
                                                     " is given twice ('" + name + "')");
        }

        // Every image in input order (inputs are sorted by path, so sorting by image restores it).
        std::vector<std::pair<nlohmann::json, const Shard*>> images;
        double seconds = 0;
        for (const Shard& s : shards) {
            for (const auto& img : s.summary["images"])
                images.emplace_back(img, &s);
            seconds += s.summary.value("seconds", 0.0);
        }
        std::sort(images.begin(), images.end(), [](const auto& a, const auto& b) {
            return a.first.value("image", std::string()) < b.first.value("image", std::string());
        });

        // The merged summary must not list a folder that is not there: check them all before writing.
        for (const auto& [img, shard] : images) {
            const std::string folder = img.value("folder", "");
            if (img.value("status", "") == "ok" && (folder.empty() || !fs::is_directory(shard->dir / folder)))
                fail(ErrorCode::Format, (shard->dir / "summary.json").string() + " lists '" +
                                            img.value("image", std::string()) + "' in folder '" + folder +
                                            "', which does not exist in the shard");
        }
        fs::create_directories(outDir, ec);
        if (ec || !fs::is_directory(outDir))
            fail(ErrorCode::Io, "cannot create output directory '" + outDir + "': " +
                                    (ec ? ec.message() : std::string("exists and is not a directory")));
        // Per-image folders first; the combined files last, so a failed merge does not look finished.
        nlohmann::json merged = nlohmann::json::array();
        int failed = 0;
        for (const auto& [img, shard] : images) {
            const std::string folder = img.value("folder", "");
            failed += img.value("status", "") != "ok";
            if (!folder.empty() && fs::is_directory(shard->dir / folder)) {
                fs::copy(shard->dir / folder, fs::path(outDir) / folder,
                         fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
                if (ec)
                    fail(ErrorCode::Io, "cannot copy " + (shard->dir / folder).string() + ": " + ec.message());
            }
            merged.push_back(img);
        }
        {
            AtomicFile csv((fs::path(outDir) / "patches.csv").string());
            std::ofstream out(csv.tempPath(), std::ios::trunc);
            out << kPatchCsvHeader << '\n';
            for (const auto& [img, shard] : images) {
                const auto rows = shard->rows.find(img.value("image", std::string()));
                if (img.value("status", "") == "ok" && rows != shard->rows.end())
                    for (const std::string& line : rows->second)
                        out << line << '\n';
            }
            out.close();
            if (!out)
                fail(ErrorCode::Io, csv.tempPath() + ": write failed");
            if (auto st = csv.commit(); !st)
                fail(st.error().code, st.error().message);
        }
        MergeResult result;
        result.shards = static_cast<int>(shards.size());
        result.shardCount = count;
        for (int i = 0; i < count; ++i)
            if (!seen.count(i))
                result.missingShards.push_back(i);
        result.images = static_cast<int>(merged.size());
        result.failed = failed;
        const nlohmann::json summary = {
            {"settings", settings},
            {"shard", {{"index", 0}, {"count", 1}, {"merged_from", std::vector<int>(seen.begin(), seen.end())},
                       {"of", count}, {"missing", result.missingShards}}},
            {"inputs", inputs},
            {"inputs_digest", digest},
            {"scored", result.images - failed},
            {"failed", failed},
            {"images", merged},
            {"input_problems", shards[0].summary.value("input_problems", nlohmann::json::array())},
            {"seconds", seconds},
            {"versions", versionsJson()},
        };
        if (auto st = writeJsonFile((fs::path(outDir) / "summary.json").string(), summary); !st)
            fail(st.error().code, st.error().message);
        return result;
    });
}

} // namespace ds
