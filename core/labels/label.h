#pragma once
// Label: what a scientist (or the ground truth) says about one patch.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ds {

enum class Label : std::int8_t { Unlabelled = 0, Perfect = 1, Defect = 2 };

inline std::string_view labelName(Label l) {
    switch (l) {
    case Label::Perfect: return "perfect";
    case Label::Defect: return "defect";
    default: return "";
    }
}

inline std::optional<Label> parseLabel(std::string_view s) {
    if (s == "defect") return Label::Defect;
    if (s == "perfect") return Label::Perfect;
    if (s.empty() || s == "unlabelled" || s == "none") return Label::Unlabelled;
    return std::nullopt;
}

} // namespace ds
