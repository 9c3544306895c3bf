#pragma once
/// The outcomes of the plan's policy risks (`[[risk]]`, input format §3 "Risk kinds"), each with
/// its probability, drawn on a sampled path, and applied to a copy of the plan.
///
/// Rules (repeated one sentence each in PolicyResult::notes):
///  - reversal at elections {first_year, every_years} with probability p per election: elections
///    fall at first_year + k·every_years for every such year in [base_year, end_year) (an
///    election before the base year has happened, and its result is part of the plan as
///    written). The supports end for good at the first reversing election; the k-th election
///    (k from 0) is the first to reverse with probability (1 − p)^k·p, none reverses with
///    (1 − p)^K. A reversal decided at the election of year Y takes effect at Y + 1.0: the
///    inauguration is on 20 January of Y + 1 (Y + 1.05 as a decimal year), rounded down to the
///    start of that year, so a reversal costs at most 19 days of support more than it would.
///  - reversal with annual_probability q: it takes effect at the start of year y with
///    probability (1 − q)^(y − base_year)·q, for y = base_year … end_year − 1.
///  - a reversal ends each named support that is not grandfathered: end_year becomes
///    min(end_year, t). Supports paid once are lost only if not yet paid: a grant or public
///    equity whose `year` is at or after t is cancelled; a loan or loan guarantee is a signed
///    contract from its start_year, so it is cancelled only when start_year ≥ t.
///  - supply_restriction: in each year y of [base_year, end_year) an event starts at y.0 with
///    probability q, independently, and adds the shock {material, y, y + duration_years,
///    available_share, price_multiplier} to plan.shocks (2^years outcomes).
///  - delay: with probability p the named phase of each named plant lasts delay_years longer
///    (a negative draw of an unbounded distribution counts as no delay). The phase is lengthened
///    by the rule of timeline::delay_phase (a table ramp is held at its first entry for the
///    delay, any part of a year). Plants that follow the delayed phase (`after`) move with it
///    through the schedule.

#include "model/plan.hpp"
#include "timeline/schedule.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace reeplan::policy {

/// Years from an election to the day its result takes effect (20 January of the next year,
/// rounded down to 1 January; see above).
inline constexpr double kInaugurationLag = 1.0;

/// What one risk did on one outcome.
struct RiskOutcome {
    bool occurs = false;           ///< the reversal, delay or at least one restriction happened
    double effective_year = 0;     ///< reversal: when the supports end (decimal year)
    double delay_years = 0;        ///< delay: years added to the phase
    std::vector<int> event_years;  ///< supply restriction: the years an event starts in
};

/// One outcome of one risk in exact enumeration.
struct WeightedOutcome {
    RiskOutcome outcome;
    double probability = 0;
};

/// One outcome of every risk of a plan (indexed like plan.risks; a missing entry means the
/// risk did nothing), with its probability (1/paths on a sampled path).
struct JointOutcome {
    std::vector<RiskOutcome> by_risk;
    double probability = 1.0;
};

/// Election years of a reversal risk in [base_year, end_year); empty for an annual reversal.
std::vector<double> election_years(const model::Plan& plan, const model::Risk& risk);

/// Years in which a yearly event may start: base_year … end_year − 1.
std::vector<int> event_years(const model::Plan& plan);

/// The supports a reversal ends: its `supports` less its `grandfathered`.
std::vector<std::string> reversed_supports(const model::Risk& risk);

/// Number of outcomes of positive probability the risk has in exact enumeration, as a double
/// (a supply restriction over 30 years has 2^30).
double outcome_count(const model::Plan& plan, const model::Risk& risk);

/// Every outcome of positive probability, the probabilities summing to 1. A delay whose length
/// is a distribution enumerates the points of policy::enumeration_points (five equally likely
/// quantiles). Call only when outcome_count() is small: a supply restriction enumerates
/// 2^years outcomes.
std::vector<WeightedOutcome> enumerate_risk(const model::Plan& plan, const model::Risk& risk);

/// The outcome of `risk` on sampled path `path`: a pure function of (seed, path, risk id), so
/// a path is the same whichever other risks are active. Delays are drawn exactly from their
/// distribution.
RiskOutcome sample_risk(const model::Plan& plan, const model::Risk& risk, std::uint64_t seed, std::uint64_t path);

/// Applies one risk's outcome to `plan` in place (see the rules above). Nothing happens when the
/// outcome does not occur.
void apply_risk_outcome(model::Plan& plan, const model::Risk& risk, const RiskOutcome& outcome);

/// Undoes apply_risk_outcome(): copies back from `base` (the plan before any outcome) every
/// field that `risk` may change. Shocks are cut back to those of `base`.
void restore_risk(model::Plan& plan, const model::Plan& base, const model::Risk& risk);

namespace detail {

/// What a risk's draw reads of a plan: the reversal dates with the running sum of their
/// probabilities, and the years in which a yearly event may start.
struct DrawTables {
    std::vector<double> dates, cumulative;
    std::vector<int> years;
};

/// What a risk names in a plan, by index: the supports a reversal ends (plan.supports), the
/// plants a delay delays (plan.plants) and the phase it lengthens (`phase_ok`: the phase parses).
struct Named {
    std::vector<std::size_t> supports, plants;
    bool phase_ok = false;
    timeline::Phase phase{};
};

}  // namespace detail

/// sample_risk, apply_risk_outcome and restore_risk for one risk, prepared for drawing many
/// paths on copies of one plan: the risk's stream key, the supports and plants it names (found
/// by index rather than by name on every path), and its reversal dates with their probabilities
/// and its event years, found again only when the fields they follow (the project's years, the
/// risk's elections and probabilities, which a path's uncertain inputs may set) change. The
/// same outcomes and the same changes to the plan, to the bit. Every plan passed in must be a
/// copy of the one the sampler was built on (the same risks, supports and plants in the same
/// order); the risk's fields are read from the plan passed in.
class RiskSampler {
public:
    RiskSampler(const model::Plan& plan, std::size_t risk);

    /// sample_risk(plan, plan.risks[risk], seed, path) into `out`, reusing its storage.
    void sample(const model::Plan& plan, std::uint64_t seed, std::uint64_t path, RiskOutcome& out);
    /// apply_risk_outcome(plan, plan.risks[risk], outcome).
    void apply(model::Plan& plan, const RiskOutcome& outcome) const;
    /// restore_risk(plan, base, plan.risks[risk]).
    void restore(model::Plan& plan, const model::Plan& base) const;

private:
    /// Brings the dates and years up to the fields of `plan`.
    void refresh(const model::Plan& plan);

    std::size_t risk_;
    std::uint64_t key_ = 0;
    detail::Named named_;
    /// the fields the tables follow, as of the last refresh
    std::array<double, 7> follows_{};
    bool fresh_ = false;
    detail::DrawTables tables_;
};

/// A copy of `plan` with one joint outcome applied (risks taken from plan.risks).
model::Plan apply_outcome(const model::Plan& plan, const JointOutcome& outcome);

/// Which plants (indexed like plan.plants) the risk can change: for a reversal, the plants its
/// reversed supports name (a tariff without `plants` reaches every plant); for a supply
/// restriction, the plants with the material among their inputs; for a delay, the named plants
/// and every plant that follows (`after`) a phase the delay moves, transitively.
std::vector<bool> touched_plants(const model::Plan& plan, const model::Risk& risk);

}  // namespace reeplan::policy
