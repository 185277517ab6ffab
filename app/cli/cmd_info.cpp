// defectscope-cli info FILE [--json] [--frame N] [--image N]: what readMicrograph() sees in a file -
// shape, frames, original dtype, per-axis calibration (as stated and in nm/px) and metadata. A file
// that cannot be read gives one line on stderr naming the file and the reason, and exit code 2.
#include "cli_common.h"
#include "commands.h"

#include "core/common/utf8_text.h"
#include "core/io/read_micrograph.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace ds::cli {

namespace {

nlohmann::json nmOrNull(const AxisCalibration& a) {
    const auto nm = a.nmPerPixel();
    return nm ? nlohmann::json(*nm) : nlohmann::json(nullptr);
}

std::string nmText(const AxisCalibration& a) {
    const auto nm = a.nmPerPixel();
    if (!nm)
        return "not a length";
    std::ostringstream s;
    s << std::setprecision(9) << *nm << " nm/px";
    return s.str();
}

} // namespace

int runInfo(const Args& args) {
    po::options_description options("info options");
    std::string file;
    ReadOptions read;
    bool json = false;
    options.add_options()("help,h", "show this help")                                          //
        ("file", po::value(&file)->required(), "micrograph file (DM3/DM4/MRC/TIFF/SER/EMD/PNG/JPEG/NPY)") //
        ("json", po::bool_switch(&json), "print one JSON object instead of text")                 //
        ("frame", po::value(&read.frame)->default_value(0), "frame of a stack/volume/series (0-based)") //
        ("image", po::value(&read.image)->default_value(-1), "image of a multi-image file (-1 = auto)") //
        ("allow-nonfinite", po::bool_switch(&read.allowNonFinite), "keep NaN/Inf pixels instead of failing");
    po::positional_options_description positional;
    positional.add("file", 1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, options, positional, vm, "info FILE [--json] [--frame N] [--image N]", help))
        return kExitError;
    if (help)
        return kExitOk;

    auto result = readMicrograph(file, read);
    if (!result)
        return fail(result.error());
    const Micrograph& m = *result;
    double lo = 0, hi = 0;
    cv::minMaxLoc(m.pixels, &lo, &hi);
    const double mean = cv::mean(m.pixels)[0];

    if (json) {
        nlohmann::json j;
        j["path"] = m.path;
        j["width"] = m.width();
        j["height"] = m.height();
        j["frames"] = m.frames;
        j["frame"] = m.frameIndex;
        j["dtype"] = m.dtype;
        j["scale_x"] = m.x.scale;
        j["scale_y"] = m.y.scale;
        j["unit_x"] = m.x.unit;
        j["unit_y"] = m.y.unit;
        j["origin_x"] = m.x.origin;
        j["origin_y"] = m.y.origin;
        j["nm_per_px_x"] = nmOrNull(m.x);
        j["nm_per_px_y"] = nmOrNull(m.y);
        j["min"] = lo;
        j["max"] = hi;
        j["mean"] = mean;
        j["metadata"] = nlohmann::json::object();
        for (const auto& [k, v] : m.metadata)
            j["metadata"][k] = v;
        std::cout << dumpJson(j) << "\n";
        return kExitOk;
    }
    std::cout << "file:        " << m.path << "\n"
              << "size:        " << m.width() << " x " << m.height() << " px\n"
              << "frames:      " << m.frames << " (showing " << m.frameIndex << ")\n"
              << "dtype:       " << m.dtype << "\n"
              << "x:           " << m.x.scale << " " << (m.x.unit.empty() ? "(no unit)" : m.x.unit) << "/px, origin "
              << m.x.origin << " (" << nmText(m.x) << ")\n"
              << "y:           " << m.y.scale << " " << (m.y.unit.empty() ? "(no unit)" : m.y.unit) << "/px, origin "
              << m.y.origin << " (" << nmText(m.y) << ")\n"
              << "range:       " << lo << " .. " << hi << ", mean " << mean << "\n";
    for (const auto& [k, v] : m.metadata)
        std::cout << "  " << k << ": " << v << "\n";
    return kExitOk;
}

} // namespace ds::cli
