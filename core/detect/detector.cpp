#include "core/detect/detector.h"

namespace ds {

void Detector::initParameters() {
    for (const ParamSpec& p : parameters())
        m_params[p.name] = p.defaultValue;
}

Status Detector::setParameter(const std::string& name, double value) {
    for (const ParamSpec& p : parameters()) {
        if (p.name != name)
            continue;
        if (!(value >= p.minimum && value <= p.maximum)) // NaN lies in no range
            return make_error(ErrorCode::InvalidArgument, id() + ": parameter " + name + " must lie in [" +
                                                              std::to_string(p.minimum) + ", " +
                                                              std::to_string(p.maximum) + "]");
        m_params[name] = value;
        return {};
    }
    return make_error(ErrorCode::InvalidArgument, id() + " has no parameter '" + name + "'");
}

double Detector::parameter(const std::string& name) const {
    auto it = m_params.find(name);
    if (it != m_params.end())
        return it->second;
    for (const ParamSpec& p : parameters())
        if (p.name == name)
            return p.defaultValue;
    return 0.0;
}

} // namespace ds
