// The only file (with cae_detector.cpp) that includes dlib/dnn.h.
#include "core/detect/dense_detector.h"

#include <algorithm>
#include <numeric>
#include <cstdlib>
#include <random>
#include <sstream>

#include <dlib/dnn.h>

namespace ds {

namespace {
using TrainNet = dlib::loss_multiclass_log_weighted<dlib::fc<2, dlib::dropout<dlib::relu<dlib::fc<32,
    dlib::dropout<dlib::relu<dlib::fc<64, dlib::input<dlib::matrix<float>>>>>>>>>>;
// Inference twin: dropout becomes a fixed multiply (dlib converts the trained net into it).
using TestNet = dlib::loss_multiclass_log_weighted<dlib::fc<2, dlib::multiply<dlib::relu<dlib::fc<32,
    dlib::multiply<dlib::relu<dlib::fc<64, dlib::input<dlib::matrix<float>>>>>>>>>>;
using Sample = dlib::matrix<float>;

std::vector<Sample> toSamples(const cv::Mat& x) {
    std::vector<Sample> out(static_cast<std::size_t>(x.rows));
    for (int r = 0; r < x.rows; ++r) {
        out[static_cast<std::size_t>(r)].set_size(x.cols, 1);
        std::copy(x.ptr<float>(r), x.ptr<float>(r) + x.cols, &out[static_cast<std::size_t>(r)](0, 0));
    }
    return out;
}

// Defect logit minus perfect logit for every sample, in batches, polling the stop token.
std::vector<float> margins(TestNet& net, const std::vector<Sample>& s, const RunControl& rc) {
    std::vector<float> out(s.size());
    const std::size_t batch = 256;
    for (std::size_t b = 0; b < s.size(); b += batch) {
        rc.throwIfStopped();
        const std::size_t e = std::min(s.size(), b + batch);
        const dlib::tensor& t = net.subnet()(s.begin() + static_cast<long>(b), s.begin() + static_cast<long>(e));
        const float* p = t.host();
        for (std::size_t i = b; i < e; ++i)
            out[i] = p[2 * (i - b) + 1] - p[2 * (i - b)];
    }
    return out;
}
} // namespace

struct DenseDetector::Net {
    TestNet net;
};

DenseDetector::DenseDetector() { initParameters(); }
DenseDetector::~DenseDetector() = default;

std::vector<ParamSpec> DenseDetector::parameters() const {
    return {{"epochs", "Max epochs", "Upper bound on training passes over the labelled patches.",
             ParamSpec::Kind::Int, 1, 10000, 200},
            {"patience", "Patience", "Stop after this many epochs without a better validation loss.",
             ParamSpec::Kind::Int, 1, 1000, 15},
            {"learning_rate", "Learning rate", "Adam step size.", ParamSpec::Kind::Real, 1e-6, 1, 1e-3},
            {"validation", "Validation fraction", "Share of each class held out for early stopping.",
             ParamSpec::Kind::Real, 0.05, 0.5, 0.2},
            {"seed", "Seed", "Random seed (split, initialisation, batch order).", ParamSpec::Kind::Int, 0, 1e9, 0}};
}

Status DenseDetector::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("dense network", [&] {
        detail::validateFeatures("dense network", features, labels);
        std::vector<int> pos, neg;
        for (int i = 0; i < static_cast<int>(labels.size()); ++i)
            if (labels[i] == Label::Defect) pos.push_back(i);
            else if (labels[i] == Label::Perfect) neg.push_back(i);
        if (pos.size() < 2 || neg.size() < 2)
            fail(ErrorCode::InvalidArgument, "the dense network is supervised: it needs at least 2 defect and 2 "
                                             "perfect labelled patches (got " + std::to_string(pos.size()) +
                                             " defect, " + std::to_string(neg.size()) + " perfect)");
        const auto seed = static_cast<std::uint64_t>(parameter("seed"));
        std::mt19937_64 rng(seed);
        std::shuffle(pos.begin(), pos.end(), rng);
        std::shuffle(neg.begin(), neg.end(), rng);
        const double vf = parameter("validation");
        std::vector<int> train, val;
        for (const auto* cls : {&pos, &neg}) {
            const std::size_t nv = std::max<std::size_t>(1, static_cast<std::size_t>(vf * cls->size()));
            val.insert(val.end(), cls->begin(), cls->begin() + static_cast<long>(nv));
            train.insert(train.end(), cls->begin() + static_cast<long>(nv), cls->end());
        }
        m_scaler.fit(features.values, train);
        const std::vector<Sample> all = toSamples(m_scaler.apply(features.values));
        // Class weights so that both classes carry equal total weight (defects are rare).
        double nPos = 0, nNeg = 0;
        for (int i : train) (labels[i] == Label::Defect ? nPos : nNeg) += 1;
        const auto weightOf = [&](int i) {
            return static_cast<float>((nPos + nNeg) / (2.0 * (labels[i] == Label::Defect ? nPos : nNeg)));
        };
        // dlib draws initial weights and dropout masks from std::rand(); seeding it here makes the
        // detector's seed reproduce a run (as long as one network is set up at a time per process).
        std::srand(static_cast<unsigned>(seed));
        TrainNet net;
        dlib::dnn_trainer<TrainNet, dlib::adam> trainer(net, dlib::adam(0.0005, 0.9, 0.999));
        trainer.set_learning_rate(parameter("learning_rate"));
        trainer.set_min_learning_rate(1e-9);
        trainer.set_mini_batch_size(32);
        trainer.set_iterations_without_progress_threshold(1000000); // we stop on validation, not on this
        trainer.be_quiet();
        const int epochs = static_cast<int>(parameter("epochs")), patience = static_cast<int>(parameter("patience"));
        double best = std::numeric_limits<double>::infinity();
        std::string bestNet;
        int sinceBest = 0;
        m_epochsRun = 0;
        for (int epoch = 0; epoch < epochs && sinceBest < patience; ++epoch) {
            std::shuffle(train.begin(), train.end(), rng);
            for (std::size_t b = 0; b < train.size(); b += 32) {
                rc.throwIfStopped();
                std::vector<Sample> xs;
                std::vector<dlib::weighted_label<unsigned long>> ys;
                for (std::size_t i = b; i < std::min(train.size(), b + 32); ++i) {
                    xs.push_back(all[static_cast<std::size_t>(train[i])]);
                    ys.emplace_back(labels[train[i]] == Label::Defect ? 1ul : 0ul, weightOf(train[i]));
                }
                trainer.train_one_step(xs, ys);
            }
            trainer.get_net(dlib::force_flush_to_disk::no); // waits for the queued steps
            net.clean();
            TestNet probe = net;
            std::vector<Sample> vs;
            for (int i : val) vs.push_back(all[static_cast<std::size_t>(i)]);
            const auto m = margins(probe, vs, rc);
            double loss = 0; // class-weighted validation log loss
            for (std::size_t i = 0; i < val.size(); ++i) {
                const bool defect = labels[val[i]] == Label::Defect;
                const double z = defect ? m[i] : -m[i];
                loss += weightOf(val[i]) * (z > 0 ? std::log1p(std::exp(-z)) : -z + std::log1p(std::exp(z)));
            }
            ++m_epochsRun;
            if (loss < best - 1e-9) {
                best = loss;
                sinceBest = 0;
                std::ostringstream os;
                dlib::serialize(probe, os);
                bestNet = os.str();
            } else {
                ++sinceBest;
            }
            rc.progress(static_cast<double>(epoch + 1) / epochs, "dense network: training");
        }
        auto result = std::make_unique<Net>();
        std::istringstream is(bestNet);
        dlib::deserialize(result->net, is);
        m_net = std::move(result);
        m_columns = features.cols();
        rc.progress(1, "dense network: training");
    });
}

