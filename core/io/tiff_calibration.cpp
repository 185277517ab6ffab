#include "core/io/tiff_calibration.h"

#include "core/io/format_readers.h"

#include <cmath>
#include <sstream>

namespace ds::io {

namespace {

constexpr ttag_t kFeiHelios = 34682, kFeiSfeg = 34680, kOlympusSis = 33560;
constexpr ttag_t kGatanUnitX = 65003, kGatanUnitY = 65004, kGatanUnitZ = 65005;
constexpr ttag_t kGatanOffsetX = 65006, kGatanOffsetY = 65007, kGatanScaleX = 65009, kGatanScaleY = 65010,
                 kGatanScaleZ = 65011;

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    const auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::optional<double> parseNumber(const std::string& s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == 0 || !std::isfinite(v))
            return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

// Latin-1 to UTF-8 (TIFF ASCII tags written by DM/ImageJ carry 0xB5 for micro).
std::string latin1ToUtf8(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

bool isValidUtf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2)
                return false;
        i += n;
    }
    return true;
}

bool feiCalibration(const TiffHandle& h, TiffCalibration& cal) {
    auto text = h.text(kFeiHelios);
    if (!text)
        text = h.text(kFeiSfeg);
    if (!text)
        return false;
    std::istringstream in(*text);
    std::string line, section;
    std::map<std::string, std::string> ini;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.size() > 2 && line.front() == '[' && line.back() == ']')
            section = line.substr(1, line.size() - 2);
        else if (auto eq = line.find('='); eq != std::string::npos)
            ini[section + "." + trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    const auto px = parseNumber(ini["Scan.PixelWidth"]), py = parseNumber(ini["Scan.PixelHeight"]);
    if (!px || !py || *px <= 0 || *py <= 0)
        return false;
    cal.x = {*px, 0.0, "m"};
    cal.y = {*py, 0.0, "m"};
    const std::pair<const char*, const char*> keys[] = {
        {"Beam.HV", "voltage_V"}, {"Scan.Dwelltime", "dwell_time_s"}, {"System.SystemType", "instrument"},
        {"User.Date", "date"}, {"User.Time", "time"}, {"Image.ResolutionX", "fei.image_width"},
        {"Image.ResolutionY", "fei.image_height"}, {"Detectors.Name", "detector"}, {"Scan.HorFieldsize", "fei.hfw_m"}};
    for (const auto& [k, name] : keys)
        if (auto it = ini.find(k); it != ini.end() && !it->second.empty())
            cal.metadata[name] = it->second;
    // The databar is burned into the bottom rows: say how many rows are image.
    cal.metadata["calibration_source"] = "FEI tag 34682";
    return true;
}

bool olympusCalibration(const TiffHandle& h, TiffCalibration& cal) {
    const auto offset = h.number(kOlympusSis);
    if (!offset || *offset <= 0)
        return false;
    const ByteView file = h.file();
    ByteCursor c(file, false, 0);
    const auto base = static_cast<std::uint64_t>(*offset);
    if (!file.contains(base, 60) || std::memcmp(file.data + base, "SIS0", 4) != 0)
        return false;
    c.seek(base + 58);
    const int tags = c.i16();
    for (int i = 0; i < tags && i < 256; ++i) {
        c.seek(base + 60 + 8 * static_cast<std::uint64_t>(i));
        const int type = c.i16();
        c.i16();
        const std::uint32_t at = c.u32();
        if (type != 1 || !file.contains(at, 112))
            continue;
        ByteCursor t(file, false, at + 10);
        const int lenExp = t.i16();
        const double xcal = t.f64(), ycal = t.f64();
        t.skip(8);
        const double mag = t.f64();
        const double unit = std::pow(10.0, lenExp);
        if (!(xcal > 0) || !(ycal > 0) || !std::isfinite(unit))
            return false;
        cal.x = {xcal * unit, 0.0, "m"};
        cal.y = {ycal * unit, 0.0, "m"};
        if (mag > 0 && std::isfinite(mag))
            cal.metadata["magnification"] = numberText(mag);
        cal.metadata["calibration_source"] = "Olympus SIS tag 33560";
        return true;
    }
    return false;
}

