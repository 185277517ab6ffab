#pragma once
// Turns what a user typed after `score` - files, folders, glob patterns - into the sorted, de-duplicated
// list of micrograph files a batch run works on. Paths that do not exist or folders that cannot be
// read are collected as problems (the batch reports them and goes on) rather than aborting.
// Plain functions; any thread.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ds {

struct InputProblem {
    std::string path, message;
};

struct CollectedInputs {
    std::vector<std::string> files; // sorted by byte-wise string order, unique
    std::vector<InputProblem> problems;
};

// Shell-style match of one path component: `*` any run, `?` one character, `[abc]`, `[a-z]`, `[!x]`.
bool globMatch(std::string_view pattern, std::string_view name);
bool hasGlob(std::string_view text);

// Extensions readMicrograph understands (case-insensitive). Sidecar files are not micrographs:
// `*.mask.png` (region masks) and `annotated.png` (our own report figures) are skipped in folders.
bool looksLikeMicrograph(const std::filesystem::path& file);

// `args`: files (taken as given, whatever the extension), folders (their micrographs; with
// `recursive` also those of subfolders) and patterns with wildcards in the last component (matched
// in that folder, or with `recursive` in it and every subfolder). Anything under `exclude` (e.g. the
// output directory) is left out.
// Digest of a sorted input list (16 hex digits, FNV-1a over each path and a NUL): recorded in every
// shard's summary.json so that merge can refuse shards scored from different inputs even when their
// counts agree.
std::string inputListDigest(const std::vector<std::string>& files);

CollectedInputs collectInputs(const std::vector<std::string>& args, bool recursive,
                              const std::vector<std::filesystem::path>& exclude = {});

} // namespace ds