Result<std::vector<float>> DenseDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("dense network", [&]() -> std::vector<float> {
        if (!m_net)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("dense network", features, {});
        if (features.cols() != m_columns)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_columns) + " features, got " +
                                                 std::to_string(features.cols()));
        TestNet net = m_net->net; // forward passes mutate layer outputs: keep score() const-safe
        auto out = margins(net, toSamples(m_scaler.apply(features.values)), rc);
        rc.progress(1, "dense network: scoring");
        return out;
    });
}

Status DenseDetector::save(std::ostream& out) const {
    return guarded("dense network", [&] {
        if (!m_net)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::writePod<std::int32_t>(out, m_columns);
        m_scaler.save(out);
        std::ostringstream os;
        dlib::serialize(m_net->net, os);
        detail::writeString(out, os.str());
    });
}

Status DenseDetector::load(std::istream& in) {
    return guarded("dense network model", [&] {
        const auto cols = detail::readPod<std::int32_t>(in);
        detail::Standardiser s;
        s.load(in);
        const std::string blob = detail::readString(in);
        if (cols <= 0 || static_cast<int>(s.mean.size()) != cols || s.invSd.size() != s.mean.size())
            fail(ErrorCode::Format, "corrupt header");
        auto net = std::make_unique<Net>();
        std::istringstream is(blob);
        try {
            dlib::deserialize(net->net, is);
        } catch (const dlib::serialization_error& e) {
            fail(ErrorCode::Format, std::string("stored network is unreadable: ") + e.what());
        }
        m_columns = cols;
        m_scaler = std::move(s);
        m_net = std::move(net);
    });
}

} // namespace ds
