// DigitalMicrograph DM3/DM4 reader: picks the real image out of ImageList (skipping thumbnails named
// by root.Thumbnails and RGBA previews), reads every numeric DataType in the file's byte order, stacks
// (Dimensions beyond X,Y are frames), packed half-plane FFTs (as magnitude), per-axis calibration with
// padding when Calibrations has fewer entries than Dimensions, and the usual microscope tags.
#include "core/io/dm_tag_tree.h"
#include "core/io/format_readers.h"
#include "core/io/sample_type.h"

#include <cmath>
#include <set>

namespace ds::io {

namespace {

struct DmImage {
    const DmNode* group = nullptr;
    const DmNode* data = nullptr;
    std::vector<std::uint64_t> dims;
    int dataType = 0;
};

std::optional<SampleType> sampleFor(int dataType) {
    switch (dataType) {
    case 1: return SampleType::I16;
    case 2: return SampleType::F32;
    case 6: case 14: return SampleType::U8;
    case 7: return SampleType::I32;
    case 9: return SampleType::I8;
    case 10: return SampleType::U16;
    case 11: return SampleType::U32;
    case 12: return SampleType::F64;
    default: return std::nullopt;
    }
}

std::string dtypeName(int dataType) {
    switch (dataType) {
    case 3: case 27: return "complex64";
    case 13: case 28: return "complex128";
    case 8: case 23: return "rgba8";
    default: return sampleFor(dataType) ? sampleName(*sampleFor(dataType)) : "datatype" + std::to_string(dataType);
    }
}

std::vector<DmImage> listImages(const DmTagTree& tree) {
    std::set<std::size_t> thumbnails;
    if (const DmNode* thumbs = tree.child(&tree.root(), "Thumbnails"))
        for (std::size_t k = 0; k < thumbs->children.size(); ++k)
            if (auto idx = tree.number(tree.child(thumbs, k), "ImageIndex"); idx && *idx >= 0)
                thumbnails.insert(static_cast<std::size_t>(*idx));
    std::vector<DmImage> images;
    const DmNode* list = tree.child(&tree.root(), "ImageList");
    if (!list)
        fail(ErrorCode::Format, "DM file has no ImageList");
    for (std::size_t i = 0; i < list->children.size(); ++i) {
        DmImage img;
        img.group = tree.child(list, i);
        const DmNode* imageData = tree.child(img.group, "ImageData");
        img.data = tree.child(imageData, "Data");
        const auto type = tree.number(imageData, "DataType");
        const DmNode* dims = tree.child(imageData, "Dimensions");
        if (!img.data || !img.data->array || !type || !dims || thumbnails.count(i))
            continue;
        img.dataType = static_cast<int>(*type);
        for (std::size_t k = 0; k < dims->children.size(); ++k) {
            const auto d = tree.child(dims, k)->number;
            if (!d || *d < 1 || *d > 4e9)
                fail(ErrorCode::Format, "DM image dimension " + std::to_string(k) + " is invalid");
            img.dims.push_back(static_cast<std::uint64_t>(*d));
        }
        images.push_back(img);
    }
    return images;
}

// Packed half-plane FFT (DataType 27/28): rows x (w/2+1) complex values with the zero frequency in the
// first stored column and the rows already centred. DM displays it centred, and rsciio unpacks it as
// [mirrored half | conjugate half]; the magnitude of column c is therefore |d[r][|c - w/2|]|.
cv::Mat unpackHalfPlane(ByteView file, const DmNode& data, int w, int h, bool f64, bool bigEndian) {
    const std::uint64_t half = static_cast<std::uint64_t>(w) / 2 + 1;
    const SampleType t = f64 ? SampleType::F64 : SampleType::F32;
    requireFits(static_cast<std::uint64_t>(h), half * 2, 1, t, data.count * dmTypeSize(data.type), "DM packed FFT");
    const ByteView raw = file.sub(data.offset, static_cast<std::uint64_t>(h) * half * 2 * sampleSize(t));
    const int centre = static_cast<int>(half) - 1;
    cv::Mat out(h, w, CV_32F);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const std::uint64_t k = static_cast<std::uint64_t>(std::abs(c - centre));
            float reim[2];
            convertSamples(raw.data + ((static_cast<std::uint64_t>(r) * half + k) * 2) * sampleSize(t), t, bigEndian, 2, reim);
            out.at<float>(r, c) = std::hypot(reim[0], reim[1]);
        }
    return out;
}

void addMetadata(const DmTagTree& tree, const DmImage& img, Micrograph& m) {
    const DmNode* tags = tree.child(img.group, "ImageTags");
    const std::pair<const char*, const char*> keys[] = {
        {"Microscope Info.Voltage", "voltage_V"},
        {"Microscope Info.Indicated Magnification", "magnification"},
        {"Microscope Info.Operation Mode", "operation_mode"},
        {"Microscope Info.Microscope", "instrument"},
        {"Microscope Info.STEM Camera Length", "camera_length"},
        {"DataBar.Acquisition Date", "date"},
        {"DataBar.Acquisition Time", "time"},
        {"Acquisition.Parameters.High Level.Exposure (s)", "exposure_s"},
        {"Session Info.Microscope", "instrument"},
        {"Meta Data.Format", "signal_format"},
        {"Meta Data.Signal", "signal"},
    };
    for (const auto& [path, name] : keys)
        if (auto v = tree.text(tags, path); v && !v->empty())
            m.metadata[name] = *v;
    if (auto us = tree.number(tags, "DigiScan.Sample Time"))
        m.metadata["dwell_time_s"] = numberText(*us * 1e-6); // DigiScan states microseconds
    if (auto title = tree.text(img.group, "Name"); title && !title->empty())
        m.metadata["title"] = *title;
    const DmNode* brightness = tree.find(img.group, "ImageData.Calibrations.Brightness");
    if (brightness) {
        if (auto s = tree.number(brightness, "Scale")) m.metadata["intensity_scale"] = numberText(*s);
        if (auto o = tree.number(brightness, "Origin")) m.metadata["intensity_origin"] = numberText(*o);
        if (auto u = tree.text(brightness, "Units"); u && !u->empty()) m.metadata["intensity_unit"] = *u;
    }
}

AxisCalibration axis(const DmTagTree& tree, const DmNode* dimensionList, std::size_t k) {
    AxisCalibration a; // missing entries (plugin-made stacks) stay scale 1, origin 0, no unit
    const DmNode* d = tree.child(dimensionList, k);
    if (!d)
        return a;
    a.scale = tree.number(d, "Scale").value_or(1.0);
    const double origin = tree.number(d, "Origin").value_or(0.0); // DM origin is in pixels
    a.origin = origin == 0.0 ? 0.0 : -origin * a.scale;
    a.unit = tree.text(d, "Units").value_or("");
    return a;
}

} // namespace

