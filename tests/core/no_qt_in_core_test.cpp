// The core library must never see Qt (so the CLI runs on display-less cluster nodes and the science
// stays testable without a GUI). This test fails as soon as any file under core/ includes a Qt header.
#include "support/test_data.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

class NoQtInCoreTest : public QObject {
    Q_OBJECT
private slots:
    void coreHasNoQtIncludes() {
        const QString core = ds::test::sourcePath(QStringLiteral("core"));
        QVERIFY2(QDir(core).exists(), qPrintable(core));
        // Built from pieces: moc's own preprocessor would read a literal include directive here.
        const QString directive = QStringLiteral("^\\s*") + QLatin1Char('#') + QStringLiteral("\\s*include");
        const QRegularExpression qtInclude(directive + QStringLiteral("\\s*[<\"](Q[A-Za-z]|qt)"),
                                           QRegularExpression::MultilineOption);
        QStringList offenders;
        int scanned = 0;
        QDirIterator it(core, {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.hpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++scanned;
            if (qtInclude.match(QString::fromUtf8(f.readAll())).hasMatch())
                offenders << f.fileName();
        }
        QVERIFY2(scanned > 10, "expected to scan the core sources");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QStringLiteral(", "))));
    }

    void coreLibraryDoesNotLinkQt() {
        // The link interface is fixed by core/CMakeLists.txt; check it never names a Qt target.
        QFile cm(ds::test::sourcePath(QStringLiteral("core/CMakeLists.txt")));
        QVERIFY(cm.open(QIODevice::ReadOnly));
        QVERIFY(!QString::fromUtf8(cm.readAll()).contains(QStringLiteral("Qt6::")));
    }
};

QTEST_APPLESS_MAIN(NoQtInCoreTest)
#include "no_qt_in_core_test.moc"
