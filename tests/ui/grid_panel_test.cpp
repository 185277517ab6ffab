// GridPanel's "Auto from lattice": a clear lattice sizes the patches at four bond lengths with
// stride half of that; a field with no trustworthy lattice gets the same documented fallback as the
// CLI's automatic grid (48/24) and says why, instead of a patch size computed from a guess.
#include "core/analysis/grid_rule.h"
#include "core/synth/synthetic_graphene.h"
#include "gui_test_support.h"
#include "ui/panels/grid_panel.h"
#include "ui/window/settings.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

// A synthetic honeycomb of `side` px with 12 px bonds (so the automatic patch is 48 px).
Micrograph latticeImage(int side) {
    SynthOptions o;
    o.width = o.height = side;
    o.bondPx = 12.0;
    Micrograph m;
    m.pixels = synthesizeGraphene(o).pixels;
    return m;
}

// Shot noise only: no crystal.
Micrograph noiseImage() {
    Micrograph m;
    m.pixels.create(384, 384, CV_32F);
    cv::randn(m.pixels, 100.0, 10.0);
    return m;
}

} // namespace

class GridPanelTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Adds `m` to a fresh session, presses "Auto from lattice" and waits for the grid to change.
    static bool autoGrid(const Micrograph& m, const QString& path, GridSpec& spec, QString& info) {
        if (!writeTiff(path.toStdString(), m).ok())
            return false;
        Session session;
        session.setDefaultGrid(GridSpec{10, 10, 0, 0});
        GridPanel panel(&session);
        session.addImageFiles({path});
        if (!test::waitForPixels(session, 0))
            return false;
        session.setCurrentImage(0);
        QPushButton* button = nullptr;
        for (auto* b : panel.findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("lattice")))
                button = b;
        if (!button)
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        const bool changed = QTest::qWaitFor([&] { return session.currentImage()->grid.side != 10; }, 30000);
        spec = session.currentImage()->grid;
        for (auto* l : panel.findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral("patches of")))
                info = l->text();
        return changed;
    }

private slots:
    void initTestCase() { test::isolateSettings(); }

    void clearLatticeSizesPatches() {
        const Micrograph m = latticeImage(384);
        GridSpec spec;
        QString info;
        QVERIFY(autoGrid(m, m_dir.filePath("lattice.tif"), spec, info));
        QVERIFY2(std::abs(spec.side - 48) <= 1, qPrintable(QString::number(spec.side))); // 4 x 12 px
        QCOMPARE(spec.stride, spec.side / 2);
        QVERIFY2(info.startsWith(QStringLiteral("Bond length")), qPrintable(info));
    }

    void newImagesTakeTheirGridFromTheLattice() {
        const Micrograph m = latticeImage(384);
        const QString lattice = m_dir.filePath("new-lattice.tif");
        QVERIFY(writeTiff(lattice.toStdString(), m).ok());
        const Micrograph noise = noiseImage();
        const QString plain = m_dir.filePath("new-noise.tif");
        QVERIFY(writeTiff(plain.toStdString(), noise).ok());

        Settings().setGridFromLattice(true);
        Session session;
        session.setDefaultGrid(GridSpec{30, 30, 0, 0});
        GridPanel panel(&session);
        QVERIFY(test::addImages(session, {lattice, plain}));
        QVERIFY(test::waitForPixels(session, 0));
        session.setCurrentImage(1);
        QVERIFY(test::waitForPixels(session, 1));
        QVERIFY(QTest::qWaitFor([&] { return !session.isBusy(); }, 30000));
        QVERIFY2(std::abs(session.image(0)->grid.side - 48) <= 1, // 4 x 12 px, without a click
                 qPrintable(QString::number(session.image(0)->grid.side)));
        QCOMPARE(session.image(0)->grid.stride, session.image(0)->grid.side / 2);
        QCOMPARE(session.image(0)->labels.size(), std::size_t(session.grid(0).size()));
        QCOMPARE(session.image(1)->grid.side, 30); // noise: the default stays
        QVERIFY(!session.isGridPending(0) && !session.isGridPending(1));
        QVERIFY(session.isModified());
        bool told = false; // the panel says why the current (noise) image kept its grid
        for (auto* l : panel.findChildren<QLabel*>())
            told = told || l->text().startsWith(QStringLiteral("No clear lattice"));
        QVERIFY(told);

        // Switched off (and remembered): a new image keeps the default grid.
        auto* box = panel.findChild<QCheckBox*>();
        QVERIFY(box && box->isChecked());
        box->setChecked(false);
        QVERIFY(!Settings().gridFromLattice());
        const QString again = m_dir.filePath("new-lattice-2.tif");
        QVERIFY(writeTiff(again.toStdString(), m).ok());
        session.addImageFiles({again});
        QVERIFY(test::waitForPixels(session, 2));
        QVERIFY(QTest::qWaitFor([&] { return !session.isBusy(); }, 30000));
        QCOMPARE(session.image(2)->grid.side, 30);
        test::isolateSettings();
    }

    void imagesFlippedThroughWhileQueuedAreStillSized() {
        // The session keeps pixels of only a few images; the sizer must hold on to the pixels of
        // the images it has queued, or those flipped past during a long estimate stay unsized.
        const Micrograph first = latticeImage(2048);
        QStringList paths{m_dir.filePath("q0.tif")};
        QVERIFY(writeTiff(paths[0].toStdString(), first).ok());
        const Micrograph small = latticeImage(256);
        for (int i = 1; i <= 5; ++i) {
            paths << m_dir.filePath(QStringLiteral("q%1.tif").arg(i));
            QVERIFY(writeTiff(paths.back().toStdString(), small).ok());
        }
        Settings().setGridFromLattice(true);
        Session session;
        session.setDefaultGrid(GridSpec{30, 30, 0, 0});
        GridPanel panel(&session);
        QVERIFY(test::addImages(session, paths));
        for (int i = 0; i < paths.size(); ++i) {
            session.setCurrentImage(i);
            QVERIFY(test::waitForPixels(session, i));
        }
        QVERIFY(QTest::qWaitFor([&] { return !session.isBusy(); }, 60000));
        for (int i = 0; i < paths.size(); ++i)
            QVERIFY2(std::abs(session.image(i)->grid.side - 48) <= 1,
                     qPrintable(QStringLiteral("image %1: side %2").arg(i).arg(session.image(i)->grid.side)));
        test::isolateSettings();
    }

    void noLatticeFallsBackLikeTheCli() {
        const Micrograph m = noiseImage();
        GridSpec spec;
        QString info;
        QVERIFY(autoGrid(m, m_dir.filePath("noise.tif"), spec, info));
        QCOMPARE(spec.side, kFallbackPatchSide);
        QCOMPARE(spec.stride, kFallbackPatchStride);
        QVERIFY2(info.startsWith(QStringLiteral("No clear lattice")), qPrintable(info));
    }
};

QTEST_MAIN(GridPanelTest)
#include "grid_panel_test.moc"
