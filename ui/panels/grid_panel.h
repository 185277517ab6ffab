#pragma once
// GridPanel: edits the current image's patch grid (side, stride, origin) through the Session (an
// undoable command), shows how many patches it makes, and offers "Auto from lattice": the lattice
// is estimated from the pixels on a worker thread and the grid set to 4 bond lengths, stride half
// of that (the evaluation protocol's automatic grid). A remembered check box lets new images get
// that grid by themselves (AutoGridSizer). GUI thread.
#include "ui/jobs/latest_job.h"
#include "ui/session/session.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class AutoGridSizer;

class GridPanel : public QWidget {
    Q_OBJECT
public:
    explicit GridPanel(Session* session, QWidget* parent = nullptr);
    ~GridPanel() override;

    void applySpec(); // pushes the edited spec to the session
    void autoFromLattice();

private:
    struct LatticeOutcome {
        bool ok = false;
        bool sizesGrid = false; // confident enough to size patches (latticeSizesGrid)
        double bondPx = 0, confidence = 0;
        QString error;
    };
    void syncFromSession();
    void showLattice(const LatticeOutcome& out); // the estimate is back (GUI thread)

    Session* m_session;
    QSpinBox* m_side;
    QSpinBox* m_stride;
    QSpinBox* m_originX;
    QSpinBox* m_originY;
    QLabel* m_info;
    QPushButton* m_apply;
    QPushButton* m_auto;
    QCheckBox* m_fromLattice;
    AutoGridSizer* m_sizer;
    LatestJob<LatticeOutcome> m_lattice{this};
    int m_latticeImage = -1;
};

} // namespace ds::ui
