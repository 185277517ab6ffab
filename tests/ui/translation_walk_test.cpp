// No English left (issue 15, item 4): walks the main window (demo image with scores, so the heat
// map, ROC and report controls show text), the export dialog and the unsaved-changes question in
// German and in Simplified Chinese, collects every text a user can read - labels, buttons, group
// and dock titles, combo items, menus and actions, tool and status tips, chart titles - and fails
// on any that is still English. "Still English" is decided two ways: the text is identical to
// what the English window shows and has a word that is not a name or unit; and, for Chinese, the
// text has Latin words at all that are not names or units. Qt's own buttons (Save / Discard /
// Cancel, Close) count: they come from qtbase_<lang>.qm (qt6-translations-l10n).
#include "gui_test_support.h"
#include "ui/actions/detector_tools.h"
#include "ui/window/main_window.h"
#include "ui/actions/project_actions.h"
#include "ui/actions/report_actions.h"
#include "ui/report/report_dialog.h"
#include "ui/session/session.h"
#include "ui/window/language_menu.h"
#include "ui/window/language_switcher.h"
#include "ui/window/translation_loader.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTextDocumentFragment>
#include <QThreadPool>
#include <QTimer>
#include <QValueAxis>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

// Names and units that stay as they are in every language (case-insensitive words).
const QSet<QString>& names() {
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char* w :
             {"defectscope", "roc", "auroc", "auprc", "fpr", "tpr", "nm", "px", "png", "csv", "json",
              "dsproj", "tif", "tiff", "dm3", "dm4", "mrc", "ser", "emd", "jpg", "jpeg", "npy",
              "fft", "hog", "raw", "stats", "knn", "iforest", "pca", "lof", "ocsvm", "auto",
              "magma", "viridis", "inferno", "gray", "grey", "jet", "min", "max", "gamma",
              "synthetic", "annotated", "patches", "summary", "report", "test", "detector",
              "english", "deutsch"}) // language names are endonyms
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

QString normalised(QString text) {
    if (text.contains(QLatin1Char('<')))
        text = QTextDocumentFragment::fromHtml(text).toPlainText();
    text.remove(QRegularExpression(QStringLiteral("\\(&\\w\\)"))); // Chinese accelerators "(&F)"
    text.remove(QLatin1Char('&'));
    text.replace(QRegularExpression(QStringLiteral("[0-9]+([.,][0-9]+)?")), QStringLiteral("#"));
    return text.simplified();
}

// Words of three or more Latin letters that are not names or units.
QStringList foreignWords(const QString& text) {
    QStringList out;
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const QString w = it.next().captured();
        if (!names().contains(w.toLower()))
            out << w;
    }
    return out;
}

void addText(QStringList& out, const QString& text) {
    const QString t = normalised(text);
    if (!t.isEmpty())
        out << t;
}

void collectWidget(QStringList& out, QWidget* root) {
    const auto widgets = root->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        addText(out, w->toolTip());
        addText(out, w->statusTip());
        addText(out, w->whatsThis());
        if (auto* l = qobject_cast<QLabel*>(w))
            addText(out, l->text());
        else if (auto* b = qobject_cast<QAbstractButton*>(w))
            addText(out, b->text());
        else if (auto* g = qobject_cast<QGroupBox*>(w))
            addText(out, g->title());
        else if (auto* d = qobject_cast<QDockWidget*>(w))
            addText(out, d->windowTitle());
        else if (auto* e = qobject_cast<QLineEdit*>(w))
            addText(out, e->placeholderText());
        else if (auto* m = qobject_cast<QMenu*>(w))
            addText(out, m->title());
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i) {
                addText(out, c->itemText(i));
                addText(out, c->itemData(i, Qt::ToolTipRole).toString());
            }
        if (auto* v = qobject_cast<QChartView*>(w)) {
            addText(out, v->chart()->title());
            const auto axes = v->chart()->axes();
            for (QAbstractAxis* a : axes)
                addText(out, a->titleText());
            const auto markers = v->chart()->legend()->markers();
            for (QLegendMarker* m : markers)
                if (m->isVisible())
                    addText(out, m->label());
        }
    }
    const auto actions = root->findChildren<QAction*>();
    for (QAction* a : actions) {
        if (a->isSeparator())
            continue;
        addText(out, a->text());
        addText(out, a->toolTip());
        addText(out, a->statusTip());
    }
    addText(out, root->windowTitle());
}

// The scored demo with a few labels in `w`, loaded and idle.
bool setUpDemo(MainWindow& w) {
    w.resize(1600, 1000);
    w.show();
    Session* s = w.session();
    s->openDemo(1);
    if (!test::waitForPixels(*s, 0))
        return false;
    const int n = s->grid(0).size();
    std::vector<float> scores(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        scores[static_cast<std::size_t>(i)] = static_cast<float>((i * 7919) % n) / static_cast<float>(n);
    if (!ds::test::addTestRun(*s, 0, scores, "knn"))
        return false;
    s->setLabels({0, 1, 2}, Label::Defect);
    s->setLabels({3, 4, 5}, Label::Perfect);
    QTest::qWait(300);
    return QTest::qWaitFor([s] { return !s->isBusy(); }, 30000);
}

// The texts of the main window with the scored demo, the export dialog and the unsaved-changes
// question, in the language installed now.
QStringList everyText() {
    QStringList out;
    MainWindow w;
    if (!setUpDemo(w))
        return {};
    collectWidget(out, &w);

    // The unsaved-changes question (modal): read it while it is up, then cancel.
    QStringList question;
    QTimer::singleShot(100, [&question] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            collectWidget(question, box);
            addText(question, box->text());
            box->button(QMessageBox::Cancel)->click();
        }
    });
    w.setInteractive(true);
    const bool closed = w.projectActions()->maybeSave();
    w.setInteractive(false);
    if (closed || question.isEmpty())
        qWarning("the unsaved-changes question was not shown");
    out += question;

    if (ReportDialog* dialog = w.findChild<ReportActions*>()->openDialog()) {
        QTest::qWaitFor([dialog] { return dialog->previewReady(); }, 60000);
        collectWidget(out, dialog);
        dialog->close();
    }
    out.removeDuplicates();
    return out;
}

} // namespace

