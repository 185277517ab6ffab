// export-patches / train --dataset / evaluate --cross-image end to end: the exported stacks are read
// back by a small numpy-free parser written here (not the product's reader), checked for shape and
// dtype, and compared value by value with the rows the detectors' `raw` features hold for the same
// patches; then `dense` is trained from the folder (and from a bare seed-style folder).
#include "core/dataset/patch_dataset.h"
#include "core/analysis/model_file.h"
#include "core/analysis/run_image.h"
#include "core/analysis/grid_rule.h"
#include "core/eval/roc.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/io/hdf5_file.h"
#include "core/io/mapped_file.h"
#include "core/io/read_micrograph.h"
#include "core/io/write_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/project/project_file.h"
#include "core/synth/synthetic_graphene.h"
#include "support/cli_run.h"
#include "support/test_data.h"

#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList& args) {
    const ds::test::CliRun r = ds::test::runCli(args, 600000);
    return {r.code, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The numpy-free check: an .npy v1.0 file parsed by hand, as any reader without numpy would.
struct Npy {
    std::string descr;
    bool fortran = true;
    std::vector<long long> shape;
    std::vector<float> data;
    std::string problem; // empty when the file parsed
};

Npy readNpyByHand(const QString& path) {
    Npy n;
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0 || bytes[6] != 1) {
        n.problem = "not an npy v1 file";
        return n;
    }
    const std::size_t len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    const std::string header = bytes.substr(10, len);
    if ((10 + len) % 64 != 0)
        n.problem = "data not 64-byte aligned";
    std::smatch m;
    if (std::regex_search(header, m, std::regex(R"('descr': '([^']*)')")))
        n.descr = m[1];
    n.fortran = header.find("'fortran_order': False") == std::string::npos;
    if (std::regex_search(header, m, std::regex(R"('shape': \(([^)]*)\))"))) {
        std::stringstream ss(m[1].str());
        std::string item;
        while (std::getline(ss, item, ','))
            if (item.find_first_not_of(' ') != std::string::npos)
                n.shape.push_back(std::stoll(item));
    }
    long long count = 1;
    for (long long d : n.shape)
        count *= d;
    if (n.descr == "<f4" && bytes.size() == 10 + len + 4 * static_cast<std::size_t>(count)) {
        n.data.resize(static_cast<std::size_t>(count));
        std::memcpy(n.data.data(), bytes.data() + 10 + len, 4 * n.data.size());
    } else if (n.problem.empty()) {
        n.problem = "dtype or size does not match the header";
    }
    return n;
}

// patches.csv as one map per row (our test file names hold no commas).
std::vector<std::map<std::string, std::string>> readCsv(const QString& path) {
    std::ifstream in(path.toStdString());
    std::string line;
    std::vector<std::string> names;
    std::vector<std::map<std::string, std::string>> rows;
    const auto split = [](const std::string& s) {
        std::vector<std::string> out;
        std::stringstream ss(s);
        std::string cell;
        while (std::getline(ss, cell, ','))
            out.push_back(cell);
        if (!s.empty() && s.back() == ',')
            out.emplace_back();
        return out;
    };
    if (std::getline(in, line))
        names = split(line);
    while (std::getline(in, line)) {
        const auto cells = split(line);
        std::map<std::string, std::string> row;
        for (std::size_t k = 0; k < names.size() && k < cells.size(); ++k)
            row[names[k]] = cells[k];
        rows.push_back(std::move(row));
    }
    return rows;
}

ds::SyntheticImage synthetic(std::uint64_t seed) {
    ds::SynthOptions o;
    o.width = o.height = 320;
    o.bondPx = 10;
    o.seed = seed;
    o.singleVacancies = 3;
    o.dopants = 3;
    o.stoneWales = 1;
    return ds::synthesizeGraphene(o);
}

