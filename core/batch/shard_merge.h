#pragma once
// mergeShards(): joins the output folders of sharded `score` runs into one folder that looks like a
// single unsharded run - combined patches.csv (images in input order), summary.json and every
// image's sub-folder. Shards run with different settings, different input lists or a different shard
// count are refused, as is the same shard given twice; missing shards are merged but reported.
// Plain function; any thread (one merge per output folder at a time).
#include "core/common/result.h"

#include <string>
#include <vector>

namespace ds {

struct MergeResult {
    int shards = 0;                 // shard folders merged
    int shardCount = 0;             // n of the i/n they were run with
    std::vector<int> missingShards; // indices in [0, n) that were not given
    int images = 0, failed = 0;
};

Result<MergeResult> mergeShards(const std::vector<std::string>& shardDirs, const std::string& outDir);

} // namespace ds
