#include "core/batch/shard_spec.h"

#include <charconv>

namespace ds {

namespace {
bool parseInt(std::string_view s, int& v) {
    if (s.empty())
        return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}
} // namespace

Result<ShardSpec> parseShard(const std::string& text) {
    const auto slash = text.find('/');
    ShardSpec s;
    if (slash == std::string::npos || !parseInt(std::string_view(text).substr(0, slash), s.index) ||
        !parseInt(std::string_view(text).substr(slash + 1), s.count))
        return make_error(ErrorCode::InvalidArgument, "--shard expects i/n with whole numbers, e.g. 0/4 (got '" + text + "')");
    if (s.count < 1 || s.index < 0 || s.index >= s.count)
        return make_error(ErrorCode::InvalidArgument,
                          "--shard " + text + ": need n >= 1 and 0 <= i < n (shards are numbered from 0)");
    return s;
}

std::vector<std::string> selectShard(const std::vector<std::string>& sortedFiles, const ShardSpec& shard) {
    std::vector<std::string> out;
    for (size_t k = static_cast<size_t>(shard.index); k < sortedFiles.size(); k += static_cast<size_t>(shard.count))
        out.push_back(sortedFiles[k]);
    return out;
}

} // namespace ds
