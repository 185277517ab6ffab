#pragma once
// HeatMapLegend: the colour bar of the heat map - the perceptual colour map from the lowest to the
// highest score of the shown detector (the overlay normalises to the same range), the score values
// at both ends and a marker at the threshold. Paints itself; GUI thread.
#include "ui/view/display_mapping.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace ds::ui {

class HeatMapLegend : public QWidget {
    Q_OBJECT
public:
    explicit HeatMapLegend(QWidget* parent = nullptr);

    void setLut(Lut lut);
    // The finite score range of `scores` (what the overlay maps to 0..1); empty = no scores.
    void setScores(const std::vector<float>& scores);
    void setThreshold(std::optional<double> threshold);
    bool hasRange() const { return m_hi >= m_lo; }
    double low() const { return m_lo; }
    double high() const { return m_hi; }

    QSize sizeHint() const override { return {260, 44}; }
    QSize minimumSizeHint() const override { return {140, 44}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Lut m_lut = Lut::Magma;
    double m_lo = 1, m_hi = 0; // lo > hi: no scores
    std::optional<double> m_threshold;
};

} // namespace ds::ui
