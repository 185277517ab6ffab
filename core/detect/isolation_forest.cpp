#include "core/detect/isolation_forest.h"

#include "core/detect/detector_support.h"
#include "core/features/parallel_blocks.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <random>

namespace ds {

namespace {
constexpr double kEulerGamma = 0.5772156649015329;
std::uint64_t mix(std::uint64_t z) { // splitmix64: independent streams per tree from one seed
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
} // namespace

IsolationForest::IsolationForest() { initParameters(); }

std::vector<ParamSpec> IsolationForest::parameters() const {
    return {{"trees", "Trees", "Number of isolation trees; more trees give smoother scores.", ParamSpec::Kind::Int,
             1, 5000, 100},
            {"subsample", "Subsample", "Rows drawn (without replacement) to grow each tree.", ParamSpec::Kind::Int, 2,
             65536, 256},
            {"seed", "Seed", "Random seed; the same seed gives the same forest.", ParamSpec::Kind::Int, 0, 1e9, 0}};
}

double IsolationForest::averagePathLength(double n) {
    if (n <= 1)
        return 0;
    if (n == 2)
        return 1;
    return 2.0 * (std::log(n - 1.0) + kEulerGamma) - 2.0 * (n - 1.0) / n;
}

void IsolationForest::buildTree(const cv::Mat& x, std::vector<int>& idx, std::uint64_t seed, int heightLimit,
                                std::vector<Node>& nodes) const {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> pickFeature(0, x.cols - 1);
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    struct Task { int node, begin, end, depth; };
    std::vector<Task> stack;
    nodes.push_back({-1, 0.f, 0});
    stack.push_back({0, 0, static_cast<int>(idx.size()), 0});
    const int attempts = std::min(x.cols, 32); // redraw constant features like scikit-learn's splitter
    while (!stack.empty()) {
        const Task t = stack.back();
        stack.pop_back();
        const int n = t.end - t.begin;
        bool split = false;
        if (t.depth < heightLimit && n > 1) {
            for (int a = 0; a < attempts && !split; ++a) {
                const int f = pickFeature(rng);
                float lo = x.ptr<float>(idx[t.begin])[f], hi = lo;
                for (int i = t.begin + 1; i < t.end; ++i) {
                    const float v = x.ptr<float>(idx[i])[f];
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
                if (!(hi > lo))
                    continue;
                float thr = lo + unit(rng) * (hi - lo);
                if (thr <= lo) thr = std::nextafter(lo, hi); // keep both children non-empty
                const auto mid = std::partition(idx.begin() + t.begin, idx.begin() + t.end,
                                                [&](int r) { return x.ptr<float>(r)[f] < thr; });
                const int m = static_cast<int>(mid - idx.begin());
                const int left = static_cast<int>(nodes.size());
                nodes[static_cast<std::size_t>(t.node)] = {f, thr, left};
                nodes.push_back({-1, 0.f, 0});
                nodes.push_back({-1, 0.f, 0});
                stack.push_back({left, t.begin, m, t.depth + 1});
                stack.push_back({left + 1, m, t.end, t.depth + 1});
                split = true;
            }
        }
        if (!split)
            nodes[static_cast<std::size_t>(t.node)] = {-1, static_cast<float>(t.depth + averagePathLength(n)), 0};
    }
}

Status IsolationForest::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("isolation forest", [&] {
        detail::validateFeatures("isolation forest", features, labels);
        const cv::Mat& x = features.values;
        // Unsupervised: defect-labelled rows are left out so they cannot become "normal".
        const std::vector<int> pool = detail::normalRows(labels, x.rows);
        if (pool.size() < 2)
            fail(ErrorCode::InvalidArgument, "isolation forest needs at least 2 patches to fit");
        const int trees = static_cast<int>(parameter("trees"));
        const int psi = std::min(static_cast<int>(parameter("subsample")), static_cast<int>(pool.size()));
        const auto seed = static_cast<std::uint64_t>(parameter("seed"));
        const int heightLimit = static_cast<int>(std::ceil(std::log2(std::max(2, psi))));
        std::vector<std::vector<Node>> perTree(static_cast<std::size_t>(trees));
        parallelBlocks(trees, 4, rc, "isolation forest: growing trees", [&](int begin, int end) {
            for (int t = begin; t < end; ++t) {
                std::mt19937_64 rng(mix(seed * 1000003ull + static_cast<std::uint64_t>(t)));
                std::vector<int> idx;
                idx.reserve(static_cast<std::size_t>(psi));
                std::sample(pool.begin(), pool.end(), std::back_inserter(idx), psi, rng);
                perTree[static_cast<std::size_t>(t)].reserve(static_cast<std::size_t>(2 * psi));
                buildTree(x, idx, rng(), heightLimit, perTree[static_cast<std::size_t>(t)]);
            }
        });
        m_nodes.clear();
        m_roots.clear();
        for (auto& tree : perTree) {
            const auto offset = static_cast<std::int32_t>(m_nodes.size());
            m_roots.push_back(offset);
            for (Node n : tree) {
                if (n.feature >= 0)
                    n.left += offset;
                m_nodes.push_back(n);
            }
        }
        m_columns = x.cols;
        m_cPsi = std::max(1e-12, averagePathLength(psi));
    });
}

Result<std::vector<float>> IsolationForest::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("isolation forest", [&]() -> std::vector<float> {
        if (m_roots.empty())
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("isolation forest", features, {});
        if (features.values.cols != m_columns)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_columns) + " features, got " +
                                                 std::to_string(features.values.cols));
        const cv::Mat& x = features.values;
        std::vector<float> out(static_cast<std::size_t>(x.rows));
        const Node* nodes = m_nodes.data();
        const double scale = -1.0 / (static_cast<double>(m_roots.size()) * m_cPsi);
        const std::size_t trees = m_roots.size();
        const std::int32_t* roots = m_roots.data();
        parallelBlocks(x.rows, 128, rc, "isolation forest: scoring", [&](int begin, int end) {
            for (int i = begin; i < end; ++i) {
                const float* row = x.ptr<float>(i);
                // A row is touched at ~800 random features: pull the next row into cache as a stream
                // while this one is walked, instead of paying a random DRAM miss per first touch.
                if (i + 1 < end) {
                    const char* next = reinterpret_cast<const char*>(x.ptr<float>(i + 1));
                    for (std::size_t b = 0; b < x.cols * sizeof(float); b += 64)
                        __builtin_prefetch(next + b);
                }
                double total = 0;
                std::size_t t = 0;
                // Four trees at a time: independent pointer chases overlap in the pipeline.
                for (; t + 4 <= trees; t += 4) {
                    const Node* a = nodes + roots[t];
                    const Node* b = nodes + roots[t + 1];
                    const Node* c = nodes + roots[t + 2];
                    const Node* d = nodes + roots[t + 3];
                    bool more = true;
                    while (more) {
                        more = false;
                        if (a->feature >= 0) { a = nodes + a->left + (row[a->feature] >= a->value); more = true; }
                        if (b->feature >= 0) { b = nodes + b->left + (row[b->feature] >= b->value); more = true; }
                        if (c->feature >= 0) { c = nodes + c->left + (row[c->feature] >= c->value); more = true; }
                        if (d->feature >= 0) { d = nodes + d->left + (row[d->feature] >= d->value); more = true; }
                    }
                    total += static_cast<double>(a->value) + b->value + c->value + d->value;
                }
                for (; t < trees; ++t) {
                    const Node* n = nodes + roots[t];
                    while (n->feature >= 0)
                        n = nodes + n->left + (row[n->feature] >= n->value);
                    total += n->value;
                }
                out[static_cast<std::size_t>(i)] = static_cast<float>(std::exp2(total * scale));
            }
        });
        return out;
    });
}

