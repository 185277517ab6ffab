// Every sample in shared/data/formats is read and checked against MANIFEST.md: shape, frames, dtype,
// pixel values and sums, calibration (scale, unit, nm/px) and the metadata the file carries.
// Skips cleanly when the shared data is absent.
#include "core/io/read_micrograph.h"
#include "support/test_data.h"

#include <QtTest>

#include <cmath>

using namespace ds;

namespace {

Micrograph load(const char* relative, ReadOptions options = {}) {
    const std::string path = ds::test::testDataPath(QString("formats/") + relative).toStdString();
    auto r = readMicrograph(path, options);
    if (!r.ok())
        qFatal("%s", r.error().message.c_str());
    return std::move(r).value();
}

double sum(const Micrograph& m) { return cv::sum(m.pixels)[0]; }
double px(const Micrograph& m, int r, int c) {
    if (r < 0) r += m.height();
    if (c < 0) c += m.width();
    return m.pixels.at<float>(r, c);
}
double minOf(const Micrograph& m) { double lo, hi; cv::minMaxLoc(m.pixels, &lo, &hi); return lo; }
double maxOf(const Micrograph& m) { double lo, hi; cv::minMaxLoc(m.pixels, &lo, &hi); return hi; }
bool near(double a, double b, double rel = 1e-5) { return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b)); }

#define CHECK_NEAR(a, b, rel) QVERIFY2(near((a), (b), (rel)), qPrintable(QString("%1 = %2, expected %3").arg(#a).arg((a), 0, 'g', 12).arg((b), 0, 'g', 12)))
#define CHECK_SHAPE(m, w, h, f) do { QCOMPARE((m).width(), (w)); QCOMPARE((m).height(), (h)); QCOMPARE((m).frames, (f)); } while (0)

const std::string kMicro = "\xC2\xB5m";

} // namespace

class IoFormatsTest : public QObject {
    Q_OBJECT
private slots:
    void init() { DS_REQUIRE_TESTDATA(); }


