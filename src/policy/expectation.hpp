#pragma once
/// Expected plant NPVs over the outcomes of a subset of the plan's risks, by exact enumeration
/// or by seeded sampling, with the plant's base (riskless) flows beside them.
///
/// Risks are independent, and a plant's ledger sees only the risks that touch it
/// (policy::touched_plants), so E[NPV_i] over all risks equals E[NPV_i] over the touching
/// risks alone. Each plant is therefore valued over the joint outcomes of its own risks: exact
/// enumeration when the product of their outcome counts is at most the enumeration limit
/// (kEnumerationLimit by default), seeded sampling otherwise; a plant no risk touches keeps its
/// base ledger. The chain's E[NPV] is the sum over plants; sampled plants share paths (the draws
/// of a risk on a path are a pure function of seed, path and risk id), so the chain's standard
/// error comes from the per-path sums.
///
/// Each outcome is applied to one working copy of the plan and undone after (restore_risk), and
/// only the plant in question is run through finance::PlantLedger, exactly as
/// finance::plant_flows runs it: NPV of its FCFF at the WACC of that outcome's ledger.

#include "chain/chain_result.hpp"
#include "finance/plan_finance.hpp"
#include "model/plan.hpp"
#include "policy/outcomes.hpp"
#include "policy/shapley.hpp"
#include "timeline/schedule.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::policy {

/// Joint outcomes enumerated exactly at most (the product of the outcome counts of the risks
/// that touch a plant); beyond it, sampling.
inline constexpr double kEnumerationLimit = 4096;
/// Default number of sampled paths.
inline constexpr std::size_t kSamplePaths = 2000;
/// Default number of sampled paths used for the risk-adjusted LCOP of a sampled plant (each
/// step of the root search revalues every path).
inline constexpr std::size_t kLcopPaths = 250;

struct EngineOptions {
    std::uint64_t seed = 1;
    std::size_t sample_paths = kSamplePaths;
    double enumeration_limit = kEnumerationLimit;
    std::size_t lcop_paths = kLcopPaths;
};

/// E[NPV] of one plant over the outcomes of some risks.
struct PlantExpectation {
    double mean = 0;             ///< E[NPV], million USD (at each outcome's own WACC)
    double standard_error = 0;   ///< of `mean`; 0 when enumerated
    bool sampled = false;
    std::size_t outcomes = 1;    ///< joint outcomes enumerated, or paths sampled
    std::vector<double> path_values;  ///< NPV on each path, when sampled
};

class RiskEngine {
public:
    using Cache = std::map<std::string, PlantExpectation>;

    /// Values every plant of `plan` once without risk. `cache` may be shared between engines on
    /// plans that differ only in which supports their reversals end (grandfathering).
    RiskEngine(const model::Plan& plan, EngineOptions options, std::shared_ptr<Cache> cache = nullptr);

    const model::Plan& plan() const { return plan_; }
    std::size_t plant_count() const { return plan_.plants.size(); }
    std::size_t risk_count() const { return risk_count_; }
    /// The risks (bit k: plan.risks[k]) that can change plant i.
    Coalition touch(std::size_t plant) const { return touch_[plant]; }
    /// The plant's flows without risk (finance::plant_flows).
    const finance::PlantFlows<double>& base(std::size_t plant) const { return base_[plant]; }
    /// Whether plant i over `active` is enumerated exactly, and over how many joint outcomes.
    bool enumerated(std::size_t plant, Coalition active) const;
    double outcome_count(std::size_t plant, Coalition active) const;

    /// E[NPV_i] with the risks in `active` in force (the others' probabilities set to zero).
    const PlantExpectation& expectation(std::size_t plant, Coalition active);

    /// The constant real price of the plant's output (base-year USD/kg, escalated by inflation)
    /// at which E[NPV_i] over `active` is zero (the risk-adjusted LCOP; `active` = 0 gives the
    /// LCOP of input format §2.8 with supports). A sampled plant uses its first
    /// `lcop_paths` paths. No root: std::nullopt and `note`.
    std::optional<double> lcop(std::size_t plant, Coalition active, std::string& note);

    /// NPV of plant i's ledger on the plan with the outcomes in `joint` applied (the fast path
    /// of finance::plant_flows; exposed for tests).
    double npv_of_outcome(std::size_t plant, const JointOutcome& joint);

private:
    /// `effective`: the risks whose outcome changed the plant's ledger inputs on this outcome.
    using Visit = std::function<void(double weight, std::size_t index, Coalition effective)>;
    /// A reversal at t changes plant i only if t < before or t ≤ until.
    struct Horizon {
        double before = -1e300;
        double until = -1e300;
    };
    void for_each_outcome(std::size_t plant, Coalition mask, std::size_t max_paths, const Visit& visit);
    double evaluate(std::size_t plant, const std::optional<double>& price,
                    chain::ChainBalance* cached = nullptr) const;
    std::string signature(std::size_t plant, Coalition mask) const;
    const std::vector<WeightedOutcome>& outcomes_of(std::size_t risk);

    model::Plan plan_;  // as given
    model::Plan work_;  // outcomes applied here and undone
    EngineOptions opt_;
    std::size_t risk_count_ = 0;
    std::vector<finance::PlantFlows<double>> base_;
    std::vector<timeline::PhaseTimes<double>> base_times_, times_;
    chain::ChainBalance base_balance_;  ///< the mass balance of the plan without risk
    std::vector<Coalition> touch_;
    std::vector<std::vector<Horizon>> horizon_;  // [risk][plant]
    std::vector<double> counts_;
    std::vector<std::optional<std::vector<WeightedOutcome>>> enumerated_;
    std::shared_ptr<Cache> cache_;
};

}  // namespace reeplan::policy
