// Hostile input that reaches a run rather than a reader (issue 17, cases 3 and 9): a model whose
// fitted state gives NaN scores, a model file with a resample side no run can use, an image one pixel
// wide (the GUI shrinks its grid to fit and scored 100000 one-pixel patches), and a full disk while
// a batch writes an image's report (atoms.csv stayed behind in the failed image's folder).
#include "core/analysis/image_side_rule.h"
#include "core/analysis/run_image.h"
#include "core/batch/batch_runner.h"
#include "core/batch/input_collector.h"
#include "core/detect/detector_registry.h"
#include "core/analysis/model_file.h"
#include "core/features/feature_extractor.h"
#include "core/io/write_micrograph.h"
#include "core/synth/synthetic_graphene.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>

#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

// A fitted detector whose state has gone bad: every score NaN (as CAE weights that overflow give).
class NanDetector final : public ds::Detector {
public:
    std::string id() const override { return "nan-test"; }
    std::string displayName() const override { return "NaN test"; }
    std::string defaultFeatures() const override { return "stats"; }
    ds::Status fit(const ds::FeatureMatrix&, std::span<const ds::Label>, const ds::RunControl&) override { return {}; }
    ds::Result<std::vector<float>> score(const ds::FeatureMatrix& fm, const ds::RunControl&) const override {
        return std::vector<float>(static_cast<std::size_t>(fm.grid.size()), std::numeric_limits<float>::quiet_NaN());
    }
    ds::Status save(std::ostream&) const override { return {}; }
    ds::Status load(std::istream&) override { return {}; }
};

ds::Micrograph graphene(int side, const std::string& path = {}) {
    ds::SynthOptions s;
    s.width = s.height = side;
    s.bondPx = 12;
    s.seed = 3;
    ds::Micrograph m = ds::toMicrograph(ds::synthesizeGraphene(s));
    m.path = path;
    return m;
}

} // namespace

class RunHostileInputTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path root() const { return m_tmp.path().toStdString(); }

