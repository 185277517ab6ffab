// Bad input never crashes, hangs or allocates beyond what the file allows: every committed synthetic
// file (and, when present, every shared format sample) is replayed through readMicrograph truncated at
// many lengths and with deterministic random byte flips, plus hand-crafted headers with absurd
// dimensions. Each read must either succeed with a consistent image or fail with an error that names the
// file within 30 s - never an Internal error (which is what a bad_alloc or an unexpected library exception becomes).
// This is the GCC/ctest twin of the libFuzzer harnesses in tests/fuzz.
#include "core/io/read_micrograph.h"
#include "support/test_data.h"

#include <QDirIterator>
#include <QtTest>

#include <chrono>
#include <cstring>
#include <fstream>
#include <future>
#include <random>

using namespace ds;

namespace {

std::vector<std::uint8_t> slurp(const QString& path) {
    std::ifstream f(path.toStdString(), std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(f), {});
}

QStringList corpus(const QString& dir) {
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (!f.endsWith(".py") && !f.endsWith(".md") && !f.endsWith(".csv"))
            files << f;
    }
    files.sort();
    return files;
}

// Reads the bytes under `name`; fails the test when the outcome breaks the bad-input contract.
bool checkOne(const std::vector<std::uint8_t>& bytes, const std::string& name, QString& why) {
    const auto start = std::chrono::steady_clock::now();
    auto r = readMicrographFromMemory(bytes.data(), bytes.size(), name);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 30.0) { // generous: CI machines are shared; real hangs also hit the ctest timeout
        why = QString("%1 took %2 s (hang?)").arg(QString::fromStdString(name)).arg(seconds);
        return false;
    }
    if (r.ok()) {
        const Micrograph& m = *r;
        if (m.pixels.empty() || m.pixels.type() != CV_32FC1 || m.frames < 1 || m.frameIndex != 0) {
            why = QString("%1: inconsistent image").arg(QString::fromStdString(name));
            return false;
        }
        return true;
    }
    const Error& e = r.error();
    if (e.code == ErrorCode::Internal || e.message.rfind(name + ": ", 0) != 0 || e.message.size() <= name.size() + 2) {
        why = QString("%1: bad error (code %2): %3").arg(QString::fromStdString(name)).arg(int(e.code)).arg(QString::fromStdString(e.message));
        return false;
    }
    return true;
}

void replayMutations(const QString& file, int flips, int truncations) {
    const std::vector<std::uint8_t> original = slurp(file);
    QVERIFY2(!original.empty(), qPrintable(file));
    const std::string base = QFileInfo(file).fileName().toStdString();
    QString why;
    // Truncations: every length for tiny files, otherwise spread over the file plus the header region.
    std::vector<std::size_t> lengths;
    if (original.size() <= 4096) {
        for (std::size_t n = 0; n < original.size(); ++n) lengths.push_back(n);
    } else {
        for (std::size_t n = 0; n < 64; ++n) lengths.push_back(n * 17);
        for (int k = 1; k < truncations; ++k) lengths.push_back(original.size() * k / truncations);
        lengths.push_back(original.size() - 1);
    }
    for (std::size_t n : lengths) {
        std::vector<std::uint8_t> cut(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(n));
        QVERIFY2(checkOne(cut, base + "[truncated " + std::to_string(n) + "]", why), qPrintable(why));
    }
    // Byte flips, seeded by the file name so failures reproduce. Headers attract most of them.
    std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(base)));
    for (int k = 0; k < flips; ++k) {
        std::vector<std::uint8_t> bad = original;
        const int changes = 1 + static_cast<int>(rng() % 8);
        for (int c = 0; c < changes; ++c) {
            const std::size_t span = (rng() % 2) ? std::min<std::size_t>(bad.size(), 2048) : bad.size();
            const std::size_t at = rng() % span;
            bad[at] = (rng() % 3 == 0) ? static_cast<std::uint8_t>(0xFF) : static_cast<std::uint8_t>(bad[at] ^ (1u << (rng() % 8)));
        }
        QVERIFY2(checkOne(bad, base + "[mutation " + std::to_string(k) + "]", why), qPrintable(why));
    }
}

void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v, bool big) {
    for (int i = 0; i < 4; ++i)
        b[at + i] = static_cast<std::uint8_t>(big ? v >> (24 - 8 * i) : v >> (8 * i));
}

} // namespace

class IoRobustnessTest : public QObject {
    Q_OBJECT
private slots:
    void committedCorpusSurvivesTruncationAndBitFlips() {
        const QStringList files = corpus(ds::test::sourcePath("tests/data/io"));
        QVERIFY(files.size() >= 10);
        for (const QString& f : files)
            replayMutations(f, 400, 0);
    }

