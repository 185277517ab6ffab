#pragma once
// The per-patch CSV of a report: one row per patch, ready for pandas or R. Every position column
// says which point of the patch it is (left/top = the top-left corner, centre_x/centre_y = the
// centre) and in which unit (_px = pixels from the image's top-left corner, _nm = calibrated
// nanometres including the file's origin; the _nm columns are empty when the image has no length
// calibration). Numbers are written in shortest round-trip form, so a CSV read back gives the
// same floats. Plain functions; any thread.
#include "core/common/result.h"
#include "core/report/score_report.h"

#include <ostream>
#include <string>

namespace ds {

inline constexpr const char* kPatchCsvHeader =
    "image,index,left_px,top_px,width_px,height_px,centre_x_px,centre_y_px,"
    "left_nm,top_nm,centre_x_nm,centre_y_nm,width_nm,height_nm,score,label,predicted";

// Appends the report's rows (no header) to `out`.
void writePatchRows(std::ostream& out, const ScoreReport& report);

// Header + rows, written to a temporary name and renamed into place.
Status writePatchCsv(const std::string& path, const ScoreReport& report);

// A CSV field: quoted when it holds a comma, quote or newline (file names may).
std::string csvField(const std::string& s);
// Shortest decimal form that reads back as the same value.
std::string formatNumber(double v);
std::string formatNumber(float v);

} // namespace ds
