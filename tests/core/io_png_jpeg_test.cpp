// PNG and JPEG micrographs are decoded with libpng / libjpeg (core/io/png_decoder, jpeg_decoder) since
// OpenCV's imgcodecs left the product. These tests write every PNG layout (grey 1/8/16-bit, grey +
// alpha, RGB, RGBA, palette with and without transparency, Adam7, EXIF orientation) and several JPEGs
// with libpng / libjpeg, and require the pixels and dtype to be exactly what the previous path gave
// (cv::imdecode(IMREAD_ANYDEPTH | IMREAD_ANYCOLOR) + cvtColor(BGR2GRAY), kept here as the oracle).
// Broken files must fail with a message naming the file and the reason.
#include "core/io/read_micrograph.h"
#include "core/labels/mask_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <random>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <jpeglib.h>
#include <png.h>

using namespace ds;

namespace {

using Bytes = std::vector<std::uint8_t>;

struct PngSpec {
    int colourType = PNG_COLOR_TYPE_GRAY;
    int depth = 8;
    bool interlaced = false;
    int transparentIndex = -1; // palette / grey: a tRNS entry
    int orientation = 0;       // an eXIf chunk with this orientation when > 0
};

Bytes exifBlock(int orientation) { // little-endian TIFF header + IFD0 with one SHORT entry 0x0112
    return {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
            static_cast<std::uint8_t>(orientation), 0, 0, 0, 0, 0, 0, 0};
}

// Random samples, or `samples` (raw row bytes, row after row) when given.
Bytes writePng(const PngSpec& spec, int width, int height, std::mt19937& rng, const Bytes& samples = {}) {
    Bytes out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(
        png, &out, [](png_structp p, png_bytep d, png_size_t n) {
            auto* o = static_cast<Bytes*>(png_get_io_ptr(p));
            o->insert(o->end(), d, d + n);
        },
        nullptr);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), spec.depth, spec.colourType,
                 spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (spec.colourType == PNG_COLOR_TYPE_PALETTE) {
        std::vector<png_color> palette(256);
        for (auto& c : palette)
            c = {static_cast<png_byte>(rng()), static_cast<png_byte>(rng()), static_cast<png_byte>(rng())};
        png_set_PLTE(png, info, palette.data(), 1 << spec.depth);
        if (spec.transparentIndex >= 0) {
            std::vector<png_byte> alpha(static_cast<std::size_t>(spec.transparentIndex + 1), 255);
            alpha.back() = 0;
            png_set_tRNS(png, info, alpha.data(), static_cast<int>(alpha.size()), nullptr);
        }
    } else if (spec.transparentIndex >= 0) {
        png_color_16 grey{};
        grey.gray = static_cast<png_uint_16>(spec.transparentIndex);
        png_set_tRNS(png, info, nullptr, 0, &grey);
    }
    Bytes exif;
    if (spec.orientation > 0) {
        exif = exifBlock(spec.orientation);
        png_set_eXIf_1(png, info, static_cast<png_uint_32>(exif.size()), exif.data());
    }
    png_write_info(png, info);
    const int channels = png_get_channels(png, info);
    const std::size_t rowBytes = (static_cast<std::size_t>(width) * channels * spec.depth + 7) / 8;
    std::vector<Bytes> rows(static_cast<std::size_t>(height), Bytes(rowBytes));
    std::vector<png_bytep> pointers;
    std::size_t next = 0;
    for (auto& r : rows) {
        for (auto& b : r)
            b = samples.empty() ? static_cast<std::uint8_t>(rng()) : samples.at(next++);
        pointers.push_back(r.data());
    }
    png_write_image(png, pointers.data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

Bytes writeJpeg(const cv::Mat& image, int quality, bool progressive, int orientation) {
    jpeg_compress_struct c{};
    jpeg_error_mgr errors{};
    c.err = jpeg_std_error(&errors);
    jpeg_create_compress(&c);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &buffer, &size);
    c.image_width = static_cast<JDIMENSION>(image.cols);
    c.image_height = static_cast<JDIMENSION>(image.rows);
    c.input_components = image.channels();
    c.in_color_space = image.channels() == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    if (progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (orientation > 0) {
        Bytes app1 = {'E', 'x', 'i', 'f', 0, 0};
        const Bytes tiff = exifBlock(orientation);
        app1.insert(app1.end(), tiff.begin(), tiff.end());
        jpeg_write_marker(&c, JPEG_APP0 + 1, app1.data(), static_cast<unsigned>(app1.size()));
    }
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(image.ptr(static_cast<int>(c.next_scanline)));
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    Bytes out(buffer, buffer + size);
    std::free(buffer);
    return out;
}

// The previous decoding path, verbatim: imdecode, BGR to grey, float.
cv::Mat viaImdecode(const Bytes& bytes, std::string& dtype) {
    cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
    if (decoded.empty())
        return {};
    const int depth = decoded.depth();
    dtype = depth == CV_16U ? "uint16" : "uint8";
    if (decoded.channels() == 3) {
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2GRAY);
        dtype = depth == CV_16U ? "rgb16" : "rgb8";
    }
    cv::Mat f;
    decoded.convertTo(f, CV_32F);
    return f;
}

Result<Micrograph> decode(const Bytes& bytes, const std::string& name) {
    return readMicrographFromMemory(bytes.data(), bytes.size(), name);
}

void requireSameAsImdecode(const Bytes& bytes, const std::string& name, const std::string& wantDtype) {
    std::string oldDtype;
    const cv::Mat old = viaImdecode(bytes, oldDtype);
    QVERIFY2(!old.empty(), name.c_str());
    auto m = decode(bytes, name);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QCOMPARE(m->dtype, oldDtype);
    QCOMPARE(m->dtype, wantDtype);
    QCOMPARE(m->pixels.size(), old.size());
    QVERIFY2(cv::norm(m->pixels, old, cv::NORM_INF) == 0, name.c_str());
}

} // namespace

