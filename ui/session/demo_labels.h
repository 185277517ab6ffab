#pragma once
// DemoLabels: gives the demo image a handful of hand-like labels, as a scientist would place them
// on a first look - a few patches centred on known defects (one per defect kind where possible)
// and a few clearly perfect patches spread over the field - taken from the synthetic ground truth,
// so a detector run on the demo has a held-out ROC to show. The truth is regenerated off the GUI
// thread (the generator is a pure function of the seed); the labels are applied through the
// Session as one undoable edit per class. GUI thread.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"
#include "core/labels/truth_points.h"

#include <QObject>

#include <cstdint>
#include <vector>

namespace ds::ui {

class Session;

struct DemoLabelChoice {
    std::vector<int> defects, perfect;
};

// Pure (any thread): up to `defects` patches nearest to truth points (cycling through the kinds)
// and up to `perfect` patches whose own and neighbouring patches are all free of defects, evenly
// spread over the grid.
DemoLabelChoice chooseDemoLabels(const PatchGrid& grid, const std::vector<TruthPoint>& truth, const cv::Mat& mask,
                                 int defects = 8, int perfect = 16);

class DemoLabels : public QObject {
    Q_OBJECT
public:
    // Labels image `imageIndex` (a synthetic image with `seed`) once its grid is known; holds the
    // session busy meanwhile. Deletes itself when done.
    static void apply(Session* session, int imageIndex, std::uint64_t seed);

private:
    DemoLabels(Session* session, int imageIndex);
    void tryApply();

    Session* m_session;
    int m_image;
    bool m_truthReady = false;
    std::vector<TruthPoint> m_truth;
    cv::Mat m_mask;
};

} // namespace ds::ui
