#pragma once
// CsvReader: reads the small comma-separated files users bring (hand labels, truth points) line by
// line: refuses files larger than a stated limit before reading them, skips blank lines and '#'
// comments, strips a trailing CR (files from Windows tools) and trims every cell. Quoting is not
// supported: none of the formats it serves has text that needs it. Failures throw through fail(),
// so callers run it inside guarded() and the message names the file. Used on whichever thread reads
// the file; one reader per file.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace ds {

class CsvReader {
public:
    // `what` names the kind of file in messages ("label file", "point file").
    CsvReader(const std::string& path, const std::string& what, std::uintmax_t maxBytes);

    // The next non-blank, non-comment line split into trimmed cells; false at the end of the file.
    // A line ending in ',' yields a last empty cell.
    bool next(std::vector<std::string>& cells);
    int lineNumber() const { return m_lineNo; }

    // Throws a Format error "line N: <reason>".
    [[noreturn]] void failLine(const std::string& reason) const;

    static std::string trim(std::string s);
    // A finite number that fills the whole cell.
    static bool parseDouble(const std::string& cell, double& value);

private:
    std::ifstream m_in;
    int m_lineNo = 0;
};

} // namespace ds
