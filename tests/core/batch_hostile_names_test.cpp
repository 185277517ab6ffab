// Outputs that say where they came from (issue 17, cases 4 and 8). A file name that is not UTF-8
// once made nlohmann throw while writing summary.json, so `score` lost the image after scoring it and
// never wrote the combined summary; now such bytes become U+FFFD, identically in JSON, CSV and the
// folder name. `merge` accepted shards scored from different inputs when their counts agreed and
// exited 0 when a listed per-image folder was missing; shard folders are hand-made here so each check
// is exercised on exactly the inconsistency it is for.
#include "core/batch/batch_runner.h"
#include "core/batch/input_collector.h"
#include "core/batch/shard_merge.h"
#include "core/common/atomic_file.h"
#include "core/common/utf8_text.h"
#include "core/io/write_micrograph.h"
#include "core/report/patch_csv.h"
#include "core/synth/synthetic_graphene.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

#include <csignal>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

nlohmann::json readJson(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// A finished-looking shard output folder holding one row per image.
void makeShard(const fs::path& dir, int index, int count, const std::string& digest,
               const std::vector<std::string>& images, bool withFolders = true) {
    fs::create_directories(dir);
    nlohmann::json list = nlohmann::json::array();
    std::ofstream csv(dir / "patches.csv");
    csv << ds::kPatchCsvHeader << '\n';
    for (const std::string& image : images) {
        list.push_back({{"image", image}, {"status", "ok"}, {"folder", image}, {"patches", 1}});
        csv << image << ",0,0,0,48,48,0.5,0,\n";
        if (withFolders)
            fs::create_directories(dir / image);
    }
    nlohmann::json summary = {{"settings", {{"seed", 1}}},
                              {"shard", {{"index", index}, {"count", count}}},
                              {"inputs", 4},
                              {"images", list}};
    if (!digest.empty())
        summary["inputs_digest"] = digest;
    std::ofstream(dir / "summary.json") << summary.dump(2);
}

} // namespace

class BatchHostileNamesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path root() const { return m_tmp.path().toStdString(); }

