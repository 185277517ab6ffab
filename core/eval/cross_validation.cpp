#include "core/eval/cross_validation.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>

namespace ds {

Result<std::vector<Fold>> stratifiedKFold(std::span<const Label> labels, int k, std::uint64_t seed) {
    if (k < 2)
        return make_error(ErrorCode::InvalidArgument, "k-fold needs k >= 2");
    std::vector<int> pos, neg, unl;
    for (int i = 0; i < static_cast<int>(labels.size()); ++i)
        (labels[i] == Label::Defect ? pos : labels[i] == Label::Perfect ? neg : unl).push_back(i);
    if (static_cast<int>(pos.size()) < k || static_cast<int>(neg.size()) < k)
        return make_error(ErrorCode::InvalidArgument,
                          std::to_string(k) + "-fold cross-validation needs at least " + std::to_string(k) +
                              " defect and " + std::to_string(k) + " perfect patches (got " +
                              std::to_string(pos.size()) + " and " + std::to_string(neg.size()) + ")");
    std::mt19937_64 rng(seed);
    std::shuffle(pos.begin(), pos.end(), rng);
    std::shuffle(neg.begin(), neg.end(), rng);
    std::vector<int> foldOf(labels.size(), -1);
    for (std::size_t i = 0; i < pos.size(); ++i) foldOf[static_cast<std::size_t>(pos[i])] = static_cast<int>(i % k);
    for (std::size_t i = 0; i < neg.size(); ++i) foldOf[static_cast<std::size_t>(neg[i])] = static_cast<int>(i % k);
    std::vector<Fold> folds(static_cast<std::size_t>(k));
    for (int f = 0; f < k; ++f)
        for (int i = 0; i < static_cast<int>(labels.size()); ++i)
            (foldOf[static_cast<std::size_t>(i)] == f ? folds[f].test : folds[f].train).push_back(i);
    return folds;
}

Result<std::vector<Fold>> leaveOneImageOut(std::span<const int> imageOfRow) {
    std::map<int, int> images;
    for (int id : imageOfRow) images[id] = 0;
    if (images.size() < 2)
        return make_error(ErrorCode::InvalidArgument, "leave-one-image-out needs rows from at least two images");
    std::vector<Fold> folds;
    for (const auto& [id, unused] : images) {
        Fold f;
        for (int i = 0; i < static_cast<int>(imageOfRow.size()); ++i)
            (imageOfRow[i] == id ? f.test : f.train).push_back(i);
        folds.push_back(std::move(f));
    }
    return folds;
}

} // namespace ds
