#include "core/io/hdf5_header_check.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace ds::io {

namespace {

// Sizes above this are absurd for anything an object header describes; saturating there keeps the
// arithmetic overflow-free.
constexpr std::uint64_t kHuge = std::uint64_t{1} << 62;

std::uint64_t mulSat(std::uint64_t a, std::uint64_t b) { return a != 0 && b > kHuge / a ? kHuge : std::min(a * b, kHuge); }
std::uint64_t addSat(std::uint64_t a, std::uint64_t b) { return std::min(kHuge, std::min(a, kHuge) + std::min(b, kHuge)); }
std::uint64_t align8(std::uint64_t n) { return (n + 7) / 8 * 8; }

// Whether `address`, read with `width` bytes, is HDF5's "undefined address" (all bits set).
bool undefinedAddress(std::uint64_t address, unsigned width) {
    return width == 8 ? address == ~std::uint64_t{0} : address == (std::uint64_t{1} << (8 * width)) - 1;
}

[[noreturn]] void defect(const std::string& why) { fail(ErrorCode::Format, why); }

// Superblock fields needed to find objects: where HDF5 addresses start, and their encoded widths.
struct Layout {
    ByteView file;
    std::uint64_t base = 0;
    unsigned offsetSize = 8;
    unsigned lengthSize = 8;

