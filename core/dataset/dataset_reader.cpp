#include "core/dataset/dataset_reader.h"

#include "core/common/guard.h"
#include "core/io/read_micrograph.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

namespace ds {

namespace fs = std::filesystem;

Result<cv::Mat> readPatchStack(const std::string& path, int& side, std::string& dtype) {
    return guarded("", [&]() -> cv::Mat {
        // readMicrograph reads an N x S x S .npy as N frames: the format's one parser, frame by frame.
        Micrograph first = unwrap(readMicrograph(path));
        if (first.pixels.rows != first.pixels.cols)
            fail(ErrorCode::Format, path + ": patches are " + std::to_string(first.pixels.cols) + " x " +
                                        std::to_string(first.pixels.rows) + ", not square");
        side = first.pixels.cols;
        dtype = first.dtype;
        cv::Mat rows(first.frames, side * side, CV_32F);
        for (int i = 0; i < first.frames; ++i) {
            const Micrograph m = i == 0 ? first : unwrap(readMicrograph(path, ReadOptions{i, -1, false}));
            m.pixels.reshape(1, 1).copyTo(rows.row(i));
        }
        return rows;
    });
}

Result<LoadedDataset> readDatasetFolder(const std::string& dir, bool withUnlabelled) {
    return guarded(dir, [&]() -> LoadedDataset {
        const fs::path root(dir);
        std::error_code ec;
        if (!fs::is_directory(root, ec))
            fail(ErrorCode::Io, "not a folder");
        LoadedDataset out;
        nlohmann::json meta;
        std::map<std::string, int> counts;
        if (fs::exists(root / kDatasetJsonFile, ec)) {
            std::ifstream in(root / kDatasetJsonFile);
            meta = nlohmann::json::parse(in, nullptr, false);
            if (meta.is_discarded() || meta.value("format", "") != "defectscope-patch-dataset")
                fail(ErrorCode::Format, std::string(kDatasetJsonFile) + " is not a DefectScope patch dataset description");
            if (meta.value("format_version", 0) > kDatasetFormatVersion)
                fail(ErrorCode::Unsupported, std::string(kDatasetJsonFile) + " has format version " +
                                                 std::to_string(meta.value("format_version", 0)) + "; this build reads up to " +
                                                 std::to_string(kDatasetFormatVersion));
            out.described = true;
            const auto& grid = meta["grid"];
            if (grid.value("mode", "") == "fixed") {
                const auto& s = grid["spec"];
                out.data.grid = GridSpec{s.value("side_px", 0), s.value("stride_px", 0), s.value("origin_x_px", 0),
                                         s.value("origin_y_px", 0)};
            }
            out.data.augmented = meta["augmentation"].value("enabled", false);
            for (const char* k : {"defect", "perfect", "unlabelled"})
                counts[k] = meta["counts"].value(k, 0);
        } else {
            out.notes.push_back(std::string("no ") + kDatasetJsonFile + ": the patches' normalisation and grid are "
                                "unknown; a model trained on them scores new images on the automatic grid");
        }
        int side = 0;
        const auto load = [&](const char* file, const char* key, PatchStack& stack, bool required) {
            const fs::path p = root / file;
            if (!fs::exists(p, ec)) {
                if (required)
                    fail(ErrorCode::Io, std::string(file) + " is missing");
                return;
            }
            if (out.described && counts[key] == 0)
                return; // an empty stack (shape (0, S, S)); nothing to read
            int s = 0;
            std::string dtype;
            stack.rows = unwrap(readPatchStack(p.string(), s, dtype));
            if (side && s != side)
                fail(ErrorCode::Format, std::string(file) + " holds " + std::to_string(s) + " px patches, another stack " +
                                            std::to_string(side) + " px");
            side = s;
            if (dtype != "float32")
                out.notes.push_back(std::string(file) + ": " + dtype + " converted to float32");
        };
        load(kDefectStackFile, "defect", out.data.defect, true);
        load(kPerfectStackFile, "perfect", out.data.perfect, true);
        if (withUnlabelled)
            load(kUnlabelledStackFile, "unlabelled", out.data.unlabelled, false);
        if (out.described)
            side = meta["patches"].value("resample_px", side);
        if (side <= 0)
            fail(ErrorCode::Format, "the dataset holds no patches");
        out.data.resample = side;
        for (PatchStack* s : {&out.data.defect, &out.data.perfect, &out.data.unlabelled})
            if (s->rows.empty())
                s->rows = cv::Mat(0, side * side, CV_32F);
        return out;
    });
}

} // namespace ds