bool gatanCalibration(const TiffHandle& h, TiffCalibration& cal) {
    const auto sx = h.number(kGatanScaleX), sy = h.number(kGatanScaleY);
    if (!sx || !sy)
        return false;
    cal.x = {*sx, h.number(kGatanOffsetX).value_or(0.0), normaliseUnit(h.text(kGatanUnitX).value_or(""))};
    cal.y = {*sy, h.number(kGatanOffsetY).value_or(0.0), normaliseUnit(h.text(kGatanUnitY).value_or(""))};
    if (auto sz = h.number(kGatanScaleZ))
        cal.metadata["frame_scale"] = numberText(*sz);
    if (auto uz = h.text(kGatanUnitZ))
        cal.metadata["frame_unit"] = normaliseUnit(*uz);
    cal.metadata["calibration_source"] = "Gatan DigitalMicrograph tags 65003-65011";
    return true;
}

bool imagejCalibration(const TiffHandle& h, const std::string& description, TiffCalibration& cal) {
    if (description.rfind("ImageJ=", 0) != 0)
        return false;
    std::istringstream in(description);
    std::string line;
    std::map<std::string, std::string> kv;
    while (std::getline(in, line))
        if (auto eq = line.find('='); eq != std::string::npos)
            kv[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    for (const auto& [k, v] : kv)
        if (k != "defectscope" && k.size() < 64 && v.size() < 256)
            cal.metadata["imagej." + k] = v;
    if (auto n = parseNumber(kv["images"]); n && *n > 1 && *n < 1e9)
        cal.imagejImages = static_cast<int>(*n);
    if (auto s = parseNumber(kv["spacing"]))
        cal.metadata["frame_scale"] = numberText(*s);
    float xres = 0, yres = 0;
    const std::string unit = normaliseUnit(kv["unit"]);
    if (unit.empty() || !TIFFGetField(h.tif(), TIFFTAG_XRESOLUTION, &xres) || !(xres > 0))
        return true; // ImageJ file without a spatial calibration
    if (!TIFFGetField(h.tif(), TIFFTAG_YRESOLUTION, &yres) || !(yres > 0))
        yres = xres;
    const std::string yunit = kv.count("yunit") ? normaliseUnit(kv["yunit"]) : unit;
    // ImageJ stores origins in pixels; ours is the physical coordinate of pixel 0.
    const double ox = parseNumber(kv["xorigin"]).value_or(0.0), oy = parseNumber(kv["yorigin"]).value_or(0.0);
    cal.x = {1.0 / xres, -ox / xres, unit};
    cal.y = {1.0 / yres, -oy / yres, yunit};
    cal.metadata["calibration_source"] = "ImageJ description + resolution tags";
    return true;
}

} // namespace

std::string normaliseUnit(const std::string& raw) {
    std::string u = trim(raw);
    if (!isValidUtf8(u))
        u = latin1ToUtf8(u);
    // Units are reported as the file states them; only ImageJ's spelled-out micron becomes "µm".
    if (u == "micron" || u == "microns")
        return "\xC2\xB5m";
    return u;
}

TiffCalibration readTiffCalibration(const TiffHandle& h) {
    TiffCalibration cal;
    char* desc = nullptr;
    std::string description;
    if (TIFFGetField(h.tif(), TIFFTAG_IMAGEDESCRIPTION, &desc) && desc)
        description = desc;
    char* software = nullptr;
    if (TIFFGetField(h.tif(), TIFFTAG_SOFTWARE, &software) && software)
        cal.metadata["software"] = latin1ToUtf8(trim(software));
    if (auto pos = description.find("\ndefectscope="); pos != std::string::npos)
        cal.metadata["defectscope.metadata_json"] = trim(description.substr(pos + 13, description.find('\n', pos + 1) - pos - 13));

    if (feiCalibration(h, cal) || olympusCalibration(h, cal) || gatanCalibration(h, cal) ||
        imagejCalibration(h, description, cal))
        return cal;
    float xres = 0;
    std::uint16_t resUnit = RESUNIT_INCH;
    if (TIFFGetField(h.tif(), TIFFTAG_XRESOLUTION, &xres) && xres > 0) {
        TIFFGetFieldDefaulted(h.tif(), TIFFTAG_RESOLUTIONUNIT, &resUnit);
        cal.metadata["tiff.resolution"] = numberText(xres) + (resUnit == RESUNIT_CENTIMETER ? " px/cm" : resUnit == RESUNIT_INCH ? " px/inch" : " px/unit");
    }
    if (!description.empty() && description.size() < 4096 && isValidUtf8(description))
        cal.metadata["description"] = description;
    return cal;
}

} // namespace ds::io
