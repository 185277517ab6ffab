// Hostile inputs from the robustness campaign (issue 17), each generated here so the file is exactly
// the one that broke a reader: an npy header whose shape holds a 30 KB run of digits or spaces (stack
// overflow in std::regex), negative npy dimensions, an EMD whose groups hard-link back to the root
// (exponential group walk), a DM4 struct tag with 2^63 fields (bounds check overflow), a FIFO given as
// a path (open() blocks), headers claiming images beyond the pixel limit, and valid uncompressed RGB,
// palette and 1-bit TIFFs that were refused. A watchdog ends the process when a read hangs, so a
// regression fails the test instead of stalling ctest.
#include "core/analysis/model_file.h"
#include "core/io/read_micrograph.h"
#include "core/project/project_file.h"
#include "support/test_data.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>
#include <tiffio.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include <sys/stat.h>

using namespace ds;

namespace {

// Runs `f` and kills the process when it has not returned after `seconds` (a hang is the bug).
template <class F> auto withinSeconds(int seconds, const char* what, F&& f) {
    std::atomic<bool> done{false};
    std::thread watchdog([&] {
        for (int i = 0; i < seconds * 10 && !done; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (!done) {
            std::fprintf(stderr, "FAIL: %s did not return within %d s (hang)\n", what, seconds);
            std::_Exit(1);
        }
    });
    auto result = f();
    done = true;
    watchdog.join();
    return result;
}

std::vector<std::uint8_t> npyFile(const std::string& dict, std::size_t dataBytes) {
    std::string header = dict;
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ').push_back('\n');
    std::vector<std::uint8_t> bytes(10 + header.size() + dataBytes, 1);
    const std::uint8_t magic[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, static_cast<std::uint8_t>(header.size() & 0xff),
                                    static_cast<std::uint8_t>(header.size() >> 8)};
    std::copy(std::begin(magic), std::end(magic), bytes.begin());
    std::copy(header.begin(), header.end(), bytes.begin() + 10);
    return bytes;
}

Result<Micrograph> readBytes(const std::vector<std::uint8_t>& bytes, const std::string& name, const ReadOptions& o = {}) {
    return readMicrographFromMemory(bytes.data(), bytes.size(), name, o);
}

void put64be(std::vector<std::uint8_t>& b, std::uint64_t v) {
    for (int i = 7; i >= 0; --i)
        b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// 64 x 48 image through libtiff with the given layout (large enough that the pixels, not the header,
// dominate the file size); pixel (x, y) has level (3x + 2y) mod 256, bilevel pages odd columns set.
constexpr int kTiffW = 64, kTiffH = 48;
int level(int x, int y) { return (3 * x + 2 * y) % 256; }

void writeTiff(const std::string& path, int spp, int bps, int photometric) {
    TIFF* t = TIFFOpen(path.c_str(), "w");
    QVERIFY(t);
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, kTiffW);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, kTiffH);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, bps);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, photometric);
    TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, kTiffH);
    std::vector<std::uint16_t> red(256), green(256), blue(256);
    if (photometric == PHOTOMETRIC_PALETTE) {
        for (int i = 0; i < 256; ++i) // index i shows as gray level 255 - i
            red[i] = green[i] = blue[i] = static_cast<std::uint16_t>((255 - i) * 257);
        TIFFSetField(t, TIFFTAG_COLORMAP, red.data(), green.data(), blue.data());
    }
    for (int y = 0; y < kTiffH; ++y) {
        std::vector<std::uint8_t> row(static_cast<std::size_t>(kTiffW * spp), 0);
        for (int x = 0; x < kTiffW; ++x) {
            if (bps == 1)
                row[static_cast<std::size_t>(x / 8)] = 0x55; // bits of the odd columns
            else
                for (int s = 0; s < spp; ++s)
                    row[static_cast<std::size_t>(x * spp + s)] = static_cast<std::uint8_t>(level(x, y));
        }
        QVERIFY(TIFFWriteScanline(t, row.data(), static_cast<std::uint32_t>(y), 0) >= 0);
    }
    TIFFClose(t);
}

} // namespace

