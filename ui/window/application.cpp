// runApplication: QApplication set-up (names, icon, translations), the command line, the main
// window.
#include "ui/window/application.h"

#include "core/io/read_micrograph.h"
#include "ui/session/autosaver.h"
#include "ui/session/demo_labels.h"
#include "ui/actions/detector_tools.h"
#include "ui/window/main_window.h"
#include "ui/actions/project_actions.h"
#include "ui/window/headless_task.h"
#include "ui/window/language_switcher.h"
#include "ui/session/session.h"
#include "ui/window/settings.h"
#include "ui/window/translation_loader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace ds::ui {

namespace {

struct CommandLine {
    bool demo = false;
    QStringList open;
    QString screenshot;
    QSize size{1600, 1000}; // window size of --screenshot (--size)
    QString saveProject; // --save-project: save the project once everything finished, and exit
    QString run;         // detector id to run on the opened image (--run)
    bool train = false;  // --train: fit the --run detector on the hand labels
    bool headless() const { return !screenshot.isEmpty() || !saveProject.isEmpty(); }
};

CommandLine parseCommandLine(QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Find defects in atomic-resolution electron micrographs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open the synthetic graphene demo micrograph."));
    const QCommandLineOption open(
        QStringLiteral("open"),
        QCoreApplication::translate("main", "Open a project or micrograph file."),
        QCoreApplication::translate("main", "FILE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "main", "Render the window (1600x1000, or --size) once everything has loaded, "
                    "save it as a PNG and exit."),
        QCoreApplication::translate("main", "OUT.png"));
    const QCommandLineOption run(
        QStringLiteral("run"),
        QCoreApplication::translate(
            "main", "Run detector ID on the opened image (with --screenshot: before the "
                    "picture is taken)."),
        QCoreApplication::translate("main", "ID"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QCoreApplication::translate("main", "Window size for --screenshot (default 1600x1000)."),
        QCoreApplication::translate("main", "WxH"));
    const QCommandLineOption train(
        QStringLiteral("train"),
        QCoreApplication::translate("main", "With --run: train the detector on the hand labels (out-of-fold "
                                            "scores for the labelled patches) instead of scoring."));
    const QCommandLineOption saveProject(
        QStringLiteral("save-project"),
        QCoreApplication::translate("main", "Once everything has loaded and every run finished, save the "
                                            "project to this file and exit (no window is shown)."),
        QCoreApplication::translate("main", "P.dsproj"));
    parser.addOptions({demo, open, screenshot, run, size, train, saveProject});
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QCoreApplication::translate("main", "Files to open."),
                                 QStringLiteral("[files...]"));
    parser.process(app);
    CommandLine cl;
    cl.demo = parser.isSet(demo);
    cl.open = parser.values(open) + parser.positionalArguments();
    cl.screenshot = parser.value(screenshot);
    cl.run = parser.value(run);
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        const int w = wh.size() == 2 ? wh[0].toInt() : 0, h = wh.size() == 2 ? wh[1].toInt() : 0;
        if (w < 320 || h < 240) {
            std::fprintf(stderr, "defectscope: --size %s: expected WxH, e.g. 1280x720\n",
                         qPrintable(parser.value(size)));
            std::exit(2);
        }
        cl.size = QSize(w, h);
    }
    cl.train = parser.isSet(train);
    cl.saveProject = parser.value(saveProject);
    return cl;
}

} // namespace

int runApplication(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DefectScope"));
    QApplication::setOrganizationDomain(QStringLiteral("defectscope.org"));
    QApplication::setApplicationName(QStringLiteral("DefectScope"));
    QApplication::setApplicationVersion(QStringLiteral(DEFECTSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.defectscope.DefectScope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.defectscope.DefectScope.svg")));
    // Before any widget exists: texts are set at construction. Settings::language() overrides the
    // system locale; View > Language switches later by building the window anew (LanguageSwitcher).
    TranslationLoader translations;
    translations.install(Settings().language());
    setDefaultMaxPixels(Settings().maxPixels()); // Edit > Preferences: the largest image to open
    const CommandLine cl = parseCommandLine(app);
    const bool screenshot = cl.headless();

    auto owned = std::make_unique<MainWindow>();
    MainWindow& window = *owned;
    window.setInteractive(!screenshot);
    if (screenshot) {
        window.autosaver()->setEnabled(false);
        window.setAttribute(Qt::WA_DontShowOnScreen); // rendered, never mapped on a display
        window.resize(cl.size);
    } else {
        window.restoreWindowState();
    }
    window.show();
    if (screenshot)
        window.resize(cl.size); // after show(): a platform may have imposed its own size
    else
        window.fitIntoScreen(); // again, now that the real frame is known

    // A screenshot of something that failed to load must not pass for a good one: remember
    // failures.
    bool loadFailed = false;
    QObject::connect(window.session(), &Session::errorOccurred, &app,
                     [&loadFailed] { loadFailed = true; });
    if (cl.demo) {
        window.session()->openDemo(1);
        // A few hand-like labels from the demo's ground truth, so a run has a held-out ROC to show.
        DemoLabels::apply(window.session(), 0, 1);
    }
    if (!cl.open.isEmpty() && !window.projectActions()->openPaths(cl.open))
        loadFailed = true;
    if (!cl.run.isEmpty()) {
        auto* tools = window.findChild<DetectorTools*>();
        if (!tools || !tools->runWhenReady(cl.run, cl.train)) {
            std::fprintf(stderr, "defectscope: --run %s: no such detector\n", qPrintable(cl.run));
            if (screenshot)
                return 2;
        }
    }
    if (!screenshot && !cl.demo && cl.open.isEmpty())
        QTimer::singleShot(0, &window,
                           [&window] { window.projectActions()->offerUntitledRecovery(); });

    if (screenshot) {
        auto* task = new HeadlessTask(&window, window.session(), cl.screenshot, cl.saveProject, &window);
        int exitCode = 0;
        QObject::connect(task, &HeadlessTask::done, &app, [&exitCode, &loadFailed](int code) {
            if (code == 0 && loadFailed) {
                std::fprintf(stderr, "defectscope: finished, but loading or a run failed (see above)\n");
                code = 2;
            }
            exitCode = code;
            QCoreApplication::exit(code);
        });
        task->start();
        app.exec();
        return exitCode;
    }
    // Interactive: View > Language replaces the window by one built in the new language; the
    // switcher holds whichever is current, and the last one is deleted when the loop ends.
    LanguageSwitcher switcher(owned.release(), &translations);
    const int code = app.exec();
    delete switcher.window();
    return code;
}

} // namespace ds::ui
