#pragma once
// finiteRange(): the lowest and highest finite score (NaN and infinities skipped: projects load
// missing scores as NaN), or nothing when there is none. Shared by the heat-map legend and the
// score histogram so both span the same range. Pure function; any thread.
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace ds::ui {

inline std::optional<std::pair<double, double>> finiteRange(const std::vector<float>& scores) {
    std::optional<std::pair<double, double>> r;
    for (float s : scores)
        if (std::isfinite(s))
            r = r ? std::pair<double, double>{std::min<double>(r->first, s), std::max<double>(r->second, s)}
                  : std::pair<double, double>{s, s};
    return r;
}

} // namespace ds::ui
