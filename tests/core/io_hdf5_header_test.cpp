// Corrupt HDF5 object headers that Debian's libhdf5 1.10.8 decodes out of bounds (hdf5_header_check.h):
// an attribute message whose dataspace size runs past the message (ASan: heap-buffer-overflow in
// H5Aexists -> H5O__msg_iterate_real, found by io_robustness_test on a bit-flipped shared sample) and a
// group local heap claiming gigabytes (libhdf5 allocated them on every name lookup: 30 s under ASan),
// and a dataset dataspace whose dimensions run past its message.
// Both must be Format errors naming the file and the defect. Valid files written with every attribute
// datatype class, both object-header versions, committed types and dense attribute storage must still
// load, so the check refuses nothing libhdf5 reads correctly.
#include "core/io/read_micrograph.h"
#include "support/test_data.h"

#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <fstream>

using namespace ds;

namespace {

std::vector<std::uint8_t> slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), {});
}

void attribute(hid_t obj, const char* name, hid_t type, hid_t space, const void* value) {
    const hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    QVERIFY(a >= 0);
    QVERIFY(H5Awrite(a, type, value) >= 0);
    H5Aclose(a);
}

// A Berkeley EMD file whose data group (holding a 3 x 5 uint8 image) carries attributes of every
// datatype class, plus `extra` integer ones. `latest` writes version-2 object headers (version-3
// attribute messages, link messages instead of symbol tables); there the group keeps its attributes in
// its header when `compact`, otherwise in dense storage (a fractal heap). `storage` is the image's layout.
std::string writeNcem(const QTemporaryDir& dir, const char* name, bool latest, int extra, bool compact = true,
                      H5D_layout_t storage = H5D_CONTIGUOUS) {
    const std::string path = dir.filePath(name).toStdString();
    const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (latest)
        H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const int major = 0;
    attribute(f, "version_major", H5T_NATIVE_INT, scalar, &major);
    const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    if (compact)
        H5Pset_attr_phase_change(gcpl, 60, 50);
    const hid_t g = H5Gcreate2(f, "data", H5P_DEFAULT, gcpl, H5P_DEFAULT);
    H5Pclose(gcpl);
    const int one = 1;
    attribute(g, "emd_group_type", H5T_NATIVE_INT, scalar, &one);
    // fixed and variable-length strings
    const hid_t fixed = H5Tcopy(H5T_C_S1);
    H5Tset_size(fixed, 6);
    attribute(g, "title", fixed, scalar, "sample");
    const hid_t vlen = H5Tcopy(H5T_C_S1);
    H5Tset_size(vlen, H5T_VARIABLE);
    const char* note = "variable length";
    attribute(g, "note", vlen, scalar, &note);
    // float array, compound, enum, array type, opaque, bitfield, object reference
    const hsize_t three = 3;
    const hid_t vector = H5Screate_simple(1, &three, nullptr);
    const double values[3] = {1.5, 2.5, 3.5};
    attribute(g, "values", H5T_NATIVE_DOUBLE, vector, values);
    struct Pair { int a; double b; } pair{7, 8.5};
    const hid_t compound = H5Tcreate(H5T_COMPOUND, sizeof(Pair));
    H5Tinsert(compound, "a", HOFFSET(Pair, a), H5T_NATIVE_INT);
    H5Tinsert(compound, "b", HOFFSET(Pair, b), H5T_NATIVE_DOUBLE);
    attribute(g, "pair", compound, scalar, &pair);
    const hid_t enumeration = H5Tenum_create(H5T_NATIVE_INT);
    for (int v : {0, 1, 2})
        H5Tenum_insert(enumeration, ("state" + std::to_string(v)).c_str(), &v);
    const int state = 2;
    attribute(g, "state", enumeration, scalar, &state);
    const hsize_t two = 2;
    const hid_t array = H5Tarray_create2(H5T_NATIVE_SHORT, 1, &two);
    const short shorts[2] = {3, 4};
    attribute(g, "shorts", array, scalar, shorts);
    const hid_t opaque = H5Tcreate(H5T_OPAQUE, 4);
    H5Tset_tag(opaque, "four raw bytes");
    attribute(g, "raw", opaque, scalar, "abcd");
    const std::uint8_t bits = 0x5a;
    attribute(g, "bits", H5T_NATIVE_B8, scalar, &bits);
    hobj_ref_t ref{};
    H5Rcreate(&ref, f, "/data", H5R_OBJECT, -1);
    attribute(g, "self", H5T_STD_REF_OBJ, scalar, &ref);
    // a committed (named) datatype used by an attribute
    const hid_t named = H5Tcopy(H5T_STD_U16LE);
    H5Tcommit2(f, "unsigned16", named, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const std::uint16_t sixteen = 16;
    attribute(g, "committed", named, scalar, &sixteen);
    for (int i = 0; i < extra; ++i)
        attribute(g, ("extra" + std::to_string(i)).c_str(), H5T_NATIVE_INT, scalar, &i);
    const hsize_t dims[2] = {3, 5};
    const std::vector<std::uint8_t> pixels(15, 7);
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_layout(dcpl, storage);
    const hid_t d = H5Dcreate2(g, "data", H5T_NATIVE_UINT8, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, pixels.data());
    for (hid_t t : {fixed, vlen, compound, enumeration, array, opaque, named})
        H5Tclose(t);
    H5Dclose(d), H5Sclose(space), H5Sclose(vector), H5Sclose(scalar), H5Gclose(g), H5Fclose(f), H5Pclose(fapl);
    return path;
}

std::size_t find(const std::vector<std::uint8_t>& bytes, const std::string& what) {
    const auto at = std::search(bytes.begin(), bytes.end(), what.begin(), what.end());
    return at == bytes.end() ? std::string::npos : static_cast<std::size_t>(at - bytes.begin());
}

// Reads `bytes` as `name` and expects the Format error of the header check, mentioning `defect`.
void expectRefused(const std::vector<std::uint8_t>& bytes, const std::string& name, const std::string& defect) {
    auto r = readMicrographFromMemory(bytes.data(), bytes.size(), name);
    QVERIFY2(!r.ok(), name.c_str());
    QCOMPARE(r.error().code, ErrorCode::Format);
    const std::string& m = r.error().message;
    QVERIFY2(m.rfind(name + ": HDF5: the object header at address ", 0) == 0, m.c_str());
    QVERIFY2(m.find(defect) != std::string::npos, m.c_str());
}

// File address of the object at `path` in the HDF5 file `file` (its superblock is at 0, so addresses
// are byte offsets).
std::size_t objectAddress(const std::string& file, const char* path) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    H5O_info_t info{};
    const bool ok = f >= 0 && H5Oget_info_by_name(f, path, &info, H5P_DEFAULT) >= 0;
    H5Fclose(f);
    return ok ? static_cast<std::size_t>(info.addr) : std::string::npos;
}