class IoHostileInputTest : public QObject {
    Q_OBJECT
private slots:
    // Case 1: std::regex recursed once per character of a shape run and overflowed the stack.
    void npyHeaderWithHugeRunsParsesWithoutRecursion() {
        const std::string digits(30000, '7');
        const auto longNumber = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (" + digits + ", 4), }", 64);
        auto r = withinSeconds(30, "npy digit run", [&] { return readBytes(longNumber, "digits.npy"); });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Format);
        QVERIFY2(r.error().message.find("digits.npy: npy shape value is absurd") == 0, r.error().message.c_str());

        // The same run of spaces is legal Python: the array must load.
        const std::string spaces(30000, ' '), some(10000, ' ');
        const auto padded = npyFile("{'descr':" + some + "'<f4', 'fortran_order': False, 'shape': (" + spaces + "3," +
                                        some + "4" + some + "), }", 3 * 4 * 4);
        auto ok = withinSeconds(30, "npy space run", [&] { return readBytes(padded, "spaces.npy"); });
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE(ok->width(), 4);
        QCOMPARE(ok->height(), 3);
    }

    // Case 9: "(-5, 10)" was read as 5 x 10.
    void npyNegativeDimensionIsRefused() {
        const auto bytes = npyFile("{'descr': '<u1', 'fortran_order': False, 'shape': (-5, 10), }", 50);
        auto r = readBytes(bytes, "negative.npy");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("negative.npy: npy shape has a negative dimension") == 0, r.error().message.c_str());
    }

    void npyHeaderSyntaxIsChecked() {
        for (const std::string& dict : {std::string("{'descr': '<f4', 'fortran_order': False}"),
                                        std::string("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 2)}"),
                                        std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}"),
                                        std::string("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2, 2)}"),
                                        std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (2 2)}"),
                                        std::string("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)")}) {
            auto r = readBytes(npyFile(dict, 16), "bad.npy");
            QVERIFY2(!r.ok(), dict.c_str());
            QVERIFY2(r.error().code != ErrorCode::Internal && r.error().message.rfind("bad.npy: npy ", 0) == 0,
                     r.error().message.c_str());
        }
        // Python 2 wrote long dimensions as "3L"; a 1-D shape "(3,)" is not an image.
        QVERIFY(readBytes(npyFile("{'descr': '<u1', 'fortran_order': False, 'shape': (3L, 4L), }", 12), "py2.npy").ok());
        auto oneD = readBytes(npyFile("{'descr': '<u1', 'fortran_order': False, 'shape': (3,), }", 3), "1d.npy");
        QVERIFY(!oneD.ok() && oneD.error().message.find("dimension") != std::string::npos);
    }

    // Case 2: 12 hard links from the root to itself made the NCEM group search visit 12^9 groups.
    void emdHardLinkCycleEndsPromptly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cycle.emd").toStdString();
        const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        QVERIFY(f >= 0);
        for (int i = 0; i < 12; ++i)
            QVERIFY(H5Lcreate_hard(f, "/", f, ("up" + std::to_string(i)).c_str(), H5P_DEFAULT, H5P_DEFAULT) >= 0);
        H5Fclose(f);
        auto r = withinSeconds(60, "EMD hard-link cycle", [&] { return readMicrograph(path); });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY2(r.error().message == path + ": HDF5 file is neither a Velox nor a Berkeley EMD file", r.error().message.c_str());
    }

    // Case 6: nfields = 2^63 wrapped "3 + 2 * fields" to 3 and the reader indexed past the info words.
    void dmStructWithHugeFieldCountIsRefused() {
        std::vector<std::uint8_t> b = {0, 0, 0, 4};
        put64be(b, 0);                   // root length (not trusted)
        b.insert(b.end(), {0, 0, 0, 1}); // little-endian payloads
        b.insert(b.end(), {1, 0});       // sorted, open
        put64be(b, 1);                   // one tag
        b.push_back(21);                 // data tag
        b.insert(b.end(), {0, 1, 'S'});  // name "S"
        put64be(b, 64);                  // entry length
        b.insert(b.end(), {'%', '%', '%', '%'});
        put64be(b, 3);                     // three info words
        put64be(b, 15);                    // struct
        put64be(b, 0);                     // name length
        put64be(b, std::uint64_t{1} << 63); // field count
        b.resize(b.size() + 64, 0);
        auto r = readBytes(b, "struct.dm4");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message == "struct.dm4: DM struct tag with truncated field list", r.error().message.c_str());
    }

    // Case 7: open() on a FIFO blocks until a writer appears - forever, in a batch.
    void fifoIsRefusedByName() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe.tif").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto image = withinSeconds(30, "readMicrograph(FIFO)", [&] { return readMicrograph(fifo); });
        QVERIFY(!image.ok());
        QCOMPARE(image.error().code, ErrorCode::Io);
        QVERIFY2(image.error().message == fifo + ": is a FIFO (named pipe), not a regular file; only regular files are read",
                 image.error().message.c_str());
        auto project = withinSeconds(30, "readProject(FIFO)", [&] { return readProject(fifo); });
        QVERIFY(!project.ok() && project.error().message.find("FIFO") != std::string::npos);
        auto model = withinSeconds(30, "loadModel(FIFO)", [&] { return loadModel(fifo); });
        QVERIFY(!model.ok() && model.error().message.find("FIFO") != std::string::npos);
        auto folder = readMicrograph(dir.path().toStdString());
        QVERIFY(!folder.ok() && folder.error().message.find("is a directory") != std::string::npos);
    }

    // Case 3: every reader checks the pixel limit from its header. Each committed sample (one per
    // format, plus a generated EMD) loads by default and is refused with a limit of one pixel less.
    void everyReaderEnforcesThePixelLimit() {
        QTemporaryDir dir;
        QStringList files;
        const QDir data(test::sourcePath("tests/data/io"));
        for (const QString& name : data.entryList(QDir::Files))
            if (!name.endsWith(".py"))
                files << data.filePath(name);
        const std::string emd = dir.filePath("tiny.emd").toStdString();
        {
            const hid_t f = H5Fcreate(emd.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hid_t g = H5Gcreate2(f, "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            const int one = 1;
            const hid_t scalar = H5Screate(H5S_SCALAR);
            const hid_t a = H5Acreate2(g, "emd_group_type", H5T_NATIVE_INT, scalar, H5P_DEFAULT, H5P_DEFAULT);
            H5Awrite(a, H5T_NATIVE_INT, &one);
            const hsize_t dims[2] = {3, 5};
            const std::vector<std::uint8_t> pixels(15, 7);
            const hid_t space = H5Screate_simple(2, dims, nullptr);
            const hid_t d = H5Dcreate2(g, "data", H5T_NATIVE_UINT8, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, pixels.data());
            H5Dclose(d), H5Sclose(space), H5Aclose(a), H5Sclose(scalar), H5Gclose(g), H5Fclose(f);
        }
        files << QString::fromStdString(emd);
        QSet<QString> formats;
        for (const QString& file : files) {
            const std::string path = file.toStdString();
            auto full = readMicrograph(path);
            QVERIFY2(full.ok(), full.ok() ? "" : full.error().message.c_str());
            formats << QString::fromStdString(full->metadata.at("format"));
            ReadOptions tight;
            tight.maxPixels = static_cast<std::uint64_t>(full->pixels.total()) - 1;
            auto refused = readMicrograph(path, tight);
            QVERIFY2(!refused.ok(), qPrintable(file));
            QCOMPARE(refused.error().code, ErrorCode::Unsupported);
            QVERIFY2(refused.error().message.find("pixels per image") != std::string::npos, refused.error().message.c_str());
        }
        QCOMPARE(formats, (QSet<QString>{"DM3", "DM4", "MRC", "TIFF", "SER", "EMD", "PNG", "NPY"}));
    }

    // Case 3: a 400 KB PNG whose header claims 20000 x 20000 passed the compression-ratio check and
    // was decoded (10 GB for `score`); the default limit refuses it from the header.
    void hugePngHeaderIsRefusedBeforeDecoding() {
        std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        for (std::uint32_t v : {20000u, 20000u})
            for (int i = 3; i >= 0; --i)
                png.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
        png.insert(png.end(), {8, 0, 0, 0, 0, 0, 0, 0, 0}); // 8-bit gray, CRC (unchecked here)
        png.resize(400 * 1024, 0);
        QVERIFY(kDefaultMaxPixels < 20000ull * 20000ull);
        auto r = readBytes(png, "huge.png");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY2(r.error().message.find("huge.png: PNG image is 20000 x 20000 pixels, more than the limit") == 0,
                 r.error().message.c_str());
    }

    // Case 5: uncompressed RGB, palette and 1-bit pages were refused as "truncated?" because the size
    // check assumed 4 stored bytes per pixel (the RGBA result) instead of what the page stores.
    void uncompressedColourPaletteAndBilevelTiffsLoad() {
        QTemporaryDir dir;
        struct Case { const char* name; int spp, bps, photometric; const char* dtype; };
        for (const Case& c : {Case{"rgb.tif", 3, 8, PHOTOMETRIC_RGB, "rgb8"},
                              Case{"palette.tif", 1, 8, PHOTOMETRIC_PALETTE, "palette8"},
                              Case{"bilevel.tif", 1, 1, PHOTOMETRIC_MINISBLACK, "gray1"}}) {
            const std::string path = dir.filePath(c.name).toStdString();
            writeTiff(path, c.spp, c.bps, c.photometric);
            auto r = readMicrograph(path);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            QCOMPARE(r->width(), kTiffW);
            QCOMPARE(r->height(), kTiffH);
            QCOMPARE(r->dtype, std::string(c.dtype));
            for (int y = 0; y < kTiffH; ++y)
                for (int x = 0; x < kTiffW; ++x) {
                    const float v = static_cast<float>(level(x, y));
                    const float expected = c.bps == 1 ? (x % 2 ? 255.f : 0.f)
                                         : c.photometric == PHOTOMETRIC_PALETTE ? 255.f - v : v;
                    QVERIFY2(std::abs(r->pixels.at<float>(y, x) - expected) < 0.51f,
                             qPrintable(QString("%1 at %2,%3: %4 != %5").arg(c.name).arg(x).arg(y)
                                            .arg(r->pixels.at<float>(y, x)).arg(expected)));
                }
        }
    }

    // Case 9: a 3-page stack cut inside its third IFD was read as a complete 2-page stack.
    void tiffStackCutMidChainSaysSo() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("stack.tif").toStdString();
        TIFF* t = TIFFOpen(path.c_str(), "w");
        QVERIFY(t);
        for (int page = 0; page < 3; ++page) {
            TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 8);
            TIFFSetField(t, TIFFTAG_IMAGELENGTH, 8);
            TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
            TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
            TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 8);
            std::vector<std::uint8_t> row(8, static_cast<std::uint8_t>(page));
            for (std::uint32_t y = 0; y < 8; ++y)
                TIFFWriteScanline(t, row.data(), y, 0);
            TIFFWriteDirectory(t);
        }
        TIFFClose(t);
        std::ifstream in(path, std::ios::binary);
        std::vector<std::uint8_t> bytes(std::istreambuf_iterator<char>(in), {});
        QVERIFY(readBytes(bytes, "stack.tif").ok());
        QCOMPARE(readBytes(bytes, "stack.tif")->frames, 3);
        // Follow the little-endian IFD chain to the third IFD and cut the file inside it.
        const auto u32 = [&](std::size_t at) { std::uint32_t v; std::memcpy(&v, bytes.data() + at, 4); return v; };
        const auto u16 = [&](std::size_t at) { std::uint16_t v; std::memcpy(&v, bytes.data() + at, 2); return v; };
        std::size_t ifd = u32(4);
        for (int k = 0; k < 2; ++k)
            ifd = u32(ifd + 2 + 12 * u16(ifd));
        QVERIFY(ifd > 0 && ifd + 4 < bytes.size());
        bytes.resize(ifd + 4);
        auto cut = readBytes(bytes, "cut.tif");
        QVERIFY2(cut.ok(), cut.ok() ? "" : cut.error().message.c_str());
        QCOMPARE(cut->frames, 2);
        QVERIFY2(cut->metadata.count("tiff.truncated"), "a broken page chain must be reported");
    }

    // Case 9: a SER cut after its first element still claimed every Valid element.
    void serCutAfterFirstElementReportsReadableFrames() {
        std::ifstream in(test::sourcePath("tests/data/io/ser_interrupted_series.ser").toStdString(), std::ios::binary);
        std::vector<std::uint8_t> bytes(std::istreambuf_iterator<char>(in), {});
        auto whole = readBytes(bytes, "series.ser");
        QVERIFY(whole.ok());
        QCOMPARE(whole->frames, 2);
        // Layout (make_io_test_files.py): elements start at byte 100, 50-byte header + 3 x 2 uint16 each.
        bytes.resize(100 + 50 + 12 + 20);
        auto cut = readBytes(bytes, "cut.ser");
        QVERIFY2(cut.ok(), cut.ok() ? "" : cut.error().message.c_str());
        QCOMPARE(cut->frames, 1);
        QCOMPARE(cut->metadata.at("ser.readable_elements"), std::string("1"));
        ReadOptions second;
        second.frame = 1;
        auto past = readBytes(bytes, "cut.ser", second);
        QVERIFY(!past.ok());
        QVERIFY2(past.error().message.find("only 1 of 2 elements are complete") != std::string::npos, past.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(IoHostileInputTest)
#include "io_hostile_input_test.moc"
