#pragma once
// ScoreHistogram: the distribution of the shown detector's scores over the current image, drawn
// separately for perfect, defect and unlabelled patches (each scaled to its own peak so a few
// labelled patches stay visible next to thousands of unlabelled ones), with the threshold as a
// vertical line. Clicking sets the threshold. Paints itself; GUI thread.
#include "core/labels/label.h"

#include <QWidget>

#include <array>
#include <optional>
#include <vector>

namespace ds::ui {

class ScoreHistogram : public QWidget {
    Q_OBJECT
public:
    explicit ScoreHistogram(QWidget* parent = nullptr);

    void setData(const std::vector<float>& scores, const std::vector<Label>& labels);
    void setThreshold(std::optional<double> threshold);
    // Counts per bin for a class (index by static_cast<int>(Label)); for tests.
    const std::vector<int>& counts(Label label) const { return m_counts[static_cast<std::size_t>(label)]; }
    double low() const { return m_lo; }
    double high() const { return m_hi; }

    QSize sizeHint() const override { return {280, 150}; }
    QSize minimumSizeHint() const override { return {160, 100}; }

signals:
    void thresholdRequested(double threshold);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect plotRect() const;

    static constexpr int kBins = 40;
    std::array<std::vector<int>, 3> m_counts; // by Label
    std::array<int, 3> m_totals{};
    double m_lo = 1, m_hi = 0;
    std::optional<double> m_threshold;
};

} // namespace ds::ui