    // ---- dm3 / dm4 ----
    void dm3StemImage() {
        const Micrograph m = load("dm3/test_STEM_image.dm3");
        CHECK_SHAPE(m, 68, 68, 1); // the 128x128 RGBA thumbnail is skipped
        QCOMPARE(m.dtype, std::string("uint32"));
        QCOMPARE(minOf(m), 29407.0);
        QCOMPARE(maxOf(m), 36106.0);
        QCOMPARE(sum(m), 150998555.0);
        QCOMPARE(px(m, 0, 0), 33121.0);
        QCOMPARE(px(m, 0, 1), 33489.0);
        QCOMPARE(px(m, 0, 2), 33638.0);
        QCOMPARE(px(m, 0, 3), 32719.0);
        QCOMPARE(m.x.unit, std::string("nm"));
        CHECK_NEAR(m.x.scale, 0.248538, 1e-5);
        CHECK_NEAR(m.x.origin, 51.45, 1e-3);
        CHECK_NEAR(m.y.origin, 42.50, 1e-3);
        CHECK_NEAR(std::stod(m.metadata.at("voltage_V")), 200000.0, 1e-9);
        CHECK_NEAR(std::stod(m.metadata.at("magnification")), 225000.0, 1e-9);
        QCOMPARE(m.metadata.at("operation_mode"), std::string("SCANNING"));
        QCOMPARE(m.metadata.at("date"), std::string("8/8/2016"));
        QCOMPARE(m.metadata.at("instrument"), std::string("FEI Titan"));
    }
    void dm3Diffraction() {
        const Micrograph m = load("dm3/test_diffraction_pattern.dm3");
        CHECK_SHAPE(m, 87, 87, 1);
        QCOMPARE(m.dtype, std::string("int32"));
        QCOMPARE(minOf(m), 625.0);
        QCOMPARE(maxOf(m), 2974.0);
        QCOMPARE(sum(m), 9459771.0);
        QCOMPARE(m.x.unit, std::string("1/nm"));
        CHECK_NEAR(m.x.scale, 0.1744329, 1e-6);
        CHECK_NEAR(m.x.origin, 786 * 0.1744329, 1e-5);
        CHECK_NEAR(m.y.origin, 756 * 0.1744329, 1e-5);
        QVERIFY(!m.x.nmPerPixel()); // reciprocal space is not a length
        CHECK_NEAR(std::stod(m.metadata.at("exposure_s")), 0.2, 1e-6);
    }
    void dm3MultiSignal() {
        const Micrograph m = load("dm3/multi_signal.dm3");
        CHECK_SHAPE(m, 512, 512, 1); // HAADF; the 1-D plot is not an image
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(sum(m), 949490255.0);
        QCOMPARE(maxOf(m), 9739.0);
        QCOMPARE(px(m, 0, 0), 195.0);
        QCOMPARE(px(m, 0, 1), 25.0);
        QCOMPARE(px(m, 0, 2), 106.0);
        QCOMPARE(px(m, 0, 3), 281.0);
        CHECK_NEAR(*m.x.nmPerPixel(), 0.0177516, 1e-5);
        CHECK_NEAR(std::stod(m.metadata.at("voltage_V")), 300000.0, 1e-9);
        CHECK_NEAR(std::stod(m.metadata.at("magnification")), 1e7, 1e-9);
        QCOMPARE(m.metadata.at("title"), std::string("HAADF"));
        CHECK_NEAR(std::stod(m.metadata.at("dwell_time_s")), 3.24e-5, 1e-6);
        ReadOptions o;
        o.image = 1;
        QVERIFY(!readMicrograph(ds::test::testDataPath("formats/dm3/multi_signal.dm3").toStdString(), o).ok());
    }
    void dm3StackWithShortCalibrations() {
        const Micrograph m = load("dm3/test_stackbuilder_imagestack.dm3");
        CHECK_SHAPE(m, 16, 2, 3);
        QCOMPARE(m.dtype, std::string("uint32"));
        QCOMPARE(px(m, 0, 0), 606491.0);
        QCOMPARE(px(m, 0, 1), 615402.0);
        QCOMPARE(px(m, 0, 2), 621457.0);
        QCOMPARE(m.x.unit, kMicro);
        CHECK_NEAR(m.x.scale, 0.0599829, 1e-5);
        CHECK_NEAR(*m.x.nmPerPixel(), 59.9829, 1e-5);
        QCOMPARE(m.metadata.at("frame_scale"), std::string("1")); // padded like rsciio
        QCOMPARE(m.metadata.at("dm.calibration_padded"), std::string("1"));
        CHECK_NEAR(std::stod(m.metadata.at("intensity_scale")), 0.15675, 1e-4);
        CHECK_NEAR(std::stod(m.metadata.at("intensity_origin")), 2228741.5, 1e-9);
        QCOMPARE(m.metadata.at("intensity_unit"), std::string("e-"));
        ReadOptions o;
        o.frame = 2;
        QCOMPARE(load("dm3/test_stackbuilder_imagestack.dm3", o).frameIndex, 2);
    }
    void dmNonSquarePairAgrees() {
        for (const char* f : {"dm3/dmTest_float32_nonSquare_diffPixelSize.dm3", "dm4/dmTest_float32_nonSquare_diffPixelSize.dm4"}) {
            const Micrograph m = load(f);
            CHECK_SHAPE(m, 128, 64, 1);
            QCOMPARE(m.dtype, std::string("float32"));
            QCOMPARE(sum(m), 520192.0);
            for (int c : {0, 1, 77, 127})
                QCOMPARE(px(m, 63, c), double(c)); // value == x index: axis order is right
            QCOMPARE(m.x.unit, std::string("nm"));
            QCOMPARE(m.y.unit, std::string("A"));
            CHECK_NEAR(*m.x.nmPerPixel(), 1.0, 1e-9);
            CHECK_NEAR(*m.y.nmPerPixel(), 0.2, 1e-9);
        }
        QCOMPARE(load("dm4/dmTest_float32_nonSquare_diffPixelSize.dm4").metadata.at("dm.version"), std::string("4"));
    }
    void dm4Volume() {
        for (int f : {0, 65}) {
            ReadOptions o;
            o.frame = f;
            const Micrograph m = load("dm4/dmTest_3D_int16_64_65_66.dm4", o);
            CHECK_SHAPE(m, 64, 65, 66);
            QCOMPARE(m.dtype, std::string("int16"));
            for (int r : {0, 31, 64})
                for (int c : {0, 5, 63})
                    QCOMPARE(px(m, r, c), double(c));
            QCOMPARE(m.x.unit, std::string("pm"));
            CHECK_NEAR(*m.x.nmPerPixel(), 0.002, 1e-9);
            CHECK_NEAR(*m.y.nmPerPixel(), 3.0, 1e-9);
            QCOMPARE(m.metadata.at("frame_unit"), std::string("um"));
            CHECK_NEAR(std::stod(m.metadata.at("frame_scale")), 4.0, 1e-9);
            CHECK_NEAR(std::stod(m.metadata.at("intensity_scale")), 1.1, 1e-6);
        }
    }
    void dm4PackedFft() {
        const Micrograph m = load("dm4/test_fft_packed_complex8.dm4");
        CHECK_SHAPE(m, 5, 5, 1);
        QCOMPARE(m.dtype, std::string("complex64"));
        QCOMPARE(m.metadata.at("complex_part"), std::string("magnitude"));
        CHECK_NEAR(m.x.scale, 0.2, 1e-6);
        CHECK_NEAR(m.x.origin, -0.5, 1e-6);
        // DM shows FFTs centred: the zero frequency (the largest magnitude) sits at the centre pixel,
        // and the unpacked magnitude is mirror-symmetric about the centre column.
        QCOMPARE(maxOf(m), px(m, 2, 2));
        QVERIFY(px(m, 2, 2) > 1e6 * px(m, 0, 2));
        for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 5; ++c)
                QCOMPARE(px(m, r, c), px(m, r, 4 - c));
    }
    void dm4SpectrumImageAsEnergySlices() {
        const Micrograph m = load("dm4/EELS_SI.dm4");
        CHECK_SHAPE(m, 2, 2, 2048);
        QCOMPARE(m.dtype, std::string("float32"));
        QCOMPARE(m.x.unit, kMicro);
        CHECK_NEAR(m.x.scale, 0.0019921, 1e-4);
        QCOMPARE(m.metadata.at("frame_unit"), std::string("eV"));
        QCOMPARE(m.metadata.at("signal_format"), std::string("Spectrum image"));
    }


    // ---- mrc ----
    void mrcEmdbVolume() {
        const char* f = "mrc/EMD-3197.map";
        double total = 0;
        for (int z = 0; z < 20; ++z) {
            ReadOptions o;
            o.frame = z;
            const Micrograph m = load(f, o);
            CHECK_SHAPE(m, 20, 20, 20);
            total += sum(m);
            if (z == 0) CHECK_NEAR(px(m, 0, 0), -1.8013091, 1e-7);
            if (z == 9) { CHECK_NEAR(px(m, 6, 13), 4.6207790, 1e-7); CHECK_NEAR(px(m, 6, 14), 5.0373931, 1e-7); }
            if (z == 19) CHECK_NEAR(px(m, -1, -1), 1.3078574, 1e-7);
        }
        CHECK_NEAR(total, 6268.896, 1e-6);
        const Micrograph m = load(f);
        QCOMPARE(m.dtype, std::string("float32"));
        QCOMPARE(m.x.unit, std::string("\xC3\x85"));
        CHECK_NEAR(m.x.scale, 11.4, 1e-6);
        CHECK_NEAR(*m.x.nmPerPixel(), 1.14, 1e-6);
        CHECK_NEAR(std::stod(m.metadata.at("frame_scale")), 11.4, 1e-6);
        QCOMPARE(m.metadata.at("mrc.nsymbt"), std::string("0"));
    }
    void mrcPermutedAxesAndSymmetryRecords() {
        const Micrograph m = load("mrc/EMD-3001.map");
        CHECK_SHAPE(m, 73, 43, 25);
        QCOMPARE(m.metadata.at("mrc.axis_order"), std::string("3,1,2"));
        QCOMPARE(m.metadata.at("mrc.nsymbt"), std::string("160"));
        QCOMPARE(m.metadata.at("mrc.symmetry_records"), std::string("X,  Y,  Z; -X,  Y+1/2,  -Z"));
        // Columns run along Z (33.03 Å / 72), rows along X (17.93 Å / 40).
        CHECK_NEAR(m.x.scale, 33.03 / 72, 1e-5);
        CHECK_NEAR(m.y.scale, 17.93 / 40, 1e-5);
    }
    void mrcVeloxFei2() {
        const Micrograph m = load("mrc/HAADFscan.mrc");
        CHECK_SHAPE(m, 16, 16, 1);
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(px(m, 0, 0), 5715.0);
        QCOMPARE(minOf(m), 3923.0);
        QCOMPARE(maxOf(m), 9399.0);
        CHECK_NEAR(*m.x.nmPerPixel(), 5.679131317138672, 1e-6);
        CHECK_NEAR(*m.y.nmPerPixel(), 5.679131317138672, 1e-6);
        CHECK_NEAR(std::stod(m.metadata.at("fei.pixel_size_x_m")), 5.679e-9, 1e-3);
        QCOMPARE(m.metadata.at("voltage_V"), std::string("300000"));
        QCOMPARE(m.metadata.at("instrument"), std::string("Spectra"));
        QCOMPARE(m.metadata.at("mrc.exttyp"), std::string("FEI2"));
    }
    void mrcNegativeCellMovie() {
        ReadOptions o;
        o.frame = 31;
        const Micrograph m = load("mrc/DE_20241021_00405_movie.mrc", o);
        CHECK_SHAPE(m, 8, 4, 32);
        QCOMPARE(m.dtype, std::string("uint16"));
        QVERIFY(maxOf(m) <= 31 && minOf(m) >= 0);
        CHECK_NEAR(m.x.scale, 10.0, 1e-9); // |-80| / 8
        CHECK_NEAR(*m.y.nmPerPixel(), 1.0, 1e-9);
        QVERIFY(!m.metadata.count("frame_unit")); // cella z = 0: no z calibration, no division by zero
    }


    // ---- ser ----
    void serMatchesNumpyOracle() {
        const Micrograph m = load("ser/64x64_TEM_images_acquire_1.ser");
        const Micrograph oracle = load("npy/64x64_TEM_images_acquire.npy");
        CHECK_SHAPE(m, 64, 64, 1);
        QCOMPARE(m.dtype, std::string("float32"));
        QCOMPARE(cv::norm(m.pixels, oracle.pixels, cv::NORM_INF), 0.0); // exact, after the vertical flip
        CHECK_NEAR(px(m, 0, 0), 49154.605, 1e-7);
        QCOMPARE(m.metadata.at("ser.version"), std::string("0x0210"));
        CHECK_NEAR(*m.x.nmPerPixel(), 6.281833, 1e-6);
        CHECK_NEAR(*m.y.nmPerPixel(), 6.281833, 1e-6);
    }
    void serNewVersionInt32() {
        const Micrograph m = load("ser/128x128-TEM_search_1.ser");
        CHECK_SHAPE(m, 128, 128, 1);
        QCOMPARE(m.dtype, std::string("int32"));
        QCOMPARE(px(m, 0, 0), 12796.0);
        QCOMPARE(minOf(m), 255.0);
        QCOMPARE(maxOf(m), 14171.0);
        QCOMPARE(m.metadata.at("ser.version"), std::string("0x0220"));
        CHECK_NEAR(*m.x.nmPerPixel(), 5.26121, 1e-5);
    }
    void serSeries() {
        for (int f = 0; f < 5; ++f) {
            ReadOptions o;
            o.frame = f;
            const Micrograph m = load("ser/64x64x5_TEM_preview_1.ser", o);
            CHECK_SHAPE(m, 64, 64, 5);
            QCOMPARE(m.frameIndex, f);
            CHECK_NEAR(*m.x.nmPerPixel(), 6.281833, 1e-6);
            QCOMPARE(m.metadata.at("frame_scale"), std::string("1"));
        }
        ReadOptions o;
        o.frame = 1;
        QVERIFY(cv::norm(load("ser/64x64x5_TEM_preview_1.ser").pixels, load("ser/64x64x5_TEM_preview_1.ser", o).pixels) > 0);
    }


    // ---- emd ----
    void emdVeloxHaadf() {
        const Micrograph m = load("emd/velox_STEM_HAADF_Diffraction_Micro.emd");
        CHECK_SHAPE(m, 128, 128, 1);
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(px(m, 0, 0), 9993.0);
        QCOMPARE(minOf(m), 9987.0);
        QCOMPARE(maxOf(m), 10002.0);
        QCOMPARE(m.x.unit, std::string("m"));
        CHECK_NEAR(*m.x.nmPerPixel(), 87.3708, 1e-5);
        CHECK_NEAR(*m.y.nmPerPixel(), 87.3708, 1e-5);
        QCOMPARE(m.metadata.at("voltage_V"), std::string("300000"));
        QCOMPARE(m.metadata.at("velox.version"), std::string("8"));
        CHECK_NEAR(std::stod(m.metadata.at("scan_rotation_rad")), 0.3176, 1e-3);
    }
    void emdVeloxStackFramesLast() {
        ReadOptions o;
        o.frame = 1;
        const Micrograph f0 = load("emd/fei_example_tem_stack.emd");
        const Micrograph f1 = load("emd/fei_example_tem_stack.emd", o);
        CHECK_SHAPE(f0, 3, 3, 2);
        QCOMPARE(f0.dtype, std::string("int16"));
        QVERIFY(cv::norm(f0.pixels, f1.pixels) > 0);
        CHECK_NEAR(f0.x.scale, 8.1729e-12, 1e-4);
        QCOMPARE(f0.metadata.at("velox.encoding"), std::string("Signed"));
        o.frame = 2;
        QVERIFY(!readMicrograph(ds::test::testDataPath("formats/emd/fei_example_tem_stack.emd").toStdString(), o).ok());
    }
    void emdVeloxV11PrefersDetectorImage() {
        const Micrograph m = load("emd/velox_v11_Test_SI_16x16_ReducedData_215kx.emd");
        CHECK_SHAPE(m, 16, 16, 1);
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(px(m, 0, 0), 7375.0);
        QCOMPARE(minOf(m), 5425.0);
        QCOMPARE(maxOf(m), 15943.0);
        CHECK_NEAR(m.x.scale, 3.5992e-09, 1e-4);
        QCOMPARE(m.metadata.at("emd.images"), std::string("5"));
        QCOMPARE(m.metadata.at("velox.version"), std::string("11"));
        for (int i = 1; i < 5; ++i) { // the four EDS maps, as float
            ReadOptions o;
            o.image = i;
            const Micrograph map = load("emd/velox_v11_Test_SI_16x16_ReducedData_215kx.emd", o);
            QCOMPARE(map.dtype, std::string("float32"));
            CHECK_SHAPE(map, 16, 16, 1);
        }
    }
    void emdBerkeley() {
        const Micrograph m = load("emd/ncem_example_image.emd");
        CHECK_SHAPE(m, 3, 3, 1);
        QCOMPARE(m.dtype, std::string("int32"));
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c)
                QCOMPARE(px(m, r, c), double(3 * r + c));
        QCOMPARE(m.x.scale, 1.0);
        QCOMPARE(m.x.unit, std::string("")); // "[]" means no unit
        QCOMPARE(m.metadata.at("emd.dialect"), std::string("Berkeley EMD"));
    }


    // ---- png ----
    void pngGray8() {
        const Micrograph m = load("png/Si110_5nmX25us_03_none_none.png");
        CHECK_SHAPE(m, 512, 512, 1);
        QCOMPARE(m.dtype, std::string("uint8"));
        QCOMPARE(px(m, 0, 0), 95.0);
        QCOMPARE(px(m, -1, -1), 161.0);
        CHECK_NEAR(sum(m) / m.pixels.total(), 98.31, 1e-3);
        QVERIFY(!m.x.nmPerPixel()); // no pHYs: uncalibrated
    }
    void pngWithIccProfile() {
        const Micrograph m = load("png/Grain_boundry_gold_512px.png");
        CHECK_SHAPE(m, 512, 512, 1);
        QCOMPARE(minOf(m), 42.0);
        QCOMPARE(maxOf(m), 255.0);
        QCOMPARE(px(m, 0, 0), 153.0);
    }

    // ---- npy ----
    void npyTemImages() {
        const Micrograph m = load("npy/64x64_TEM_images_acquire.npy");
        CHECK_SHAPE(m, 64, 64, 1);
        QCOMPARE(m.dtype, std::string("float32"));
        CHECK_NEAR(px(m, 0, 0), 49154.605, 1e-7);
        CHECK_NEAR(px(m, -1, -1), 47856.695, 1e-7);
        QVERIFY(!m.x.nmPerPixel());
    }

    // ---- tiff ----
    void tiffGatanExport() {
        const Micrograph m = load("tiff/TiO2_462eV.tif");
        CHECK_SHAPE(m, 256, 256, 1);
        QCOMPARE(m.dtype, std::string("float32"));
        CHECK_NEAR(minOf(m), 32800.75, 1e-9);
        CHECK_NEAR(maxOf(m), 32897.75, 1e-9);
        CHECK_NEAR(sum(m) / m.pixels.total(), 32844.3, 1e-5);
        QCOMPARE(m.x.unit, std::string("nm"));
        CHECK_NEAR(*m.x.nmPerPixel(), 0.0614634, 1e-5);
        CHECK_NEAR(*m.y.nmPerPixel(), 0.0614634, 1e-5);
        CHECK_NEAR(m.x.origin, 6.1463, 1e-4);
        CHECK_NEAR(m.y.origin, 7.0068, 1e-4);
    }
    void tiffImageJBigEndian8bit() {
        const Micrograph m = load("tiff/WSSe_SuperScan_HAADF_12_corrected.tif");
        CHECK_SHAPE(m, 512, 512, 1);
        QCOMPARE(m.dtype, std::string("uint8"));
        QCOMPARE(minOf(m), 0.0);
        QCOMPARE(maxOf(m), 222.0);
        CHECK_NEAR(sum(m) / m.pixels.total(), 41.93, 1e-3);
        QCOMPARE(px(m, 0, 0), 79.0);
        QCOMPARE(m.x.unit, std::string("nm"));
        CHECK_NEAR(*m.x.nmPerPixel(), 1.0 / 128, 1e-9);
        CHECK_NEAR(*m.y.nmPerPixel(), 1.0 / 128, 1e-9);
    }
    void tiffDmStack() {
        for (int f : {0, 1}) {
            ReadOptions o;
            o.frame = f;
            const Micrograph m = load("tiff/test_loading_image_saved_with_DM_stack.tif", o);
            CHECK_SHAPE(m, 68, 68, 2);
            QCOMPARE(m.frameIndex, f);
            QCOMPARE(m.dtype, std::string("float32"));
            QCOMPARE(px(m, 0, 0), 3465.0);
            QCOMPARE(m.x.unit, kMicro);
            CHECK_NEAR(m.x.scale, 0.168674, 1e-5);
            CHECK_NEAR(m.y.scale, 1.68674, 1e-5);
            CHECK_NEAR(*m.x.nmPerPixel(), 168.674, 1e-5);
            QCOMPARE(m.metadata.at("frame_unit"), std::string("s"));
            CHECK_NEAR(std::stod(m.metadata.at("frame_scale")), 2.5, 1e-9);
        }
    }
    void tiffImageJStack() {
        const Micrograph m = load("tiff/test_loading_image_saved_with_imageJ_stack.tif");
        CHECK_SHAPE(m, 68, 68, 2);
        QCOMPARE(m.dtype, std::string("float32"));
        QCOMPARE(px(m, 0, 0), 3465.0);
        QCOMPARE(m.x.unit, kMicro); // "micron" mapped to µm
        CHECK_NEAR(m.x.scale, 0.168675, 1e-5);
        CHECK_NEAR(m.y.scale, 0.168675, 1e-5);
        CHECK_NEAR(std::stod(m.metadata.at("frame_scale")), 2.5, 1e-9);
        ReadOptions o;
        o.frame = 1;
        QCOMPARE(px(load("tiff/test_loading_image_saved_with_imageJ_stack.tif", o), 0, 0), 3465.0);
    }
    void tiffOlympusSisSecondPage() {
        const Micrograph m = load("tiff/olympus_SIS.tif");
        CHECK_SHAPE(m, 112, 101, 1); // the JPEG RGB preview page is skipped
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(minOf(m), 5469.0);
        QCOMPARE(maxOf(m), 11339.0);
        QCOMPARE(px(m, 0, 0), 7046.0);
        QCOMPARE(m.x.unit, std::string("m"));
        CHECK_NEAR(m.x.scale, 2.3928e-11, 1e-4);
        CHECK_NEAR(*m.y.nmPerPixel(), 0.023928, 1e-4);
        QCOMPARE(m.metadata.at("magnification"), std::string("600000"));
    }
    void tiffFeiHelios() {
        const Micrograph m = load("tiff/FEI-Helios-Ebeam-16bits.tif");
        CHECK_SHAPE(m, 512, 471, 1);
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(maxOf(m), 65280.0);
        QCOMPARE(px(m, -1, -1), 64512.0);
        QCOMPARE(m.x.unit, std::string("m"));
        CHECK_NEAR(m.x.scale, 3.3724e-06, 1e-4);
        CHECK_NEAR(*m.y.nmPerPixel(), 3372.4, 1e-4);
        QCOMPARE(m.metadata.at("fei.image_height"), std::string("442")); // rows above the databar
    }

    void unknownFrameIsAClearError() {
        ReadOptions o;
        o.frame = 5;
        auto r = readMicrograph(ds::test::testDataPath("formats/tiff/test_loading_image_saved_with_DM_stack.tif").toStdString(), o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(r.error().message.find("DM_stack.tif") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(IoFormatsTest)
#include "io_formats_test.moc"
