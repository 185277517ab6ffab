// Translations: choosing a language in View > Language stores it and announces it (applied at
// once by LanguageSwitcher, see translation_walk_test), and a later start
// (TranslationLoader installing Settings::language()) shows the main window's menus, docks and
// actions in German or Simplified Chinese; with no preference the system locale decides; English is
// the source text; plural forms follow the count.
//
// The process starts with a German system locale (set before QApplication reads it), so "follow the
// system" and "the preference overrides the system" are both tested.
#include "gui_test_support.h"
#include "core/detect/detector_registry.h"
#include "ui/window/core_text.h"
#include "ui/window/language_menu.h"
#include "ui/window/main_window.h"
#include "ui/window/settings.h"
#include "ui/window/translation_loader.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

QStringList menuTitles(const MainWindow& w) {
    QStringList out;
    const auto actions = w.menuBar()->actions();
    for (const QAction* a : actions)
        out << a->text();
    return out;
}

QStringList dockTitles(const MainWindow& w) {
    QStringList out;
    const auto docks = w.findChildren<QDockWidget*>();
    for (const QDockWidget* d : docks)
        out << d->windowTitle();
    return out;
}

QStringList actionTexts(const MainWindow& w) {
    QStringList out;
    const auto actions = w.findChildren<QAction*>();
    for (const QAction* a : actions)
        out << a->text();
    return out;
}

} // namespace

class TranslationTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        test::isolateSettings();
        Settings().setLanguage(QString());
    }
    void cleanup() { Settings().setLanguage(QString()); }

    void embeddedLanguages() {
        QCOMPARE(TranslationLoader::embeddedLanguages(),
                 (QStringList{QStringLiteral("de"), QStringLiteral("zh_CN")}));
    }

    void mainWindowSpeaksTheLanguage_data() {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("translated");
        QTest::addColumn<QStringList>("menus");
        QTest::addColumn<QStringList>("docks");
        QTest::addColumn<QStringList>("actions");
        QTest::newRow("de") << QStringLiteral("de") << true
                            << QStringList{"&Datei", "&Bearbeiten", "&Ansicht", "&Werkzeuge",
                                           "&Hilfe"}
                            << QStringList{"Bilder", "Patch-Raster", "Kontrast", "Detektor",
                                           "Heatmap"}
                            << QStringList{"Als &Defekt markieren",
                                           "Als &perfekt markieren",
                                           "Ö&ffnen…",
                                           "&Heatmap anzeigen",
                                           "&Sprache",
                                           "&Bedienfelder"};
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << true
                               << QStringList{"文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)",
                                              "帮助(&H)"}
                               << QStringList{"图像", "图像块网格", "对比度", "检测器", "热图"}
                               << QStringList{"标注为缺陷(&D)", "标注为完好(&P)", "打开(&O)…",
                                              "显示热图(&H)",   "语言(&N)",       "面板(&P)"};
        // An explicit English preference beats the German system locale.
        QTest::newRow("en") << QStringLiteral("en") << false
                            << QStringList{"&File", "&Edit", "&View", "&Tools", "&Help"}
                            << QStringList{"Images", "Patch grid", "Contrast", "Detector",
                                           "Heat map"}
                            << QStringList{"Label &defect",  "Label &perfect", "&Open…",
                                           "Show &heat map", "La&nguage",      "&Panels"};
        // No preference: the (German) system locale decides.
        QTest::newRow("system") << QString() << true
                                << QStringList{"&Datei", "&Bearbeiten", "&Ansicht", "&Werkzeuge",
                                               "&Hilfe"}
                                << QStringList{"Bilder", "Patch-Raster", "Kontrast", "Detektor",
                                               "Heatmap"}
                                << QStringList{"Als &Defekt markieren"};
    }

    void mainWindowSpeaksTheLanguage() {
        QFETCH(QString, language);
        QFETCH(bool, translated);
        QFETCH(QStringList, menus);
        QFETCH(QStringList, docks);
        QFETCH(QStringList, actions);
        Settings().setLanguage(language);
        TranslationLoader loader;
        QCOMPARE(loader.install(Settings().language()), translated);

        MainWindow w;
        const QStringList haveMenus = menuTitles(w);
        for (const QString& m : menus)
            QVERIFY2(haveMenus.contains(m),
                     qPrintable(m + " not among menus " + haveMenus.join(", ")));
        const QStringList haveDocks = dockTitles(w);
        for (const QString& d : docks)
            QVERIFY2(haveDocks.contains(d),
                     qPrintable(d + " not among docks " + haveDocks.join(", ")));
        const QStringList haveActions = actionTexts(w);
        for (const QString& a : actions)
            QVERIFY2(haveActions.contains(a), qPrintable(a + " not among actions"));
        if (translated)
            QVERIFY(!haveActions.contains(QStringLiteral("Label &defect")));
    }

    void detectorNamesAndParametersAreTranslated() {
        // core/ cannot call tr(): its detector names and parameter texts reach the GUI through the
        // CoreText catalogue, which must hold every one of them.
        for (const ds::DetectorInfo& d : ds::availableDetectors()) {
            QVERIFY2(ds::ui::isCatalogued(d.displayName), d.displayName.c_str());
            const auto det = ds::createDetector(d.id);
            QVERIFY(det.ok());
            for (const ds::ParamSpec& p : (*det)->parameters()) {
                QVERIFY2(ds::ui::isCatalogued(p.label), p.label.c_str());
                QVERIFY2(ds::ui::isCatalogued(p.description), p.description.c_str());
            }
        }
        TranslationLoader loader;
        QVERIFY(loader.install(QStringLiteral("de")));
        MainWindow w;
        QStringList items;
        for (auto* combo : w.findChildren<QComboBox*>())
            for (int i = 0; i < combo->count(); ++i)
                items << combo->itemText(i);
        QVERIFY2(items.contains(QStringLiteral("Isolationswald")), qPrintable(items.join(", ")));
        QVERIFY(!items.contains(QStringLiteral("Isolation forest")));
        QVERIFY(loader.install(QStringLiteral("zh_CN")));
        QCOMPARE(ds::ui::coreText("Isolation forest"), QStringLiteral("孤立森林"));
        QCOMPARE(ds::ui::coreText("no such text"), QStringLiteral("no such text"));
    }

    void pluralFormsFollowTheCount() {
        TranslationLoader loader;
        QVERIFY(loader.install(QStringLiteral("de")));
        const char* ctx = "ds::ui::LabelCommand";
        QCOMPARE(QCoreApplication::translate(ctx, "Label %n patch(es) defect", nullptr, 1),
                 QStringLiteral("1 Patch als Defekt markieren"));
        QCOMPARE(QCoreApplication::translate(ctx, "Label %n patch(es) defect", nullptr, 40),
                 QStringLiteral("40 Patches als Defekt markieren"));
        QVERIFY(loader.install(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate(ctx, "Label %n patch(es) defect", nullptr, 40),
                 QStringLiteral("将 40 个图像块标注为缺陷"));
        loader.uninstall();
        QCOMPARE(QCoreApplication::translate(ctx, "Label %n patch(es) defect", nullptr, 40),
                 QStringLiteral("Label 40 patch(es) defect"));
    }

    // The user's path: View > Language > Deutsch in an English window stores the choice and
    // announces it (LanguageSwitcher then rebuilds the window in it: translation_walk_test), with no
    // note about a restart; a window built afterwards is German.
    void languageMenuStoresAndAnnouncesTheChoice() {
        TranslationLoader loader;
        QVERIFY(!loader.install(QStringLiteral("en")));
        Settings().setLanguage(QStringLiteral("en"));
        {
            MainWindow w;
            auto* menu = w.findChild<LanguageMenu*>();
            QVERIFY(menu);
            QVERIFY(menu->action(QStringLiteral("en"))->isChecked());
            QAction* system = menu->action(QString());
            QVERIFY(system && system->text().startsWith(QStringLiteral("&System language")));
            QAction* chinese = menu->action(QStringLiteral("zh_CN"));
            QVERIFY(chinese);
            QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
            QAction* german = menu->action(QStringLiteral("de"));
            QVERIFY(german);
            QCOMPARE(german->text(), QStringLiteral("Deutsch"));
            QSignalSpy chosen(menu, &LanguageMenu::languageChosen);
            german->trigger();
            QCOMPARE(Settings().language(), QStringLiteral("de"));
            QVERIFY(german->isChecked());
            QCOMPARE(chosen.count(), 1);
            QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("de"));
            QVERIFY(!w.findChild<QMessageBox*>()); // no "at the next start" note any more
            german->trigger(); // the same choice again: nothing to do
            QCOMPARE(chosen.count(), 1);
        }
        QVERIFY(loader.install(Settings().language()));
        MainWindow next;
        QCOMPARE(menuTitles(next).constFirst(), QStringLiteral("&Datei"));
        QVERIFY(next.findChild<LanguageMenu*>()->action(QStringLiteral("de"))->isChecked());
    }
};

int main(int argc, char** argv) {
    // A German system (QLocale::system() reads these once, when the application starts).
    qputenv("LC_ALL", "de_DE.UTF-8");
    qputenv("LANGUAGE", "de_DE:de");
    QApplication app(argc, argv);
    TranslationTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "translation_test.moc"
