#pragma once
// The `.dsproj` project file: JSON with image paths stored relative to the project's folder, labels
// stored sparsely (indices of defect and perfect patches), every run as its RunSpec and RunResult
// JSON (core/analysis) with the user's threshold. Reading
// validates everything against the grid so a damaged file is reported, never half-loaded; writing
// goes through writeFileAtomically. Plain functions; any thread.
#include "core/common/result.h"
#include "core/project/project.h"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ds {

// 2: stable image ids and every detector run (spec + result + threshold); 1 kept one score vector.
inline constexpr int kProjectFormatVersion = 2;
inline constexpr const char* kProjectExtension = ".dsproj";

// `baseDir` is the folder relative image paths are written against / resolved from.
nlohmann::json projectToJson(const Project& project, const std::string& baseDir);
Result<Project> projectFromJson(const nlohmann::json& json, const std::string& baseDir);

// Errors name the file and the reason (Io: cannot read; Format: not a project or damaged).
Result<Project> readProject(const std::string& path);
// `pathBase` is the folder image paths are written relative to: nullopt = the folder of `path`;
// an empty string = keep absolute paths (autosaves of untitled projects live in an application
// folder the images have no relation to).
Status writeProject(const std::string& path, const Project& project,
                    const std::optional<std::string>& pathBase = std::nullopt);

// The autosave sidecar of a project file: "<dir>/.<name>.autosave" next to the project.
std::string autosavePathFor(const std::string& projectPath);

} // namespace ds