private slots:
    void invalidUtf8BecomesReplacementCharacters() {
        QCOMPARE(ds::validUtf8("plain-ascii_name"), std::string("plain-ascii_name"));
        QCOMPARE(ds::validUtf8("Gr\xc3\xa4phen \xe2\x82\xac \xf0\x9f\x94\xac"), std::string("Gr\xc3\xa4phen \xe2\x82\xac \xf0\x9f\x94\xac"));
        QCOMPARE(ds::validUtf8("a\xff" "b"), std::string("a\xef\xbf\xbd" "b"));
        QCOMPARE(ds::validUtf8("\xc0\xaf"), std::string("\xef\xbf\xbd\xef\xbf\xbd"));      // overlong '/'
        QCOMPARE(ds::validUtf8("\xed\xa0\x80"), std::string("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd")); // surrogate
        QCOMPARE(ds::validUtf8("end\xe2\x82"), std::string("end\xef\xbf\xbd\xef\xbf\xbd"));  // cut sequence
        const nlohmann::json j = {{"image", "x\xfe.tif"}};
        QCOMPARE(ds::dumpJson(j, -1), std::string("{\"image\":\"x\xef\xbf\xbd.tif\"}"));
        // Two names that differ only in invalid bytes still get distinct folders.
        const auto folders = ds::outputFolderNames({"/d/a\xfe.tif", "/d/a\xff.tif", "/d/b.tif"});
        QCOMPARE(folders.size(), size_t(3));
        QVERIFY(folders[0] != folders[1]);
        QVERIFY(folders[0].rfind("a\xef\xbf\xbd-", 0) == 0);
        QCOMPARE(folders[2], std::string("b"));
    }

    // Case 4: the image is scored, written and listed under the replaced name everywhere.
    void nonUtf8FileNameIsScoredAndListed() {
        const fs::path in = root() / "names";
        fs::create_directories(in);
        ds::SynthOptions s;
        s.width = s.height = 192;
        s.bondPx = 12;
        s.seed = 5;
        const std::string file = (in / "scan\xff\xfe.tif").string();
        QVERIFY(ds::writeTiff(file, ds::toMicrograph(ds::synthesizeGraphene(s))).ok());
        ds::BatchOptions o;
        o.config.detector = "iforest";
        o.config.features = "stats";
        o.config.grid = ds::GridSpec{48, 24, 0, 0};
        o.totalInputs = 1;
        const fs::path out = root() / "names-out";
        auto r = ds::runBatch({file}, ds::outputFolderNames({file}), out.string(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->failed, 0);
        const auto summary = readJson(out / "summary.json");
        QCOMPARE(summary["scored"].get<int>(), 1);
        const auto& image = summary["images"][0];
        QCOMPARE(image["status"].get<std::string>(), std::string("ok"));
        const std::string listed = image["image"].get<std::string>();
        QCOMPARE(listed, ds::validUtf8(file));
        QVERIFY(fs::is_directory(out / image["folder"].get<std::string>()));
        QVERIFY(readJson(out / image["folder"].get<std::string>() / "summary.json")["image"] == listed);
        std::ifstream csv(out / "patches.csv");
        std::string header, row;
        QVERIFY(std::getline(csv, header) && std::getline(csv, row));
        QVERIFY2(row.rfind(listed + ",", 0) == 0 || row.rfind("\"" + listed + "\",", 0) == 0, row.c_str());
    }

    // Case 8: the same counts but other inputs.
    void shardsFromDifferentInputListsAreRefused() {
        const std::string d1 = ds::inputListDigest({"/a/1.tif", "/a/2.tif", "/a/3.tif", "/a/4.tif"});
        const std::string d2 = ds::inputListDigest({"/b/1.tif", "/b/2.tif", "/b/3.tif", "/b/4.tif"});
        QVERIFY(d1 != d2);
        QCOMPARE(d1.size(), size_t(16));
        makeShard(root() / "s0", 0, 2, d1, {"one", "three"});
        makeShard(root() / "s1", 1, 2, d2, {"two", "four"});
        auto r = ds::mergeShards({(root() / "s0").string(), (root() / "s1").string()}, (root() / "m1").string());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ds::ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message.find("different input list") != std::string::npos, r.error().message.c_str());
        QVERIFY(!fs::exists(root() / "m1" / "summary.json"));

        makeShard(root() / "s1same", 1, 2, d1, {"two", "four"});
        auto ok = ds::mergeShards({(root() / "s0").string(), (root() / "s1same").string()}, (root() / "m2").string());
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE(readJson(root() / "m2" / "summary.json")["inputs_digest"].get<std::string>(), d1);
    }

    // Case 8: a listed per-image folder that is not there.
    void missingPerImageFolderIsRefused() {
        const std::string d = ds::inputListDigest({"x"});
        makeShard(root() / "f0", 0, 2, d, {"one"});
        makeShard(root() / "f1", 1, 2, d, {"two"}, false);
        auto r = ds::mergeShards({(root() / "f0").string(), (root() / "f1").string()}, (root() / "m3").string());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("'two' in folder 'two', which does not exist") != std::string::npos,
                 r.error().message.c_str());
        QVERIFY(!fs::exists(root() / "m3"));
    }

    // Case 9: hidden temporaries left by a killed run survived a successful rerun.
    void temporariesOfKilledWritersGoOnSuccess() {
        const fs::path dir = root() / "temps";
        fs::create_directories(dir);
        pid_t gone = 0;
        for (pid_t p = 4000000; p > 3000000 && !gone; --p) // a pid no process has
            if (::kill(p, 0) != 0 && errno == ESRCH)
                gone = p;
        QVERIFY(gone);
        const fs::path stale = dir / (".summary.json.tmp." + std::to_string(gone) + ".3");
        const fs::path ours = dir / (".summary.json.tmp." + std::to_string(::getpid()) + ".999");
        const fs::path other = dir / (".patches.csv.tmp." + std::to_string(gone) + ".1");
        for (const fs::path& p : {stale, ours, other})
            std::ofstream(p) << "{";
        QVERIFY(ds::writeFileAtomically((dir / "summary.json").string(), "{}\n").ok());
        QVERIFY(!fs::exists(stale));
        QVERIFY(fs::exists(ours));  // a writer that is still running
        QVERIFY(fs::exists(other)); // another file's temporary: its own next write cleans it
    }
};

QTEST_APPLESS_MAIN(BatchHostileNamesTest)
#include "batch_hostile_names_test.moc"
