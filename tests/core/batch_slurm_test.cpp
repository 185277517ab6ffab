// The Slurm job-array template, run by bash with the environment Slurm gives array tasks and a fake
// `sbatch` on PATH: each task scores its shard, only the first submits the merge (after the whole
// array, passing the merge stage), and running that merge stage gives the unsharded run's
// patches.csv. A non-contiguous array and a run outside Slurm are refused with exit 2.
#include "core/io/write_micrograph.h"
#include "core/synth/synthetic_graphene.h"
#include "support/test_data.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class BatchSlurmTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_script, m_in, m_fakeBin;
    const QStringList m_fast = {QStringLiteral("--detector"), QStringLiteral("iforest"), QStringLiteral("--features"),
                                QStringLiteral("stats"), QStringLiteral("--patch"), QStringLiteral("48")};

    int runScript(const QStringList& args, const QMap<QString, QString>& env, QString* err = nullptr) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("PATH"), m_fakeBin + QLatin1Char(':') + e.value(QStringLiteral("PATH")));
        e.insert(QStringLiteral("DEFECTSCOPE_CLI"), ds::test::cliPath());
        e.insert(QStringLiteral("SBATCH_LOG"), m_tmp.filePath(QStringLiteral("sbatch.log")));
        for (auto it = env.begin(); it != env.end(); ++it)
            e.insert(it.key(), it.value());
        p.setProcessEnvironment(e);
        p.start(QStringLiteral("bash"), QStringList{m_script} + args);
        if (!p.waitForFinished(300000))
            return -1;
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    static QMap<QString, QString> task(int id, int count, int min = 0) {
        return {{QStringLiteral("SLURM_ARRAY_TASK_ID"), QString::number(id)},
                {QStringLiteral("SLURM_ARRAY_TASK_COUNT"), QString::number(count)},
                {QStringLiteral("SLURM_ARRAY_TASK_MIN"), QString::number(min)},
                {QStringLiteral("SLURM_ARRAY_TASK_MAX"), QString::number(min + count - 1)},
                {QStringLiteral("SLURM_ARRAY_JOB_ID"), QStringLiteral("4242")},
                {QStringLiteral("SLURM_CPUS_PER_TASK"), QStringLiteral("1")}};
    }

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_CLI is not set (run through ctest)");
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("bash not found");
        m_script = ds::test::sourcePath(QStringLiteral("packaging/slurm/defectscope-array.sbatch"));
        QVERIFY(QFile::exists(m_script));
        m_in = m_tmp.filePath(QStringLiteral("in"));
        QVERIFY(QDir().mkpath(m_in));
        for (int i = 0; i < 5; ++i) {
            ds::SynthOptions s;
            s.width = s.height = 256;
            s.bondPx = 12;
            s.seed = 90 + i;
            QVERIFY(ds::writeTiff(QStringLiteral("%1/m%2.tif").arg(m_in).arg(i).toStdString(),
                                  ds::toMicrograph(ds::synthesizeGraphene(s))).ok());
        }
        // A fake sbatch: records its arguments and the merge stage it was asked for, prints a job id.
        m_fakeBin = m_tmp.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(m_fakeBin));
        QFile fake(m_fakeBin + QStringLiteral("/sbatch"));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/bash\necho \"$*\" >> \"$SBATCH_LOG\"\necho 4243\n");
        fake.close();
        fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void arrayTasksThenMergeEqualTheUnshardedRun() {
        const QString out = m_tmp.filePath(QStringLiteral("cluster"));
        for (int id = 1; id <= 3; ++id) { // an array 1-3: shards 0/3, 1/3, 2/3
            QString err;
            QCOMPARE(runScript(QStringList{m_in, out} + m_fast, task(id, 3, 1), &err), 0);
        }
        QFile log(m_tmp.filePath(QStringLiteral("sbatch.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QStringList submissions = QString::fromUtf8(log.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(submissions.size(), 1);
        QVERIFY(submissions[0].contains(QStringLiteral("--dependency=afterany:4242")));
        QVERIFY(submissions[0].contains(QStringLiteral("DEFECTSCOPE_STAGE=merge")));
        QCOMPARE(QDir(out + QStringLiteral("/shards")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 3);

        QCOMPARE(runScript({m_in, out}, {{QStringLiteral("DEFECTSCOPE_STAGE"), QStringLiteral("merge")}}), 0);
        QProcess single;
        single.start(ds::test::cliPath(), QStringList{QStringLiteral("score"), m_in, QStringLiteral("--recursive"),
                                                      QStringLiteral("--out"), m_tmp.filePath(QStringLiteral("single"))} + m_fast);
        QVERIFY(single.waitForFinished(300000));
        QCOMPARE(single.exitCode(), 0);
        QFile a(out + QStringLiteral("/merged/patches.csv")), b(m_tmp.filePath(QStringLiteral("single/patches.csv")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray merged = a.readAll();
        QVERIFY(merged.count('\n') > 5);
        QCOMPARE(merged, b.readAll());
    }

    void refusesBadArraysAndRunsOutsideSlurm() {
        QString err;
        auto gappy = task(0, 3);
        gappy[QStringLiteral("SLURM_ARRAY_TASK_MAX")] = QStringLiteral("4"); // e.g. --array=0,2,4
        QCOMPARE(runScript({m_in, m_tmp.filePath(QStringLiteral("gappy"))}, gappy, &err), 2);
        QVERIFY(err.contains(QStringLiteral("contiguous")));
        QCOMPARE(runScript({m_in, m_tmp.filePath(QStringLiteral("nosl"))}, {}, &err), 2);
        QVERIFY(err.contains(QStringLiteral("array")));
        QCOMPARE(runScript({m_in}, task(0, 1), &err), 2);
    }
};

QTEST_GUILESS_MAIN(BatchSlurmTest)
#include "batch_slurm_test.moc"
