#pragma once
// The --patch/--stride pair every patch-cutting subcommand takes, checked in one place: --stride
// needs --patch, both positive, stride defaults to patch / 2, no --patch = the automatic grid.
#include "core/grid/patch_grid.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <optional>
#include <string>

namespace ds::cli {

// The grid the options ask for (empty = automatic); false with `why` set on bad usage.
inline bool gridFromOptions(const boost::program_options::variables_map& vm, int patch, int stride,
                            std::optional<GridSpec>& grid, std::string& why) {
    if (vm.count("stride") && !vm.count("patch"))
        why = "--stride needs --patch";
    else if (vm.count("patch") && patch <= 0)
        why = "--patch must be positive";
    else if (vm.count("stride") && stride <= 0)
        why = "--stride must be positive";
    if (!why.empty())
        return false;
    grid.reset();
    if (vm.count("patch"))
        grid = GridSpec{patch, vm.count("stride") ? stride : std::max(1, patch / 2), 0, 0};
    return true;
}

} // namespace ds::cli
