// Readers still being written (this file shrinks as each lands): a clear Unsupported error meanwhile.
#include "core/io/format_readers.h"

namespace ds::io {

Micrograph readMrc(ByteView, const ReadOptions&) { fail(ErrorCode::Unsupported, "MRC reader not available yet"); }
Micrograph readSer(ByteView, const ReadOptions&) { fail(ErrorCode::Unsupported, "SER reader not available yet"); }
Micrograph readEmd(ByteView, const ReadOptions&) { fail(ErrorCode::Unsupported, "EMD reader not available yet"); }
Micrograph readImage(ByteView, const ReadOptions&) { fail(ErrorCode::Unsupported, "PNG/JPEG reader not available yet"); }

} // namespace ds::io
