#include "core/dataset/dataset_hdf5.h"

#include "core/common/atomic_file.h"
#include "core/common/guard.h"
#include "core/common/utf8_text.h"
#include "core/dataset/dataset_rows.h"
#include "core/features/normalise.h"
#include "core/io/hdf5_file.h"

#include <cmath>
#include <limits>

namespace ds {

namespace {

using io::H5Handle;

void h5check(herr_t status, const std::string& what) {
    if (status < 0)
        fail(ErrorCode::Io, "HDF5: cannot write " + what);
}

H5Handle valid(hid_t id, H5Handle::Closer closer, const std::string& what) {
    if (id < 0)
        fail(ErrorCode::Io, "HDF5: cannot create " + what);
    return H5Handle(id, closer);
}

void writeStack(hid_t file, const char* name, const PatchStack& stack, int side) {
    const hsize_t dims[3] = {static_cast<hsize_t>(stack.size()), static_cast<hsize_t>(side), static_cast<hsize_t>(side)};
    const H5Handle space = valid(H5Screate_simple(3, dims, nullptr), H5Sclose, name);
    const H5Handle set = valid(H5Dcreate2(file, name, H5T_IEEE_F32LE, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                               H5Dclose, name);
    if (stack.size() > 0) {
        const cv::Mat rows = stack.rows.isContinuous() ? stack.rows : stack.rows.clone();
        h5check(H5Dwrite(set.id(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.ptr<float>()), name);
    }
}

template <class T> void writeColumn(hid_t group, const std::string& name, const std::vector<T>& values, hid_t fileType,
                                    hid_t memType) {
    const hsize_t n = values.size();
    const H5Handle space = valid(H5Screate_simple(1, &n, nullptr), H5Sclose, name);
    const H5Handle set = valid(H5Dcreate2(group, name.c_str(), fileType, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                               H5Dclose, name);
    if (n > 0)
        h5check(H5Dwrite(set.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
}

H5Handle utf8String() {
    H5Handle t = valid(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    h5check(H5Tset_size(t.id(), H5T_VARIABLE), "string type");
    h5check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "string type");
    return t;
}

void writeStrings(hid_t group, const std::string& name, const std::vector<std::string>& values) {
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const std::string& s : values)
        ptrs.push_back(s.c_str());
    const H5Handle type = utf8String();
    writeColumn(group, name, ptrs, type.id(), type.id());
}

void stringAttribute(hid_t obj, const char* name, const std::string& value) {
    const H5Handle type = utf8String();
    const H5Handle space = valid(H5Screate(H5S_SCALAR), H5Sclose, name);
    const H5Handle attr = valid(H5Acreate2(obj, name, type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
    const char* text = value.c_str();
    h5check(H5Awrite(attr.id(), type.id(), &text), name);
}

void intAttribute(hid_t obj, const char* name, int value) {
    const H5Handle space = valid(H5Screate(H5S_SCALAR), H5Sclose, name);
    const H5Handle attr = valid(H5Acreate2(obj, name, H5T_STD_I32LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
    h5check(H5Awrite(attr.id(), H5T_NATIVE_INT, &value), name);
}

void writeTable(hid_t file, const std::vector<DatasetRow>& rows) {
    const H5Handle group = valid(H5Gcreate2(file, "patches", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "patches");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> stack, image, label, source, transform;
    std::vector<int> stackIndex, frame, patchIndex, x0, y0, size;
    std::vector<double> cx, cy, sizeNm, nmPerPx;
    for (const DatasetRow& r : rows) {
        stack.push_back(r.stack);
        stackIndex.push_back(r.stackIndex);
        image.push_back(r.record->image);
        frame.push_back(r.record->frame);
        patchIndex.push_back(r.record->patchIndex);
        x0.push_back(r.record->x0);
        y0.push_back(r.record->y0);
        cx.push_back(r.centreX());
        cy.push_back(r.centreY());
        size.push_back(r.record->sizePx);
        sizeNm.push_back(r.sizeNm().value_or(nan));
        nmPerPx.push_back(r.record->nmPerPx.value_or(nan));
        label.emplace_back(labelName(r.record->label).empty() ? "unlabelled" : labelName(r.record->label));
        source.push_back(r.record->labelSource);
        transform.push_back(r.record->transform);
    }
    const hid_t g = group.id();
    writeStrings(g, "stack", stack);
    writeColumn(g, "stack_index", stackIndex, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeStrings(g, "image", image);
    writeColumn(g, "frame", frame, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeColumn(g, "patch_index", patchIndex, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeColumn(g, "x0_px", x0, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeColumn(g, "y0_px", y0, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeColumn(g, "centre_x_px", cx, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
    writeColumn(g, "centre_y_px", cy, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
    writeColumn(g, "size_px", size, H5T_STD_I32LE, H5T_NATIVE_INT);
    writeColumn(g, "size_nm", sizeNm, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
    writeColumn(g, "nm_per_px", nmPerPx, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
    writeStrings(g, "label", label);
    writeStrings(g, "label_source", source);
    writeStrings(g, "transform", transform);
}

} // namespace

Status writeDatasetHdf5(const std::string& path, const PatchDataset& dataset, const nlohmann::json& meta,
                        bool unlabelledStack) {
    return guarded(path, [&] {
        AtomicFile out(path);
        {
            std::lock_guard<std::mutex> lock(io::hdf5Mutex());
            H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // errors become our messages, not stderr noise
            const H5Handle file = valid(H5Fcreate(out.tempPath().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                                        H5Fclose, out.tempPath());
            const hid_t f = file.id();
            writeStack(f, "defect_patches", dataset.defect, dataset.resample);
            writeStack(f, "perfect_patches", dataset.perfect, dataset.resample);
            if (unlabelledStack)
                writeStack(f, "unlabelled_patches", dataset.unlabelled, dataset.resample);
            writeTable(f, datasetRows(dataset, unlabelledStack));
            stringAttribute(f, "dataset_json", dumpJson(meta));
            stringAttribute(f, "normalisation", kNormalisationDescription);
            intAttribute(f, "format_version", kDatasetFormatVersion);
            intAttribute(f, "resample", dataset.resample);
            h5check(H5Fflush(f, H5F_SCOPE_GLOBAL), "file");
        }
        check(out.commit());
    });
}

} // namespace ds
