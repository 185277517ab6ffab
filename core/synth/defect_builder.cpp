#include "core/synth/defect_builder.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

namespace ds::synth {

namespace {
constexpr double kPointDefectRadius = 2.5; // bonds: two point defects sit at least 5 bonds apart
constexpr double kBorderMargin = 3.0;      // bonds between a defect and the image edge
constexpr double kLineClearance = 5.0;     // bonds between a point defect and a grain boundary
constexpr int kAttempts = 4000;
} // namespace

DefectBuilder::DefectBuilder(AtomLayout& layout, int width, int height, double bondPx, std::vector<TruthPoint>& truth)
    : m_layout(layout), m_width(width), m_height(height), m_bond(bondPx), m_truth(truth) {}

void DefectBuilder::avoidLine(cv::Point2d point, cv::Point2d direction) {
    const double n = std::hypot(direction.x, direction.y);
    m_line = std::make_pair(point, direction * (1.0 / n));
}

bool DefectBuilder::isFree(cv::Point2d p, double radius) const {
    const double margin = kBorderMargin * m_bond;
    if (p.x < margin || p.y < margin || p.x > m_width - margin || p.y > m_height - margin)
        return false;
    for (const Zone& z : m_zones)
        if (std::hypot(p.x - z.centre.x, p.y - z.centre.y) < z.radius + radius)
            return false;
    if (m_line) {
        const cv::Point2d d = p - m_line->first;
        const double dist = std::abs(d.x * m_line->second.y - d.y * m_line->second.x);
        if (dist < kLineClearance * m_bond + radius - kPointDefectRadius * m_bond)
            return false;
    }
    return true;
}

std::vector<int> DefectBuilder::bonded(int index) const {
    const SynthAtom& a = m_layout.atom(index);
    return m_layout.within(a.x, a.y, 1.15 * m_bond, index);
}

std::optional<int> DefectBuilder::pickSite(std::mt19937_64& rng, double radius) {
    if (m_layout.size() == 0)
        return std::nullopt;
    std::uniform_int_distribution<int> pick(0, m_layout.size() - 1);
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const int i = pick(rng);
        if (m_layout.removed(i) || m_layout.atom(i).z != 6)
            continue;
        const SynthAtom& a = m_layout.atom(i);
        if (!isFree({a.x, a.y}, radius))
            continue;
        // Perfect surroundings: three bonded neighbours and nothing crowding the site (contamination
        // atoms or the other grain would show up here).
        if (bonded(i).size() != 3 || m_layout.within(a.x, a.y, 0.8 * m_bond, i).size() != 0)
            continue;
        return i;
    }
    return std::nullopt;
}

void DefectBuilder::nudge(int index, cv::Point2d towards, double distance) {
    const SynthAtom& a = m_layout.atom(index);
    const cv::Point2d d(towards.x - a.x, towards.y - a.y);
    const double n = std::hypot(d.x, d.y);
    if (n < 1e-9)
        return;
    m_layout.move(index, a.x + d.x / n * distance, a.y + d.y / n * distance);
}

void DefectBuilder::claim(cv::Point2d centre, double radius, const char* kind) {
    m_zones.push_back({centre, radius});
    m_truth.push_back({centre.x, centre.y, kind});
}

bool DefectBuilder::addVacancy(std::mt19937_64& rng) {
    const auto site = pickSite(rng, kPointDefectRadius * m_bond);
    if (!site)
        return false;
    const SynthAtom a = m_layout.atom(*site);
    const std::vector<int> nb = bonded(*site);
    m_layout.remove(*site);
    // Jahn-Teller-like reconstruction: two of the three dangling neighbours pull towards each other.
    const int k = std::uniform_int_distribution<int>(0, 2)(rng);
    const int p = nb[(k + 1) % 3], q = nb[(k + 2) % 3];
    const cv::Point2d pp(m_layout.atom(p).x, m_layout.atom(p).y), qp(m_layout.atom(q).x, m_layout.atom(q).y);
    nudge(p, qp, 0.1 * m_bond);
    nudge(q, pp, 0.1 * m_bond);
    claim({a.x, a.y}, kPointDefectRadius * m_bond, "vacancy");
    return true;
}

bool DefectBuilder::addDoubleVacancy(std::mt19937_64& rng) {
    const auto site = pickSite(rng, kPointDefectRadius * m_bond);
    if (!site)
        return false;
    const std::vector<int> nb = bonded(*site);
    const int j = nb[std::uniform_int_distribution<int>(0, 2)(rng)];
    const SynthAtom a = m_layout.atom(*site), b = m_layout.atom(j);
    const cv::Point2d mid((a.x + b.x) / 2, (a.y + b.y) / 2);
    std::vector<int> shell = bonded(*site);
    for (int n : bonded(j))
        shell.push_back(n);
    m_layout.remove(*site);
    m_layout.remove(j);
    // 5-8-5 reconstruction: the four dangling neighbours close in on the missing pair.
    for (int n : shell)
        if (n != *site && n != j)
            nudge(n, mid, 0.1 * m_bond);
    claim(mid, kPointDefectRadius * m_bond, "double_vacancy");
    return true;
}

