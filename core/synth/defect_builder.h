#pragma once
// DefectBuilder: edits an AtomLayout to add defects with ground truth - vacancies, double vacancies,
// Stone-Wales rotations, substitutional dopants and an amorphous contamination blob - keeping them
// apart from each other, from the borders and from a grain boundary line. Single-threaded, lives for
// one generator call.
#include "core/labels/truth_points.h"
#include "core/synth/atom_layout.h"

#include <optional>
#include <random>
#include <vector>

#include <opencv2/core.hpp>

namespace ds::synth {

class DefectBuilder {
public:
    DefectBuilder(AtomLayout& layout, int width, int height, double bondPx, std::vector<TruthPoint>& truth);

    // Point defects keep clear of this line (a grain boundary through `point` along `direction`).
    void avoidLine(cv::Point2d point, cv::Point2d direction);

    // Each returns false when no free site was found (the defect is then skipped).
    bool addContamination(std::mt19937_64& rng, cv::Mat& mask);
    bool addDoubleVacancy(std::mt19937_64& rng);
    bool addStoneWales(std::mt19937_64& rng);
    bool addVacancy(std::mt19937_64& rng);
    bool addDopant(std::mt19937_64& rng);

private:
    struct Zone {
        cv::Point2d centre;
        double radius;
    };

    bool isFree(cv::Point2d p, double radius) const;
    // A carbon atom with exactly three neighbours at a bond length, inside a free zone of `radius`.
    std::optional<int> pickSite(std::mt19937_64& rng, double radius);
    std::vector<int> bonded(int index) const;
    void nudge(int index, cv::Point2d towards, double distance);
    void claim(cv::Point2d centre, double radius, const char* kind);

    AtomLayout& m_layout;
    int m_width, m_height;
    double m_bond;
    std::vector<TruthPoint>& m_truth;
    std::vector<Zone> m_zones;
    std::optional<std::pair<cv::Point2d, cv::Point2d>> m_line;
};

} // namespace ds::synth
