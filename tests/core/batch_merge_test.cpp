// Batch scoring and shard merging in-process: a run continues past a bad file and records it, truth
// sidecars give per-image AUROCs, two worker threads give the same output as one, and merging the
// shards of a 3-way split reproduces the unsharded run (byte-identical patches.csv, same per-image
// summaries). Shards with other settings, the same shard twice and a folder that is not a score
// output are refused; a missing shard is reported.
#include "core/batch/batch_runner.h"
#include "core/batch/shard_merge.h"
#include "core/io/write_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/synth/synthetic_graphene.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

nlohmann::json readJson(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// Per-image summaries without run times, which legitimately differ between runs.
nlohmann::json withoutTimes(nlohmann::json images) {
    for (auto& i : images)
        i.erase("seconds");
    return images;
}

} // namespace

class BatchMergeTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;
    std::vector<std::string> m_files, m_folders;
    ds::BatchOptions m_options;

    fs::path path(const char* name) const { return m_root / name; }

    ds::Result<ds::BatchResult> run(const fs::path& out, ds::ShardSpec shard, int jobs, std::uint64_t seed = 3) {
        ds::BatchOptions o = m_options;
        o.shard = shard;
        o.jobs = jobs;
        o.config.seed = seed;
        std::vector<std::string> files, folders;
        for (size_t k = 0; k < m_files.size(); ++k)
            if (int(k) % shard.count == shard.index)
                files.push_back(m_files[k]), folders.push_back(m_folders[k]);
        return ds::runBatch(files, folders, out.string(), o);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.path().toStdString();
        fs::create_directories(m_root / "in");
        for (int i = 0; i < 5; ++i) {
            ds::SynthOptions s;
            s.width = s.height = 256;
            s.bondPx = 12;
            s.seed = 40 + i;
            s.singleVacancies = 1, s.doubleVacancies = 1, s.stoneWales = 0, s.dopants = 1;
            const auto img = ds::synthesizeGraphene(s);
            const fs::path base = m_root / "in" / ("img" + std::to_string(i));
            QVERIFY(ds::writeTiff(base.string() + ".tif", ds::toMicrograph(img)).ok());
            QVERIFY(ds::writeTruthPoints(base.string() + ".truth.csv", img.truth).ok());
            m_files.push_back(base.string() + ".tif");
        }
        std::ofstream(m_root / "in" / "broken.tif") << "II*\0 not really a tiff";
        m_files.push_back((m_root / "in" / "broken.tif").string());
        std::sort(m_files.begin(), m_files.end());
        m_folders = ds::outputFolderNames(m_files);
        m_options.config.detector = "iforest";
        m_options.config.features = "stats";
        m_options.config.grid = ds::GridSpec{48, 24, 0, 0};
        m_options.totalInputs = int(m_files.size());
    }

    void runContinuesPastABadFile() {
        const fs::path out = path("all");
        int calls = 0;
        ds::BatchOptions o = m_options;
        o.config.seed = 3;
        o.jobs = 2;
        auto r = ds::runBatch(m_files, m_folders, out.string(), o, [&](int done, int total, const ds::ImageOutcome&) {
            ++calls;
            QCOMPARE(total, 6);
            QVERIFY(done >= 1 && done <= 6);
        });
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(calls, 6);
        QCOMPARE(r->failed, 1);
        const auto summary = readJson(out / "summary.json");
        QCOMPARE(summary["scored"].get<int>(), 5);
        QCOMPARE(summary["failed"].get<int>(), 1);
        QCOMPARE(summary["images"].size(), size_t(6));
        int rows = 0;
        for (const auto& img : summary["images"]) {
            if (img["status"] == "failed") {
                QVERIFY(img["error"].get<std::string>().find("broken.tif") != std::string::npos);
                continue;
            }
            QVERIFY2(img["auroc"].is_number(), "truth sidecar should give an AUROC");
            QCOMPARE(img["labels"].get<std::string>(), std::string("truth"));
            rows += img["patches"].get<int>();
            const fs::path folder = out / img["folder"].get<std::string>();
            QVERIFY(fs::exists(folder / "patches.csv") && fs::exists(folder / "summary.json"));
        }
        std::ifstream csv(out / "patches.csv");
        int lines = 0;
        for (std::string l; std::getline(csv, l);)
            ++lines;
        QCOMPARE(lines, rows + 1);
        for (const auto& e : fs::directory_iterator(out))
            QVERIFY2(e.path().filename().string().find(".tmp.") == std::string::npos, e.path().c_str());
    }

    void oneThreadEqualsTwo() {
        QVERIFY(run(path("serial"), {0, 1}, 1).ok());
        QCOMPARE(slurp(path("serial") / "patches.csv"), slurp(path("all") / "patches.csv"));
    }

    void mergedShardsEqualTheUnshardedRun() {
        for (int i = 0; i < 3; ++i)
            QVERIFY(run(path(("shard" + std::to_string(i)).c_str()), {i, 3}, 1).ok());
        auto merged = ds::mergeShards({path("shard2").string(), path("shard0").string(), path("shard1").string()},
                                      path("merged").string());
        QVERIFY2(merged.ok(), merged.ok() ? "" : merged.error().message.c_str());
        QVERIFY(merged->missingShards.empty());
        QCOMPARE(merged->images, 6);
        QCOMPARE(merged->failed, 1);
        QCOMPARE(slurp(path("merged") / "patches.csv"), slurp(path("all") / "patches.csv"));
        const auto a = readJson(path("all") / "summary.json"), m = readJson(path("merged") / "summary.json");
        QVERIFY(withoutTimes(m["images"]) == withoutTimes(a["images"]));
        QVERIFY(m["failed"] == a["failed"]);
        QVERIFY(m["settings"] == a["settings"]);
        QVERIFY(m["scored"] == a["scored"]);
        for (const auto& img : m["images"])
            if (img["status"] == "ok")
                QCOMPARE(slurp(path("merged") / img["folder"].get<std::string>() / "patches.csv"),
                     slurp(path("all") / img["folder"].get<std::string>() / "patches.csv"));
    }

    void mismatchedShardsAreRefused() {
        QVERIFY(run(path("otherSeed1"), {1, 3}, 1, 4).ok());
        auto differentSettings = ds::mergeShards({path("shard0").string(), path("otherSeed1").string()}, path("x1").string());
        QVERIFY(!differentSettings.ok());
        QVERIFY2(differentSettings.error().message.find("seed") != std::string::npos, differentSettings.error().message.c_str());
        auto twice = ds::mergeShards({path("shard0").string(), path("shard0").string()}, path("x2").string());
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().message.find("twice") != std::string::npos);
        auto otherCount = ds::mergeShards({path("shard0").string(), path("all").string()}, path("x3").string());
        QVERIFY(!otherCount.ok());
        auto notAnOutput = ds::mergeShards({path("in").string()}, path("x4").string());
        QVERIFY(!notAnOutput.ok());
        QVERIFY(notAnOutput.error().message.find("summary.json") != std::string::npos);
        for (const char* dir : {"x1", "x2", "x3", "x4"})
            QVERIFY(!fs::exists(path(dir) / "summary.json"));
        auto partial = ds::mergeShards({path("shard0").string(), path("shard1").string()}, path("partial").string());
        QVERIFY(partial.ok());
        QCOMPARE(partial->missingShards, std::vector<int>{2});
    }

    void latticeDetectorsAlsoWriteAtoms() {
        ds::BatchOptions o = m_options;
        o.config.detector = "lattice";
        o.config.features.clear();
        auto r = ds::runBatch({m_files[1]}, {m_folders[1]}, path("lattice").string(), o); // [0] is broken.tif
        QVERIFY(r.ok());
        QCOMPARE(r->failed, 0);
        std::ifstream atoms(path("lattice") / m_folders[1] / "atoms.csv");
        std::string header;
        QVERIFY(std::getline(atoms, header));
        QVERIFY(header.rfind("x,y,", 0) == 0);
        int rows = 0;
        for (std::string l; std::getline(atoms, l);)
            ++rows;
        QVERIFY2(rows > 100, qPrintable(QString::number(rows))); // a 256 px field at 12 px bonds holds ~350 columns
        QVERIFY(!fs::exists(path("all") / m_folders[1] / "atoms.csv")); // iforest: no atoms
    }

    void unwritableOutputIsAnError() {
        std::ofstream(path("plainfile")) << "x";
        auto r = run(path("plainfile") / "out", {0, 1}, 1);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ds::ErrorCode::Io);
    }
};

QTEST_APPLESS_MAIN(BatchMergeTest)
#include "batch_merge_test.moc"