    std::uint64_t absolute(std::uint64_t address) const { return address > kHuge ? kHuge : base + address; }
};

std::uint64_t readLE(ByteCursor& c, unsigned bytes) {
    std::uint64_t v = 0;
    const std::uint8_t* p = c.take(bytes);
    for (unsigned i = bytes; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

// libhdf5 looks for the signature at 0, 512, 1024, 2048, ... and takes the superblock's own position as
// the base address (H5F__super_read adjusts a stored base that differs).
Layout readLayout(ByteView file) {
    static const std::uint8_t signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    std::uint64_t at = 0;
    while (!(file.contains(at, 16) && std::equal(signature, signature + 8, file.data + at))) {
        at = at == 0 ? 512 : at * 2;
        if (at >= file.size)
            defect("HDF5: no superblock");
    }
    Layout layout{file, at};
    const std::uint8_t version = file.data[at + 8];
    const std::uint64_t sizes = version < 2 ? at + 13 : at + 9;
    layout.offsetSize = file.contains(sizes, 2) ? file.data[sizes] : 0;
    layout.lengthSize = file.contains(sizes, 2) ? file.data[sizes + 1] : 0;
    for (unsigned s : {layout.offsetSize, layout.lengthSize})
        if (s != 2 && s != 4 && s != 8)
            defect("HDF5: superblock declares " + std::to_string(s) + "-byte addresses or lengths");
    return layout;
}

// One object-header message: its type, flags and body bytes.
struct Message {
    unsigned type;
    unsigned flags;
    ByteView body;
};

// Calls `visit` for every message of the object header at `address`, following continuation blocks
// (each once). A message that overruns its block is a defect: libhdf5 would refuse it too.
void forEachMessage(const Layout& layout, std::uint64_t address, const std::function<void(const Message&)>& visit) {
    const ByteView file = layout.file;
    const std::uint64_t start = layout.absolute(address);
    if (!file.contains(start, 16))
        defect("HDF5: object header address " + std::to_string(address) + " is outside the file");
    struct Block { std::uint64_t offset, length; };
    std::vector<Block> blocks;
    bool v2 = false;
    bool creationOrder = false;
    ByteCursor prefix(file, false, start);
    if (std::equal(file.data + start, file.data + start + 4, "OHDR")) {
        v2 = true;
        prefix.skip(5);
        const std::uint8_t flags = prefix.u8();
        creationOrder = flags & 0x04;
        if (flags & 0x20)
            prefix.skip(16); // access, modification, change and birth times
        if (flags & 0x10)
            prefix.skip(4); // attribute storage phase change values
        const std::uint64_t size = readLE(prefix, 1u << (flags & 3));
        blocks.push_back({prefix.pos(), size});
    } else {
        if (file.data[start] != 1)
            defect("HDF5: unknown object header version " + std::to_string(file.data[start]) + " at address " + std::to_string(address));
        prefix.skip(8);
        blocks.push_back({start + 16, prefix.u32()});
    }
    std::set<std::uint64_t> seen{start};
    const unsigned headerSize = v2 ? (creationOrder ? 6 : 4) : 8;
    std::size_t messages = 0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        if (blocks.size() > 4096 || !file.contains(blocks[b].offset, blocks[b].length))
            defect("HDF5: object header block at offset " + std::to_string(blocks[b].offset) + " (" +
                   std::to_string(blocks[b].length) + " bytes) is outside the file");
        ByteCursor c(file.sub(blocks[b].offset, blocks[b].length), false);
        while (c.remaining() >= headerSize && ++messages < (1u << 20)) {
            const unsigned type = v2 ? c.u8() : c.u16();
            const unsigned size = c.u16();
            const unsigned flags = c.u8();
            c.skip(headerSize - (v2 ? 4 : 5));
            if (size > c.remaining())
                defect("HDF5: object header message of " + std::to_string(size) + " bytes overruns its block at offset " +
                       std::to_string(blocks[b].offset));
            const Message m{type, flags, ByteView{c.take(size), size}};
            if (type == 0x10) { // continuation: address and length of the next block
                ByteCursor body(m.body, false);
                const std::uint64_t at = layout.absolute(readLE(body, layout.offsetSize));
                const std::uint64_t length = readLE(body, layout.lengthSize);
                if (seen.insert(at).second) {
                    if (v2 && (length < 8 || !file.contains(at, length) || !std::equal(file.data + at, file.data + at + 4, "OCHK")))
                        defect("HDF5: object header continuation at offset " + std::to_string(at) + " is not a continuation block");
                    blocks.push_back(v2 ? Block{at + 4, length - 8} : Block{at, length});
                }
            }
            visit(m);
        }
    }
}

// Byte width libhdf5 uses for a member offset in a version-3 compound type (H5VM_limit_enc_size).
unsigned offsetWidth(std::uint64_t compoundSize) {
    unsigned bits = 0;
    while (compoundSize >>= 1)
        ++bits;
    return bits / 8 + 1;
}

// Skips a NUL-terminated name as the datatype decoder does: padded to 8 bytes before version 3.
void skipName(ByteCursor& c, unsigned version) {
    const ByteView rest{c.take(0), static_cast<std::size_t>(c.remaining())};
    const auto* end = std::find(rest.data, rest.data + rest.size, std::uint8_t{0});
    if (end == rest.data + rest.size)
        defect("member name without a terminating NUL");
    const std::uint64_t length = static_cast<std::uint64_t>(end - rest.data);
    c.skip(version < 3 ? (length + 8) / 8 * 8 : length + 1);
}

// Size of one element of a datatype: as encoded, and an upper bound on the size libhdf5 may give it
// once variable-length parts take their on-disk size (H5T__set_loc).
struct TypeSize {
    std::uint64_t encoded;
    std::uint64_t bound;
};

// An atomic type's bit layout must lie inside its element. libhdf5 1.10.8 trusts it: a conversion
// (integer to float on H5Aread of a number, for one) copies `precision` bits from `offset` of each
// element, and a float's exponent and mantissa from their positions, with no check against the
// element's size (fuzz_emd: SIGBUS in H5T__bit_copy from H5T__conv_i_f). The exponent is read into a
// 64-bit word. `cls` 0 is fixed point, 1 floating point, 4 bitfield; `classBits` is the class bit field.
void checkBitLayout(ByteCursor& c, unsigned cls, unsigned classBits, std::uint64_t size) {
    const std::uint64_t bits = mulSat(size, 8);
    const unsigned offset = c.u16(), precision = c.u16();
    if (size == 0 || precision == 0 || offset + precision > bits)
        defect("datatype of " + std::to_string(size) + " bytes with " + std::to_string(precision) + " bits of precision at bit " +
               std::to_string(offset));
    if (cls != 1)
        return;
    const unsigned sign = classBits >> 8 & 0xff;
    const unsigned exponentAt = c.u8(), exponentBits = c.u8(), mantissaAt = c.u8(), mantissaBits = c.u8();
    c.skip(4); // exponent bias
    if (sign >= bits || exponentBits == 0 || exponentBits > 64 || exponentAt + exponentBits > bits || mantissaBits == 0 ||
        mantissaAt + mantissaBits > bits)
        defect("floating-point datatype of " + std::to_string(size) + " bytes with sign bit " + std::to_string(sign) + ", exponent " +
               std::to_string(exponentBits) + " bits at " + std::to_string(exponentAt) + ", mantissa " + std::to_string(mantissaBits) +
               " bits at " + std::to_string(mantissaAt));
}

TypeSize parseType(ByteCursor& c, const Layout& layout, int depth) {
    if (depth > 16)
        defect("datatype nested more than 16 deep");
    const std::uint8_t classVersion = c.u8();
    const unsigned cls = classVersion & 0x0f, version = classVersion >> 4;
    const std::uint8_t* bitField = c.take(3);
    const unsigned bits = bitField[0] | bitField[1] << 8 | bitField[2] << 16;
    const std::uint64_t size = c.u32();
    switch (cls) {
    case 0: case 1: case 4: checkBitLayout(c, cls, bits, size); return {size, size}; // fixed point, float, bitfield
    case 2: c.skip(2); return {size, size};  // time
    case 3: case 7: return {size, size};     // string, reference
    case 5: c.skip(bits & 0xff); return {size, size}; // opaque: tag
    case 6: { // compound
        std::uint64_t grown = 0;
        for (unsigned i = 0, n = bits & 0xffff; i < n; ++i) {
            skipName(c, version);
            std::uint64_t elements = 1;
            if (version < 3) {
                c.skip(4);
                if (version == 1) {
                    const unsigned dims = c.u8();
                    if (dims > 4)
                        defect("compound member with " + std::to_string(dims) + " dimensions");
                    c.skip(11);
                    for (unsigned d = 0; d < 4; ++d) {
                        const std::uint32_t extent = c.u32();
                        if (d < dims)
                            elements = mulSat(elements, extent);
                    }
                }
            } else {
                c.skip(offsetWidth(size));
            }
            const TypeSize member = parseType(c, layout, depth + 1);
            if (member.bound > member.encoded)
                grown = addSat(grown, mulSat(elements, member.bound - member.encoded));
        }
        return {size, addSat(size, grown)};
    }
    case 8: { // enumeration: base type, names, values
        const TypeSize base = parseType(c, layout, depth + 1);
        const unsigned n = bits & 0xffff;
        for (unsigned i = 0; i < n; ++i)
            skipName(c, version);
        c.skip(mulSat(n, base.encoded));
        return {size, size};
    }
    case 9: { // variable length: on disk a length, a heap address and an index
        parseType(c, layout, depth + 1);
        return {size, std::max<std::uint64_t>(size, 8 + layout.offsetSize)};
    }
    case 10: { // array
        const unsigned dims = c.u8();
        if (dims > 32)
            defect("array datatype with " + std::to_string(dims) + " dimensions");
        if (version < 3)
            c.skip(3);
        std::uint64_t elements = 1;
        for (unsigned d = 0; d < dims; ++d)
            elements = mulSat(elements, c.u32());
        if (version < 3)
            c.skip(4ull * dims); // permutation
        const TypeSize base = parseType(c, layout, depth + 1);
        return {size, std::max(size, mulSat(elements, base.bound))};
    }
    default:
        defect("unknown datatype class " + std::to_string(cls));
    }
}

// Number of elements a dataspace encoding describes; the whole encoding must fit in `c`.
std::uint64_t parseSpace(ByteCursor& c, const Layout& layout) {
    const unsigned version = c.u8();
    const unsigned rank = c.u8();
    const unsigned flags = c.u8();
    if (version < 1 || version > 2 || rank > 32)
        defect("dataspace version " + std::to_string(version) + " with rank " + std::to_string(rank));
    unsigned kind = rank > 0 ? 1 : 0; // version 1: scalar or simple
    if (version == 1)
        c.skip(5);
    else
        kind = c.u8();
    std::uint64_t points = kind == 2 ? 0 : 1; // null space holds nothing
    for (unsigned d = 0; d < rank; ++d)
        points = mulSat(points, readLE(c, layout.lengthSize));
    if (flags & 1)
        c.skip(std::uint64_t{rank} * layout.lengthSize); // maximum dimensions
    return points;
}

TypeSize committedType(const Layout& layout, ByteCursor& reference, int depth);

// The datatype of an attribute: encoded in place, or (flag bit 0) a reference to a committed datatype.
TypeSize attributeType(const Layout& layout, ByteView bytes, bool shared, int depth) {
    ByteCursor c(bytes, false);
    return shared ? committedType(layout, c, depth) : parseType(c, layout, 0);
}

// Follows a shared-message reference (H5O__shared_decode) to the committed datatype's object header.
TypeSize committedType(const Layout& layout, ByteCursor& reference, int depth) {
    const unsigned version = reference.u8();
    const unsigned kind = reference.u8();
    if (version < 1 || version > 3)
        defect("shared message reference version " + std::to_string(version));
    if (version >= 2 && kind == 1)
        fail(ErrorCode::Unsupported, "HDF5: attributes in a shared-message heap are not supported");
    if (version == 1)
        reference.skip(6 + layout.lengthSize);
    const std::uint64_t address = readLE(reference, layout.offsetSize);
    if (depth > 0)
        defect("committed datatype refers to another committed datatype");
    std::optional<TypeSize> found;
    forEachMessage(layout, address, [&](const Message& m) {
        if (m.type == 0x03 && !found)
            found = attributeType(layout, m.body, m.flags & 0x02, depth + 1);
    });
    if (!found)
        defect("committed datatype at address " + std::to_string(address) + " holds no datatype");
    return *found;
}

// The global heap collection ("GCOL") holding the data of a variable-length attribute value: it must
// lie in the file, and every object in it must fit inside it. libhdf5 1.10.8 parses all objects of a
// collection when it loads one (H5HG__cache_heap_deserialize) and H5HG_read then copies an object by
// its declared size without checking it against the collection: a flipped size byte made ASan report
// memcpy-param-overlap in H5HG_read (fuzz_emd). `index` must be one of the collection's objects.
// `needed` is the value's length times its element size: libhdf5 1.10.8 allocates and clears that much
// on H5Aread (H5T__conv_vlen) and then copies the heap object into it, so an object shorter than its
// value's declared length costs gigabytes for a few flipped bits (fuzz_emd: 1.4 GB, 5 s).
void checkGlobalHeapObject(const Layout& layout, std::uint64_t address, std::uint64_t index, std::uint64_t needed) {
    const std::uint64_t at = layout.absolute(address);
    const std::uint64_t header = 8 + layout.lengthSize; // signature, version, reserved, collection size
    if (!layout.file.contains(at, header) || !std::equal(layout.file.data + at, layout.file.data + at + 4, "GCOL"))
        defect("its variable-length value points to a global heap at " + std::to_string(address) +
               " that is not in the file");
    ByteCursor c(ByteView{layout.file.data + at + 8, layout.lengthSize}, false);
    const std::uint64_t size = readLE(c, layout.lengthSize);
    if (size < header || !layout.file.contains(at, size))
        defect("its global heap at " + std::to_string(address) + " declares " + std::to_string(size) +
               " bytes, past the end of the file");
    const std::uint64_t objectHeader = 8 + layout.lengthSize; // index, references, reserved, size
    bool found = false;
    for (std::uint64_t pos = header; pos + objectHeader <= size;) {
        ByteCursor o(ByteView{layout.file.data + at + pos, static_cast<std::size_t>(objectHeader)}, false);
        const std::uint64_t id = o.u16();
        o.skip(6);
        const std::uint64_t bytes = readLE(o, layout.lengthSize);
        if (id == 0) {
            // Free space. libhdf5 steps over it by its size alone, header included: a size smaller
            // than the header never moves on (a hang found by fuzz_emd), a larger one than what is
            // left runs past the collection.
            if (bytes < objectHeader || bytes > size - pos)
                defect("the free space of its global heap at " + std::to_string(address) + " declares " +
                       std::to_string(bytes) + " bytes, which do not fit its collection");
            pos += bytes;
            continue;
        }
        if (bytes > size - pos - objectHeader)
            defect("object " + std::to_string(id) + " of its global heap at " + std::to_string(address) + " declares " +
                   std::to_string(bytes) + " bytes, past the end of its collection");
        if (id == index && bytes < needed)
            defect("its variable-length value needs " + std::to_string(needed) + " bytes but object " + std::to_string(id) +
                   " of its global heap at " + std::to_string(address) + " holds " + std::to_string(bytes));
        found = found || id == index;
        pos = addSat(pos + objectHeader, align8(bytes));
    }
    if (!found)
        defect("its variable-length value names object " + std::to_string(index) + " of the global heap at " +
               std::to_string(address) + ", which has no such object");
}

// Mirrors H5O_attr_decode of libhdf5 1.10.8, checking each step against the message's bounds.
void checkAttribute(const Layout& layout, const Message& m) {
    if (m.flags & 0x02)
        fail(ErrorCode::Unsupported, "HDF5: attributes in a shared-message heap are not supported");
    ByteCursor c(m.body, false);
    const unsigned version = c.u8();
    if (version < 1 || version > 3)
        defect("attribute message version " + std::to_string(version));
    const unsigned flags = c.u8(); // reserved before version 2
    const std::uint64_t nameSize = c.u16(), typeSize = c.u16(), spaceSize = c.u16();
    if (version >= 3)
        c.skip(1); // character set of the name
    // Each part must lie inside the message; the cursor then steps over it as libhdf5 does.
    auto part = [&](std::uint64_t size, const char* what) {
        const std::uint64_t step = version == 1 ? align8(size) : size;
        if (!m.body.contains(c.pos(), step))
            defect(std::string("its ") + what + " (" + std::to_string(size) + " bytes at byte " + std::to_string(c.pos()) +
                   ") runs past the message's " + std::to_string(m.body.size) + " bytes");
        const ByteView bytes{m.body.data + c.pos(), static_cast<std::size_t>(size)};
        c.skip(step);
        return bytes;
    };
    const ByteView name = part(nameSize, "name");
    if (nameSize == 0 || std::find(name.data, name.data + name.size, std::uint8_t{0}) == name.data + name.size)
        defect("attribute name without a terminating NUL within its " + std::to_string(nameSize) + " bytes");
    // ByteCursor blames "the file" for an overrun; here the bounds are the encoding's declared size.
    auto encoding = [](const char* what, ByteView bytes, auto&& parse) {
        try {
            return parse(bytes);
        } catch (const CoreError& e) {
            if (e.code != ErrorCode::Format || std::string(e.what()).rfind("truncated", 0) != 0)
                throw;
            defect(std::string("its ") + what + " encoding runs past its declared " + std::to_string(bytes.size) + " bytes");
        }
    };
    const bool sharedType = version >= 2 && (flags & 0x01);
    const ByteView typeBytes = part(typeSize, "datatype");
    const TypeSize type = encoding("datatype", typeBytes,
                                   [&](ByteView b) { return attributeType(layout, b, sharedType, 0); });
    if (version >= 2 && (flags & 0x02))
        fail(ErrorCode::Unsupported, "HDF5: attributes in a shared-message heap are not supported");
    const std::uint64_t points = encoding("dataspace", part(spaceSize, "dataspace"), [&](ByteView b) {
        ByteCursor space(b, false);
        return parseSpace(space, layout);
    });
    // libhdf5 1.10.8 keeps `encoded` bytes per element of the attribute's data, but H5Aread copies
    // `bound` per element once variable-length parts take their on-disk size (fuzz_emd: a
    // variable-length string type declaring 11 bytes, read as 16: heap-buffer-overflow in H5A__read).
    if (type.bound > type.encoded)
        defect("its datatype declares " + std::to_string(type.encoded) + " bytes per element but takes " +
               std::to_string(type.bound) + " in the file");
    const std::uint64_t data = mulSat(points, type.encoded);
    if (data > c.remaining())
        defect("attribute data of " + std::to_string(data) + " bytes but only " + std::to_string(c.remaining()) +
               " left in the message");
    // A variable-length value (string or sequence) is stored as a length, a global heap address and
    // an object index; libhdf5 reads the heap object on H5Aread. Types kept elsewhere (committed) and
    // nested variable-length members are not followed.
    constexpr unsigned kVariableLength = 9;
    if (!sharedType && typeBytes.size > 0 && (typeBytes.data[0] & 0x0f) == kVariableLength) {
        ByteCursor base(typeBytes, false, 12); // the base type's size field, after the 8-byte vlen header
        const std::uint64_t elementSize = typeBytes.size >= 16 ? base.u32() : 1;
        for (std::uint64_t i = 0; i < points; ++i) {
            const std::uint64_t length = c.u32();
            const std::uint64_t address = readLE(c, layout.offsetSize);
            const std::uint64_t index = c.u32();
            if (length > 0 && !undefinedAddress(address, layout.offsetSize))
                checkGlobalHeapObject(layout, address, index, mulSat(length, elementSize));
        }
    }
}

// A group's local heap (names of its links) must lie inside the file: libhdf5 allocates its declared
// size on every lookup.
void checkSymbolTable(const Layout& layout, const Message& m) {
    ByteCursor c(m.body, false);
    readLE(c, layout.offsetSize); // B-tree
    const std::uint64_t heap = layout.absolute(readLE(c, layout.offsetSize));
    if (!layout.file.contains(heap, 8 + 2ull * layout.lengthSize + layout.offsetSize) ||
        !std::equal(layout.file.data + heap, layout.file.data + heap + 4, "HEAP"))
        defect("group's local heap at offset " + std::to_string(heap) + " is missing");
    ByteCursor h(layout.file, false, heap + 8);
    const std::uint64_t size = readLE(h, layout.lengthSize);
    const std::uint64_t freeList = readLE(h, layout.lengthSize);
    const std::uint64_t data = layout.absolute(readLE(h, layout.offsetSize));
    if (!layout.file.contains(data, size))
        defect("group's local heap claims " + std::to_string(size) + " bytes at offset " + std::to_string(data) +
               " in a file of " + std::to_string(layout.file.size));
    // The free list links blocks of the data segment by offset (each block starts with the next
    // block's offset and its own size) and ends at offset 1. libhdf5 1.10.8 follows it on every load
    // of the heap, allocating a node per block, with no check for a cycle: a loop allocates without
    // end (fuzz_emd: 24 GB in 137 s from a 7 KB file). Blocks do not overlap and each holds its two
    // fields, so a list longer than the segment has room for loops.
    constexpr std::uint64_t kEndOfFreeList = 1;
    const std::uint64_t fields = 2ull * layout.lengthSize;
    std::uint64_t blocks = 0;
    for (std::uint64_t at = freeList; at != kEndOfFreeList; ++blocks) {
        if (blocks > size / fields)
            defect("group's local heap has a free list that loops (block at offset " + std::to_string(at) + ")");
        if (at >= size || size - at < fields)
            defect("group's local heap has a free block at offset " + std::to_string(at) + " outside its " +
                   std::to_string(size) + " bytes");
        ByteCursor f(layout.file, false, data + at);
        const std::uint64_t next = readLE(f, layout.lengthSize);
        if (readLE(f, layout.lengthSize) > size - at)
            defect("group's local heap has a free block at offset " + std::to_string(at) + " running past its " +
                   std::to_string(size) + " bytes");
        at = next;
    }
}

// A compact dataset keeps its data inside its layout message: the declared size of that data, or
// nothing for other layouts. Versions 1-2: version, rank, class, 5 reserved bytes, rank 4-byte
// dimensions (no address for compact storage), then a 4-byte size; versions 3-4: version, class, then a
// 2-byte size. The data must lie inside the message.
std::optional<std::uint64_t> compactDataSize(const Message& m) {
    ByteCursor c(m.body, false);
    const unsigned version = c.u8();
    std::uint64_t size = 0;
    if (version >= 3) {
        if (c.u8() != 0)
            return std::nullopt;
        size = c.u16();
    } else {
        const unsigned rank = c.u8();
        if (c.u8() != 0)
            return std::nullopt;
        c.skip(5 + 4ull * rank);
        size = c.u32();
    }
    if (size > c.remaining())
        defect("compact data of " + std::to_string(size) + " bytes runs past its layout message");
    return size;
}

} // namespace

void requireIntactRootHeaders(ByteView file) {
    const Layout layout = readLayout(file);
    const std::uint8_t version = file.data[layout.base + 8];
    const unsigned o = layout.offsetSize;
    // Superblock versions 0 and 1 end their fixed part at 24 and 28 bytes, then hold the base, free-space,
    // end-of-file and driver-information addresses and the root group's symbol table entry (link name
    // offset, then object header address). Versions 2 and 3 hold the base, superblock extension,
    // end-of-file and root object header addresses after 12 bytes.
    const std::uint64_t root = version < 2 ? layout.base + (version == 0 ? 24 : 28) + 5ull * o : layout.base + 12 + 3ull * o;
    if (!file.contains(root, o))
        defect("HDF5: the superblock ends before the root group's address");
    ByteCursor c(file, false, root);
    requireIntactObjectHeader(file, readLE(c, o));
    if (version >= 2) {
        ByteCursor e(file, false, layout.base + 12 + o);
        if (const std::uint64_t extension = readLE(e, o); !undefinedAddress(extension, o))
            requireIntactObjectHeader(file, extension);
    }
}

void requireIntactObjectHeader(ByteView file, std::uint64_t address) {
    const Layout layout = readLayout(file);
    // A compact dataset's data must cover its dataspace: libhdf5 1.10.8 copies each read from the
    // layout message's data by the selection's offsets alone (fuzz_emd: SEGV in H5D__compact_readvv
    // on a Velox /Version dataset). Unknown when the datatype is committed elsewhere.
    std::optional<std::uint64_t> points, elementSize, compact;
    forEachMessage(layout, address, [&](const Message& m) {
        const bool shared = m.flags & 0x02; // kept elsewhere (committed or in a shared-message heap)
        try {
            if (m.type == 0x0c) {
                checkAttribute(layout, m);
            } else if (m.type == 0x11) {
                checkSymbolTable(layout, m);
            } else if (m.type == 0x03 && !shared) { // a dataset's or committed datatype's type
                ByteCursor c(m.body, false);
                elementSize = parseType(c, layout, 0).encoded;
            } else if (m.type == 0x01 && !shared) { // a dataset's dataspace
                ByteCursor c(m.body, false);
                points = parseSpace(c, layout);
            } else if (m.type == 0x08) {
                compact = compactDataSize(m);
            }
        } catch (const CoreError& e) {
            if (e.code != ErrorCode::Format)
                throw;
            const std::string what = m.type == 0x0c   ? "an attribute message"
                                     : m.type == 0x11 ? "a symbol table message"
                                     : m.type == 0x03 ? "a datatype message"
                                     : m.type == 0x08 ? "a data layout message"
                                                      : "a dataspace message";
            // ByteCursor words an overrun as "truncated ... the file has": here the bound is the message.
            const std::string why = std::string(e.what()).rfind("truncated", 0) == 0
                                        ? "its encoding runs past the message's " + std::to_string(m.body.size) + " bytes"
                                        : e.what();
            defect("HDF5: the object header at address " + std::to_string(address) + " holds " + what +
                   " that libhdf5 1.10 would read out of bounds: " + why);
        }
    });
    if (compact && points && elementSize && *compact < mulSat(*points, *elementSize))
        defect("HDF5: the object header at address " + std::to_string(address) + " holds a compact dataset of " +
               std::to_string(*compact) + " bytes where its dataspace and datatype need " +
               std::to_string(mulSat(*points, *elementSize)));
}

} // namespace ds::io
