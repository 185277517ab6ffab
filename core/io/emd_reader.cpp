// EMD reader for the two unrelated HDF5 dialects: Thermo Fisher Velox (/Data/Image/<uuid>/Data with
// frames on the last axis, per-frame NUL-padded JSON Metadata) and Berkeley/NCEM EMD v0.2 (groups with
// emd_group_type = 1 holding data + dimK vectors). HDF5 is serialised through hdf5Mutex().
// Velox image choice (ReadOptions::image = -1): raw detector images (integer samples) before derived
// float maps (EDS, DPC), then by group name; compound (complex FFT) images are never chosen.
#include "core/io/format_readers.h"
#include "core/io/hdf5_file.h"
#include "core/io/sample_type.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace ds::io {

namespace {

std::string dtypeOf(hid_t dataset) {
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    const size_t size = H5Tget_size(type.id());
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls == H5T_FLOAT)
        return size == 8 ? "float64" : size == 2 ? "float16" : "float32";
    if (cls == H5T_INTEGER) {
        const bool sgn = H5Tget_sign(type.id()) == H5T_SGN_2;
        return std::string(sgn ? "int" : "uint") + std::to_string(size * 8);
    }
    return "unsupported";
}

// A dataset may not claim more samples than its stored bytes hold: exactly for unfiltered storage, and
// at most deflate's ~1032:1 for compressed chunks. Anything larger is a lying header - fail before
// allocating.
void requireSane(hid_t dataset, std::uint64_t rows, std::uint64_t cols, std::uint64_t frames, const std::string& what) {
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    H5Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
    const std::uint64_t stored = H5Dget_storage_size(dataset);
    const bool filtered = dcpl.valid() && H5Pget_nfilters(dcpl.id()) > 0;
    const std::uint64_t element = std::max<std::uint64_t>(1, H5Tget_size(type.id()));
    const std::uint64_t allowed = filtered ? stored * 1100 + (1u << 20) : stored;
    requireFits(rows, cols * element, frames, SampleType::U8, allowed, what);
}

std::optional<double> jsonNumber(const nlohmann::json& j, const std::vector<const char*>& path) {
    const nlohmann::json* p = &j;
    for (const char* k : path) {
        if (!p->is_object() || !p->contains(k))
            return std::nullopt;
        p = &(*p)[k];
    }
    try {
        if (p->is_number())
            return p->get<double>();
        if (p->is_string())
            return std::stod(p->get<std::string>());
    } catch (...) {
    }
    return std::nullopt;
}

std::optional<std::string> jsonText(const nlohmann::json& j, const std::vector<const char*>& path) {
    const nlohmann::json* p = &j;
    for (const char* k : path) {
        if (!p->is_object() || !p->contains(k))
            return std::nullopt;
        p = &(*p)[k];
    }
    if (p->is_string())
        return p->get<std::string>();
    if (p->is_number())
        return numberText(p->get<double>());
    return std::nullopt;
}

void veloxMetadata(const std::string& text, Micrograph& m) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        m.metadata["velox.metadata"] = "unparseable";
        return;
    }
    auto axis = [&](const char* size, const char* unit, const char* off) {
        AxisCalibration a;
        const auto s = jsonNumber(j, {"BinaryResult", "PixelSize", size});
        if (s && *s > 0 && std::isfinite(*s)) {
            a.scale = *s;
            a.unit = jsonText(j, {"BinaryResult", unit}).value_or("m");
            a.origin = jsonNumber(j, {"BinaryResult", "Offset", off}).value_or(0.0);
        }
        return a;
    };
    m.x = axis("width", "PixelUnitX", "x");
    m.y = axis("height", "PixelUnitY", "y");
    // vector, not initializer_list: a list inside a pair would dangle after this statement.
    const std::pair<std::vector<const char*>, const char*> keys[] = {
        {{"Optics", "AccelerationVoltage"}, "voltage_V"},
        {{"Optics", "NominalMagnification"}, "magnification"},
        {{"Optics", "CameraLength"}, "camera_length_m"},
        {{"Acquisition", "AcquisitionStartDatetime", "DateTime"}, "time_unix"},
        {{"Scan", "DwellTime"}, "dwell_time_s"},
        {{"Scan", "FrameTime"}, "frame_time_s"},
        {{"Scan", "ScanRotation"}, "scan_rotation_rad"},
        {{"Instrument", "InstrumentModel"}, "instrument"},
        {{"BinaryResult", "Detector"}, "detector"},
        {{"BinaryResult", "Encoding"}, "velox.encoding"},
    };
    for (const auto& [path, name] : keys)
        if (auto v = jsonText(j, path); v && !v->empty())
            m.metadata[name] = *v;
}

