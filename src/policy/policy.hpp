#pragma once
/// `compute_policy`: the premium on the cost of capital implied by the plan's policy risks, per
/// plant and for the chain, its attribution to the risks, the hazard approximations beside it,
/// how it moves when risks or grandfathering are switched off, and the investment-timing hurdle.
/// The rules are stated in policy/outcomes.hpp and policy/expectation.hpp, and one sentence each
/// in PolicyResult::notes.

#include "model/plan.hpp"
#include "policy/expectation.hpp"
#include "policy/policy_result.hpp"

#include <cstdint>
#include <optional>

namespace reeplan::policy {

/// Default σ of project value for the hurdle (finance-methods §2.2, the rare-earth-like case)
/// until the plan carries `finance.value_volatility`.
inline constexpr double kDefaultValueVolatility = 0.35;
/// Risks at most for exact Shapley values (2^n premia); beyond, sampled permutations.
inline constexpr int kExactShapleyRisks = 10;

struct PolicyOptions {
    std::uint64_t seed = 1;                        ///< keys every sampled draw
    std::size_t sample_paths = kSamplePaths;       ///< paths when a plant's risks are sampled
    double enumeration_limit = kEnumerationLimit;  ///< joint outcomes enumerated at most
    std::size_t lcop_paths = kLcopPaths;           ///< paths for a sampled plant's risk-adjusted LCOP
    int shapley_permutations = 1000;               ///< orders sampled beyond kExactShapleyRisks risks
    std::optional<double> value_volatility;        ///< σ for the hurdle; kDefaultValueVolatility if absent
};

/// Everything in PolicyResult for `plan`. Pure: no I/O, no clock; the same plan and options give
/// the same result. Never throws for a value that does not exist (it is std::nullopt with a
/// reason); a plan with more than 64 risks uses the first 64 and says so in `notes`.
PolicyResult compute_policy(const model::Plan& plan, const PolicyOptions& options = {});

}  // namespace reeplan::policy
