#pragma once
// The rows of patches.csv (and of dataset.h5's `patches` table): every stack entry in file order -
// defect stack, perfect stack, unlabelled stack - with the values derived from its PatchRecord.
// One definition of the table both writers use. Plain functions; any thread.
#include "core/dataset/patch_dataset.h"

#include <optional>
#include <string>
#include <vector>

namespace ds {

struct DatasetRow {
    std::string stack; // "defect", "perfect", "unlabelled" (the stack file's prefix)
    int stackIndex = 0;
    const PatchRecord* record = nullptr; // points into the dataset, which must outlive the row

    // Centre in pixels, origin at the top-left pixel's corner.
    double centreX() const { return record->x0 + record->sizePx / 2.0; }
    double centreY() const { return record->y0 + record->sizePx / 2.0; }
    std::optional<double> sizeNm() const {
        return record->nmPerPx ? std::optional<double>(record->sizePx * *record->nmPerPx) : std::nullopt;
    }
};

inline std::vector<DatasetRow> datasetRows(const PatchDataset& d, bool withUnlabelled) {
    std::vector<DatasetRow> rows;
    const auto add = [&](const char* name, const PatchStack& s) {
        for (int i = 0; i < s.size(); ++i)
            rows.push_back({name, i, &s.records[static_cast<std::size_t>(i)]});
    };
    add("defect", d.defect);
    add("perfect", d.perfect);
    if (withUnlabelled)
        add("unlabelled", d.unlabelled);
    return rows;
}

} // namespace ds