Status IsolationForest::save(std::ostream& out) const {
    return guarded("isolation forest", [&] {
        detail::writePod<std::int32_t>(out, m_columns);
        detail::writePod<double>(out, m_cPsi);
        detail::writeVector(out, m_roots);
        detail::writeVector(out, m_nodes);
    });
}

Status IsolationForest::load(std::istream& in) {
    return guarded("isolation forest model", [&] {
        const auto cols = detail::readPod<std::int32_t>(in);
        const auto cPsi = detail::readPod<double>(in);
        auto roots = detail::readVector<std::int32_t>(in);
        auto nodes = detail::readVector<Node>(in);
        const auto n = static_cast<std::int32_t>(nodes.size());
        for (auto r : roots)
            if (r < 0 || r >= n) fail(ErrorCode::Format, "corrupt tree root");
        for (std::int32_t i = 0; i < n; ++i) { // children always follow their parent: no cycles possible
            const Node& node = nodes[static_cast<std::size_t>(i)];
            if (node.feature >= cols || (node.feature >= 0 && (node.left <= i || node.left + 1 >= n)))
                fail(ErrorCode::Format, "corrupt tree node");
        }
        if (cols <= 0 || !(cPsi > 0) || roots.empty())
            fail(ErrorCode::Format, "corrupt forest header");
        m_columns = cols;
        m_cPsi = cPsi;
        m_roots = std::move(roots);
        m_nodes = std::move(nodes);
    });
}

} // namespace ds
