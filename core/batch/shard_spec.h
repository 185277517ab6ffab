#pragma once
// ShardSpec: which part of a batch one process works on (`--shard i/n`, i from 0 to n-1, matching a
// Slurm array `--array=0-(n-1)`). The partition is by position in the sorted input list - file k
// belongs to shard k mod n - so every task that sees the same inputs computes the same split, each
// file lands in exactly one shard, and shards differ in size by at most one. Plain value; any thread.
#include "core/common/result.h"

#include <string>
#include <vector>

namespace ds {

struct ShardSpec {
    int index = 0, count = 1;
    bool operator==(const ShardSpec&) const = default;
};

// Parses "i/n"; InvalidArgument with a message saying what is wrong otherwise.
Result<ShardSpec> parseShard(const std::string& text);

// The files of `shard` from the full, sorted list (order kept).
std::vector<std::string> selectShard(const std::vector<std::string>& sortedFiles, const ShardSpec& shard);

} // namespace ds
