// `defectscope-cli merge DIR... --out DIR`: joins the output folders of `score --shard i/n` runs
// (e.g. the tasks of a Slurm job array) into one folder equal to an unsharded run. Shards with
// different settings are refused; missing shards are merged but reported with exit code 1.
#include "cli_common.h"
#include "commands.h"

#include "core/batch/shard_merge.h"

#include <cstdio>

namespace ds::cli {

int runMerge(const Args& args) {
    po::options_description opts("merge options");
    std::vector<std::string> shards;
    std::string out;
    opts.add_options()("help,h", "show this help")
        ("shards", po::value(&shards)->multitoken()->required(), "output folders of the sharded score runs")
        ("out,o", po::value(&out)->required(), "output directory of the merged report");
    po::positional_options_description pos;
    pos.add("shards", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "merge DIR... --out DIR", help))
        return kExitError;
    if (help)
        return kExitOk;
    auto merged = mergeShards(shards, out);
    if (!merged)
        return fail(merged.error());
    std::printf("merged %d shard(s) of %d: %d image(s), %d failed; report in %s\n", merged->shards,
                merged->shardCount, merged->images, merged->failed, out.c_str());
    if (!merged->missingShards.empty()) {
        std::string list;
        for (int i : merged->missingShards)
            list += (list.empty() ? "" : ", ") + std::to_string(i);
        std::fprintf(stderr, "defectscope-cli: warning: shard(s) %s of %d missing; the merged report is partial\n",
                     list.c_str(), merged->shardCount);
        return kExitPartial;
    }
    return merged->failed > 0 ? kExitPartial : kExitOk;
}

} // namespace ds::cli
