// Inputs the fuzzers found (tests/data/io/fuzz-regressions/), each kept as a regression: reading
// must end in a value (image or clear error) without a crash and without a huge allocation. Peak
// resident memory of this process is checked, since the allocations happened inside libraries.
#include "core/io/read_micrograph.h"
#include "support/test_data.h"

#include <QDir>
#include <QtTest>

#include <sys/resource.h>

class IoFuzzRegressionTest : public QObject {
    Q_OBJECT
private slots:
    void everyFindingIsReadWithinBoundedMemory() {
        const QDir dir(ds::test::sourcePath(QStringLiteral("tests/data/io/fuzz-regressions")));
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY2(!files.isEmpty(), "no regression inputs found");
        for (const QString& name : files) {
            const std::string path = dir.filePath(name).toStdString();
            const auto result = ds::readMicrograph(path);
            if (!result.ok()) {
                QVERIFY2(result.error().code != ds::ErrorCode::Internal, qPrintable(name));
                QVERIFY2(result.error().message.find(path) != std::string::npos, result.error().message.c_str());
            }
            rusage usage{};
            QCOMPARE(getrusage(RUSAGE_SELF, &usage), 0);
            // ru_maxrss is in KiB. Before the fix the wide-text EMD alone reached ~4 GB.
            QVERIFY2(usage.ru_maxrss < 512 * 1024, qPrintable(name + QStringLiteral(": peak RSS %1 KiB").arg(usage.ru_maxrss)));
        }
    }
};

QTEST_APPLESS_MAIN(IoFuzzRegressionTest)
#include "io_fuzz_regression_test.moc"
