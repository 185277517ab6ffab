#pragma once
// The per-patch CSV of a report: one row per patch with
// image,index,x,y,width,height,x_nm,y_nm,score,label,predicted - ready for pandas or R. x,y are the
// patch's top-left pixel; x_nm,y_nm its centre in calibrated nanometres (empty when the image has no
// length calibration). Numbers are written in shortest round-trip form, so a CSV read back gives the
// same floats. Plain functions; any thread.
#include "core/common/result.h"
#include "core/report/score_report.h"

#include <ostream>
#include <string>

namespace ds {

inline constexpr const char* kPatchCsvHeader = "image,index,x,y,width,height,x_nm,y_nm,score,label,predicted";

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
