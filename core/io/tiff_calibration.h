#pragma once
// TiffCalibration: pixel size, units and metadata of the current TIFF page, from the vendor source
// rosettasciio also trusts, in its order of precedence: FEI/Thermo (34682/34680 INI text), Olympus SIS
// (33560), Gatan DigitalMicrograph (65003-65027), ImageJ (description + resolution tags). Plain TIFF
// resolution in inch/cm is meaningless for EM and is only recorded in metadata. One read, one thread.
#include "core/io/micrograph.h"
#include "core/io/tiff_handle.h"

#include <map>
#include <string>

namespace ds::io {

struct TiffCalibration {
    AxisCalibration x, y;
    std::map<std::string, std::string> metadata;
    int imagejImages = 0; // ImageJ "images=" (for contiguous stacks), 0 when absent
};

TiffCalibration readTiffCalibration(const TiffHandle& h);

// Latin-1 bytes (0xB5 "m") -> UTF-8; ImageJ's "micron" -> "µm"; everything else as the file states it.
std::string normaliseUnit(const std::string& unit);

} // namespace ds::io