// Writes NAME.npy + NAME.truth.csv into `dir`; returns the image path.
QString writeLabelled(const QTemporaryDir& dir, const QString& name, const ds::SyntheticImage& s) {
    const QString image = dir.filePath(name + ".npy");
    if (!ds::writeNpy(image.toStdString(), s.pixels).ok() ||
        !ds::writeTruthPoints(dir.filePath(name + ".truth.csv").toStdString(), s.truth).ok())
        return {};
    return image;
}

// Every row of patches.csv checked against what the detectors see for that patch: the stack entry
// must equal, float for float, row patch_index of computeFeatures(normaliseImage(image), grid, "raw").
void verifyExport(const QString& dir, const std::map<std::string, ds::Micrograph>& images,
                  const std::map<std::string, std::vector<ds::TruthPoint>>& truth) {
    const QJsonObject meta = readJson(QDir(dir).filePath("dataset.json"));
    QCOMPARE(meta.value("format").toString(), QStringLiteral("defectscope-patch-dataset"));
    const int side = meta.value("patches").toObject().value("resample_px").toInt();
    QCOMPARE(side, 48);
    std::map<std::string, Npy> stacks;
    for (const char* stack : {"defect", "perfect"}) {
        Npy n = readNpyByHand(QDir(dir).filePath(QString("%1_patches.npy").arg(stack)));
        QVERIFY2(n.problem.empty(), n.problem.c_str());
        QCOMPARE(n.descr, std::string("<f4"));
        QVERIFY(!n.fortran);
        QCOMPARE(n.shape.size(), std::size_t(3));
        QCOMPARE(n.shape[1], 48LL);
        QCOMPARE(n.shape[2], 48LL);
        QCOMPARE(n.shape[0], static_cast<long long>(meta.value("counts").toObject().value(stack).toInt()));
        stacks[stack] = std::move(n);
    }
    QVERIFY(stacks["defect"].shape[0] > 0);
    QVERIFY(stacks["perfect"].shape[0] > 0);
    // Per image: its grid from dataset.json, its raw features, its protocol labels.
    std::map<std::string, ds::PatchGrid> grids;
    std::map<std::string, cv::Mat> raw;
    std::map<std::string, std::vector<ds::Label>> labels;
    for (const QJsonValue& v : meta.value("images").toArray()) {
        const QJsonObject im = v.toObject();
        const std::string name = im.value("image").toString().toStdString();
        QVERIFY2(images.count(name), name.c_str());
        const QJsonObject g = im.value("grid").toObject();
        const ds::Micrograph& m = images.at(name);
        auto grid = ds::PatchGrid::create({g.value("side_px").toInt(), g.value("stride_px").toInt(),
                                           g.value("origin_x_px").toInt(), g.value("origin_y_px").toInt()},
                                          m.width(), m.height());
        QVERIFY(grid.ok());
        auto fm = ds::computeFeatures(ds::normaliseImage(m.pixels), *grid, "raw", 48);
        QVERIFY(fm.ok());
        grids[name] = *grid;
        raw[name] = fm->values;
        labels[name] = ds::labelsFromTruth(*grid, truth.at(name));
    }
    const auto rows = readCsv(QDir(dir).filePath("patches.csv"));
    QCOMPARE(static_cast<long long>(rows.size()), stacks["defect"].shape[0] + stacks["perfect"].shape[0]);
    std::map<std::string, int> perImage;
    for (const auto& row : rows) {
        const std::string stack = row.at("stack"), image = row.at("image");
        const int k = std::stoi(row.at("stack_index")), i = std::stoi(row.at("patch_index"));
        QCOMPARE(row.at("transform"), std::string("none"));
        QCOMPARE(row.at("label"), stack);
        QCOMPARE(row.at("label_source"), std::string("truth"));
        const cv::Rect r = grids.at(image).rect(i);
        QCOMPARE(std::stoi(row.at("x0_px")), r.x);
        QCOMPARE(std::stoi(row.at("y0_px")), r.y);
        QCOMPARE(std::stoi(row.at("size_px")), r.width);
        QCOMPARE(std::stod(row.at("centre_x_px")), r.x + r.width / 2.0);
        QCOMPARE(ds::labelName(labels.at(image)[static_cast<std::size_t>(i)]), std::string_view(stack));
        const float* saved = stacks[stack].data.data() + static_cast<std::size_t>(k) * 48 * 48;
        QVERIFY2(std::memcmp(saved, raw.at(image).ptr<float>(i), 48 * 48 * sizeof(float)) == 0,
                 qPrintable(QString("%1 patch %2 differs from the detector's input").arg(image.c_str()).arg(i)));
        ++perImage[image];
    }
    // Truth labels every patch, so every patch of every image is in the stacks exactly once.
    for (const auto& [name, grid] : grids)
        QCOMPARE(perImage[name], grid.size());
}

} // namespace

class DatasetExportTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_a, m_b, m_c;
    std::map<std::string, ds::Micrograph> m_images;
    std::map<std::string, std::vector<ds::TruthPoint>> m_truth;

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty() || !QFile::exists(ds::test::cliPath()))
            QSKIP("defectscope-cli not built (DEFECTSCOPE_CLI unset)");
        int seed = 11;
        for (QString* path : {&m_a, &m_b, &m_c}) {
            const ds::SyntheticImage s = synthetic(static_cast<std::uint64_t>(seed));
            *path = writeLabelled(m_dir, QString("synth%1").arg(seed++), s);
            QVERIFY(!path->isEmpty());
            auto m = ds::readMicrograph(path->toStdString());
            QVERIFY(m.ok());
            m_images[path->toStdString()] = *m;
            m_truth[path->toStdString()] = s.truth;
        }
    }

    void exportsWhatTheDetectorsSee() {
        const QString out = m_dir.filePath("fixed");
        const Run r = cli({"export-patches", m_a, m_b, "--patch", "40", "--stride", "20", "--hdf5", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("exported"));
        verifyExport(out, m_images, m_truth);
        const QJsonObject meta = readJson(QDir(out).filePath("dataset.json"));
        QCOMPARE(meta.value("grid").toObject().value("mode").toString(), QStringLiteral("fixed"));
        QVERIFY(!QFile::exists(QDir(out).filePath("unlabelled_patches.npy"))); // only with --unlabelled
    }

    void hdf5HoldsTheSameStacks() {
        const QString out = m_dir.filePath("fixed");
        if (!QFile::exists(QDir(out).filePath("dataset.json")))
            exportsWhatTheDetectorsSee();
        auto file = ds::MappedFile::open(QDir(out).filePath("dataset.h5").toStdString());
        QVERIFY(file.ok());
        const Npy defect = readNpyByHand(QDir(out).filePath("defect_patches.npy"));
        std::lock_guard<std::mutex> lock(ds::io::hdf5Mutex());
        const ds::io::H5Handle h5 = ds::io::openHdf5Image(file->view());
        const ds::io::H5Handle set = ds::io::openDataset(file->view(), h5.id(), "defect_patches");
        const auto shape = ds::io::datasetShape(set.id());
        QCOMPARE(shape.size(), std::size_t(3));
        QCOMPARE(static_cast<long long>(shape[0]), defect.shape[0]);
        std::vector<float> values(defect.data.size());
        ds::io::readFloatSlab(set.id(), {0, 0, 0}, shape, values.data());
        QVERIFY(values == defect.data);
        const ds::io::H5Handle index = ds::io::openDataset(file->view(), h5.id(), "patches/patch_index");
        const auto rows = readCsv(QDir(out).filePath("patches.csv"));
        QCOMPARE(ds::io::datasetShape(index.id()).at(0), static_cast<hsize_t>(rows.size()));
        QVERIFY(ds::io::stringAttribute(file->view(), h5.id(), "dataset_json").value_or("").find("defectscope-patch-dataset") !=
                std::string::npos);
    }

    void automaticGridAndUnlabelledStack() {
        const QString out = m_dir.filePath("auto");
        const Run r = cli({"export-patches", m_a, "--unlabelled", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        verifyExport(out, m_images, m_truth);
        const QJsonObject meta = readJson(QDir(out).filePath("dataset.json"));
        QCOMPARE(meta.value("grid").toObject().value("mode").toString(), QStringLiteral("auto"));
        const QJsonObject im = meta.value("images").toArray().at(0).toObject();
        // The automatic grid of the pipeline: 4 bond lengths (bond 10 px) unless it fell back.
        std::optional<ds::LatticeEstimate> lattice;
        std::vector<std::string> notes;
        auto grid = ds::automaticGrid(ds::normaliseImage(m_images.at(m_a.toStdString()).pixels), lattice, notes);
        QVERIFY(grid.ok());
        QCOMPARE(im.value("grid").toObject().value("side_px").toInt(), grid->spec().side);
        // Truth labels every patch: the unlabelled stack exists and is empty, shape (0, 48, 48).
        const Npy u = readNpyByHand(QDir(out).filePath("unlabelled_patches.npy"));
        QVERIFY2(u.problem.empty(), u.problem.c_str());
        QCOMPARE(u.shape, (std::vector<long long>{0, 48, 48}));
    }

    void augmentationAddsSymmetryCopies() {
        const QString out = m_dir.filePath("augmented");
        const Run r = cli({"export-patches", m_a, "--patch", "40", "--stride", "20", "--augment", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject meta = readJson(QDir(out).filePath("dataset.json"));
        QVERIFY(meta.value("augmentation").toObject().value("enabled").toBool());
        const QJsonObject im = meta.value("images").toArray().at(0).toObject();
        const auto rows = readCsv(QDir(out).filePath("patches.csv"));
        const int originals = static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const auto& row) {
            return row.at("transform") == "none";
        }));
        const auto grid = ds::PatchGrid::create({40, 20, 0, 0}, 320, 320);
        QCOMPARE(originals, grid->size());
        QCOMPARE(static_cast<int>(rows.size()), originals * 12 - im.value("augment_skipped").toInt());
        std::set<std::string> ops;
        for (const auto& row : rows)
            ops.insert(row.at("transform"));
        QCOMPARE(ops.size(), std::size_t(12)); // none + 5 rotations + 6 mirrors
        // A copy is a transformed patch, not the original again.
        const Npy perfect = readNpyByHand(QDir(out).filePath("perfect_patches.npy"));
        int compared = 0;
        for (std::size_t k = 0; k + 1 < rows.size() && compared < 5; ++k)
            if (rows[k].at("stack") == "perfect" && rows[k].at("transform") == "none" &&
                rows[k + 1].at("transform") != "none" && rows[k + 1].at("patch_index") == rows[k].at("patch_index")) {
                const std::size_t a = std::stoul(rows[k].at("stack_index")), b = std::stoul(rows[k + 1].at("stack_index"));
                QVERIFY(std::memcmp(&perfect.data[a * 2304], &perfect.data[b * 2304], 2304 * sizeof(float)) != 0);
                ++compared;
            }
        QVERIFY(compared > 0);
    }

    void trainsDenseFromTheExport() {
        if (!QFile::exists(QDir(m_dir.filePath("fixed")).filePath("dataset.json")))
            exportsWhatTheDetectorsSee();
        const QString model = m_dir.filePath("dense.dsmodel");
        const Run r = cli({"train", "--dataset", m_dir.filePath("fixed"), "--detector", "dense", "--save-model", model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto saved = ds::loadModel(model.toStdString());
        QVERIFY2(saved.ok(), saved ? "" : saved.error().message.c_str());
        QCOMPARE(saved->spec.detector, std::string("dense"));
        QCOMPARE(saved->spec.resample, 48);
        QVERIFY(saved->spec.grid.has_value()); // the export's fixed grid travels with the model
        QCOMPARE(saved->spec.grid->side, 40);
        // Scored on an image it was NOT trained on (c), the defects must rank above the lattice.
        const ds::Micrograph& c = m_images.at(m_c.toStdString());
        auto scored = ds::runModel(c, *saved);
        QVERIFY(scored.ok());
        const auto truth = ds::labelsFromTruth(scored->grid, m_truth.at(m_c.toStdString()));
        auto a = ds::auroc(scored->scores, truth);
        QVERIFY(a.ok());
        qInfo("dense trained on the export of two images, AUROC on a third: %.3f", *a);
        QVERIFY2(*a > 0.7, qPrintable(QString::number(*a)));
    }

    void trainsFromASeedStyleFolder() {
        // The report's layout: only the two stacks, float64 as numpy writes by default, no dataset.json.
        if (!QFile::exists(QDir(m_dir.filePath("fixed")).filePath("dataset.json")))
            exportsWhatTheDetectorsSee();
        const QString seed = m_dir.filePath("seed");
        QVERIFY(QDir().mkpath(seed));
        for (const char* stack : {"defect", "perfect"}) {
            const Npy n = readNpyByHand(QDir(m_dir.filePath("fixed")).filePath(QString("%1_patches.npy").arg(stack)));
            cv::Mat rows(static_cast<int>(n.shape[0]), 48 * 48, CV_32F, const_cast<float*>(n.data.data()));
            cv::Mat doubles;
            rows.convertTo(doubles, CV_64F);
            QVERIFY(ds::writeNpy(QDir(seed).filePath(QString("%1_patches.npy").arg(stack)).toStdString(), doubles,
                                 {n.shape[0], 48, 48}).ok());
        }
        const QString model = m_dir.filePath("seed.dsmodel");
        const Run r = cli({"train", "--dataset", seed, "--detector", "dense", "--save-model", model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains("no dataset.json"));
        QVERIFY(r.err.contains("float64 converted to float32"));
        auto saved = ds::loadModel(model.toStdString());
        QVERIFY(saved.ok());
        QVERIFY(!saved->spec.grid.has_value()); // unknown grid: new images get the automatic one
    }

    void exportsAProjectWithItsGridAndLabels() {
        ds::Project project;
        ds::ProjectImage img;
        img.id = 1;
        img.path = m_a.toStdString();
        img.width = img.height = 320;
        img.grid = {64, 32, 0, 0};
        const auto grid = img.patchGrid();
        QVERIFY(grid.ok());
        img.labels.assign(static_cast<std::size_t>(grid->size()), ds::Label::Unlabelled);
        img.labels[3] = img.labels[7] = ds::Label::Defect;
        img.labels[0] = img.labels[1] = img.labels[2] = ds::Label::Perfect;
        project.images.push_back(img);
        const QString path = m_dir.filePath("labelled.dsproj");
        QVERIFY(ds::writeProject(path.toStdString(), project).ok());
        const QString out = m_dir.filePath("project");
        const Run r = cli({"export-patches", "--project", path, "--unlabelled", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject counts = readJson(QDir(out).filePath("dataset.json")).value("counts").toObject();
        QCOMPARE(counts.value("defect").toInt(), 2);
        QCOMPARE(counts.value("perfect").toInt(), 3);
        QCOMPARE(counts.value("unlabelled").toInt(), grid->size() - 5);
        const auto rows = readCsv(QDir(out).filePath("patches.csv"));
        QCOMPARE(rows.front().at("patch_index"), std::string("3"));
        QCOMPARE(rows.front().at("label_source"), std::string("project"));
        QCOMPARE(std::stoi(rows.front().at("x0_px")), grid->rect(3).x);
        // The project's labels belong to its grid: another grid is refused, not silently relabelled.
        QCOMPARE(cli({"export-patches", "--project", path, "--patch", "40", "--out", m_dir.filePath("p2")}).exitCode, 2);

        // Issue 17: a project that recorded another size for the file is refused by name, even when
        // its grid happens to have as many patches there (9 x 9 on 320 x 320 and on 320 x 336).
        project.images[0].height = 336;
        QCOMPARE(project.images[0].patchGrid()->size(), grid->size());
        const QString shifted = m_dir.filePath("shifted.dsproj");
        QVERIFY(ds::writeProject(shifted.toStdString(), project).ok());
        const Run refused = cli({"export-patches", "--project", shifted, "--unlabelled", "--out", m_dir.filePath("p3")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(shifted) && refused.err.contains("320 x 320 px on disk but 320 x 336 px in the project"),
                 qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("p3")));
    }

    void refusesWhatItCannotExport() {
        QCOMPARE(cli({"export-patches", m_dir.filePath("missing.npy"), "--out", m_dir.filePath("x")}).exitCode, 2);
        // No truth beside it and no --unlabelled: nothing to export, said clearly.
        const QString bare = m_dir.filePath("bare.npy");
        QVERIFY(ds::writeNpy(bare.toStdString(), m_images.at(m_a.toStdString()).pixels).ok());
        const Run r = cli({"export-patches", bare, "--out", m_dir.filePath("y")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no patch carries a label"));
        QVERIFY(!QFile::exists(m_dir.filePath("y/dataset.json")));
    }

    void crossImageSaysWhichAurocIsWhich() {
        const QString json = m_dir.filePath("cross.json");
        // --param and the grid options are evaluate's own (run_spec_options): the spec in the JSON says
        // what was fitted.
        const Run r = cli({"evaluate", m_a, m_b, m_c, "--cross-image", "--detector", "dense", "--patch", "40",
                           "--param", "epochs=60", "--bootstrap", "100", "--json", json});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("pooled AUROC"));
        const QJsonObject j = readJson(json);
        QCOMPARE(j.value("mode").toString(), QStringLiteral("cross-image"));
        const QJsonObject spec = j.value("spec").toObject();
        QCOMPARE(spec.value("detector").toString(), QStringLiteral("dense"));
        QCOMPARE(spec.value("parameters").toObject().value("epochs").toDouble(), 60.0);
        QCOMPARE(spec.value("grid").toObject().value("side").toInt(), 40);
        QCOMPARE(cli({"evaluate", m_a, m_b, "--cross-image", "--param", "epochs"}).exitCode, 2);
        const QJsonArray images = j.value("images").toArray();
        QCOMPARE(images.size(), 3);
        for (const QJsonValue& v : images) {
            const QJsonObject im = v.toObject();
            QVERIFY(im.value("auroc_kind").toString().startsWith("leave-one-image-out"));
            QVERIFY(im.value("auroc").toDouble() > 0.5);
            // Trained on the two others: their patches, never this image's.
            QCOMPARE(im.value("train_defect_patches").toInt() + im.value("train_perfect_patches").toInt(),
                     2 * ds::PatchGrid::create({40, 20, 0, 0}, 320, 320)->size());
        }
        QVERIFY(j.value("pooled").toObject().value("auroc_kind").toString().contains("pooled"));
        QCOMPARE(cli({"evaluate", m_a, "--cross-image"}).exitCode, 2); // one image cannot be left out
    }

    void exportsLabelledRealImages() {
        DS_REQUIRE_TESTDATA();
        std::map<std::string, ds::Micrograph> images;
        std::map<std::string, std::vector<ds::TruthPoint>> truth;
        QStringList paths;
        for (const char* name : {"G-Si-2nm", "G-dimSi"}) {
            const QString path = ds::test::testDataPath(QString("real/%1.npy").arg(name));
            auto m = ds::readMicrograph(path.toStdString());
            auto t = ds::readTruthPoints(ds::test::testDataPath(QString("real/%1.truth.csv").arg(name)).toStdString());
            QVERIFY(m.ok() && t.ok());
            images[path.toStdString()] = *m;
            truth[path.toStdString()] = *t;
            paths << path;
        }
        const QString out = m_dir.filePath("real");
        const Run r = cli(QStringList{"export-patches"} << paths << QStringList{"--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        verifyExport(out, images, truth);
        const Run t = cli({"train", "--dataset", out, "--detector", "dense", "--save-model", m_dir.filePath("real.dsmodel")});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        QVERIFY(ds::loadModel(m_dir.filePath("real.dsmodel").toStdString()).ok());
    }
};

QTEST_GUILESS_MAIN(DatasetExportTest)
#include "dataset_export_test.moc"