// Offset of the body of the first message of `type` in the version-1 object header at `header`
// (prefix of 16 bytes, then messages with an 8-byte header each), or npos.
std::size_t messageBody(const std::vector<std::uint8_t>& bytes, std::size_t header, unsigned type) {
    const std::size_t size = bytes[header + 8] | bytes[header + 9] << 8 | bytes[header + 10] << 16 | std::size_t(bytes[header + 11]) << 24;
    for (std::size_t at = header + 16; at + 8 <= header + 16 + size;) {
        const unsigned t = bytes[at] | bytes[at + 1] << 8;
        const std::size_t length = bytes[at + 2] | bytes[at + 3] << 8;
        if (t == type)
            return at + 8;
        at += 8 + length;
    }
    return std::string::npos;
}

// Reads `bytes` as `name` and expects the Format error of an object header block outside the file.
void expectBlockOutsideTheFile(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    auto r = readMicrographFromMemory(bytes.data(), bytes.size(), name);
    QVERIFY2(!r.ok(), name.c_str());
    QCOMPARE(r.error().code, ErrorCode::Format);
    const std::string& m = r.error().message;
    QVERIFY2(m.rfind(name + ": HDF5: object header block at offset ", 0) == 0, m.c_str());
    QVERIFY2(m.find("is outside the file") != std::string::npos, m.c_str());
}

} // namespace

class IoHdf5HeaderTest : public QObject {
    Q_OBJECT
private slots:
    void validAttributesOfEveryKindPassTheCheck() {
        QTemporaryDir dir;
        const struct { const char* name; bool latest; int extra; bool compact; } files[] = {
            {"earliest.emd", false, 0, true}, {"earliest-many.emd", false, 20, true}, // the latter with continuation blocks
            {"latest.emd", true, 20, true}, {"latest-dense.emd", true, 0, false}};
        for (const auto& file : files) {
            const std::string path = writeNcem(dir, file.name, file.latest, file.extra, file.compact);
            auto r = readMicrograph(path);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            QCOMPARE(r->pixels.cols, 5);
            QCOMPARE(r->metadata.at("emd.dataset"), std::string("/data"));
            QCOMPARE(r->metadata.at("title"), std::string("sample"));
        }
    }

