#pragma once
// ContrastPanel: the display mapping of the current image - histogram with draggable limits, exact
// limits, gamma, colour table, "Min/Max" and percentile "Auto" buttons. Each newly shown image
// starts with auto-contrast. Emits mappingChanged; the view applies it. GUI thread.
#include "ui/view/display_mapping.h"
#include "ui/session/session.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;

namespace ds::ui {

class HistogramWidget;

class ContrastPanel : public QWidget {
    Q_OBJECT
public:
    explicit ContrastPanel(Session* session, QWidget* parent = nullptr);

    const DisplayMapping& mapping() const { return m_mapping; }
    void setMapping(const DisplayMapping& mapping);
    void autoContrast();
    void fullRange();
    HistogramWidget* histogram() const { return m_histogram; }

signals:
    void mappingChanged(const ds::ui::DisplayMapping& mapping);

private:
    void onImageShown();
    void syncWidgets();

    Session* m_session;
    DisplayMapping m_mapping;
    std::shared_ptr<const LoadedImage> m_shown; // the image whose statistics are displayed
    HistogramWidget* m_histogram;
    QDoubleSpinBox* m_low;
    QDoubleSpinBox* m_high;
    QDoubleSpinBox* m_gamma;
    QComboBox* m_lut;
    bool m_syncing = false;
};

} // namespace ds::ui
