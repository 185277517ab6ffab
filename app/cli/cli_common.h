#pragma once
// Small shared pieces of the CLI: error lines, option parsing with clear messages.
#include "core/common/error.h"
#include "core/io/read_micrograph.h"
#include "option_rules.h"

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
        if (const auto broken = brokenOptionRule(vm)) {
            fail(*broken);
            return false;
        }
        return true;
    } catch (const po::error& e) {
        fail(std::string(e.what()) + " (see defectscope-cli " + usage.substr(0, usage.find(' ')) + " --help)");
        return false;
    }
}

// Removes "--max-pixels N" / "--max-pixels=N" from `args` (an option every image-reading command
// shares, so it is taken here rather than in each command) and sets the process-wide pixel limit.
// False with `why` set when the value is not a positive whole number.
inline bool takeMaxPixels(std::vector<std::string>& args, std::string& why) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string value;
        if (args[i] == "--max-pixels" && i + 1 < args.size()) {
            value = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        } else if (args[i].rfind("--max-pixels=", 0) == 0) {
            value = args[i].substr(13);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
        } else if (args[i] == "--max-pixels") {
            why = "--max-pixels needs a value";
            return false;
        } else {
            continue;
        }
        const bool digits = !value.empty() && value.size() <= 18 &&
                            value.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoull(value) == 0) {
            why = "--max-pixels must be a positive whole number of pixels (got '" + value + "')";
            return false;
        }
        setDefaultMaxPixels(std::stoull(value));
        --i;
    }
    return true;
}

} // namespace ds::cli
