#include "core/dataset/dataset_writer.h"

#include "core/common/atomic_file.h"
#include "core/common/guard.h"
#include "core/dataset/dataset_hdf5.h"
#include "core/dataset/dataset_rows.h"
#include "core/features/normalise.h"
#include "core/io/write_micrograph.h"
#include "core/report/patch_csv.h"
#include "core/report/summary_json.h"

#include <filesystem>
#include <sstream>

namespace ds {

namespace fs = std::filesystem;

namespace {

template <class T> nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json gridJson(const GridSpec& g) {
    return {{"side_px", g.side}, {"stride_px", g.stride}, {"origin_x_px", g.originX}, {"origin_y_px", g.originY}};
}

std::string labelText(Label l) {
    const std::string_view n = labelName(l);
    return n.empty() ? std::string("unlabelled") : std::string(n);
}

void writeStack(const fs::path& path, const PatchStack& stack, int side) {
    check(writeNpy(path.string(), stack.rows, {stack.size(), side, side}));
}

void writeTable(const fs::path& path, const PatchDataset& d, bool withUnlabelled) {
    std::ostringstream out;
    out << kDatasetCsvHeader << '\n';
    const auto opt = [](const std::optional<double>& v) { return v ? formatNumber(*v) : std::string(); };
    for (const DatasetRow& r : datasetRows(d, withUnlabelled)) {
        const PatchRecord& p = *r.record;
        out << r.stack << ',' << r.stackIndex << ',' << csvField(p.image) << ',' << p.frame << ',' << p.patchIndex
            << ',' << p.x0 << ',' << p.y0 << ',' << formatNumber(r.centreX()) << ',' << formatNumber(r.centreY())
            << ',' << p.sizePx << ',' << opt(r.sizeNm()) << ',' << opt(p.nmPerPx) << ',' << labelText(p.label) << ','
            << p.labelSource << ',' << p.transform << '\n';
    }
    check(writeFileAtomically(path.string(), out.str()));
}

} // namespace

nlohmann::json datasetJson(const PatchDataset& d, bool withUnlabelledStack, bool withHdf5) {
    nlohmann::json j;
    j["format"] = "defectscope-patch-dataset";
    j["format_version"] = kDatasetFormatVersion;
    j["versions"] = versionsJson();
    nlohmann::json files = {{"defect", kDefectStackFile}, {"perfect", kPerfectStackFile}, {"table", kPatchTableFile}};
    if (withUnlabelledStack)
        files["unlabelled"] = kUnlabelledStackFile;
    if (withHdf5)
        files["hdf5"] = kDatasetHdf5File;
    j["files"] = files;
    j["patches"] = {{"dtype", "float32"},
                    {"shape", "N x S x S, C order (numpy.load gives it directly)"},
                    {"resample_px", d.resample},
                    {"resampling", "cv::resize to S x S: INTER_AREA when shrinking, INTER_LINEAR when enlarging"}};
    j["normalisation"] = {{"method", "median-mad"}, {"description", kNormalisationDescription},
                          {"same_as_detectors", true}};
    j["grid"] = d.grid ? nlohmann::json{{"mode", "fixed"}, {"spec", gridJson(*d.grid)}}
                       : nlohmann::json{{"mode", "auto"},
                                        {"description", "per image: side round(4 x bond length) from the lattice "
                                                        "estimate, stride side / 2; 48 / 24 px without a lattice"}};
    j["labels"] = {{"truth", "NAME.truth.csv beside the image: a patch is defect when a point lies inside it or "
                             "NAME.mask.png covers more than a quarter of it, else perfect"},
                   {"hand", "label CSV rectangles (x,y,width,height,label) matched to patches with IoU >= 0.5"},
                   {"project", "the labels stored in the .dsproj for the image's own grid"}};
    j["augmentation"] = {{"enabled", d.augmented}};
    if (d.augmented)
        j["augmentation"]["description"] =
            "each patch is followed by its copies under the 11 non-identity operations of the honeycomb's point "
            "group D6 (rot60..rot300, and mirror0..mirror150: mirror axes at that angle from the image's lattice "
            "vector), applied about the patch centre; copies whose footprint leaves the image are skipped. Keep "
            "a patch and its copies in the same fold (group by image and patch_index).";
    j["counts"] = {{"defect", d.defect.size()}, {"perfect", d.perfect.size()}, {"unlabelled", d.unlabelled.size()},
                   {"images", d.images.size()}};
    j["csv_columns"] = {{"x0_px,y0_px", "top-left corner of the patch, pixels, origin at the top-left pixel's corner"},
                        {"centre_x_px,centre_y_px", "centre of the patch, same frame"},
                        {"size_px", "patch side in image pixels, before resampling"},
                        {"size_nm", "patch side in nanometres (empty without a length calibration)"},
                        {"stack,stack_index", "which .npy file and which entry of it the row describes"}};
    nlohmann::json images = nlohmann::json::array();
    for (const DatasetImage& im : d.images) {
        nlohmann::json e = {{"image", im.image},
                            {"frame", im.frame},
                            {"width", im.width},
                            {"height", im.height},
                            {"grid", gridJson(im.grid)},
                            {"grid_mode", im.automaticGrid ? "auto" : "fixed"},
                            {"nm_per_px", orNull(im.nmPerPx)},
                            {"bond_px", orNull(im.bondPx)},
                            {"lattice_orientation_deg", orNull(im.orientationDeg)},
                            {"label_source", im.labelSource},
                            {"counts", {{"defect", im.defect}, {"perfect", im.perfect}, {"unlabelled", im.unlabelled}}},
                            {"notes", im.notes}};
        if (d.augmented)
            e["augment_skipped"] = im.augmentSkipped;
        images.push_back(std::move(e));
    }
    j["images"] = images;
    return j;
}

Status writeDatasetFolder(const std::string& dir, const PatchDataset& d, const DatasetWriteOptions& options) {
    return guarded("", [&] {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec || !fs::is_directory(dir, ec))
            fail(ErrorCode::Io, "cannot create output folder '" + dir + "'" + (ec ? ": " + ec.message() : std::string()));
        const fs::path root(dir);
        // A dataset.json from an earlier export would vouch for a half-rewritten folder if this one fails.
        fs::remove(root / kDatasetJsonFile, ec);
        writeStack(root / kDefectStackFile, d.defect, d.resample);
        writeStack(root / kPerfectStackFile, d.perfect, d.resample);
        if (options.unlabelledStack)
            writeStack(root / kUnlabelledStackFile, d.unlabelled, d.resample);
        writeTable(root / kPatchTableFile, d, options.unlabelledStack);
        const nlohmann::json meta = datasetJson(d, options.unlabelledStack, options.hdf5);
        if (options.hdf5)
            check(writeDatasetHdf5((root / kDatasetHdf5File).string(), d, meta, options.unlabelledStack));
        check(writeJsonFile((root / kDatasetJsonFile).string(), meta)); // last: its presence means complete
    });
}

} // namespace ds
