#pragma once
// Subcommands of defectscope-cli. Each lives in its own cmd_<name>.cpp, parses its own options with
// Boost.program_options and returns the process exit code (0 ok, 1 some work failed, 2 bad usage or
// input). Errors are printed as one line on stderr via cli_common.h; never a stack trace.
#include <string>
#include <vector>

namespace ds::cli {

using Args = std::vector<std::string>; // arguments after the subcommand name

int runDemo(const Args& args);
int runInfo(const Args& args);
int runLattice(const Args& args);
int runEvaluate(const Args& args);
int runScore(const Args& args);
int runTrain(const Args& args);
int runMerge(const Args& args);
int runReport(const Args& args);
int runExportPatches(const Args& args);
int runTrainDataset(const Args& args);       // `train --dataset`, dispatched from runTrain
int runEvaluateCrossImage(const Args& args); // `evaluate --cross-image`, dispatched from runEvaluate

// Whether `args` holds the option `--name` (alone or as --name=value): how a command hands a mode
// with its own options to another file.
bool hasOption(const Args& args, const std::string& name);

} // namespace ds::cli
