#include "core/io/hdf5_file.h"

#include "core/common/guard.h"
#include "core/io/hdf5_header_check.h"
#include "core/io/sample_type.h"

#include <algorithm>

namespace ds::io {

std::mutex& hdf5Mutex() {
    static std::mutex m;
    return m;
}

namespace {

void check(bool ok, const std::string& what) {
    if (!ok)
        fail(ErrorCode::Format, "HDF5: " + what);
}

std::string trimNul(std::string s) {
    s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
    return s;
}

// HDF5 reads (and for compressed data, inflates) whole chunks into a buffer of the chunk's size,
// whatever the selection. A corrupt layout message can declare a chunk of gigabytes in a file of a
// few kilobytes (found by the EMD fuzzer: 4 GB resident for a 7 KB file), so a chunk larger than the
// stored bytes could fill - at deflate's ~1032:1 at most - is refused before any read.
bool chunksPlausible(hid_t dataset) {
    H5Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
    if (!dcpl.valid())
        return false;
    if (H5Pget_layout(dcpl.id()) != H5D_CHUNKED)
        return true;
    hsize_t dims[H5S_MAX_RANK];
    const int rank = H5Pget_chunk(dcpl.id(), H5S_MAX_RANK, dims);
    if (rank <= 0)
        return false;
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    std::uint64_t bytes = type.valid() ? std::max<std::uint64_t>(1, H5Tget_size(type.id())) : 1;
    for (int i = 0; i < rank; ++i) {
        if (dims[i] == 0 || bytes > (std::uint64_t{1} << 40) / dims[i])
            return false;
        bytes *= dims[i];
    }
    const std::uint64_t stored = H5Dget_storage_size(dataset);
    return bytes <= stored * 1100 + (std::uint64_t{1} << 20);
}

std::string readStringFrom(hid_t obj, hid_t type, hid_t space, bool attribute) {
    H5Handle memType(H5Tcopy(H5T_C_S1), H5Tclose);
    // HDF5 converts no strings between character sets: read UTF-8 strings as UTF-8.
    H5Tset_cset(memType.id(), H5Tget_cset(type));
    if (H5Tis_variable_str(type) > 0) {
        H5Tset_size(memType.id(), H5T_VARIABLE);
        const hssize_t n = H5Sget_simple_extent_npoints(space);
        if (n != 1)
            return {};
        char* value = nullptr;
        const herr_t st = attribute ? H5Aread(obj, memType.id(), &value) : H5Dread(obj, memType.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &value);
        std::string s = st >= 0 && value ? std::string(value) : std::string();
        if (st >= 0 && value) {
            H5Handle sp(H5Screate(H5S_SCALAR), H5Sclose);
            H5Dvlen_reclaim(memType.id(), sp.id(), H5P_DEFAULT, &value);
        }
        return s;
    }
    const size_t size = H5Tget_size(type);
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (size == 0 || n < 1 || static_cast<std::uint64_t>(size) * static_cast<std::uint64_t>(n) > (1u << 24))
        return {};
    H5Tset_size(memType.id(), size);
    std::string buf(size * static_cast<size_t>(n), '\0');
    const herr_t st = attribute ? H5Aread(obj, memType.id(), buf.data()) : H5Dread(obj, memType.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    return st >= 0 ? trimNul(buf) : std::string();
}

} // namespace

H5Handle openHdf5Image(ByteView file) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become our messages, not stderr noise
    requireIntactRootHeaders(file);               // H5Fopen loads these headers
    H5Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    check(fapl.valid() && H5Pset_fapl_core(fapl.id(), 1 << 16, 0) >= 0, "cannot set up the memory driver");
    check(H5Pset_file_image(fapl.id(), const_cast<std::uint8_t*>(file.data), file.size) >= 0, "cannot load the file image");
    H5Handle f(H5Fopen("memory.h5", H5F_ACC_RDONLY, fapl.id()), H5Fclose);
    check(f.valid(), "not a readable HDF5 file (truncated or corrupt)");
    return f;
}

bool isHardLink(hid_t loc, const std::string& name) {
    H5L_info_t link{};
    return H5Lget_info(loc, name.c_str(), &link, H5P_DEFAULT) >= 0 && link.type == H5L_TYPE_HARD;
}

bool linkExists(ByteView file, hid_t loc, const std::string& path) {
    // One component at a time: H5Lexists fails on missing intermediate groups, and each object must be
    // checked before a lookup inside it loads its header. The lookups of a prefix read only the links
    // of its parent, which the previous step checked (the root was checked when the file was opened).
    std::size_t pos = 0;
    while (true) {
        pos = path.find('/', pos + 1);
        const std::string prefix = path.substr(0, pos);
        if (!prefix.empty() && prefix != "/") {
            if (H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0)
                return false;
            H5L_info_t link{};
            check(H5Lget_info(loc, prefix.c_str(), &link, H5P_DEFAULT) >= 0, "cannot read link " + prefix);
            if (link.type != H5L_TYPE_HARD)
                fail(ErrorCode::Unsupported, "HDF5: " + prefix + " is a " + (link.type == H5L_TYPE_SOFT ? "soft" : "external") +
                                                 " link; only hard links are followed");
            requireIntactObjectHeader(file, link.u.address);
        }
        if (pos == std::string::npos)
            return true;
    }
}

H5Handle openGroup(ByteView file, hid_t loc, const std::string& path) {
    check(linkExists(file, loc, path), "no group " + path);
    H5Handle g(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose);
    check(g.valid(), "cannot open group " + path);
    return g;
}

H5Handle openDataset(ByteView file, hid_t loc, const std::string& path) {
    check(linkExists(file, loc, path), "no dataset " + path);
    H5Handle d(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
    check(d.valid(), "cannot open dataset " + path);
    return d;
}

std::vector<std::string> childNames(hid_t group) {
    std::vector<std::string> names;
    H5G_info_t info{};
    check(H5Gget_info(group, &info) >= 0, "cannot list group");
    for (hsize_t i = 0; i < info.nlinks && i < 100000; ++i) {
        const ssize_t n = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (n <= 0 || n > 4096)
            continue;
        std::string name(static_cast<size_t>(n) + 1, '\0');
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        names.push_back(trimNul(name));
    }
    return names;
}

std::vector<hsize_t> datasetShape(hid_t dataset) {
    H5Handle space(H5Dget_space(dataset), H5Sclose);
    const int nd = space.valid() ? H5Sget_simple_extent_ndims(space.id()) : -1;
    check(nd >= 0 && nd <= 32, "dataset has an invalid dataspace");
    std::vector<hsize_t> dims(static_cast<size_t>(nd));
    if (nd > 0)
        H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    return dims;
}

void requireIntactObject(ByteView file, hid_t obj) {
    H5O_info_t info{};
    check(H5Oget_info2(obj, &info, H5O_INFO_BASIC) >= 0, "cannot inspect an object");
    requireIntactObjectHeader(file, info.addr);
}

namespace {

std::optional<std::string> uncheckedStringAttribute(hid_t obj, const std::string& name) {
    if (H5Aexists(obj, name.c_str()) <= 0)
        return std::nullopt;
    H5Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
    H5Handle type(H5Aget_type(a.id()), H5Tclose);
    H5Handle space(H5Aget_space(a.id()), H5Sclose);
    if (!a.valid() || !type.valid() || !space.valid() || H5Tget_class(type.id()) != H5T_STRING)
        return std::nullopt;
    return readStringFrom(a.id(), type.id(), space.id(), true);
}

} // namespace

std::optional<std::string> stringAttribute(ByteView file, hid_t obj, const std::string& name) {
    requireIntactObject(file, obj);
    return uncheckedStringAttribute(obj, name);
}

std::optional<double> numberAttribute(ByteView file, hid_t obj, const std::string& name) {
    requireIntactObject(file, obj);
    if (H5Aexists(obj, name.c_str()) <= 0)
        return std::nullopt;
    if (auto s = uncheckedStringAttribute(obj, name)) {
        try { return std::stod(*s); } catch (...) { return std::nullopt; }
    }
    H5Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
    H5Handle space(H5Aget_space(a.id()), H5Sclose);
    H5Handle type(H5Aget_type(a.id()), H5Tclose);
    if (!a.valid() || !space.valid() || H5Sget_simple_extent_npoints(space.id()) != 1)
        return std::nullopt;
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        return std::nullopt;
    double v = 0;
    if (H5Aread(a.id(), H5T_NATIVE_DOUBLE, &v) < 0)
        return std::nullopt;
    return v;
}

std::string datasetClassName(hid_t dataset) {
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    switch (H5Tget_class(type.id())) {
    case H5T_INTEGER: return "integer";
    case H5T_FLOAT: return "float";
    case H5T_COMPOUND: return "compound";
    case H5T_STRING: return "string";
    default: return "other";
    }
}

bool datasetIsInteger(hid_t dataset) { return datasetClassName(dataset) == "integer"; }

std::vector<double> readVector(hid_t dataset, hsize_t maxElements) {
    const auto dims = datasetShape(dataset);
    if (dims.size() != 1 || dims[0] == 0 || dims[0] > maxElements)
        return {};
    const std::string cls = datasetClassName(dataset);
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    if ((cls != "integer" && cls != "float") || !type.valid() || H5Tget_size(type.id()) > 8 || !chunksPlausible(dataset))
        return {};
    std::vector<double> v(static_cast<size_t>(dims[0]));
    check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0, "cannot read vector");
    return v;
}

void requirePlainNumericType(hid_t dataset) {
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    const size_t size = H5Tget_size(type.id());
    bool plain = false;
    if (cls == H5T_INTEGER)
        plain = (size == 1 || size == 2 || size == 4 || size == 8) && H5Tget_precision(type.id()) == size * 8 &&
                H5Tget_offset(type.id()) == 0;
    else if (cls == H5T_FLOAT)
        plain = H5Tequal(type.id(), H5T_IEEE_F32LE) > 0 || H5Tequal(type.id(), H5T_IEEE_F32BE) > 0 ||
                H5Tequal(type.id(), H5T_IEEE_F64LE) > 0 || H5Tequal(type.id(), H5T_IEEE_F64BE) > 0;
    if (!plain)
        fail(ErrorCode::Unsupported, "HDF5 dataset has an unusual sample type (not a plain 8-64 bit integer or IEEE float)");
}

void readFloatSlab(hid_t dataset, const std::vector<hsize_t>& start, const std::vector<hsize_t>& count, float* out) {
    // Odd precisions/offsets (e.g. corrupt datatype messages) send HDF5 down conversion paths; only
    // plain types are read, in their own (native-order) type, and converted by us.
    requirePlainNumericType(dataset);
    check(chunksPlausible(dataset), "declares storage chunks larger than the file could hold (corrupt layout)");
    H5Handle fileType(H5Dget_type(dataset), H5Tclose);
    H5Handle memType(H5Tget_native_type(fileType.id(), H5T_DIR_ASCEND), H5Tclose);
    check(memType.valid(), "cannot map the sample type");
    const size_t size = H5Tget_size(memType.id());
    const bool isFloat = H5Tget_class(memType.id()) == H5T_FLOAT;
    const bool isSigned = H5Tget_sign(memType.id()) == H5T_SGN_2;
    SampleType t;
    switch (size) {
    case 1: t = isSigned ? SampleType::I8 : SampleType::U8; break;
    case 2: t = isSigned ? SampleType::I16 : SampleType::U16; break;
    case 4: t = isFloat ? SampleType::F32 : isSigned ? SampleType::I32 : SampleType::U32; break;
    default: t = isFloat ? SampleType::F64 : isSigned ? SampleType::I64 : SampleType::U64; break;
    }
    H5Handle fileSpace(H5Dget_space(dataset), H5Sclose);
    check(fileSpace.valid() && H5Sselect_hyperslab(fileSpace.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) >= 0,
          "cannot select frame");
    hsize_t total = 1;
    for (hsize_t c : count)
        total *= c;
    H5Handle memSpace(H5Screate_simple(1, &total, nullptr), H5Sclose);
    std::vector<std::uint8_t> raw(static_cast<size_t>(total) * size);
    check(H5Dread(dataset, memType.id(), memSpace.id(), fileSpace.id(), H5P_DEFAULT, raw.data()) >= 0,
          "cannot read image data (corrupt, or compressed with a filter this HDF5 lacks)");
    convertSamples(raw.data(), t, !hostIsLittleEndian(), static_cast<size_t>(total), out);
}

std::string readTextColumn(hid_t dataset, hsize_t column) {
    const auto dims = datasetShape(dataset);
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    if (dims.size() != 2 || column >= dims[1] || dims[0] > (1u << 24) || datasetClassName(dataset) != "integer" ||
        !type.valid() || H5Tget_size(type.id()) != 1 || !chunksPlausible(dataset))
        return {};
    std::string buf(static_cast<size_t>(dims[0]), '\0');
    H5Handle fileSpace(H5Dget_space(dataset), H5Sclose);
    const hsize_t start[2] = {0, column}, count[2] = {dims[0], 1};
    H5Sselect_hyperslab(fileSpace.id(), H5S_SELECT_SET, start, nullptr, count, nullptr);
    const hsize_t n = dims[0];
    H5Handle memSpace(H5Screate_simple(1, &n, nullptr), H5Sclose);
    if (H5Dread(dataset, H5T_NATIVE_UCHAR, memSpace.id(), fileSpace.id(), H5P_DEFAULT, buf.data()) < 0)
        return {};
    return trimNul(buf);
}

std::string readText(hid_t dataset, hsize_t maxBytes) {
    H5Handle type(H5Dget_type(dataset), H5Tclose);
    H5Handle space(H5Dget_space(dataset), H5Sclose);
    if (H5Tget_class(type.id()) == H5T_STRING)
        return readStringFrom(dataset, type.id(), space.id(), false);
    const auto dims = datasetShape(dataset);
    hsize_t n = 1;
    for (hsize_t d : dims)
        n *= d;
    // Text is stored as bytes. A wider integer type would make HDF5 allocate a conversion buffer of
    // n x its size before the read - a corrupt type message claiming megabyte-wide integers cost 4 GB
    // on a 7 KB file (EMD fuzzer) - so anything but 1-byte integers is not text.
    if (n == 0 || n > maxBytes || H5Tget_class(type.id()) != H5T_INTEGER || H5Tget_size(type.id()) != 1 ||
        !chunksPlausible(dataset))
        return {};
    std::string buf(static_cast<size_t>(n), '\0');
    if (H5Dread(dataset, H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
        return {};
    return trimNul(buf);
}

} // namespace ds::io
