#include "core/io/dm_tag_tree.h"

#include "core/io/format_readers.h"

namespace ds::io {

std::size_t dmTypeSize(std::uint64_t type) {
    switch (type) {
    case 2: case 4: return 2;
    case 3: case 5: case 6: return 4;
    case 7: case 11: case 12: return 8;
    case 8: case 9: case 10: return 1;
    default: return 0;
    }
}

namespace {

constexpr int kMaxDepth = 64;
constexpr std::uint64_t kMaxInfoWords = 4096;
constexpr std::uint64_t kMaxTextUnits = 4096; // uint16 arrays longer than this are data, not text

std::string utf16ToUtf8(ByteCursor& c, std::uint64_t units) {
    std::string out;
    for (std::uint64_t i = 0; i < units; ++i) {
        std::uint32_t cp = c.u16();
        if (cp == 0)
            continue;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < units) { // surrogate pair
            const std::uint32_t lo = c.u16();
            ++i;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

double readSimple(ByteCursor& c, std::uint64_t type) {
    switch (type) {
    case 2: return c.i16();
    case 3: return c.i32();
    case 4: return c.u16();
    case 5: return c.u32();
    case 6: return c.f32();
    case 7: return c.f64();
    case 8: case 10: return c.u8();
    case 9: return static_cast<std::int8_t>(c.u8());
    case 11: return static_cast<double>(c.i64());
    case 12: return static_cast<double>(c.u64());
    default: fail(ErrorCode::Format, "unknown DM tag type " + std::to_string(type));
    }
}

// Checked n * size that cannot overflow; fails when it exceeds what is left of the file.
std::uint64_t payloadBytes(std::uint64_t n, std::uint64_t size, const ByteCursor& c) {
    if (size != 0 && n > c.remaining() / size)
        fail(ErrorCode::Format, "DM array of " + std::to_string(n) + " elements at offset " + std::to_string(c.pos()) +
                                    " runs past the end of the file");
    return n * size;
}

} // namespace

class DmParser {
public:
    DmParser(DmTagTree& tree, ByteView file) : m_tree(tree), m_c(file, true) {}

    void run(std::uint64_t start) {
        m_c.seek(start);
        m_tree.m_version = static_cast<int>(m_c.u32());
        if (m_tree.m_version != 3 && m_tree.m_version != 4)
            fail(ErrorCode::Format, "DM version word is " + std::to_string(m_tree.m_version) + " (expected 3 or 4)");
        m_dm4 = m_tree.m_version == 4;
        if (m_dm4) m_c.u64(); else m_c.u32(); // root length: not trusted, we walk the tags
        const std::uint32_t order = m_c.u32();
        if (order > 1)
            fail(ErrorCode::Format, "DM byte-order flag is " + std::to_string(order));
        m_tree.m_little = order == 1;
        m_tree.m_nodes.push_back(DmNode{});
        m_tree.m_nodes[0].group = true;
        group(0, 0);
    }

private:
    std::uint64_t word() { return m_dm4 ? m_c.u64() : m_c.u32(); }

    void group(int node, int depth) {
        if (depth > kMaxDepth)
            fail(ErrorCode::Format, "DM tag groups nested deeper than " + std::to_string(kMaxDepth));
        m_c.u8(); // is_sorted
        m_c.u8(); // is_open
        const std::uint64_t n = word();
        for (std::uint64_t i = 0; i < n; ++i)
            entry(node, depth);
    }

    void entry(int parent, int depth) {
        const std::uint8_t kind = m_c.u8();
        if (kind != 20 && kind != 21)
            fail(ErrorCode::Format, "bad DM tag kind " + std::to_string(kind) + " at offset " + std::to_string(m_c.pos() - 1));
        DmNode node;
        node.name = m_c.bytes(m_c.u16());
        std::uint64_t end = 0;
        if (m_dm4) {
            const std::uint64_t len = m_c.u64();
            end = m_c.pos() + len;
        }
        node.group = kind == 20;
        const int index = static_cast<int>(m_tree.m_nodes.size());
        m_tree.m_nodes.push_back(node);
        m_tree.m_nodes[static_cast<std::size_t>(parent)].children.push_back(index);
        if (kind == 20)
            group(index, depth + 1);
        else
            data(index, end);
    }

    void data(int index, std::uint64_t dm4End) {
        if (m_c.bytes(4) != "%%%%")
            fail(ErrorCode::Format, "DM data tag without %%%% marker at offset " + std::to_string(m_c.pos() - 4));
        const std::uint64_t n = word();
        if (n == 0 || n > kMaxInfoWords)
            fail(ErrorCode::Format, "DM data tag has " + std::to_string(n) + " info words");
        std::vector<std::uint64_t> info;
        payloadBytes(n, m_dm4 ? 8 : 4, m_c);
        for (std::uint64_t i = 0; i < n; ++i)
            info.push_back(word());
        m_c.setBigEndian(!m_tree.m_little); // payloads follow the header flag
        DmNode& node = m_tree.m_nodes[static_cast<std::size_t>(index)];
        const std::uint64_t t = info[0];
        if (dmTypeSize(t) != 0) {
            node.type = static_cast<int>(t);
            node.number = readSimple(m_c, t);
        } else if (t == 18 && n >= 2) { // string of UTF-16 units
            payloadBytes(info[1], 2, m_c);
            node.text = utf16ToUtf8(m_c, info[1]);
        } else if (t == 15 && n >= 3) { // struct: skip its fields, keep the first as the value
            const std::uint64_t fields = info[2];
            // (n - 3) / 2, not 3 + 2 * fields: a field count near 2^63 would wrap the sum and pass.
            if (fields > (n - 3) / 2)
                fail(ErrorCode::Format, "DM struct tag with truncated field list");
            for (std::uint64_t f = 0; f < fields; ++f) {
                const double v = readSimple(m_c, info[4 + 2 * f]);
                if (f == 0) node.number = v;
            }
        } else if (t == 20 && n >= 3) {
            array(node, info, dm4End);
        } else {
            fail(ErrorCode::Unsupported, "DM tag with unknown encoding (type " + std::to_string(t) + ")");
        }
        m_c.setBigEndian(true);
    }

    void array(DmNode& node, const std::vector<std::uint64_t>& info, std::uint64_t dm4End) {
        const std::uint64_t elem = info[1];
        node.array = true;
        node.offset = m_c.pos();
        if (dmTypeSize(elem) != 0) {
            node.type = static_cast<int>(elem);
            node.count = info[2];
            const std::uint64_t bytes = payloadBytes(node.count, dmTypeSize(elem), m_c);
            // Text tags are uint16 arrays; so is ImageData.Data of uint16 images - never decode that.
            if (elem == 4 && node.count <= kMaxTextUnits && node.name != "Data") {
                node.text = utf16ToUtf8(m_c, node.count);
            } else {
                m_c.skip(bytes);
            }
            return;
        }
        std::uint64_t elemBytes = 0, count = 0;
        if (elem == 15 && info.size() >= 4) { // array of structs
            const std::uint64_t fields = info[3];
            if (info.size() < 5 || fields > (info.size() - 5) / 2)
                fail(ErrorCode::Format, "DM struct-array tag with truncated field list");
            for (std::uint64_t f = 0; f < fields; ++f) {
                const std::size_t s = dmTypeSize(info[5 + 2 * f]);
                if (s == 0)
                    fail(ErrorCode::Unsupported, "DM struct field of non-simple type");
                elemBytes += s;
            }
            count = info[4 + 2 * fields];
        } else if (elem == 18 && info.size() >= 4) { // array of strings
            elemBytes = payloadBytes(info[2], 2, m_c);
            count = info[3];
        } else if (m_dm4 && dm4End >= m_c.pos()) {
            // Arrays of arrays: DM4 tells us the entry length, so skip what we do not interpret
            // (only forwards: a backwards length would make the walk loop).
            m_c.seek(dm4End);
            return;
        } else {
            fail(ErrorCode::Unsupported, "DM array of element type " + std::to_string(elem));
        }
        node.type = static_cast<int>(elem);
        node.count = count;
        m_c.skip(payloadBytes(count, elemBytes, m_c));
    }

    DmTagTree& m_tree;
    ByteCursor m_c;
    bool m_dm4 = false;
};

DmTagTree DmTagTree::parse(ByteView file, std::uint64_t start) {
    DmTagTree tree;
    DmParser(tree, file).run(start);
    return tree;
}

const DmNode* DmTagTree::child(const DmNode* parent, const std::string& name) const {
    if (!parent)
        return nullptr;
    for (int i : parent->children)
        if (m_nodes[static_cast<std::size_t>(i)].name == name)
            return &m_nodes[static_cast<std::size_t>(i)];
    return nullptr;
}

const DmNode* DmTagTree::child(const DmNode* parent, std::size_t index) const {
    if (!parent || index >= parent->children.size())
        return nullptr;
    return &m_nodes[static_cast<std::size_t>(parent->children[index])];
}

const DmNode* DmTagTree::find(const DmNode* from, const std::string& dottedPath) const {
    std::size_t start = 0;
    const DmNode* node = from;
    while (node && start <= dottedPath.size()) {
        const auto dot = dottedPath.find('.', start);
        const std::string part = dottedPath.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        node = child(node, part);
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return node;
}

std::optional<double> DmTagTree::number(const DmNode* from, const std::string& dottedPath) const {
    const DmNode* n = find(from, dottedPath);
    return n ? n->number : std::nullopt;
}

std::optional<std::string> DmTagTree::text(const DmNode* from, const std::string& dottedPath) const {
    const DmNode* n = find(from, dottedPath);
    if (!n)
        return std::nullopt;
    if (!n->text.empty())
        return n->text;
    if (n->number)
        return numberText(*n->number);
    return std::nullopt;
}

} // namespace ds::io
