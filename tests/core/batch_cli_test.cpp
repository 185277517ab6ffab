// defectscope-cli score/merge as a scientist drives them from a shell or a Slurm array: a folder with
// a broken file is scored with plain progress lines (not a terminal) and exit code 1; two shards
// merged equal the unsharded run; merging shards run with different settings is one clear line and
// exit 2; bad --shard and unwritable --out are one line and exit 2.
#include "core/io/write_micrograph.h"
#include "core/synth/synthetic_graphene.h"
#include "support/test_data.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(ds::test::cliPath(), args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray slurp(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class BatchCliTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_in;
    const QStringList m_fast = {QStringLiteral("--detector"), QStringLiteral("iforest"), QStringLiteral("--features"),
                                QStringLiteral("stats"), QStringLiteral("--patch"), QStringLiteral("48")};

    QStringList score(const QString& out, const QStringList& extra = {}) const {
        return QStringList{QStringLiteral("score"), m_in, QStringLiteral("--recursive"), QStringLiteral("--out"), out} + m_fast + extra;
    }

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_CLI is not set (run through ctest)");
        m_in = m_tmp.filePath(QStringLiteral("in"));
        QVERIFY(QDir().mkpath(m_in + QStringLiteral("/nested")));
        for (int i = 0; i < 4; ++i) {
            ds::SynthOptions s;
            s.width = s.height = 256;
            s.bondPx = 12;
            s.seed = 70 + i;
            const QString name = (i == 3 ? m_in + QStringLiteral("/nested/deep") : m_in + QStringLiteral("/img%1").arg(i)) +
                                 QStringLiteral(".tif");
            QVERIFY(ds::writeTiff(name.toStdString(), ds::toMicrograph(ds::synthesizeGraphene(s))).ok());
        }
        QFile bad(m_in + QStringLiteral("/zz-broken.tif"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a tiff at all");
    }

    void folderWithABadFileExitsOneWithPlainLines() {
        const QString out = m_tmp.filePath(QStringLiteral("all"));
        const Run r = cli(score(out, {QStringLiteral("--jobs"), QStringLiteral("2")}));
        QCOMPARE(r.exitCode, 1);
        // Not a terminal: one line per scored image, no carriage-return progress bar.
        QCOMPARE(r.out.count(QRegularExpression(QStringLiteral("^\\[\\d/5\\] .*patches"), QRegularExpression::MultilineOption)), 4);
        QVERIFY(!r.err.contains(QLatin1Char('\r')));
        QCOMPARE(r.err.trimmed().split(QLatin1Char('\n')).size(), 1);
        QVERIFY(r.err.contains(QStringLiteral("zz-broken.tif")));
        QVERIFY(QFile::exists(out + QStringLiteral("/summary.json")));
        QVERIFY(QFile::exists(out + QStringLiteral("/deep/patches.csv")));
    }

    void shardsMergeIntoTheUnshardedRun() {
        const QString all = m_tmp.filePath(QStringLiteral("all"));
        QStringList shards;
        for (int i = 0; i < 2; ++i) {
            shards << m_tmp.filePath(QStringLiteral("shard%1").arg(i));
            const Run r = cli(score(shards.last(), {QStringLiteral("--shard"), QStringLiteral("%1/2").arg(i)}));
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.err));
        }
        const QString merged = m_tmp.filePath(QStringLiteral("merged"));
        const Run m = cli(QStringList{QStringLiteral("merge")} + shards + QStringList{QStringLiteral("--out"), merged});
        QCOMPARE(m.exitCode, 1); // the broken file is still a failure after merging
        QVERIFY(!slurp(all + QStringLiteral("/patches.csv")).isEmpty());
        QCOMPARE(slurp(merged + QStringLiteral("/patches.csv")), slurp(all + QStringLiteral("/patches.csv")));
        QCOMPARE(slurp(merged + QStringLiteral("/img1/patches.csv")), slurp(all + QStringLiteral("/img1/patches.csv")));
    }

    void mergeRefusesDifferentSettings() {
        const QString other = m_tmp.filePath(QStringLiteral("other1"));
        cli(score(other, {QStringLiteral("--shard"), QStringLiteral("1/2"), QStringLiteral("--seed"), QStringLiteral("9")}));
        const Run m = cli({QStringLiteral("merge"), m_tmp.filePath(QStringLiteral("shard0")), other, QStringLiteral("--out"),
                           m_tmp.filePath(QStringLiteral("refused"))});
        QCOMPARE(m.exitCode, 2);
        QCOMPARE(m.err.trimmed().split(QLatin1Char('\n')).size(), 1);
        QVERIFY2(m.err.contains(QStringLiteral("different settings")), qPrintable(m.err));
        QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("refused/summary.json"))));
    }

    void badShardAndOutputAreOneLine() {
        for (const QString& shard : {QStringLiteral("2/2"), QStringLiteral("x"), QStringLiteral("0/0")}) {
            const Run r = cli(score(m_tmp.filePath(QStringLiteral("nope")), {QStringLiteral("--shard"), shard}));
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.err.trimmed().split(QLatin1Char('\n')).size(), 1);
        }
        QFile blocker(m_tmp.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Run r = cli(score(m_tmp.filePath(QStringLiteral("file/out"))));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().split(QLatin1Char('\n')).size(), 1);
        QVERIFY(!QDir(m_tmp.filePath(QStringLiteral("nope"))).exists());
    }
};

QTEST_APPLESS_MAIN(BatchCliTest)
#include "batch_cli_test.moc"