Micrograph readVelox(ByteView bytes, hid_t file, const ReadOptions& options) {
    struct Candidate { std::string name; bool integer; };
    std::vector<Candidate> candidates;
    if (!linkExists(bytes, file, "/Data/Image"))
        fail(ErrorCode::Unsupported, "Velox file holds no images (only spectra or other data)");
    const H5Handle images = openGroup(bytes, file, "/Data/Image");
    for (const std::string& name : childNames(images.id())) {
        if (!linkExists(bytes, images.id(), name + "/Data"))
            continue;
        const H5Handle d = openDataset(bytes, images.id(), name + "/Data");
        const std::string cls = datasetClassName(d.id());
        if ((cls == "integer" || cls == "float") && datasetShape(d.id()).size() == 3)
            candidates.push_back({name, cls == "integer"});
    }
    if (candidates.empty())
        fail(ErrorCode::Unsupported, "Velox file has no image with real-valued samples (complex/compound only)");
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.integer > b.integer; });
    const int which = options.image < 0 ? 0 : options.image;
    if (which >= static_cast<int>(candidates.size()))
        fail(ErrorCode::InvalidArgument, "image " + std::to_string(which) + " requested but the file has " +
                                             std::to_string(candidates.size()) + " image(s)");
    const std::string group = candidates[static_cast<size_t>(which)].name;
    const H5Handle data = openDataset(bytes, images.id(), group + "/Data");
    const auto dims = datasetShape(data.id()); // (height, width, frames)
    requireSane(data.id(), dims[0], dims[1], dims[2], "Velox image");
    requirePixelLimit(dims[0], dims[1], options, "Velox image");

    Micrograph m;
    m.frames = static_cast<int>(std::min<hsize_t>(dims[2], std::numeric_limits<int>::max()));
    requireFrame(options.frame, m.frames);
    m.frameIndex = options.frame;
    m.pixels.create(static_cast<int>(dims[0]), static_cast<int>(dims[1]), CV_32F);
    readFloatSlab(data.id(), {0, 0, static_cast<hsize_t>(options.frame)}, {dims[0], dims[1], 1}, m.pixels.ptr<float>());
    m.dtype = dtypeOf(data.id());
    if (linkExists(bytes, images.id(), group + "/Metadata")) {
        const H5Handle meta = openDataset(bytes, images.id(), group + "/Metadata");
        const auto metaDims = datasetShape(meta.id());
        const hsize_t column = metaDims.size() == 2 && static_cast<hsize_t>(options.frame) < metaDims[1] ? options.frame : 0;
        veloxMetadata(readTextColumn(meta.id(), column), m);
    }
    m.metadata["emd.dialect"] = "Velox";
    m.metadata["emd.image_group"] = group;
    m.metadata["emd.images"] = std::to_string(candidates.size());
    if (linkExists(bytes, file, "/Version"))
        if (const auto v = nlohmann::json::parse(readText(openDataset(bytes, file, "/Version").id(), 4096), nullptr, false); v.is_object())
            m.metadata["velox.version"] = jsonText(v, {"version"}).value_or("?");
    return m;
}

// Identity of an HDF5 object within its file (hard links give one object several names).
using ObjectId = std::pair<unsigned long, std::uint64_t>;

