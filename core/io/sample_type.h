#pragma once
// SampleType: the numeric pixel types micrograph files store, and the one routine that turns a run of
// raw samples (either byte order) into float32. Readers describe their data with these and never
// convert by hand. Stateless, thread-safe.
#include "core/io/byte_view.h"

#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

namespace ds {

enum class SampleType { U8, I8, U16, I16, U32, I32, U64, I64, F16, F32, F64 };

std::size_t sampleSize(SampleType t);
std::string sampleName(SampleType t); // "uint8", "float32", ... (Micrograph::dtype)

// Converts `count` samples starting at `src` to float, swapping bytes when `bigEndian` differs from
// the host. `src` must hold count * sampleSize(t) bytes (callers check with ByteView::sub).
void convertSamples(const std::uint8_t* src, SampleType t, bool bigEndian, std::size_t count, float* dst);

// Reads a rows x cols plane (row-major, X fastest) at `offset` into a new CV_32F Mat.
// Fails with a Format error when the view is too short; never allocates before that check.
cv::Mat decodePlane(ByteView view, std::uint64_t offset, int rows, int cols, SampleType t, bool bigEndian);

// Checks that rows * cols * frames samples of type t fit in `available` bytes, so a header that lies
// about its dimensions fails before anything is allocated. Throws Format with `what` in the message.
void requireFits(std::uint64_t rows, std::uint64_t cols, std::uint64_t frames, SampleType t,
                 std::uint64_t available, const std::string& what);

float halfToFloat(std::uint16_t h);

// An uninitialised rows x cols CV_32F image, with huge pages requested for large ones (faster to fill).
cv::Mat newImage(int rows, int cols);

} // namespace ds
