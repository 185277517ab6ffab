#pragma once
// FNV-1a 64: a stable, platform-independent, non-cryptographic hash for short names and digests that
// are written into output files (folder-name suffixes, the input-list digest merge checks). Stable
// across runs, compilers and machines, unlike std::hash. Stateless.
#include <cstdint>
#include <string_view>

namespace ds {

inline constexpr std::uint64_t kFnv1aBasis = 1469598103934665603ull;

// Continues a hash from `h` (start with kFnv1aBasis) over `bytes`.
inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnv1aBasis) {
    for (unsigned char c : bytes)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

} // namespace ds
