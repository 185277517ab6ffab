#pragma once
// The value rules of options several commands share, keyed by option name and checked once for every
// command in parseArgs() (cli_common.h): a command that declares --patch gets "--patch must be a
// positive whole number" without its own check. Issue 17 found --patch 0 / -5 silently ignored,
// --threshold nan accepted and --bootstrap 2e9 running for minutes.
#include <boost/program_options.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <typeinfo>

namespace ds::cli {

// Most bootstrap resamples evaluate accepts: 100000 already gives a 95% interval to 3 decimals.
inline constexpr double kMaxBootstrapResamples = 100000;

struct OptionRule {
    const char* name;
    double min, max; // inclusive bounds
    const char* says; // what the value must be, for the message
};

inline constexpr OptionRule kOptionRules[] = {
    {"patch", 1, 1 << 16, "a positive number of pixels (at most 65536)"},
    {"stride", 1, 1 << 16, "a positive number of pixels (at most 65536)"},
    {"resample", 1, 1024, "a positive number of pixels (at most 1024)"},
    {"threshold", -1e300, 1e300, "a finite number"},
    {"contamination", -1e300, 1e300, "a finite number"},
    {"bootstrap", 0, kMaxBootstrapResamples, "between 0 and 100000"},
};

// The numeric value of option `name` when it was given (int, unsigned, 64-bit or double options).
inline std::optional<double> numericOption(const boost::program_options::variables_map& vm, const std::string& name) {
    if (!vm.count(name))
        return std::nullopt;
    const auto& v = vm[name].value();
    if (v.type() == typeid(int)) return boost::any_cast<int>(v);
    if (v.type() == typeid(unsigned)) return boost::any_cast<unsigned>(v);
    if (v.type() == typeid(long)) return static_cast<double>(boost::any_cast<long>(v));
    if (v.type() == typeid(unsigned long)) return static_cast<double>(boost::any_cast<unsigned long>(v));
    if (v.type() == typeid(double)) return boost::any_cast<double>(v);
    return std::nullopt;
}

// The first broken rule as a message ("--patch must be ... (got 0)"), or nullopt.
inline std::optional<std::string> brokenOptionRule(const boost::program_options::variables_map& vm) {
    for (const OptionRule& r : kOptionRules) {
        const auto v = numericOption(vm, r.name);
        if (v && !(std::isfinite(*v) && *v >= r.min && *v <= r.max)) {
            char got[64];
            std::snprintf(got, sizeof got, "%g", *v);
            return "--" + std::string(r.name) + " must be " + r.says + " (got " + got + ")";
        }
    }
    return std::nullopt;
}

} // namespace ds::cli