class TranslationWalkTest : public QObject {
    Q_OBJECT
    QSet<QString> m_english;

private slots:
    void initTestCase() {
        test::isolateSettings();
        TranslationLoader loader;
        loader.install(QStringLiteral("en"));
        const QStringList english = everyText();
        QVERIFY2(english.size() > 100, qPrintable(QString::number(english.size())));
        m_english = QSet<QString>(english.begin(), english.end());
    }

    void noEnglishLeft_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void noEnglishLeft() {
        QFETCH(QString, language);
        TranslationLoader loader;
        QVERIFY(loader.install(language));
        const QStringList texts = everyText();
        QVERIFY2(texts.size() > 100, qPrintable(QString::number(texts.size())));
        const bool chinese = language.startsWith(QLatin1String("zh"));
        QStringList english;
        for (const QString& t : texts) {
            const QStringList words = foreignWords(t);
            if (words.isEmpty())
                continue;
            if (m_english.contains(t) || (chinese && !t.contains(QRegularExpression(
                                                          QStringLiteral("[\\x{4e00}-\\x{9fff}]")))))
                english << t;
        }
        for (const QString& t : std::as_const(english))
            qWarning("%s: still English: \"%s\"", qPrintable(language), qPrintable(t));
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("%1 English text(s) listed above")
                                                   .arg(english.size())));
    }

    // Language switched without a restart: en -> de -> zh_CN -> en in one window's life, through
    // View > Language. After each switch the window showing the project must read exactly like a
    // window opened in that language on the same project: no text of an earlier language left
    // (stale), none of the new language's texts missing - and the project, its labels and its run
    // are still there.
    void switchesWithoutRestart() {
        const QStringList languages{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
        QHash<QString, QSet<QString>> fresh; // texts of a window opened in each language
        for (const QString& language : languages) {
            TranslationLoader loader;
            loader.install(language);
            MainWindow w;
            w.setInteractive(false);
            QVERIFY(setUpDemo(w));
            QStringList texts;
            collectWidget(texts, &w);
            fresh.insert(language, QSet<QString>(texts.begin(), texts.end()));
        }

        TranslationLoader loader;
        loader.install(QStringLiteral("en"));
        auto* first = new MainWindow;
        first->setInteractive(false);
        QVERIFY(setUpDemo(*first));
        Session* session = first->session();
        LanguageSwitcher switcher(first, &loader);
        for (const QString& language : {QStringLiteral("de"), QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            QPointer<MainWindow> old = switcher.window();
            QAction* choice = old->languageMenu()->action(language);
            QVERIFY(choice);
            choice->trigger();
            QTRY_VERIFY(old.isNull()); // replaced, and the old window deleted
            MainWindow* w = switcher.window();
            QVERIFY(w && w->isVisible());
            QCOMPARE(w->session(), session);
            QTest::qWaitFor([session] { return !session->isBusy(); }, 30000);
            QTest::qWait(200);
            QStringList texts;
            collectWidget(texts, w);
            const QSet<QString> now(texts.begin(), texts.end());
            const QSet<QString>& expected = fresh.value(language);
            QStringList stale, missing;
            for (const QString& t : now)
                if (!expected.contains(t))
                    for (const QString& other : languages)
                        if (other != language && fresh.value(other).contains(t)) {
                            stale << t;
                            break;
                        }
            for (const QString& t : expected)
                if (!now.contains(t))
                    missing << t;
            for (const QString& t : std::as_const(stale))
                qWarning("after switching to %s, still another language: \"%s\"", qPrintable(language),
                         qPrintable(t));
            for (const QString& t : std::as_const(missing))
                qWarning("after switching to %s, missing: \"%s\"", qPrintable(language), qPrintable(t));
            QVERIFY2(stale.isEmpty() && missing.isEmpty(),
                     qPrintable(QStringLiteral("%1: %2 stale, %3 missing text(s) listed above")
                                    .arg(language)
                                    .arg(stale.size())
                                    .arg(missing.size())));
            // The project went along: labels and the run.
            QCOMPARE(session->project().images.size(), std::size_t{1});
            QCOMPARE(session->project().images[0].labels.at(0), Label::Defect);
            QVERIFY(!session->project().images[0].runs.empty());
        }
        delete switcher.window();
    }

    void cleanupTestCase() { QThreadPool::globalInstance()->waitForDone(); }
};

QTEST_MAIN(TranslationWalkTest)
#include "translation_walk_test.moc"
