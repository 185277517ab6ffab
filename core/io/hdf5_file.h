#pragma once
// Hdf5File and friends: RAII over HDF5 C handles, an HDF5 file opened from bytes in memory, and the
// few typed reads the EMD reader needs (string/int attributes, 1-D vectors, hyperslabs as float).
// Every entry point must be called with hdf5Mutex() held: even the thread-safe Debian build keeps a
// global library lock, and we also change the per-thread error-printing state. Failures throw CoreError.
#include "core/io/byte_view.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <hdf5.h>

namespace ds::io {

std::mutex& hdf5Mutex();

class H5Handle {
public:
    using Closer = herr_t (*)(hid_t);
    H5Handle() = default;
    H5Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
    H5Handle(H5Handle&& o) noexcept : m_id(o.m_id), m_closer(o.m_closer) { o.m_id = -1; }
    H5Handle& operator=(H5Handle&& o) noexcept {
        std::swap(m_id, o.m_id);
        std::swap(m_closer, o.m_closer);
        return *this;
    }
    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    ~H5Handle() {
        if (m_id >= 0 && m_closer)
            m_closer(m_id);
    }
    hid_t id() const { return m_id; }
    bool valid() const { return m_id >= 0; }

private:
    hid_t m_id = -1;
    Closer m_closer = nullptr;
};

// Opens the bytes as an in-memory HDF5 file (the core driver copies them once).
H5Handle openHdf5Image(ByteView file);

// Whether `path` (below `loc`, or absolute) exists, following hard links only. Every object on the way
// is checked in `file`, the bytes it was opened from (requireIntactObjectHeader), before libhdf5 loads
// it: opening, inspecting or looking a name up in an object loads its whole header first, and 1.10.8
// allocates each header chunk at its declared size (8 GB for one corrupt length field). Throws
// CoreError(Unsupported) for a soft or external link on the way: an external link would make libhdf5
// open whatever file the input names.
bool linkExists(ByteView file, hid_t loc, const std::string& path);
// Whether `name` (one component) is a hard link of `loc`. Reads only `loc`'s own link storage.
bool isHardLink(hid_t loc, const std::string& name);
// Open `path` after linkExists(file, loc, path); throws when it does not exist.
H5Handle openGroup(ByteView file, hid_t loc, const std::string& path);
H5Handle openDataset(ByteView file, hid_t loc, const std::string& path);
std::vector<std::string> childNames(hid_t group);              // link names in name order
std::vector<hsize_t> datasetShape(hid_t dataset);
// Throws CoreError(Format) when the object's header, checked in `file` (the bytes it was opened from),
// holds attribute or symbol-table messages libhdf5 1.10 would read out of bounds (hdf5_header_check.h).
void requireIntactObject(ByteView file, hid_t obj);
// Attribute reads check the object first (requireIntactObject): libhdf5 decodes all of an object's
// attributes to find one.
std::optional<std::string> stringAttribute(ByteView file, hid_t obj, const std::string& name);
std::optional<double> numberAttribute(ByteView file, hid_t obj, const std::string& name); // numeric or numeric text
std::string datasetClassName(hid_t dataset); // "integer", "float", "compound", "string", ...
bool datasetIsInteger(hid_t dataset);
// Reads a 1-D numeric dataset (at most `maxElements`).
std::vector<double> readVector(hid_t dataset, hsize_t maxElements);
// Throws Unsupported unless the dataset holds plain 1/2/4/8-byte integers or IEEE float32/float64.
void requirePlainNumericType(hid_t dataset);
// Reads the hyperslab [start, start+count) of a numeric dataset as float32 into `out` (product of count).
void readFloatSlab(hid_t dataset, const std::vector<hsize_t>& start, const std::vector<hsize_t>& count, float* out);
// Reads one column of a 2-D uint8 dataset (Velox Metadata), as text without the NUL padding.
std::string readTextColumn(hid_t dataset, hsize_t column);
// Reads a scalar or 1-D string / uint8 dataset as text (Velox "Version").
std::string readText(hid_t dataset, hsize_t maxBytes);

} // namespace ds::io
