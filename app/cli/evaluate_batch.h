#pragma once
// `defectscope-cli evaluate IMG... [--pooled]`: the protocol over a batch of frames, each with its
// NAME.truth.csv (and NAME.mask.png where it exists) beside it - one AUROC per frame, the mean of
// the per-frame AUROCs, and the pooled AUROC of all patches together (one threshold for the batch,
// as shared/data/real/README.md asks for the LibraryNet frames).
#include "core/analysis/run_spec.h"

#include <map>
#include <string>
#include <vector>

namespace ds::cli {

// "128=38,256=76": protocol patch side by image width, for batches that mix frame scales.
bool parsePatchByWidth(const std::string& text, std::map<int, int>& out);

// Prints the per-frame lines and the two batch figures; returns the process exit code.
int runPooledEvaluation(const std::vector<std::string>& images, int resamples, const RunSpec& config,
                        const std::map<int, int>& patchByWidth);

} // namespace ds::cli