private slots:
    // Case 9: NaN scores from a model are an error naming the model, not patches scored NaN.
    void nanScoresFromAModelNameTheModel() {
        ds::SavedModel model;
        model.detector = std::make_unique<NanDetector>();
        model.spec.detector = "nan-test";
        model.spec.features = "stats";
        model.spec.grid = ds::GridSpec{48, 24, 0, 0};
        model.path = "/models/broken.dsmodel";
        auto r = ds::runModel(graphene(192, "/data/scan.tif"), model);
        QVERIFY(!r.ok());
        const std::string& msg = r.error().message;
        QVERIFY2(msg.find("/models/broken.dsmodel") != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("49 non-finite scores for 49 patches") != std::string::npos, msg.c_str());
    }

    // Case 9: a checksum-valid model with resample 0 was blamed on the image when it was applied.
    void badResampleInAModelIsBlamedOnTheModel() {
        const ds::Micrograph image = graphene(192);
        auto det = ds::createDetector("iforest");
        QVERIFY(det.ok());
        const auto grid = ds::PatchGrid::create({48, 24, 0, 0}, 192, 192);
        auto fm = ds::computeFeatures(image.pixels, *grid, "stats");
        QVERIFY(fm.ok());
        QVERIFY((*det)->fit(*fm, {}, ds::RunControl::none()).ok());
        ds::SavedModel model;
        model.detector = std::move(*det);
        model.spec.detector = "iforest";
        model.spec.features = "stats";
        model.spec.resample = 0; // saveModel writes what it is given; the loader must not trust it
        const std::string path = (root() / "resample0.dsmodel").string();
        QVERIFY(ds::saveModel(path, model).ok());
        auto loaded = ds::loadModel(path);
        QVERIFY2(!loaded.ok(), "a model with resample 0 loaded");
        QCOMPARE(loaded.error().code, ds::ErrorCode::Format);
        QVERIFY2(loaded.error().message.rfind(path + ": ", 0) == 0, loaded.error().message.c_str());
        QVERIFY2(loaded.error().message.find("resample side must lie in [8, 1024] (got 0)") != std::string::npos,
                 loaded.error().message.c_str());
    }

    // A stored parameter of NaN lies in no range: refused, not used.
    void nanParameterIsRefused() {
        auto det = ds::createDetector("iforest");
        QVERIFY(det.ok());
        QVERIFY(!(*det)->setParameter("trees", std::numeric_limits<double>::quiet_NaN()).ok());
    }

    // Case 3: the GUI shrinks a grid to fit the image; on a 1 x 100000 image that made 100000
    // one-pixel patches. runImage, shared by the CLI and the GUI, refuses the image itself.
    void oneByHundredThousandImageIsRefusedByTheRun() {
        ds::Micrograph thin;
        thin.pixels = cv::Mat(100000, 1, CV_32F, cv::Scalar(0.5f));
        thin.path = "/data/thin.npy";
        ds::RunSpec spec;
        spec.detector = "iforest";
        spec.features = "stats";
        spec.grid = ds::GridSpec{1, 1, 0, 0}; // what the GUI's fitted grid was
        auto r = ds::runImage(thin, spec);
        QVERIFY2(!r.ok(), "a 1 x 100000 image was scored");
        QCOMPARE(r.error().code, ds::ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message.find("/data/thin.npy: the image is 1 x 100000 px") == 0, r.error().message.c_str());
        QVERIFY(!ds::checkImageSide(ds::kMinImageSide - 1, 500).ok());
        QVERIFY(ds::checkImageSide(ds::kMinImageSide, ds::kMinImageSide).ok());
    }

    // Case 1 at batch level: one .npy whose header holds a 30 KB run of digits killed the whole
    // `score` batch (the regex parser's recursion overflowed the stack): no combined summary at all.
    void oneHostileFileDoesNotSinkTheBatch() {
        const fs::path in = root() / "mixed-in";
        fs::create_directories(in);
        const std::string good = (in / "good.tif").string();
        QVERIFY(ds::writeTiff(good, graphene(192)).ok());
        const std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::string(30000, '7') + ", 4), }";
        std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
        bytes += static_cast<char>(header.size() & 0xff);
        bytes += static_cast<char>(header.size() >> 8);
        bytes += header + std::string(64, '\0');
        const std::string bad = (in / "digits.npy").string();
        std::ofstream(bad, std::ios::binary) << bytes;
        ds::BatchOptions o;
        o.config.detector = "iforest";
        o.config.features = "stats";
        o.config.grid = ds::GridSpec{48, 24, 0, 0};
        o.totalInputs = 2;
        const std::vector<std::string> files{bad, good};
        const fs::path out = root() / "mixed-out";
        auto r = ds::runBatch(files, ds::outputFolderNames(files), out.string(), o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->failed, 1);
        QVERIFY(fs::exists(out / "summary.json"));
        QVERIFY(fs::exists(out / "patches.csv"));
    }

    // Case 9: after a disk-full failure atoms.csv was left in the failed image's folder. The file
    // size limit (RLIMIT_FSIZE) makes every write past 2 KiB fail with EFBIG, as a full disk would.
    void diskFullLeavesNoAtomsBehind() {
        const fs::path in = root() / "full-in";
        fs::create_directories(in);
        const std::string file = (in / "lattice.tif").string();
        QVERIFY(ds::writeTiff(file, graphene(256)).ok());
        ds::BatchOptions o;
        o.config.detector = "lattice";
        o.config.grid = ds::GridSpec{48, 24, 0, 0};
        o.totalInputs = 1;
        const fs::path out = root() / "full-out";
        const auto folders = ds::outputFolderNames({file});

        // Without the limit the folder holds atoms.csv: the case below is about the failure only.
        auto fine = ds::runBatch({file}, folders, (root() / "fine-out").string(), o);
        QVERIFY2(fine.ok() && fine->failed == 0, fine.ok() ? "" : fine.error().message.c_str());
        QVERIFY(fs::exists(root() / "fine-out" / folders[0] / "atoms.csv"));

        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of the signal
        rlimit small = before;
        small.rlim_cur = 2048;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        auto r = ds::runBatch({file}, folders, out.string(), o);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &before), 0);
        std::signal(SIGXFSZ, oldHandler);

        if (r.ok()) // the combined files may fail too; then the batch itself reports the error
            QCOMPARE(r->failed, 1);
        const fs::path dir = out / folders[0];
        QVERIFY2(!fs::exists(dir / "atoms.csv"), "atoms.csv left in the failed image's folder");
        QVERIFY(!fs::exists(dir / "summary.json"));
        if (fs::exists(dir)) { // no hidden temporaries either
            for (const auto& e : fs::directory_iterator(dir))
                QFAIL(qPrintable(QString::fromStdString("left behind: " + e.path().string())));
        }
    }
};

QTEST_APPLESS_MAIN(RunHostileInputTest)
#include "run_hostile_input_test.moc"
