#pragma once
// Helpers shared by the GUI tests: isolated settings, small micrograph files, waiting for loads.
#include "core/io/write_micrograph.h"
#include "ui/session/session.h"
#include "ui/window/settings.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <QtTest>

#include <opencv2/core.hpp>

namespace ds::test {

// Settings and autosaves of tests never touch the user's: Qt's test mode plus our own names.
inline void isolateSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DefectScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("DefectScopeTest"));
    // Tests choose their grids; the ones about sizing from the lattice switch it back on.
    ds::ui::Settings().setGridFromLattice(false);
}

// A w x h float TIFF with a smooth pattern plus noise (so contrast and readout have something to
// show).
inline QString writeTestImage(const QString& path, int w, int h, double nmPerPx = 0.01,
                              int seed = 1) {
    ds::Micrograph m;
    m.pixels.create(h, w, CV_32F);
    cv::RNG rng(static_cast<uint64_t>(seed));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.pixels.at<float>(y, x) = static_cast<float>(
                100 + 40 * std::sin(x * 0.3) * std::cos(y * 0.3) + rng.gaussian(3.0));
    m.x.scale = m.y.scale = nmPerPx;
    m.x.unit = m.y.unit = "nm";
    const auto s = ds::writeTiff(path.toStdString(), m);
    return s.ok() ? path : QString();
}

// Stores a run with known scores on image `index` (as if a detector had produced them) and shows
// it; `evalScores`/`trainedOn` make it a trained run with those out-of-fold scores.
inline bool addTestRun(ds::ui::Session& session, int index, std::vector<float> scores, const std::string& detector,
                       std::vector<float> evalScores = {}, std::vector<ds::Label> trainedOn = {}) {
    ds::StoredRun run;
    run.spec.detector = detector;
    run.spec.grid = session.image(index)->grid;
    run.spec.mode = trainedOn.empty() ? ds::RunMode::Self : ds::RunMode::Trained;
    run.result.grid = session.grid(index);
    run.result.detector = detector;
    run.result.evalScores = evalScores.empty() ? scores : std::move(evalScores);
    run.result.scores = std::move(scores);
    run.result.trainedOn = std::move(trainedOn);
    return session.addRun(session.idOf(index), std::move(run));
}

// Waits until image `index` of `session` has pixels (or fails the test).
inline bool waitForPixels(const ds::ui::Session& session, int index, int timeoutMs = 30000) {
    QElapsedTimer t;
    t.start();
    while (!session.pixels(index) && t.elapsed() < timeoutMs) {
        if (!session.imageError(index).isEmpty())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return session.pixels(index) != nullptr;
}

// Adds `paths` to `session` and waits until every one was read and added (or refused).
inline bool addImages(ds::ui::Session& session, const QStringList& paths, int timeoutMs = 30000) {
    session.addImageFiles(paths);
    return QTest::qWaitFor([&] { return session.pendingImageFiles() == 0; }, timeoutMs);
}

} // namespace ds::test
