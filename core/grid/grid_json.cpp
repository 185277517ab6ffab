#include "core/grid/grid_json.h"

#include <tuple>

namespace ds {

nlohmann::json gridSpecToJson(const GridSpec& g) {
    return {{"side", g.side}, {"stride", g.stride}, {"origin_x", g.originX}, {"origin_y", g.originY}};
}

Result<GridSpec> gridSpecFromJson(const nlohmann::json& j) {
    auto integer = [&](const char* key, bool required, int fallback) -> Result<int> {
        if (!j.contains(key))
            return required ? Result<int>(make_error(ErrorCode::Format, std::string("grid: missing \"") + key + "\""))
                            : Result<int>(fallback);
        const auto& v = j.at(key);
        if (!v.is_number_integer())
            return make_error(ErrorCode::Format, std::string("grid: \"") + key + "\" is not an integer");
        return v.get<int>();
    };
    if (!j.is_object())
        return make_error(ErrorCode::Format, "grid: not a JSON object");
    GridSpec g;
    for (auto [key, required, field] : {std::tuple{"side", true, &g.side}, std::tuple{"stride", true, &g.stride},
                                        std::tuple{"origin_x", false, &g.originX},
                                        std::tuple{"origin_y", false, &g.originY}}) {
        auto v = integer(key, required, 0);
        if (!v)
            return v.error();
        *field = *v;
    }
    return g;
}

} // namespace ds