Micrograph readDm(ByteView file, const ReadOptions& options) {
    const DmTagTree tree = DmTagTree::parse(file);
    std::vector<DmImage> all = listImages(tree), images;
    for (const DmImage& img : all)
        if (img.dims.size() >= 2 && img.dataType != 23)
            images.push_back(img);
    if (images.empty()) {
        for (const DmImage& img : all)
            if (img.dims.size() >= 2)
                images.push_back(img); // only RGB(A) images: show them as luminance
    }
    if (images.empty())
        fail(ErrorCode::Unsupported, all.empty() ? "DM file holds no image data"
                                                 : "DM file holds only 1-D data (spectrum or plot), not an image");
    const int which = options.image < 0 ? 0 : options.image;
    if (which >= static_cast<int>(images.size()))
        fail(ErrorCode::InvalidArgument, "image " + std::to_string(which) + " requested but the file has " +
                                             std::to_string(images.size()) + " image(s)");
    const DmImage& img = images[static_cast<std::size_t>(which)];
    const std::uint64_t w = img.dims[0], h = img.dims[1];
    std::uint64_t frames = 1;
    for (std::size_t k = 2; k < img.dims.size(); ++k) {
        if (frames > (std::uint64_t(1) << 40) / img.dims[k])
            fail(ErrorCode::Format, "DM image dimensions are absurd");
        frames *= img.dims[k];
    }
    const bool bigEndian = !tree.littleEndian();
    const std::uint64_t dataBytes = img.data->count * dmTypeSize(img.data->type);

    Micrograph m;
    m.dtype = dtypeName(img.dataType);
    if (frames > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        fail(ErrorCode::Unsupported, "DM image has too many frames");
    m.frames = static_cast<int>(frames);
    requireFrame(options.frame, m.frames);
    requirePixelLimit(h, w, options, "DM image");
    m.frameIndex = options.frame;
    const int W = static_cast<int>(std::min<std::uint64_t>(w, 1u << 30)), H = static_cast<int>(std::min<std::uint64_t>(h, 1u << 30));

    if (auto t = sampleFor(img.dataType)) {
        requireFits(h, w, frames, *t, dataBytes, "DM image");
        const std::uint64_t plane = w * h * sampleSize(*t);
        m.pixels = decodePlane(file, img.data->offset + plane * static_cast<std::uint64_t>(options.frame), H, W, *t, bigEndian);
    } else if (img.dataType == 3 || img.dataType == 13) {
        const SampleType t = img.dataType == 3 ? SampleType::F32 : SampleType::F64;
        requireFits(h, w * 2, frames, t, dataBytes, "DM complex image");
        const std::uint64_t plane = w * h * 2 * sampleSize(t);
        const cv::Mat ri = decodePlane(file, img.data->offset + plane * static_cast<std::uint64_t>(options.frame), H, W * 2, t, bigEndian);
        m.pixels.create(H, W, CV_32F);
        for (int r = 0; r < H; ++r)
            for (int c = 0; c < W; ++c)
                m.pixels.at<float>(r, c) = std::hypot(ri.at<float>(r, 2 * c), ri.at<float>(r, 2 * c + 1));
        m.metadata["complex_part"] = "magnitude";
    } else if ((img.dataType == 27 || img.dataType == 28) && frames == 1) {
        m.pixels = unpackHalfPlane(file, *img.data, W, H, img.dataType == 28, bigEndian);
        m.metadata["complex_part"] = "magnitude";
    } else if (img.dataType == 23 || img.dataType == 8) {
        requireFits(h, w * 4, frames, SampleType::U8, dataBytes, "DM RGB image");
        const ByteView rgba = file.sub(img.data->offset + w * h * 4 * static_cast<std::uint64_t>(options.frame), w * h * 4);
        m.pixels.create(H, W, CV_32F);
        float* out = m.pixels.ptr<float>();
        for (std::size_t i = 0; i < w * h; ++i) // stored B, G, R, A
            out[i] = 0.114f * rgba.data[4 * i] + 0.587f * rgba.data[4 * i + 1] + 0.299f * rgba.data[4 * i + 2];
    } else {
        fail(ErrorCode::Unsupported, "DM DataType " + std::to_string(img.dataType) + " is not supported");
    }

    const DmNode* cal = tree.find(img.group, "ImageData.Calibrations.Dimension");
    m.x = axis(tree, cal, 0);
    m.y = axis(tree, cal, 1);
    if (img.dims.size() >= 3) {
        const AxisCalibration z = axis(tree, cal, 2);
        m.metadata["frame_scale"] = numberText(z.scale);
        m.metadata["frame_unit"] = z.unit;
        m.metadata["dm.dimensions"] = std::to_string(img.dims.size());
    }
    if (cal && cal->children.size() < img.dims.size())
        m.metadata["dm.calibration_padded"] = std::to_string(img.dims.size() - cal->children.size());
    addMetadata(tree, img, m);
    m.metadata["dm.version"] = std::to_string(tree.version());
    m.metadata["dm.byte_order"] = tree.littleEndian() ? "little" : "big";
    m.metadata["dm.images"] = std::to_string(images.size());
    m.metadata["dm.image_index"] = std::to_string(which);
    return m;
}

} // namespace ds::io
