#include "core/common/csv_reader.h"

#include "core/common/guard.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace ds {

CsvReader::CsvReader(const std::string& path, const std::string& what, std::uintmax_t maxBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        fail(ErrorCode::Io, "cannot open " + what + " (" + ec.message() + ")");
    // These files are small; refuse anything that is clearly not one rather than reading gigabytes.
    if (size > maxBytes)
        fail(ErrorCode::Format, what + " is larger than " + std::to_string(maxBytes >> 20) + " MB; not a " + what);
    m_in.open(path);
    if (!m_in)
        fail(ErrorCode::Io, "cannot open " + what);
}

bool CsvReader::next(std::vector<std::string>& cells) {
    std::string line;
    while (std::getline(m_in, line)) {
        ++m_lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trim(line).empty() || line[0] == '#')
            continue;
        cells.clear();
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            cells.push_back(trim(cell));
        if (line.back() == ',')
            cells.emplace_back();
        return true;
    }
    return false;
}

void CsvReader::failLine(const std::string& reason) const {
    fail(ErrorCode::Format, "line " + std::to_string(m_lineNo) + ": " + reason);
}

std::string CsvReader::trim(std::string s) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool CsvReader::parseDouble(const std::string& cell, double& value) {
    if (cell.empty())
        return false;
    try {
        std::size_t used = 0;
        value = std::stod(cell, &used);
        return used == cell.size() && std::isfinite(value);
    } catch (...) {
        return false;
    }
}

} // namespace ds