    // The attribute message's dataspace size field (just before the name in a version-1 message)
    // gets 0xFF in its high byte, as in the flipped shared sample: libhdf5 then copied the
    // attribute's data from 65 KB past the message.
    void attributeWhoseDataspaceRunsPastItsMessageIsRefused() {
        QTemporaryDir dir;
        std::vector<std::uint8_t> bytes = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::size_t name = find(bytes, std::string("emd_group_type\0", 15));
        QVERIFY(name != std::string::npos);
        QCOMPARE(bytes[name - 2] | bytes[name - 1] << 8, 8); // scalar dataspace, version 1: 8 bytes
        bytes[name - 1] = 0xff;
        expectRefused(bytes, "flipped-space.emd", "attribute message that libhdf5 1.10 would read out of bounds: its dataspace (65288 bytes");
        // a name without its NUL, and data larger than the message, are refused as well
        bytes = slurp(dir.filePath("ncem.emd").toStdString());
        bytes[name + 14] = 'x';
        expectRefused(bytes, "unterminated-name.emd", "attribute name without a terminating NUL");
    }

    // A group's local heap whose size field gains 0xFF in its fourth byte claims 4 GB.
    void localHeapLargerThanTheFileIsRefused() {
        QTemporaryDir dir;
        std::vector<std::uint8_t> bytes = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::size_t heap = find(bytes, "HEAP");
        QVERIFY(heap != std::string::npos);
        bytes[heap + 8 + 3] = 0xff;
        expectRefused(bytes, "huge-heap.emd", "symbol table message that libhdf5 1.10 would read out of bounds: group's local heap claims");
    }

    // The root group's local heap keeps free space after its names, as a free list of one block. Its
    // "next" field made to point at itself: libhdf5 1.10.8 follows the list on every load of the heap,
    // allocating a node per step, with no cycle check (fuzz_emd: 24 GB in 137 s from a 7 KB file).
    void localHeapFreeListLoopIsRefused() {
        QTemporaryDir dir;
        std::vector<std::uint8_t> bytes = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::size_t heap = find(bytes, "HEAP");
        QVERIFY(heap != std::string::npos);
        auto le64 = [&](std::size_t at) {
            std::uint64_t v = 0;
            for (int i = 7; i >= 0; --i)
                v = v << 8 | bytes[at + static_cast<std::size_t>(i)];
            return v;
        };
        const std::uint64_t size = le64(heap + 8), freeList = le64(heap + 16), data = le64(heap + 24);
        QVERIFY(freeList != 1 && freeList + 16 <= size && data + size <= bytes.size());
        QCOMPARE(le64(data + freeList), std::uint64_t{1}); // the only free block: the list ends after it
        for (int i = 0; i < 8; ++i)
            bytes[data + freeList + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(freeList >> (8 * i));
        expectRefused(bytes, "free-list-loop.emd", "group's local heap has a free list that loops");
    }

    // The variable-length "note" attribute's string lives in a global heap collection; its object's
    // size field gains 64 KB. libhdf5 1.10.8 copied the object by that size (ASan: memcpy-param-overlap
    // in H5HG_read, found by fuzz_emd).
    void globalHeapObjectLargerThanItsCollectionIsRefused() {
        QTemporaryDir dir;
        std::vector<std::uint8_t> bytes = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::size_t heap = find(bytes, "GCOL");
        QVERIFY(heap != std::string::npos);
        const std::size_t object = heap + 16; // after signature, version, reserved and the 8-byte size
        QCOMPARE(bytes[object] | bytes[object + 1] << 8, 1); // the first object
        bytes[object + 8 + 2] ^= 0x01;                       // its 8-byte size, third byte
        expectRefused(bytes, "huge-heap-object.emd", "past the end of its collection");
        // The free space after the one object ("variable length": 15 bytes, padded to 16) declaring 0
        // bytes: libhdf5 1.10.8 stepped over it by that size and looped forever (fuzz_emd timeout).
        bytes = slurp(dir.filePath("ncem.emd").toStdString());
        const std::size_t space = object + 16 + 16;
        QCOMPARE(bytes[space] | bytes[space + 1] << 8, 0); // free space object
        std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(space + 8), bytes.begin() + static_cast<std::ptrdiff_t>(space + 16), 0);
        expectRefused(bytes, "zero-free-space.emd", "which do not fit its collection");
        // The value's own length (in the attribute) gains 0x2c in its high byte: 738 MB, where its heap
        // object holds 15 bytes. libhdf5 1.10.8 allocated and cleared the declared length twice on
        // H5Aread (fuzz_emd timeout: 1.4 GB, 5 s in a release build).
        bytes = slurp(dir.filePath("ncem.emd").toStdString());
        std::string value("\x0f\0\0\0", 4); // length 15, then the collection's address and object index 1
        for (int i = 0; i < 8; ++i)
            value.push_back(static_cast<char>(heap >> (8 * i) & 0xff));
        value.append("\x01\0\0\0", 4);
        const std::size_t length = find(bytes, value);
        QVERIFY(length != std::string::npos);
        bytes[length + 3] = 0x2c;
        expectRefused(bytes, "long-value.emd", "its variable-length value needs 738197519 bytes but object 1");
        // The "note" string's variable-length type declares 3 bytes per element instead of 16: libhdf5
        // 1.10.8 keeps 3 bytes of attribute data and H5Aread copies 16 (fuzz_emd: heap-buffer-overflow
        // in H5A__read).
        bytes = slurp(dir.filePath("ncem.emd").toStdString());
        const std::size_t note = find(bytes, std::string("note\0", 5));
        QVERIFY(note != std::string::npos);
        const std::size_t type = note + 8; // the name padded to 8 bytes in a version-1 attribute message
        QCOMPARE(int(bytes[type] & 0x0f), 9); // variable length
        QCOMPARE(int(bytes[type + 4]), 16);
        bytes[type + 4] = 3;
        expectRefused(bytes, "short-vlen-type.emd", "its datatype declares 3 bytes per element but takes 16 in the file");
    }

