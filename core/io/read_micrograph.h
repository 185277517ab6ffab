#pragma once
// readMicrograph(): the one entry point that turns a micrograph file of any supported format (DM3,
// DM4, MRC, TIFF, SER, EMD, PNG/JPEG, NPY) into a Micrograph. The format is chosen from the magic
// bytes first and the extension second. Never throws; a bad file gives an Error naming the file and
// the reason. Thread-safe: callable concurrently from worker threads (HDF5 access is serialised).
#include "core/common/result.h"
#include "core/io/micrograph.h"

#include <cstdint>
#include <string>

namespace ds {

// Pixels per image (width x height of the one frame decoded) above which every reader refuses a file,
// judged from its header before anything is decompressed or allocated: 2^28 = 16384 x 16384, 1 GiB
// as float32. Small compressed files can claim enormous images (a 389 KB PNG of 20000^2, an 881 KB
// gzip EMD of 30000^2); this bounds what they cost. Raise it per read (ReadOptions::maxPixels), or
// for the whole process (setDefaultMaxPixels: the CLI's --max-pixels, the GUI's setting).
inline constexpr std::uint64_t kDefaultMaxPixels = std::uint64_t{1} << 28;
// Ends the message of a frame refused by the limit; front ends recognise it to say where their
// limit is set (the CLI's --max-pixels, the GUI's Edit > Preferences).
inline constexpr const char* kRaisePixelLimitHint = "raise the pixel limit to read it";

// The process-wide default for ReadOptions::maxPixels (initially kDefaultMaxPixels). Thread-safe;
// reads take it when their ReadOptions are made, so a change applies to the next read.
std::uint64_t defaultMaxPixels();
void setDefaultMaxPixels(std::uint64_t pixels);

struct ReadOptions {
    int frame = 0;               // which frame of a stack/volume/series to load into pixels
    int image = -1;              // which image of a multi-image file (DM ImageList, Velox); -1 = auto
    bool allowNonFinite = false; // NaN/Inf pixels: rejected with ErrorCode::Numeric unless true, in
                                 // which case they are kept and counted in metadata["nonfinite_pixels"]
    std::uint64_t maxPixels = defaultMaxPixels(); // larger frames fail with ErrorCode::Unsupported
};

enum class FileFormat { Unknown, Dm3, Dm4, Mrc, Tiff, Ser, Emd, Png, Jpeg, Npy };

// Format from magic bytes (authoritative), then from the extension of `nameHint` (for formats such as
// MRC whose magic is weak). Unknown when neither says anything.
FileFormat detectFormat(const std::uint8_t* data, std::size_t size, const std::string& nameHint);
std::string formatName(FileFormat f);

Result<Micrograph> readMicrograph(const std::string& path, const ReadOptions& options = {});

// The same from bytes already in memory; `name` is used in messages and for the extension fallback.
// Used by the fuzzers and by tests that corrupt files.
Result<Micrograph> readMicrographFromMemory(const std::uint8_t* data, std::size_t size, const std::string& name,
                                            const ReadOptions& options = {});

} // namespace ds
