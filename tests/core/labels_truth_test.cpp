// Tests for core/labels: point files, hand-label CSV and the protocol's patch labelling rule.
#include "core/common/csv_reader.h"
#include "core/common/guard.h"
#include "core/labels/label_csv.h"
#include "core/labels/truth_points.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

class LabelsTruthTest : public QObject {
    Q_OBJECT
private slots:
    void pointRoundTripAndProtocolRule() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.csv").toStdString();
        const std::vector<ds::TruthPoint> pts{{10.5, 20.25, "ring5"}, {47.99, 0, "dopant"}};
        QVERIFY(ds::writeTruthPoints(path, pts).ok());
        auto back = ds::readTruthPoints(path);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(2));
        QCOMPARE((*back)[0].x, 10.5);
        QCOMPARE((*back)[1].kind, std::string("dopant"));
        // 96 x 96 image, side 48 stride 24: 3 x 3 patches
        auto grid = ds::PatchGrid::create({48, 24, 0, 0}, 96, 96);
        QVERIFY(grid.ok());
        auto labels = ds::labelsFromTruth(*grid, {{48.0, 10.0, "x"}});
        // x = 48 lies in [24,72) and [48,96) but not [0,48); y = 10 only in row 0.
        QCOMPARE(labels[0], ds::Label::Perfect);
        QCOMPARE(labels[1], ds::Label::Defect);
        QCOMPARE(labels[2], ds::Label::Defect);
        QCOMPARE(labels[3], ds::Label::Perfect);
        cv::Mat mask(96, 96, CV_8U, cv::Scalar(0));
        mask(cv::Rect(0, 84, 48, 12)).setTo(255); // exactly a quarter of patch 6: not "more than"
        QCOMPARE(ds::labelsFromTruth(*grid, {}, mask)[6], ds::Label::Perfect);
        mask(cv::Rect(0, 83, 48, 13)).setTo(255); // 13 rows of 48 > a quarter of patch 6 (rows 48..95)
        auto m = ds::labelsFromTruth(*grid, {}, mask);
        QCOMPARE(m[6], ds::Label::Defect);
        QCOMPARE(m[3], ds::Label::Perfect); // rows 24..71 do not reach the mask
    }
    void badPointFiles() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.csv").toStdString();
        std::ofstream(path) << "x,y,kind\n1,2,ring5\nabc,3,ring7\n";
        auto r = ds::readTruthPoints(path);
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.error().message).contains("line 3"));
        QCOMPARE(ds::readTruthPoints(dir.filePath("missing.csv").toStdString()).error().code, ds::ErrorCode::Io);
    }
    void csvReaderSkipsCommentsAndCountsEveryLine() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("c.csv").toStdString();
        // CRLF endings, a comment, a blank line, spaces around cells and a trailing empty cell.
        std::ofstream(path, std::ios::binary) << "# made by hand\r\n x , y \r\n\r\n1.5, 2,\r\n";
        auto cells = ds::guarded(path, [&] {
            ds::CsvReader csv(path, "point file", 1024);
            std::vector<std::vector<std::string>> rows;
            std::vector<std::string> c;
            while (csv.next(c))
                rows.push_back(c);
            if (csv.lineNumber() != 4)
                ds::fail(ds::ErrorCode::Internal, "line count " + std::to_string(csv.lineNumber()));
            return rows;
        });
        QVERIFY2(cells.ok(), cells.ok() ? "" : cells.error().message.c_str());
        QCOMPARE(cells->size(), std::size_t(2));
        QCOMPARE((*cells)[0], (std::vector<std::string>{"x", "y"}));
        QCOMPARE((*cells)[1], (std::vector<std::string>{"1.5", "2", ""}));
        // A file over the limit is refused before it is read, and the message names the file.
        auto big = ds::guarded(path, [&] { ds::CsvReader csv(path, "point file", 8); });
        QVERIFY(!big.ok());
        QVERIFY(QString::fromStdString(big.error().message).contains("c.csv"));
        QVERIFY(QString::fromStdString(big.error().message).contains("larger than"));
        // Label files report the line of a bad label, counting skipped lines.
        std::ofstream(path, std::ios::trunc) << "x,y,width,height,label\n# note\n0,0,8,8,maybe\n";
        auto labels = ds::readLabelCsv(path);
        QVERIFY(!labels.ok());
        QVERIFY(QString::fromStdString(labels.error().message).contains("line 3"));
    }
    void handLabels() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("l.csv").toStdString();
        QVERIFY(ds::writeLabelCsv(path, {{cv::Rect(24, 0, 48, 48), ds::Label::Defect},
                                         {cv::Rect(0, 48, 48, 48), ds::Label::Perfect}}).ok());
        auto rects = ds::readLabelCsv(path);
        QVERIFY(rects.ok());
        QCOMPARE(rects->size(), std::size_t(2));
        auto grid = ds::PatchGrid::create({48, 24, 0, 0}, 96, 96);
        auto labels = ds::labelsFromRects(*grid, *rects);
        QCOMPARE(labels[1], ds::Label::Defect);
        QCOMPARE(labels[6], ds::Label::Perfect);
        QCOMPARE(labels[0], ds::Label::Unlabelled); // IoU with the defect rect is 1/3
        std::ofstream(path) << "x,y,width,height,label\n0,0,48,48,broken\n";
        auto bad = ds::readLabelCsv(path);
        QVERIFY(!bad.ok());
        QVERIFY(QString::fromStdString(bad.error().message).contains("broken"));
    }
};

QTEST_APPLESS_MAIN(LabelsTruthTest)
#include "labels_truth_test.moc"