bool DefectBuilder::addStoneWales(std::mt19937_64& rng) {
    const auto site = pickSite(rng, kPointDefectRadius * m_bond);
    if (!site)
        return false;
    const std::vector<int> nb = bonded(*site);
    const int j = nb[std::uniform_int_distribution<int>(0, 2)(rng)];
    if (bonded(j).size() != 3)
        return false;
    const SynthAtom a = m_layout.atom(*site), b = m_layout.atom(j);
    const cv::Point2d mid((a.x + b.x) / 2, (a.y + b.y) / 2);
    std::vector<int> shell;
    for (int n : bonded(*site))
        if (n != j)
            shell.push_back(n);
    for (int n : bonded(j))
        if (n != *site)
            shell.push_back(n);
    // Rotate the bond by 90 degrees about its midpoint; the new bond is ~7 % shorter (1.32 vs 1.42 A)
    // and the four outer neighbours relax towards the 5-7 pairs.
    const double half = 0.465 * m_bond;
    const cv::Point2d dir(b.x - a.x, b.y - a.y);
    const double len = std::hypot(dir.x, dir.y);
    const cv::Point2d perp(-dir.y / len, dir.x / len);
    m_layout.move(*site, mid.x + perp.x * half, mid.y + perp.y * half);
    m_layout.move(j, mid.x - perp.x * half, mid.y - perp.y * half);
    for (int n : shell)
        nudge(n, mid, 0.07 * m_bond);
    claim(mid, kPointDefectRadius * m_bond, "stone_wales");
    return true;
}

bool DefectBuilder::addDopant(std::mt19937_64& rng) {
    const auto site = pickSite(rng, kPointDefectRadius * m_bond);
    if (!site)
        return false;
    m_layout.atom(*site).z = 14;
    const SynthAtom a = m_layout.atom(*site);
    // Si-C bonds are ~25 % longer than C-C: the three neighbours move out a little.
    for (int n : bonded(*site)) {
        const SynthAtom& b = m_layout.atom(n);
        nudge(n, {2 * b.x - a.x, 2 * b.y - a.y}, 0.12 * m_bond);
    }
    claim({a.x, a.y}, kPointDefectRadius * m_bond, "dopant");
    return true;
}

bool DefectBuilder::addContamination(std::mt19937_64& rng, cv::Mat& mask) {
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const double radius = m_bond * (3.0 + 1.5 * u01(rng));
    // Irregular outline: radius modulated by a few low harmonics (max excursion ~36 %).
    double amp[3], phase[3];
    for (int k = 0; k < 3; ++k) {
        amp[k] = 0.12 * u01(rng);
        phase[k] = 2 * std::numbers::pi * u01(rng);
    }
    auto outline = [&](double angle) {
        double r = 1.0;
        for (int k = 0; k < 3; ++k)
            r += amp[k] * std::cos((k + 2) * angle + phase[k]);
        return radius * r;
    };
    const double rMax = radius * 1.4;
    std::uniform_real_distribution<double> ux(rMax, m_width - rMax), uy(rMax, m_height - rMax);
    if (m_width <= 2 * rMax || m_height <= 2 * rMax)
        return false;
    std::optional<cv::Point2d> centre;
    for (int attempt = 0; attempt < kAttempts && !centre; ++attempt) {
        const cv::Point2d c(ux(rng), uy(rng));
        if (isFree(c, rMax + 2 * m_bond))
            centre = c;
    }
    if (!centre)
        return false;

    std::vector<cv::Point> polygon;
    for (int k = 0; k < 180; ++k) {
        const double t = 2 * std::numbers::pi * k / 180;
        const double r = outline(t);
        polygon.emplace_back(cvRound(centre->x + r * std::cos(t) - 0.5), cvRound(centre->y + r * std::sin(t) - 0.5));
    }
    mask.create(m_height, m_width, CV_8U);
    mask.setTo(0);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{polygon}, cv::Scalar(255));

    // Amorphous overlayer a little denser than graphene, mostly carbon with some O and Si, random
    // positions with a minimum spacing (a dense random packing, no lattice).
    const double area = cv::countNonZero(mask);
    const double graphene = 4.0 / (3.0 * std::sqrt(3.0) * m_bond * m_bond);
    const int target = static_cast<int>(area * graphene * 1.3);
    std::vector<cv::Point2d> placed;
    std::uniform_real_distribution<double> ua(0, 2 * std::numbers::pi), ur(0, 1);
    for (int attempt = 0; attempt < target * 40 && static_cast<int>(placed.size()) < target; ++attempt) {
        const double t = ua(rng), r = outline(t) * std::sqrt(ur(rng));
        const cv::Point2d p(centre->x + r * std::cos(t), centre->y + r * std::sin(t));
        const bool crowded = std::any_of(placed.begin(), placed.end(), [&](const cv::Point2d& q) {
            return std::hypot(p.x - q.x, p.y - q.y) < 0.6 * m_bond;
        });
        if (crowded)
            continue;
        placed.push_back(p);
        const double roll = ur(rng);
        m_layout.add(p.x, p.y, roll < 0.85 ? 6 : roll < 0.95 ? 8 : 14);
    }
    claim(*centre, rMax + m_bond, "contamination");
    return true;
}

} // namespace ds::synth
