// Reading a 4096 x 4096 uint16 TIFF and DM4 into float32 with readMicrograph(), against the floor the
// issue sets: the time to read the file's bytes (what `cat FILE > /dev/null` does, warm page cache) plus
// the uint16 -> float32 conversion alone (into a reused buffer, and into fresh memory as a reader must).
// Target: read <= 2 x (cat + conversion).
// Run: build-io/bench/io_bench --benchmark_counters_tabular=true
#include "core/io/read_micrograph.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fcntl.h>
#include <tiffio.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
constexpr int kSide = 4096;

std::vector<std::uint16_t> testImage() {
    std::vector<std::uint16_t> px(static_cast<std::size_t>(kSide) * kSide);
    std::uint32_t state = 12345;
    for (auto& v : px) { // cheap LCG noise so nothing compresses or branches predictably
        state = state * 1664525u + 1013904223u;
        v = static_cast<std::uint16_t>(state >> 16);
    }
    return px;
}

void writeTiffU16(const std::string& path, const std::vector<std::uint16_t>& px) {
    TIFF* tif = TIFFOpen(path.c_str(), "w");
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, kSide);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, kSide);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 16);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 16);
    for (int r = 0; r < kSide; ++r)
        TIFFWriteScanline(tif, const_cast<std::uint16_t*>(px.data() + static_cast<std::size_t>(r) * kSide), r, 0);
    TIFFClose(tif);
}

// Minimal DM4 writer (tests only): ImageList[0].ImageData{Data, DataType 10, Dimensions[X, Y]},
// little-endian payload, 8-byte lengths - the layout described in shared/data/formats/FORMATS.md.
class Dm4Writer {
public:
    std::string bytes;
    void be(std::uint64_t v, int n) { for (int i = n - 1; i >= 0; --i) bytes.push_back(static_cast<char>(v >> (8 * i))); }
    void groupHeader(std::uint64_t tags) { be(0, 1); be(1, 1); be(tags, 8); }
    std::size_t entry(std::uint8_t kind, const std::string& name) {
        be(kind, 1); be(name.size(), 2); bytes += name;
        const std::size_t lengthAt = bytes.size();
        be(0, 8);
        return lengthAt;
    }
    void close(std::size_t lengthAt) {
        const std::uint64_t len = bytes.size() - lengthAt - 8;
        for (int i = 0; i < 8; ++i) bytes[lengthAt + i] = static_cast<char>(len >> (8 * (7 - i)));
    }
    void simpleU32(const std::string& name, std::uint32_t v) {
        const auto at = entry(21, name);
        bytes += "%%%%"; be(1, 8); be(5, 8);
        bytes.append(reinterpret_cast<const char*>(&v), 4);
        close(at);
    }
    void arrayU16(const std::string& name, const std::vector<std::uint16_t>& v) {
        const auto at = entry(21, name);
        bytes += "%%%%"; be(3, 8); be(20, 8); be(4, 8); be(v.size(), 8);
        bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * 2);
        close(at);
    }
};

void writeDm4U16(const std::string& path, const std::vector<std::uint16_t>& px) {
    Dm4Writer w;
    w.be(4, 4); w.be(0, 8); w.be(1, 4); // version, root length (not trusted), little-endian
    w.groupHeader(1);
    const auto list = w.entry(20, "ImageList");
    w.groupHeader(1);
    const auto img = w.entry(20, "");
    w.groupHeader(1);
    const auto data = w.entry(20, "ImageData");
    w.groupHeader(3);
    w.arrayU16("Data", px);
    w.simpleU32("DataType", 10);
    const auto dims = w.entry(20, "Dimensions");
    w.groupHeader(2);
    w.simpleU32("", kSide);
    w.simpleU32("", kSide);
    w.close(dims);
    w.close(data);
    w.close(img);
    w.close(list);
    w.bytes.append(8, '\0');
    std::ofstream(path, std::ios::binary).write(w.bytes.data(), static_cast<std::streamsize>(w.bytes.size()));
}

struct Files {
    std::string tiff, dm4;
    std::vector<std::uint16_t> pixels;
    Files() {
        const fs::path dir = fs::temp_directory_path() / ("defectscope_io_bench_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        tiff = (dir / "u16.tif").string();
        dm4 = (dir / "u16.dm4").string();
        pixels = testImage();
        writeTiffU16(tiff, pixels);
        writeDm4U16(dm4, pixels);
    }
    ~Files() { fs::remove_all(fs::path(tiff).parent_path()); }
};

Files& files() {
    static Files f;
    return f;
}

void catFile(const std::string& path, std::vector<char>& buf) { // read(2) in 1 MiB blocks, like cat
    const int fd = ::open(path.c_str(), O_RDONLY);
    while (::read(fd, buf.data(), buf.size()) > 0) {
    }
    ::close(fd);
}

void readBench(benchmark::State& state, const std::string& path) {
    for (auto _ : state) {
        auto r = ds::readMicrograph(path);
        if (!r.ok() || r->width() != kSide) {
            state.SkipWithError(r.ok() ? "wrong size" : r.error().message.c_str());
            return;
        }
        benchmark::DoNotOptimize(r->pixels.data);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fs::file_size(path)));
}

void BM_ReadTiffUint16(benchmark::State& s) { readBench(s, files().tiff); }
void BM_ReadDm4Uint16(benchmark::State& s) { readBench(s, files().dm4); }

void catBench(benchmark::State& state, const std::string& path) {
    std::vector<char> buf(1 << 20);
    for (auto _ : state) {
        catFile(path, buf);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fs::file_size(path)));
}
void BM_CatTiff(benchmark::State& s) { catBench(s, files().tiff); }
void BM_CatDm4(benchmark::State& s) { catBench(s, files().dm4); }

void BM_ConvertUint16ToFloat32(benchmark::State& state) {
    const cv::Mat src(kSide, kSide, CV_16U, files().pixels.data());
    cv::Mat dst;
    for (auto _ : state) {
        src.convertTo(dst, CV_32F);
        benchmark::DoNotOptimize(dst.data);
    }
}

// The reader must return a new image, so the fair floor also pays for first-touching fresh memory.
void BM_ConvertUint16ToFreshFloat32(benchmark::State& state) {
    const cv::Mat src(kSide, kSide, CV_16U, files().pixels.data());
    for (auto _ : state) {
        cv::Mat dst;
        src.convertTo(dst, CV_32F);
        benchmark::DoNotOptimize(dst.data);
    }
}

} // namespace

BENCHMARK(BM_ConvertUint16ToFreshFloat32)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatTiff)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatDm4)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ConvertUint16ToFloat32)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadTiffUint16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadDm4Uint16)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
