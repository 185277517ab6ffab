#include "core/labels/sidecar_truth.h"

#include "core/common/guard.h"
#include "core/labels/mask_file.h"

#include <filesystem>

namespace ds {

namespace fs = std::filesystem;

Result<std::optional<SidecarTruth>> readSidecarTruth(const std::string& imagePath) {
    return guarded("", [&]() -> std::optional<SidecarTruth> {
        fs::path base(imagePath);
        base.replace_extension();
        const fs::path truth = base.string() + ".truth.csv", mask = base.string() + ".mask.png";
        std::error_code ec;
        if (!fs::exists(truth, ec))
            return std::nullopt;
        SidecarTruth out;
        out.pointsPath = truth.string();
        out.points = unwrap(readTruthPoints(out.pointsPath));
        if (fs::exists(mask, ec)) {
            out.maskPath = mask.string();
            out.mask = unwrap(readMaskFile(out.maskPath));
        }
        return out;
    });
}

} // namespace ds