// Depth-first search for the first group with emd_group_type == 1. Groups can hard-link back to an
// ancestor (or to one group many times), so each object is entered once: without the visited set a
// 1.7 KB file with 12 links to the root costs 12^9 group openings.
std::optional<std::string> findNcemDataGroup(ByteView bytes, hid_t loc, const std::string& path, int depth, std::set<ObjectId>& visited) {
    if (depth > 8)
        return std::nullopt;
    for (const std::string& name : childNames(loc)) {
        // Soft and external links are not searched; linkExists checks the child's header before
        // H5Oget_info_by_name loads it.
        H5O_info_t info{};
        if (!isHardLink(loc, name) || !linkExists(bytes, loc, name) ||
            H5Oget_info_by_name(loc, name.c_str(), &info, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_GROUP)
            continue;
        if (!visited.insert({info.fileno, static_cast<std::uint64_t>(info.addr)}).second)
            continue;
        const H5Handle g = openGroup(bytes, loc, name);
        const std::string full = path + "/" + name;
        if (numberAttribute(bytes, g.id(), "emd_group_type").value_or(0) == 1 && linkExists(bytes, g.id(), "data"))
            return full;
        if (auto found = findNcemDataGroup(bytes, g.id(), full, depth + 1, visited))
            return found;
    }
    return std::nullopt;
}

std::optional<std::string> findNcemDataGroup(ByteView bytes, hid_t file) {
    std::set<ObjectId> visited;
    H5O_info_t root{};
    if (H5Oget_info_by_name(file, "/", &root, H5P_DEFAULT) >= 0)
        visited.insert({root.fileno, static_cast<std::uint64_t>(root.addr)});
    return findNcemDataGroup(bytes, file, "", 0, visited);
}

std::string ncemUnit(std::string u) {
    // NCEM writes "n_m", HyperSpy "[]": drop underscores and brackets.
    u.erase(std::remove_if(u.begin(), u.end(), [](char c) { return c == '_' || c == '[' || c == ']'; }), u.end());
    return u;
}

Micrograph readNcem(ByteView bytes, hid_t file, const ReadOptions& options) {
    const auto groupPath = findNcemDataGroup(bytes, file);
    if (!groupPath)
        fail(ErrorCode::Unsupported, "EMD file has no dataset group (emd_group_type = 1)");
    const H5Handle group = openGroup(bytes, file, *groupPath);
    const H5Handle data = openDataset(bytes, group.id(), "data");
    const std::string cls = datasetClassName(data.id());
    if (cls != "integer" && cls != "float")
        fail(ErrorCode::Unsupported, "EMD dataset " + *groupPath + " is not real-valued");
    const auto dims = datasetShape(data.id());
    if (dims.size() < 2)
        fail(ErrorCode::Unsupported, "EMD dataset " + *groupPath + " has " + std::to_string(dims.size()) + " dimension(s); an image needs 2");
    const size_t n = dims.size();
    hsize_t frames = 1;
    for (size_t k = 0; k + 2 < n; ++k)
        frames = dims[k] > 0 && frames <= (hsize_t(1) << 40) / dims[k] ? frames * dims[k] : (hsize_t(1) << 41);
    requireSane(data.id(), dims[n - 2], dims[n - 1], frames, "EMD dataset");
    requirePixelLimit(dims[n - 2], dims[n - 1], options, "EMD dataset");

    Micrograph m;
    m.frames = static_cast<int>(std::min<hsize_t>(frames, std::numeric_limits<int>::max()));
    requireFrame(options.frame, m.frames);
    m.frameIndex = options.frame;
    std::vector<hsize_t> start(n, 0), count(n, 1);
    hsize_t rest = static_cast<hsize_t>(options.frame);
    for (size_t k = n - 2; k-- > 0;) {
        start[k] = rest % dims[k];
        rest /= dims[k];
    }
    count[n - 2] = dims[n - 2];
    count[n - 1] = dims[n - 1];
    m.pixels.create(static_cast<int>(dims[n - 2]), static_cast<int>(dims[n - 1]), CV_32F);
    readFloatSlab(data.id(), start, count, m.pixels.ptr<float>());
    m.dtype = dtypeOf(data.id());
    // dimK belongs to data axis K-1 (C order): rows are dim(n-1), columns dim(n).
    auto axis = [&](size_t k) {
        AxisCalibration a;
        const std::string name = "dim" + std::to_string(k);
        if (!linkExists(bytes, group.id(), name))
            return a;
        const H5Handle d = openDataset(bytes, group.id(), name);
        const std::vector<double> v = readVector(d.id(), 1u << 26);
        if (v.size() >= 2 && std::isfinite(v[1] - v[0]) && v[1] != v[0]) {
            a.scale = std::abs(v[1] - v[0]);
            a.origin = v[0];
            a.unit = ncemUnit(stringAttribute(bytes, d.id(), "units").value_or(""));
        }
        return a;
    };
    m.y = axis(n - 1);
    m.x = axis(n);
    m.metadata["emd.dialect"] = "Berkeley EMD";
    m.metadata["emd.dataset"] = *groupPath;
    if (auto t = stringAttribute(bytes, group.id(), "title"))
        m.metadata["title"] = *t;
    return m;
}

} // namespace

Micrograph readEmd(ByteView file, const ReadOptions& options) {
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    const H5Handle f = openHdf5Image(file);
    const H5Handle root = openGroup(file, f.id(), "/"); // its header was checked by openHdf5Image
    if (linkExists(file, f.id(), "/Data") && (linkExists(file, f.id(), "/Version") || linkExists(file, f.id(), "/Data/Image")))
        return readVelox(file, f.id(), options);
    if (numberAttribute(file, root.id(), "version_major") || findNcemDataGroup(file, f.id()))
        return readNcem(file, f.id(), options);
    fail(ErrorCode::Unsupported, "HDF5 file is neither a Velox nor a Berkeley EMD file");
}

} // namespace ds::io