    // The emd_group_type attribute's integer type declares its 32 bits of precision at bit 8192 of its
    // 4-byte element. libhdf5 1.10.8 converts it to double by copying those bits (fuzz_emd: SIGBUS in
    // H5T__bit_copy from H5T__conv_i_f); a float's exponent outside its element likewise.
    void bitLayoutOutsideTheElementIsRefused() {
        QTemporaryDir dir;
        const std::vector<std::uint8_t> original = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::size_t name = find(original, std::string("emd_group_type\0", 15));
        QVERIFY(name != std::string::npos);
        const std::size_t type = name + 16; // the name padded to 8 bytes in a version-1 attribute message
        QCOMPARE(int(original[type] & 0x0f), 0); // fixed point
        QCOMPARE(original[type + 4] | original[type + 5] << 8, 4); // 4-byte element
        QCOMPARE(original[type + 10] | original[type + 11] << 8, 32); // precision
        std::vector<std::uint8_t> bytes = original;
        bytes[type + 9] = 0x20; // bit offset 8192
        expectRefused(bytes, "integer-offset.emd", "datatype of 4 bytes with 32 bits of precision at bit 8192");
        const std::size_t values = find(original, std::string("values\0", 7));
        QVERIFY(values != std::string::npos);
        const std::size_t real = values + 8;
        QCOMPARE(int(original[real] & 0x0f), 1); // floating point
        QCOMPARE(int(original[real + 12]), 52); // exponent location of an IEEE double
        bytes = original;
        bytes[real + 12] = 60; // 11 exponent bits from bit 60 of 64
        expectRefused(bytes, "float-exponent.emd", "floating-point datatype of 8 bytes with sign bit 63, exponent 11 bits at 60");
    }

    // Object headers whose first chunk or continuation block claims gigabytes. libhdf5 1.10.8 allocates
    // a header's blocks at their declared sizes when it loads the header, which H5Fopen does for the
    // root and any lookup does for a child (fuzz_emd: 8.6 GB in H5Oget_info_by_name from the NCEM
    // group search, before any check had seen that group). Each header is now checked from the
    // address in the superblock or in its parent's link before libhdf5 loads it.
    void headerBlocksLargerThanTheFileAreRefused() {
        QTemporaryDir dir;
        const std::string path = writeNcem(dir, "ncem.emd", false, 20); // the data group needs continuation blocks
        const std::vector<std::uint8_t> original = slurp(path);
        const struct { const char* path; const char* label; } objects[] = {{"/", "root"}, {"/data", "group"}, {"/data/data", "dataset"}};
        for (const auto& [object, label] : objects) {
            const std::size_t header = objectAddress(path, object);
            QVERIFY(header != std::string::npos && header + 16 < original.size());
            QCOMPARE(int(original[header]), 1); // version-1 object header
            std::vector<std::uint8_t> bytes = original;
            bytes[header + 11] = 0xff; // high byte of the first chunk's 4-byte size
            expectBlockOutsideTheFile(bytes, std::string("huge-chunk-") + label + ".emd");
        }
        const std::size_t group = objectAddress(path, "/data");
        const std::size_t continuation = messageBody(original, group, 0x10);
        QVERIFY(continuation != std::string::npos);
        std::vector<std::uint8_t> bytes = original;
        bytes[continuation + 8 + 4] = 0x02; // the continuation's 8-byte length, fifth byte: 8 GB more
        expectBlockOutsideTheFile(bytes, "huge-continuation.emd");
    }

