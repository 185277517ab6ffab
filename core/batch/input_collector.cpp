#include "core/batch/input_collector.h"

#include "core/common/fnv1a.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <system_error>

namespace ds {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Matches a bracket expression at p[0] == '['; returns the length consumed or 0 when malformed.
size_t matchBracket(std::string_view p, char c, bool& matched) {
    size_t i = 1;
    const bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
    if (negate)
        ++i;
    bool any = false;
    const size_t first = i;
    for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
        if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
            any = any || (c >= p[i] && c <= p[i + 2]);
            i += 2;
        } else {
            any = any || c == p[i];
        }
    }
    if (i >= p.size())
        return 0;
    matched = any != negate;
    return i + 1;
}

bool isUnder(const fs::path& file, const std::vector<fs::path>& roots) {
    std::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec);
    for (const fs::path& r : roots) {
        const fs::path root = fs::weakly_canonical(r, ec);
        auto [a, b] = std::mismatch(root.begin(), root.end(), f.begin(), f.end());
        if (a == root.end())
            return true;
    }
    return false;
}

void addFolder(const fs::path& dir, bool recursive, std::string_view pattern, const std::vector<fs::path>& exclude,
               CollectedInputs& out) {
    std::error_code ec;
    auto consider = [&](const fs::directory_entry& e) {
        std::error_code fec;
        if (!e.is_regular_file(fec))
            return;
        const std::string name = e.path().filename().string();
        // Like a shell, a wildcard does not match a leading dot unless the pattern starts with one.
        const bool hidden = !name.empty() && name[0] == '.' && (pattern.empty() || pattern[0] != '.');
        const bool wanted = !hidden && (pattern.empty() ? looksLikeMicrograph(e.path()) : globMatch(pattern, name));
        if (wanted && !isUnder(e.path(), exclude))
            out.files.push_back(e.path().string());
    };
    if (recursive) {
        fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (it->is_directory() && (name.empty() || name[0] == '.' || isUnder(it->path(), exclude))) {
                it.disable_recursion_pending(); // hidden folders and our own output are not inputs
                continue;
            }
            consider(*it);
        }
    } else {
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            consider(*it);
    }
    if (ec)
        out.problems.push_back({dir.string(), "cannot read folder: " + ec.message()});
}

} // namespace

bool hasGlob(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

bool globMatch(std::string_view p, std::string_view s) {
    // Iterative matcher with single-star backtracking: linear in practice, no recursion.
    size_t pi = 0, si = 0, starP = std::string_view::npos, starS = 0;
    while (si < s.size()) {
        if (pi < p.size() && p[pi] == '*') {
            starP = pi++;
            starS = si;
            continue;
        }
        if (pi < p.size()) {
            bool ok = false;
            size_t step = 1;
            if (p[pi] == '?') {
                ok = true;
            } else if (p[pi] == '[') {
                step = matchBracket(p.substr(pi), s[si], ok);
                if (step == 0) { // a lone '[' matches itself
                    ok = s[si] == '[';
                    step = 1;
                }
            } else {
                ok = p[pi] == s[si];
            }
            if (ok) {
                pi += step;
                ++si;
                continue;
            }
        }
        if (starP == std::string_view::npos)
            return false;
        pi = starP + 1;
        si = ++starS;
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

bool looksLikeMicrograph(const fs::path& file) {
    const std::string name = lower(file.filename().string());
    if (name.empty() || name[0] == '.' || name == "annotated.png" || name.ends_with(".mask.png"))
        return false;
    static const char* const kExtensions[] = {".dm3", ".dm4", ".mrc", ".mrcs", ".tif", ".tiff", ".ser",
                                              ".emd", ".png", ".jpg", ".jpeg", ".npy"};
    const std::string ext = lower(file.extension().string());
    return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

std::string inputListDigest(const std::vector<std::string>& files) {
    std::uint64_t h = kFnv1aBasis;
    for (const std::string& f : files)
        h = fnv1a(std::string_view("\0", 1), fnv1a(f, h));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

CollectedInputs collectInputs(const std::vector<std::string>& args, bool recursive, const std::vector<fs::path>& exclude) {
    CollectedInputs out;
    for (const std::string& arg : args) {
        std::error_code ec;
        const fs::path p(arg);
        if (fs::is_directory(p, ec)) {
            addFolder(p, recursive, {}, exclude, out);
        } else if (fs::exists(p, ec)) {
            out.files.push_back(arg); // named explicitly: the user knows what it is
        } else if (hasGlob(p.filename().string())) {
            const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
            if (hasGlob(dir.string())) {
                out.problems.push_back({arg, "wildcards are only supported in the last path component"});
                continue;
            }
            const size_t before = out.files.size();
            if (fs::is_directory(dir, ec))
                addFolder(dir, recursive, p.filename().string(), exclude, out);
            if (out.files.size() == before)
                out.problems.push_back({arg, "no file matches this pattern"});
        } else {
            out.problems.push_back({arg, "no such file or folder"});
        }
    }
    // With a "./" prefix from a pattern in the current folder, keep paths as the user would write them.
    for (std::string& f : out.files)
        if (f.rfind("./", 0) == 0)
            f.erase(0, 2);
    std::sort(out.files.begin(), out.files.end());
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
    return out;
}

} // namespace ds
