#pragma once
// A small hand-labelled project for the GUI tests of the training-set export and the ROC panel's
// held-out mode: synthetic graphene micrographs written as NAME.npy with NAME.truth.csv beside them
// (so `defectscope-cli` can read the same images and truth), added to a Session on a fixed grid
// and hand-labelled from their truth - every patch, or every `every`-th one.
#include "core/io/write_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/synth/synthetic_graphene.h"
#include "gui_test_support.h"

#include <QDir>
#include <QStringList>

namespace ds::test {

inline const GridSpec kLabelledGrid{40, 20, 0, 0};

// Writes `count` labelled synthetic images into `dir`; their paths, in order.
inline QStringList writeLabelledImages(const QString& dir, int count) {
    QStringList paths;
    for (int k = 0; k < count; ++k) {
        SynthOptions o;
        o.width = o.height = 320;
        o.bondPx = 10;
        o.seed = static_cast<std::uint64_t>(11 + k);
        o.singleVacancies = 3;
        o.dopants = 3;
        o.stoneWales = 1;
        const SyntheticImage s = synthesizeGraphene(o);
        const QString image = QDir(dir).filePath(QStringLiteral("synth%1.npy").arg(k));
        if (!writeNpy(image.toStdString(), s.pixels).ok() ||
            !writeTruthPoints(QDir(dir).filePath(QStringLiteral("synth%1.truth.csv").arg(k)).toStdString(), s.truth)
                 .ok())
            return {};
        paths << image;
    }
    return paths;
}

// Adds the images to `session`, puts each on kLabelledGrid and labels it from its truth file
// (`every` = 1: every patch; n: only every n-th patch, the others stay unlabelled). The first
// image is current afterwards.
inline bool labelFromTruth(ui::Session& session, const QStringList& paths, int every = 1) {
    if (!addImages(session, paths) || session.imageCount() != paths.size())
        return false;
    for (int i = 0; i < session.imageCount(); ++i) {
        session.setCurrentImage(i);
        if (!waitForPixels(session, i))
            return false;
        session.setGridSpec(kLabelledGrid);
        QString truthPath = paths[i];
        truthPath.replace(QStringLiteral(".npy"), QStringLiteral(".truth.csv"));
        auto truth = readTruthPoints(truthPath.toStdString());
        if (!truth)
            return false;
        const std::vector<Label> labels = labelsFromTruth(session.grid(i), *truth);
        std::vector<int> defect, perfect;
        for (int p = 0; p < static_cast<int>(labels.size()); p += every)
            (labels[static_cast<std::size_t>(p)] == Label::Defect ? defect : perfect).push_back(p);
        session.setLabels(defect, Label::Defect);
        session.setLabels(perfect, Label::Perfect);
    }
    session.setCurrentImage(0);
    return true;
}

} // namespace ds::test