class IoPngJpegTest : public QObject {
    Q_OBJECT
private slots:
    void everyPngLayoutDecodesAsBefore_data() {
        QTest::addColumn<int>("colourType");
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("interlaced");
        QTest::addColumn<int>("transparent");
        QTest::addColumn<QString>("dtype");
        QTest::newRow("grey 1-bit") << int(PNG_COLOR_TYPE_GRAY) << 1 << false << -1 << "uint8";
        QTest::newRow("grey 4-bit") << int(PNG_COLOR_TYPE_GRAY) << 4 << false << -1 << "uint8";
        QTest::newRow("grey 8-bit") << int(PNG_COLOR_TYPE_GRAY) << 8 << false << -1 << "uint8";
        QTest::newRow("grey 8-bit tRNS") << int(PNG_COLOR_TYPE_GRAY) << 8 << false << 7 << "uint8";
        QTest::newRow("grey 16-bit") << int(PNG_COLOR_TYPE_GRAY) << 16 << false << -1 << "uint16";
        QTest::newRow("grey 16-bit Adam7") << int(PNG_COLOR_TYPE_GRAY) << 16 << true << -1 << "uint16";
        QTest::newRow("grey+alpha 8-bit") << int(PNG_COLOR_TYPE_GRAY_ALPHA) << 8 << false << -1 << "rgb8";
        QTest::newRow("grey+alpha 16-bit") << int(PNG_COLOR_TYPE_GRAY_ALPHA) << 16 << false << -1 << "rgb16";
        QTest::newRow("RGB 8-bit") << int(PNG_COLOR_TYPE_RGB) << 8 << false << -1 << "rgb8";
        QTest::newRow("RGB 8-bit Adam7") << int(PNG_COLOR_TYPE_RGB) << 8 << true << -1 << "rgb8";
        QTest::newRow("RGB 16-bit") << int(PNG_COLOR_TYPE_RGB) << 16 << false << -1 << "rgb16";
        QTest::newRow("RGBA 8-bit") << int(PNG_COLOR_TYPE_RGB_ALPHA) << 8 << false << -1 << "rgb8";
        QTest::newRow("RGBA 16-bit") << int(PNG_COLOR_TYPE_RGB_ALPHA) << 16 << false << -1 << "rgb16";
        QTest::newRow("palette 8-bit") << int(PNG_COLOR_TYPE_PALETTE) << 8 << false << -1 << "rgb8";
        QTest::newRow("palette 4-bit tRNS") << int(PNG_COLOR_TYPE_PALETTE) << 4 << false << 3 << "rgb8";
    }
    void everyPngLayoutDecodesAsBefore() {
        QFETCH(int, colourType);
        QFETCH(int, depth);
        QFETCH(bool, interlaced);
        QFETCH(int, transparent);
        QFETCH(QString, dtype);
        std::mt19937 rng(static_cast<unsigned>(colourType * 100 + depth));
        // Odd sizes: partial Adam7 blocks, SIMD tails in cvtColor, sub-byte rows that do not end on a byte.
        const Bytes png = writePng({colourType, depth, interlaced, transparent, 0}, 53, 37, rng);
        requireSameAsImdecode(png, "variant.png", dtype.toStdString());
    }

