#pragma once
// DmTagTree: the parsed tag tree of a DigitalMicrograph DM3/DM4 file (or of the DM tag stream Gatan
// embeds in TIFF tag 65027). Groups and data tags are nodes addressed by name or list index; large
// arrays (ImageData.Data) are recorded as offset + count and never decoded here. Built once per read
// on the reader's thread; immutable afterwards.
#include "core/io/byte_view.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::io {

struct DmNode {
    std::string name;          // "" for unnamed list elements
    bool group = false;
    std::vector<int> children; // indices into DmTagTree::nodes (groups only)
    // Data tags:
    int type = 0;              // tag type code of the value (array: element type)
    bool array = false;
    std::optional<double> number; // simple numeric value
    std::string text;          // strings and short uint16 arrays (UTF-16 -> UTF-8)
    std::uint64_t offset = 0;  // arrays: payload offset in the file
    std::uint64_t count = 0;   // arrays: element count
};

class DmTagTree {
public:
    // Parses the stream starting at `start` (0 for a file). Throws Format/Unsupported on bad input.
    static DmTagTree parse(ByteView file, std::uint64_t start = 0);

    int version() const { return m_version; }
    bool littleEndian() const { return m_little; }
    const std::vector<DmNode>& nodes() const { return m_nodes; }
    const DmNode& root() const { return m_nodes.front(); }

    // Child by name ("ImageData") or by index ("#3" or index()); nullptr when absent.
    const DmNode* child(const DmNode* parent, const std::string& name) const;
    const DmNode* child(const DmNode* parent, std::size_t index) const;
    // Dotted path of names, e.g. "Microscope Info.Voltage"; nullptr when any step is absent.
    const DmNode* find(const DmNode* from, const std::string& dottedPath) const;
    std::optional<double> number(const DmNode* from, const std::string& dottedPath) const;
    std::optional<std::string> text(const DmNode* from, const std::string& dottedPath) const;

private:
    int m_version = 0;
    bool m_little = true;
    std::vector<DmNode> m_nodes;
    friend class DmParser;
};

// Element size in bytes of a DM tag type code (2..12), 0 for non-simple types.
std::size_t dmTypeSize(std::uint64_t type);

} // namespace ds::io
