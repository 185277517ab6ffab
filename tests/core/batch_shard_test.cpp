// Batch inputs and shards: the i/n partition covers every file exactly once with balanced shards and
// is the same however often it is computed; "i/n" parsing rejects nonsense; globs match like a shell;
// folder collection finds micrographs (recursively on request), skips sidecars and the output
// folder, and reports paths that name nothing.
#include "core/batch/batch_runner.h"
#include "core/batch/input_collector.h"
#include "core/batch/shard_spec.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {
void touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x";
}
std::vector<std::string> names(const std::vector<std::string>& files, const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& f : files)
        out.push_back(fs::relative(f, root).generic_string());
    return out;
}
} // namespace

class BatchShardTest : public QObject {
    Q_OBJECT
private slots:
    void partitionCoversEveryFileOnce_data() {
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("shards");
        for (int files : {0, 1, 5, 17, 100})
            for (int shards : {1, 2, 3, 7, 150})
                QTest::addRow("%d files / %d shards", files, shards) << files << shards;
    }
    void partitionCoversEveryFileOnce() {
        QFETCH(int, files);
        QFETCH(int, shards);
        std::vector<std::string> all;
        for (int i = 0; i < files; ++i)
            all.push_back("dir/image" + std::to_string(1000 + i) + ".tif");
        std::map<std::string, int> seen;
        size_t smallest = SIZE_MAX, largest = 0;
        for (int i = 0; i < shards; ++i) {
            const auto part = ds::selectShard(all, {i, shards});
            QCOMPARE(ds::selectShard(all, {i, shards}), part); // deterministic
            QVERIFY(std::is_sorted(part.begin(), part.end()));
            smallest = std::min(smallest, part.size());
            largest = std::max(largest, part.size());
            for (const auto& f : part)
                ++seen[f];
        }
        QCOMPARE(int(seen.size()), files);
        for (const auto& [f, n] : seen)
            QVERIFY2(n == 1, f.c_str());
        QVERIFY(largest - smallest <= 1);
    }

    void parseShardAcceptsOnlyValidSpecs() {
        QCOMPARE(ds::parseShard("0/1").value(), (ds::ShardSpec{0, 1}));
        QCOMPARE(ds::parseShard("3/8").value(), (ds::ShardSpec{3, 8}));
        for (const char* bad : {"", "1", "8/8", "-1/4", "1/0", "a/b", "1/4x", "1//4", "/4", "2/"})
            QVERIFY2(!ds::parseShard(bad).ok(), bad);
        QVERIFY(ds::parseShard("4/4").error().message.find("from 0") != std::string::npos);
    }

    void globMatchesLikeAShell() {
        QVERIFY(ds::globMatch("*.tif", "a.tif"));
        QVERIFY(ds::globMatch("*.tif", ".tif"));
        QVERIFY(!ds::globMatch("*.tif", "a.tiff"));
        QVERIFY(ds::globMatch("img?.dm4", "img3.dm4"));
        QVERIFY(!ds::globMatch("img?.dm4", "img10.dm4"));
        QVERIFY(ds::globMatch("img[0-2]*", "img1_x"));
        QVERIFY(!ds::globMatch("img[0-2]*", "img3_x"));
        QVERIFY(ds::globMatch("img[!0-2]*", "img3_x"));
        QVERIFY(ds::globMatch("*a*b*c", "xxaxxbxxc"));
        QVERIFY(!ds::globMatch("*a*b*c", "xxaxxcxxb"));
        QVERIFY(ds::globMatch("a[", "a["));
        QVERIFY(ds::globMatch("**", ""));
        QVERIFY(ds::hasGlob("x/*.tif") && !ds::hasGlob("x/y.tif"));
    }

    void collectsFoldersPatternsAndProblems() {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        for (const char* f : {"a.tif", "b.DM4", "notes.txt", "a.truth.csv", "a.mask.png", ".hidden.tif", "sub/c.npy",
                              "sub/deeper/d.mrc", ".git/e.tif", "out/old/annotated.png", "out/x.tif"})
            touch(root / f);
        const std::vector<fs::path> exclude = {root / "out"};

        auto flat = ds::collectInputs({root.string()}, false, exclude);
        QCOMPARE(names(flat.files, root), (std::vector<std::string>{"a.tif", "b.DM4"}));
        QVERIFY(flat.problems.empty());

        auto deep = ds::collectInputs({root.string()}, true, exclude);
        QCOMPARE(names(deep.files, root), (std::vector<std::string>{"a.tif", "b.DM4", "sub/c.npy", "sub/deeper/d.mrc"}));

        // Patterns: last component only, recursive on request; explicit files are taken as given;
        // duplicates collapse; missing paths and empty patterns are problems, not aborts.
        auto mixed = ds::collectInputs({(root / "*.tif").string(), (root / "a.tif").string(), (root / "notes.txt").string(),
                                        (root / "missing.dm3").string(), (root / "*.xyz").string(),
                                        (root / "s*" / "*.npy").string()},
                                       false, exclude);
        QCOMPARE(names(mixed.files, root), (std::vector<std::string>{"a.tif", "notes.txt"}));
        QCOMPARE(int(mixed.problems.size()), 3);
        auto recursivePattern = ds::collectInputs({(root / "*.[nm][pr][yc]").string()}, true, exclude);
        QCOMPARE(names(recursivePattern.files, root), (std::vector<std::string>{"sub/c.npy", "sub/deeper/d.mrc"}));
    }

    void folderNamesAreUniqueAndShardIndependent() {
        const std::vector<std::string> all = {"a/x.tif", "b/x.tif", "b/y.tif", "c/x.dm4"};
        const auto n = ds::outputFolderNames(all);
        QCOMPARE(std::set<std::string>(n.begin(), n.end()).size(), all.size());
        QCOMPARE(n[2], std::string("y"));
        QVERIFY(n[0].rfind("x-", 0) == 0);
        QCOMPARE(ds::outputFolderNames(all), n);
    }
};

QTEST_APPLESS_MAIN(BatchShardTest)
#include "batch_shard_test.moc"