    void sharedSamplesSurviveTruncationAndBitFlips() {
        DS_REQUIRE_TESTDATA();
        const QStringList files = corpus(ds::test::testDataPath("formats"));
        QVERIFY(files.size() >= 25);
        for (const QString& f : files)
            replayMutations(f, 40, 24);
    }

    void absurdDimensionsFailBeforeAllocating() {
        QString why;
        // npy claiming 2^40 x 2^40 float64
        std::string npyHeader = "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }";
        npyHeader.append((64 - (10 + npyHeader.size() + 1) % 64) % 64, ' ').push_back('\n');
        std::vector<std::uint8_t> npy = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                         static_cast<std::uint8_t>(npyHeader.size()), 0};
        npy.insert(npy.end(), npyHeader.begin(), npyHeader.end());
        npy.resize(npy.size() + 64);
        // MRC claiming 2^30 x 2^30 x 2^30 float32
        std::vector<std::uint8_t> mrc(1024 + 64, 0);
        put32(mrc, 0, 1u << 30, false); put32(mrc, 4, 1u << 30, false); put32(mrc, 8, 1u << 30, false); put32(mrc, 12, 2, false);
        std::memcpy(mrc.data() + 208, "MAP \x44\x44\0\0", 8);
        // uncompressed TIFF claiming 2^31-1 x 2^31-1 uint16 with an 8-byte strip
        std::vector<std::uint8_t> tif(96, 0);
        std::memcpy(tif.data(), "II*\0\x08\0\0\0\x05\0", 10);
        const std::uint32_t entries[5][3] = {{256, 4, 0x7fffffff}, {257, 4, 0x7fffffff}, {258, 3, 16}, {273, 4, 80}, {279, 4, 8}};
        for (int i = 0; i < 5; ++i) { // tag (16), type (16), count 1 (32), value (32)
            const std::size_t at = 10 + 12 * static_cast<std::size_t>(i);
            put32(tif, at, entries[i][0] | entries[i][1] << 16, false);
            put32(tif, at + 4, 1, false);
            put32(tif, at + 8, entries[i][2], false);
        }
        // PNG IHDR claiming 2^31-1 square, no data
        std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        png.resize(png.size() + 13 + 4, 0);
        put32(png, 16, 0x7fffffff, true); put32(png, 20, 0x7fffffff, true); png[24] = 16;
        for (auto& [bytes, name] : std::vector<std::pair<std::vector<std::uint8_t>, std::string>>{
                 {npy, "huge.npy"}, {mrc, "huge.mrc"}, {tif, "huge.tif"}, {png, "huge.png"}}) {
            auto r = readMicrographFromMemory(bytes.data(), bytes.size(), name);
            QVERIFY2(!r.ok(), name.c_str());
            QVERIFY2(r.error().code == ErrorCode::Format || r.error().code == ErrorCode::Unsupported, r.error().message.c_str());
            QVERIFY2(checkOne(bytes, name, why), qPrintable(why));
        }
    }

    void concurrentReadsAgreeWithSequential() {
        // The GUI reads from worker threads: readers share no state (HDF5 is serialised inside).
        QStringList files = corpus(ds::test::sourcePath("tests/data/io"));
        if (ds::test::haveTestData())
            files << corpus(ds::test::testDataPath("formats/emd")) << corpus(ds::test::testDataPath("formats/tiff"));
        std::vector<cv::Mat> sequential;
        for (const QString& f : files) {
            auto r = readMicrograph(f.toStdString());
            sequential.push_back(r.ok() ? r->pixels : cv::Mat());
        }
        std::vector<std::future<bool>> jobs;
        for (int t = 0; t < 4; ++t)
            jobs.push_back(std::async(std::launch::async, [&, t] {
                for (int round = 0; round < 5; ++round)
                    for (int i = 0; i < files.size(); ++i) {
                        const int k = (i + t * 3) % files.size();
                        auto r = readMicrograph(files[k].toStdString());
                        if (r.ok() != !sequential[static_cast<size_t>(k)].empty())
                            return false;
                        if (r.ok() && cv::norm(r->pixels, sequential[static_cast<size_t>(k)], cv::NORM_INF) != 0)
                            return false;
                    }
                return true;
            }));
        for (auto& j : jobs)
            QVERIFY(j.get());
    }
};

QTEST_GUILESS_MAIN(IoRobustnessTest)
#include "io_robustness_test.moc"
