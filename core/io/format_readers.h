#pragma once
// The per-format readers behind readMicrograph(). Each parses a whole file held in memory and returns
// the requested frame, throwing CoreError (Format/Unsupported/InvalidArgument) on bad input; the
// caller (readMicrograph) turns that into an Error with the file name. Internal to core/io.
// Thread-safe: no shared state except the HDF5 library, which emd_reader serialises.
#include "core/io/byte_view.h"
#include "core/io/micrograph.h"
#include "core/io/read_micrograph.h"

namespace ds::io {

Micrograph readDm(ByteView file, const ReadOptions& options);
Micrograph readMrc(ByteView file, const ReadOptions& options);
Micrograph readTiff(ByteView file, const ReadOptions& options);
Micrograph readSer(ByteView file, const ReadOptions& options);
Micrograph readEmd(ByteView file, const ReadOptions& options);
Micrograph readImage(ByteView file, const ReadOptions& options); // PNG / JPEG via libpng / libjpeg
Micrograph readNpy(ByteView file, const ReadOptions& options);

// Throws InvalidArgument unless 0 <= frame < frames.
void requireFrame(int frame, std::int64_t frames);

// Throws Unsupported when rows x cols exceeds options.maxPixels (overflow-safe); `what` names the image.
// Every reader calls it with the header's dimensions before decompressing or allocating pixels.
void requirePixelLimit(std::uint64_t rows, std::uint64_t cols, const ReadOptions& options, const std::string& what);

// Formats a double the way metadata stores numbers ("%.9g").
std::string numberText(double v);

} // namespace ds::io
