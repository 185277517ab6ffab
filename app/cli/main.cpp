// defectscope-cli: the headless twin of the desktop application. Dispatches to subcommands.
#include "commands.h"
#include "cli_common.h"

#include "core/common/heap_reuse.h"
#include "core/common/huge_pages.h"

#include <algorithm>
#include <cstring>
#include <iostream>

namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const ds::cli::Args&);
};

constexpr Command kCommands[] = {
    {"demo", "synthesise a graphene micrograph, score it and write a report", ds::cli::runDemo},
    {"info", "print shape, dtype, calibration and metadata of a micrograph file", ds::cli::runInfo},
    {"lattice", "estimate bond length and orientation of the lattice", ds::cli::runLattice},
    {"evaluate", "score one image against point truth and print its AUROC", ds::cli::runEvaluate},
    {"score", "score images or folders and write patches.csv and summary.json", ds::cli::runScore},
    {"train", "fit a detector on labelled images and save the model", ds::cli::runTrain},
    {"merge", "join the outputs of sharded score runs", ds::cli::runMerge},
    {"report", "write the reports of a project's shown runs (as the GUI's Export)", ds::cli::runReport},
    {"export-patches", "write labelled patches as .npy stacks (+ CSV, JSON, HDF5) for training", ds::cli::runExportPatches},
};

void printUsage(std::ostream& out) {
    out << "Usage: defectscope-cli <command> [options]\n\nCommands:\n";
    std::size_t width = 0;
    for (const Command& c : kCommands)
        width = std::max(width, std::strlen(c.name) + 2);
    for (const Command& c : kCommands)
        out << "  " << c.name << std::string(width - std::strlen(c.name), ' ') << c.summary << "\n";
    out << "\nOptions of every command that reads images:\n"
        << "  --max-pixels N  refuse images of more than N pixels per frame, judged from the file header\n"
        << "                  before decoding (default " << ds::kDefaultMaxPixels << " = 16384 x 16384)\n";
    out << "\nRun 'defectscope-cli <command> --help' for the options of one command.\n";
}

} // namespace

bool ds::cli::hasOption(const Args& args, const std::string& name) {
    const std::string flag = "--" + name;
    return std::any_of(args.begin(), args.end(),
                       [&](const std::string& a) { return a == flag || a.rfind(flag + "=", 0) == 0; });
}

int main(int argc, char** argv) {
    ds::useHugePagesForLargeMats(); // large images: far fewer page faults (see huge_pages.h)
    ds::reuseFreedHeapMemory();     // and freed large buffers reused, not unmapped (see heap_reuse.h)
    if (argc < 2) {
        printUsage(std::cerr);
        return ds::cli::kExitError;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(std::cout);
        return ds::cli::kExitOk;
    }
    if (name == "--version") {
        std::cout << "defectscope-cli " << DEFECTSCOPE_VERSION << "\n";
        return ds::cli::kExitOk;
    }
    for (const Command& c : kCommands) {
        if (name == c.name) {
            try {
                ds::cli::Args args(argv + 2, argv + argc);
                if (std::string why; !ds::cli::takeMaxPixels(args, why))
                    return ds::cli::fail(why);
                return c.run(args);
            } catch (const std::exception& e) {
                // Core returns errors as values; this is the last line of defence against a crash.
                return ds::cli::fail(std::string("internal error: ") + e.what());
            }
        }
    }
    return ds::cli::fail("unknown command '" + name + "' (run defectscope-cli --help)");
}
