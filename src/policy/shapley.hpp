#pragma once
/// Shapley attribution of a value over subsets of players (here: the premium over subsets of
/// risks). L. S. Shapley, "A value for n-person games", 1953; the permutation estimator of
/// J. Castro, D. Gómez, J. Tejada, *Computers & Operations Research* 36(5), 2009.

#include "finance/outcome.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::policy {

/// A subset of at most 64 players, player k in bit k.
using Coalition = std::uint64_t;

/// The value of a coalition, or std::nullopt when it has none (a premium without a root).
using CoalitionValue = std::function<std::optional<double>(Coalition)>;

/// Exact Shapley values φ_k = Σ_{S ⊆ N∖{k}} |S|!(n − |S| − 1)!/n! · (v(S ∪ {k}) − v(S)) over
/// n ≤ 20 players; Σ φ_k = v(N) − v(∅). A coalition without a value makes the whole
/// attribution fail with a reason naming it (players named by `names`, else by number).
finance::Outcome<std::vector<double>> shapley_exact(int n, const CoalitionValue& v, const std::vector<std::string>& names = {});

/// Shapley values estimated from `permutations` random orders of the players (seeded by
/// `seed`, each order a pure function of (seed, index)): φ_k is the mean marginal contribution
/// of k when it joins the players before it. Each order's contributions telescope to
/// v(N) − v(∅), so the estimates sum to it as well.
finance::Outcome<std::vector<double>> shapley_sampled(int n, const CoalitionValue& v, int permutations, std::uint64_t seed,
                                                      const std::vector<std::string>& names = {});

}  // namespace reeplan::policy
