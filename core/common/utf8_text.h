#pragma once
// How bytes that are not UTF-8 - Linux file names are arbitrary bytes - reach our text outputs. JSON
// must be UTF-8 (nlohmann throws type_error.316 otherwise, which once lost a scored image and the
// combined summary), so the one rule, used for JSON and CSV alike so that the two always agree on a
// name, is: every byte that does not start a valid UTF-8 sequence becomes U+FFFD, the rest is kept.
// Valid names are unchanged. Stateless, thread-safe.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ds {

// `bytes` with each byte of an invalid UTF-8 sequence replaced by U+FFFD (EF BF BD).
std::string validUtf8(std::string_view bytes);

// json.dump(indent) that never throws on invalid UTF-8: such bytes become U+FFFD as in validUtf8().
std::string dumpJson(const nlohmann::json& json, int indent = 2);

} // namespace ds
