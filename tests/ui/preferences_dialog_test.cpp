// Edit > Preferences (issue 17: "a flag and a setting to raise" the pixel limit): the dialog shows
// the stored limit as the side of the largest square frame, OK stores it and applies it to the
// readers at once, so a file above it is refused naming the limit and, once raised, opens. Cancel
// changes nothing; Restore Defaults goes back to core's limit and the default clip.
#include "core/io/read_micrograph.h"
#include "gui_test_support.h"
#include "ui/session/session.h"
#include "ui/window/main_window.h"
#include "ui/window/preferences_dialog.h"
#include "ui/window/settings.h"

#include <QAction>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

class PreferencesDialogTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { test::isolateSettings(); }
    void cleanup() {
        Settings().setMaxPixels(kDefaultMaxPixels);
        Settings().setAutoContrastClip(Settings::kDefaultAutoContrastClip);
        setDefaultMaxPixels(kDefaultMaxPixels);
    }

    void sideIsTheLargestSquareWithinTheLimit() {
        QCOMPARE(PreferencesDialog::sideForPixels(kDefaultMaxPixels), 16384);
        QCOMPARE(PreferencesDialog::sideForPixels(kDefaultMaxPixels + 5), 16384);
        QCOMPARE(PreferencesDialog::sideForPixels(kDefaultMaxPixels - 1), 16383);
        QCOMPARE(PreferencesDialog::sideForPixels(10), PreferencesDialog::kMinSide);
        QCOMPARE(PreferencesDialog::sideForPixels(std::uint64_t{1} << 40), PreferencesDialog::kMaxSide);
    }

    void okStoresAndAppliesTheLimitAndRaisingItOpensTheFile() {
        const QString path = m_dir.filePath("wide.tif");
        QVERIFY(!test::writeTestImage(path, 600, 500).isEmpty()); // 300,000 pixels

        MainWindow w;
        w.setInteractive(false);
        auto* dialog = w.showPreferences();
        QVERIFY(dialog);
        QCOMPARE(dialog->maxSide(), 16384); // the stored (default) limit
        dialog->setMaxSide(512);            // 262,144 pixels: below the file
        dialog->accept();
        QCOMPARE(Settings().maxPixels(), std::uint64_t{512 * 512});
        QCOMPARE(defaultMaxPixels(), std::uint64_t{512 * 512});

        Session* session = w.session();
        QSignalSpy errors(session, &Session::errorOccurred);
        QVERIFY(test::addImages(*session, {path}));
        QCOMPARE(session->imageCount(), 0);
        QVERIFY(!errors.isEmpty());
        const QString message = errors.last().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("wide.tif")) && message.contains(QStringLiteral("pixel limit")),
                 qPrintable(message));
        // The window says where the GUI's limit is set.
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Edit > Preferences")),
                 qPrintable(w.statusBar()->currentMessage()));

        dialog = w.showPreferences();
        QCOMPARE(dialog->maxSide(), 512); // remembered
        dialog->setMaxSide(1024);
        dialog->accept();
        QVERIFY(test::addImages(*session, {path}));
        QCOMPARE(session->imageCount(), 1);
        QVERIFY(test::waitForPixels(*session, 0));
    }

    void cancelChangesNothingAndRestoreDefaultsResets() {
        Settings().setMaxPixels(2048u * 2048u);
        Settings().setAutoContrastClip(0.02);
        PreferencesDialog dialog;
        QCOMPARE(dialog.maxSide(), 2048);
        QCOMPARE(dialog.autoContrastClipPercent(), 2.0);
        dialog.setMaxSide(300);
        dialog.reject();
        QCOMPARE(Settings().maxPixels(), std::uint64_t{2048u * 2048u});
        QCOMPARE(defaultMaxPixels(), kDefaultMaxPixels); // Cancel applied nothing

        PreferencesDialog again;
        again.restoreDefaults();
        QCOMPARE(again.maxSide(), 16384);
        QCOMPARE(again.autoContrastClipPercent(), Settings::kDefaultAutoContrastClip * 100);
        again.accept();
        QCOMPARE(Settings().maxPixels(), kDefaultMaxPixels);
        QCOMPARE(Settings().autoContrastClip(), Settings::kDefaultAutoContrastClip);
    }

    void editMenuOffersItWithAShortcut() {
        MainWindow w;
        auto* action = w.findChild<QAction*>(QStringLiteral("PreferencesAction"));
        QVERIFY(action);
        QVERIFY(!action->shortcut().isEmpty());
    }
};

QTEST_MAIN(PreferencesDialogTest)
#include "preferences_dialog_test.moc"
