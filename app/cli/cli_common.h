#pragma once
// Small shared pieces of the CLI: error lines, option parsing with clear messages.
#include "core/common/error.h"

#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace ds::cli {

namespace po = boost::program_options;

inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1; // some inputs failed, the rest were processed
inline constexpr int kExitError = 2;   // bad usage or input, nothing useful done

inline int fail(const std::string& message) {
    std::cerr << "defectscope-cli: error: " << message << "\n";
    return kExitError;
}
inline int fail(const Error& e) { return fail(e.message); }

// Parses `args` against `options` (+ positional), printing a one-line error on bad usage.
// Returns false when the caller should return kExitError; sets `help` when --help was given.
inline bool parseArgs(const std::vector<std::string>& args, const po::options_description& options,
                      const po::positional_options_description& positional, po::variables_map& vm,
                      const std::string& usage, bool& help) {
    try {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
        help = vm.count("help") > 0;
        if (help) {
            std::cout << "Usage: defectscope-cli " << usage << "\n\n" << options << "\n";
            return true;
        }
        po::notify(vm);
        return true;
    } catch (const po::error& e) {
        fail(std::string(e.what()) + " (see defectscope-cli " + usage.substr(0, usage.find(' ')) + " --help)");
        return false;
    }
}

} // namespace ds::cli
