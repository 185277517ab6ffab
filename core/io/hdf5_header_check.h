#pragma once
// Checks, from a file's raw bytes, the parts of an HDF5 object header that Debian's libhdf5 1.10.8
// decodes without bounds checks, before any libhdf5 call decodes them. Pure functions over bytes; any
// thread (no libhdf5 call, no hdf5Mutex needed).
//
// Why: libhdf5 decodes every attribute message of an object as soon as one attribute is looked up
// (H5Aexists, H5Aopen, H5Aiterate). In 1.10.8 the attribute decoder advances past the name, datatype
// and dataspace by their declared sizes without checking them against the message, and then copies the
// attribute's data from wherever that lands (H5O_attr_decode in src/H5Oattr.c). One flipped bit in a
// size field reads past the object-header buffer: ASan reports a heap-buffer-overflow, a release build
// reads garbage or crashes. Upstream added the bounds checks in HDF5 1.14.1 (HDFGroup/hdf5 PR #2749,
// "Sanitize the attribute object header msg code"; see also issues #2458 / CVE-2021-37501 and #1368);
// Debian 12 ships 1.10.8 only. Likewise a group's local heap header declares the size of its name
// segment, and 1.10.8 allocates a buffer of that size on every name lookup before it notices that the
// file is far smaller (4 GB per lookup for one flipped byte).
#include "core/io/byte_view.h"

#include <cstdint>

namespace ds::io {

// Throws CoreError(Format) naming the defect when the object header at `address` (an HDF5 file
// address, as H5Oget_info reports it) holds a compact attribute message whose name, datatype,
// dataspace or data do not fit inside the message, a datatype or dataspace encoding (of an attribute,
// or of the object itself when it is a dataset or committed type) that overruns its declared size, or
// a symbol table whose local heap lies outside the file. Throws CoreError(Unsupported)
// for attribute messages kept in a shared-message heap, which it cannot check. Attributes in dense
// storage (fractal heap, only in version-2 headers, which carry checksums) are not walked.
void requireIntactObjectHeader(ByteView file, std::uint64_t address);

// The same check for the objects libhdf5 loads while opening the file, before any lookup: the root
// group's header and, for version-2 and later superblocks, the superblock extension's header. Throws
// CoreError(Format) when there is no superblock.
void requireIntactRootHeaders(ByteView file);

} // namespace ds::io