    // Soft and external links are not followed by the group search (an external link would make
    // libhdf5 open a file named by the input), and a valid file holding them still loads.
    void softAndExternalLinksAreNotFollowed() {
        QTemporaryDir dir;
        const std::string path = writeNcem(dir, "links.emd", false, 0);
        const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        QVERIFY(f >= 0);
        QVERIFY(H5Lcreate_soft("/data", f, "alias", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        QVERIFY(H5Lcreate_external("/nonexistent/elsewhere.h5", "/", f, "away", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        H5Fclose(f);
        auto r = readMicrograph(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->metadata.at("emd.dataset"), std::string("/data"));
    }

    // The image dataset kept compact (its 15 bytes inside the layout message) declares 4 bytes of data.
    // libhdf5 1.10.8 copies a read from that data by the selection's offsets alone (fuzz_emd: SEGV in
    // H5D__compact_readvv from a Velox /Version dataset declaring none).
    void compactDataShorterThanItsDataspaceIsRefused() {
        QTemporaryDir dir;
        const std::string path = writeNcem(dir, "compact.emd", false, 0, true, H5D_COMPACT);
        auto valid = readMicrograph(path);
        QVERIFY2(valid.ok(), valid.ok() ? "" : valid.error().message.c_str());
        std::vector<std::uint8_t> bytes = slurp(path);
        const std::size_t layout = messageBody(bytes, objectAddress(path, "/data/data"), 0x08);
        QVERIFY(layout != std::string::npos);
        QCOMPARE(int(bytes[layout]), 3);                          // layout message version 3
        QCOMPARE(int(bytes[layout + 1]), 0);                      // compact
        QCOMPARE(bytes[layout + 2] | bytes[layout + 3] << 8, 15); // 3 x 5 bytes
        bytes[layout + 2] = 4;
        expectRefused(bytes, "short-compact.emd", "holds a compact dataset of 4 bytes where its dataspace and datatype need 15");
    }

    // The image dataset's dataspace claims rank 30: its dimensions would be read far past the message.
    void datasetDataspaceRunningPastItsMessageIsRefused() {
        QTemporaryDir dir;
        std::vector<std::uint8_t> bytes = slurp(writeNcem(dir, "ncem.emd", false, 0));
        const std::string dims("\x03\0\0\0\0\0\0\0\x05\0\0\0\0\0\0\0", 16); // 3 x 5, 8-byte lengths
        const std::size_t at = find(bytes, dims);
        QVERIFY(at != std::string::npos && at >= 8);
        QCOMPARE(int(bytes[at - 8]), 1); // dataspace message version 1
        QCOMPARE(int(bytes[at - 7]), 2); // rank
        bytes[at - 7] = 30;
        expectRefused(bytes, "rank30.emd", "holds a dataspace message that libhdf5 1.10 would read out of bounds: its encoding runs past");
    }

    // The two shared samples that io_robustness_test mutated into the ASan report and the 46 s read.
    void flippedSharedSamplesAreRefused() {
        DS_REQUIRE_TESTDATA();
        std::vector<std::uint8_t> ncem = slurp(test::testDataPath("formats/emd/ncem_example_image.emd").toStdString());
        QVERIFY(ncem.size() > 839 && ncem[839] == 0);
        ncem[839] = 0xff;
        expectRefused(ncem, "ncem_example_image.emd", "its dataspace (65288 bytes");
        std::vector<std::uint8_t> fei = slurp(test::testDataPath("formats/emd/fei_example_tem_stack.emd").toStdString());
        QVERIFY(fei.size() > 691 && fei[691] == 0);
        fei[691] = 0xff;
        expectRefused(fei, "fei_example_tem_stack.emd", "local heap claims 4278190256 bytes");
    }
};

QTEST_GUILESS_MAIN(IoHdf5HeaderTest)
#include "io_hdf5_header_test.moc"