    void exifOrientationIsAppliedAsBefore() {
        std::mt19937 rng(7);
        for (int orientation = 1; orientation <= 8; ++orientation) {
            const Bytes png = writePng({PNG_COLOR_TYPE_GRAY, 8, false, -1, orientation}, 53, 37, rng);
            requireSameAsImdecode(png, "oriented.png", "uint8");
            cv::Mat rgb(37, 53, CV_8UC3);
            cv::randu(rgb, 0, 256);
            const Bytes jpg = writeJpeg(rgb, 90, false, orientation);
            requireSameAsImdecode(jpg, "oriented.jpg", "rgb8");
            auto m = decode(jpg, "oriented.jpg");
            QVERIFY(m.ok());
            QCOMPARE(m->width(), orientation >= 5 ? 37 : 53); // 5..8 exchange rows and columns
            QCOMPARE(m->metadata.count("exif_orientation"), std::size_t(orientation == 1 ? 0 : 1));
        }
    }

    void jpegsDecodeAsBefore() {
        cv::Mat grey(61, 45, CV_8UC1), rgb(61, 45, CV_8UC3);
        cv::randu(grey, 0, 256);
        cv::randu(rgb, 0, 256);
        requireSameAsImdecode(writeJpeg(grey, 90, false, 0), "grey.jpg", "uint8");
        requireSameAsImdecode(writeJpeg(rgb, 75, false, 0), "colour.jpg", "rgb8");
        requireSameAsImdecode(writeJpeg(rgb, 95, true, 0), "progressive.jpg", "rgb8");
    }

    void truncatedOrCorruptFilesNameFileAndReason() {
        std::mt19937 rng(3);
        Bytes png = writePng({PNG_COLOR_TYPE_GRAY, 8, false, -1, 0}, 64, 64, rng);
        const Bytes cut(png.begin(), png.begin() + static_cast<long>(png.size() / 2));
        auto r = decode(cut, "cut.png");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("cut.png: PNG data cannot be decoded") == 0, r.error().message.c_str());
        png[png.size() / 2] ^= 0x55; // inside IDAT: its CRC no longer matches
        r = decode(png, "flipped.png");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("flipped.png: PNG data cannot be decoded") == 0, r.error().message.c_str());

        cv::Mat rgb(64, 64, CV_8UC3);
        cv::randu(rgb, 0, 256);
        const Bytes jpg = writeJpeg(rgb, 90, false, 0);
        // libjpeg would pad a cut file with grey (imdecode returned that); it is refused instead.
        for (const Bytes& bad : {Bytes(jpg.begin(), jpg.begin() + static_cast<long>(jpg.size() / 2)),
                                 Bytes(jpg.begin(), jpg.end() - 50)}) {
            r = decode(bad, "cut.jpg");
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message.find("cut.jpg: JPEG data cannot be decoded: the file ends before the image does") == 0,
                     r.error().message.c_str());
        }
    }

    void maskFilesCountEveryNonZeroPixel() {
        // A 16-bit mask's small values are anomalous too (imread(IMREAD_GRAYSCALE) kept only the high byte).
        QTemporaryDir dir;
        std::mt19937 rng(1);
        const Bytes samples = {0, 0, 0, 1, 1, 44, 0, 0, 255, 255, 0, 0}; // 0, 1, 300, 0, 65535, 0
        const Bytes png = writePng({PNG_COLOR_TYPE_GRAY, 16, false, -1, 0}, 3, 2, rng, samples);
        const QString path = dir.filePath("x.mask.png");
        FILE* f = std::fopen(path.toLocal8Bit().constData(), "wb");
        QVERIFY(f);
        std::fwrite(png.data(), 1, png.size(), f);
        std::fclose(f);
        auto mask = readMaskFile(path.toStdString());
        QVERIFY(mask.ok());
        auto pixels = readMicrograph(path.toStdString());
        QVERIFY(pixels.ok());
        QCOMPARE(mask->type(), CV_8UC1);
        const cv::Mat want = (cv::Mat_<std::uint8_t>(2, 3) << 0, 255, 255, 0, 255, 0);
        QCOMPARE(cv::norm(*mask, want, cv::NORM_INF), 0.0);
        QCOMPARE(pixels->pixels.at<float>(0, 2), 300.0f);
        auto missing = readMaskFile(dir.filePath("none.mask.png").toStdString());
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.find("none.mask.png") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(IoPngJpegTest)
#include "io_png_jpeg_test.moc"
