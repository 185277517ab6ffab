#pragma once
// Where tests find ../shared/data: $DEFECTSCOPE_TESTDATA, else <source>/../shared/data.
// Tests call QSKIP with a clear message when the folder is absent, so a fresh clone still passes.
#include <QByteArray>
#include <QDir>
#include <QString>
#include <QtGlobal>

namespace ds::test {

inline QString testDataDir() {
    const QByteArray env = qgetenv("DEFECTSCOPE_TESTDATA");
    return env.isEmpty() ? QString::fromUtf8(DEFECTSCOPE_TESTDATA_DEFAULT) : QString::fromLocal8Bit(env);
}

inline bool haveTestData() { return QDir(testDataDir()).exists(); }

inline QString testDataPath(const QString& relative) { return QDir(testDataDir()).filePath(relative); }

inline QString sourcePath(const QString& relative) {
    return QDir(QString::fromUtf8(DEFECTSCOPE_SOURCE_DIR)).filePath(relative);
}

inline QString cliPath() { return QString::fromLocal8Bit(qgetenv("DEFECTSCOPE_CLI")); }
inline QString guiPath() { return QString::fromLocal8Bit(qgetenv("DEFECTSCOPE_GUI")); }

} // namespace ds::test

#define DS_REQUIRE_TESTDATA()                                                                     \
    do {                                                                                          \
        if (!ds::test::haveTestData())                                                            \
            QSKIP(qPrintable(QStringLiteral("shared test data not found at %1 (set DEFECTSCOPE_TESTDATA)") \
                                 .arg(ds::test::testDataDir())));                                 \
    } while (0)
