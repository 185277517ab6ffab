// Translation completeness: runs lupdate over the GUI sources into a temporary copy of every
// translations/defectscope_<lang>.ts and fails, listing them, when any source string lacks a
// finished translation - so a tr() string added without a German and Chinese text fails CI. It also
// checks that finished translations keep the placeholders (%1, %2...) and the keyboard accelerator
// the code relies on. The committed files are never modified.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <utility>

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // one text, or one per plural form
};

QList<Message> readTs(const QString& path, QString* error) {
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{context,
                        {},
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                        false,
                        {}};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            // Strings gone from the sources are dropped by -no-obsolete; be safe if not.
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                continue;
            m.unfinished = type == QLatin1String("unfinished");
            if (m.numerus) {
                while (xml.readNextStartElement())
                    m.forms << xml.readElementText();
            } else {
                m.forms << xml.readElementText();
            }
            out << m;
        }
    }
    if (xml.hasError())
        *error = path + QStringLiteral(": ") + xml.errorString();
    return out;
}

QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%L?[0-9]{1,2}"));
    QStringList out;
    auto it = re.globalMatch(text);
    while (it.hasNext())
        out << it.next().captured();
    out.sort();
    return out;
}

bool hasAccelerator(QString text) {
    static const QRegularExpression entity(QStringLiteral("&(?:[a-zA-Z]+|#[0-9]+);"));
    text.remove(entity);
    text.remove(QStringLiteral("&&"));
    static const QRegularExpression accel(QStringLiteral("&\\S"));
    return accel.match(text).hasMatch();
}

} // namespace

class TranslationCompleteTest : public QObject {
    Q_OBJECT
    QString m_source = QStringLiteral(DEFECTSCOPE_SOURCE_DIR);
    QStringList m_tsFiles;

private slots:
    void initTestCase() {
        const QDir dir(m_source + QStringLiteral("/translations"));
        const QStringList names =
            dir.entryList({QStringLiteral("defectscope_*.ts")}, QDir::Files, QDir::Name);
        for (const QString& n : names)
            m_tsFiles << dir.filePath(n);
        QVERIFY2(m_tsFiles.size() >= 2, "expected defectscope_de.ts and defectscope_zh_CN.ts");
    }

    void everySourceStringIsTranslated() {
        const QString lupdate = QStringLiteral(DEFECTSCOPE_LUPDATE);
        QVERIFY2(QFileInfo(lupdate).isExecutable(),
                 qPrintable(lupdate + " not found: install qt6-l10n-tools (scripts/deps)"));
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QStringList copies;
        for (const QString& ts : std::as_const(m_tsFiles)) {
            const QString copy = tmp.filePath(QFileInfo(ts).fileName());
            QVERIFY(QFile::copy(ts, copy));
            copies << copy;
        }
        // Same scan as the update_translations target: the ui library and the GUI executable, with
        // the source root on the include path so classes resolve to their ds::ui:: contexts.
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(lupdate,
                QStringList{m_source + QStringLiteral("/ui"), m_source + QStringLiteral("/app/gui"),
                            QStringLiteral("-I"), m_source, QStringLiteral("-no-obsolete"),
                            QStringLiteral("-locations"), QStringLiteral("none"),
                            QStringLiteral("-ts")} +
                    copies);
        QVERIFY2(p.waitForFinished(120000), "lupdate did not finish");
        const QString log = QString::fromLocal8Bit(p.readAll());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(log));

        QStringList problems;
        int checked = 0;
        for (const QString& copy : std::as_const(copies)) {
            QString error;
            const QList<Message> messages = readTs(copy, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(messages.size() > 100,
                     qPrintable(copy + ": suspiciously few strings\n" + log));
            const QString lang = QFileInfo(copy).completeBaseName();
            for (const Message& m : messages) {
                ++checked;
                const QString where = lang + QStringLiteral(" ") + m.context +
                                      QStringLiteral(": \"") + m.source + QStringLiteral("\"");
                const bool empty =
                    m.forms.isEmpty() || std::any_of(m.forms.begin(), m.forms.end(),
                                                     [](const QString& f) { return f.isEmpty(); });
                if (m.unfinished || empty) {
                    problems << where + QStringLiteral(" has no finished translation");
                    continue;
                }
                for (const QString& f : m.forms) {
                    if (placeholders(f) != placeholders(m.source))
                        problems << where + QStringLiteral(" -> \"") + f +
                                        QStringLiteral("\" changes the placeholders");
                    if (hasAccelerator(m.source) && !hasAccelerator(f))
                        problems << where + QStringLiteral(" -> \"") + f +
                                        QStringLiteral("\" lost the & accelerator");
                }
            }
        }
        qInfo("%d translations checked in %d languages", checked, int(copies.size()));
        // One line each: QTest cuts long failure messages short.
        for (const QString& p : std::as_const(problems))
            qWarning("%s", qPrintable(p));
        QVERIFY2(
            problems.isEmpty(),
            qPrintable(QStringLiteral(
                           "%1 problem(s) listed above; add the strings to "
                           "translations/glossary_<lang>.json, run the update_translations target "
                           "and translations/fill_translations.py")
                           .arg(problems.size())));
    }
};

QTEST_GUILESS_MAIN(TranslationCompleteTest)

#include "translation_complete_test.moc"
