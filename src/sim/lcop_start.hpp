#pragma once
/// Where a Monte Carlo path's LCOP searches begin: a first-order model, fitted once per
/// simulation, of how far each LCOP moves from the plan the Evaluator was built from (every input
/// at its centre c_j) with the path's inputs x_j: shift = Σ_j g_j (x_j − c_j), g_j the secant
/// slope of the LCOP between the input's values lo and hi, the other inputs at their centres (a
/// one-at-a-time finite difference; A. Saltelli et al., *Global Sensitivity Analysis: The
/// Primer*, Wiley 2008, §1.2.1). It only moves where a search begins (Evaluator::evaluate's
/// start shifts): each search still runs to its own tolerance (finance::detail::lcop_near), so
/// the model's error, and what the risk events it leaves out do, cost ledger runs, never
/// accuracy.
///
/// The model also follows the plan's risks (`[[risk]]`), which move some LCOPs far: the end of a
/// price floor, a supply shock on an input, a delay. Each risk adds a term fitted on the centre
/// plan by applying one outcome at a time and taking the LCOP's change, Δ = LCOP(centre with the
/// outcome) − LCOP(centre): a reversal, a shift per date at which the supports end; a supply
/// restriction, a shift per year in which an event starts, summed over a path's event years; a
/// delay, the shift at each enumerated delay, joined by straight lines from no delay (and the
/// last segment's line beyond the last). A path's shift is the sum of its inputs' and its risk
/// outcomes' terms.

#include "model/plan.hpp"
#include "policy/outcomes.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::sim {

/// An uncertain input as the model follows it: its parameter path, its value in the centre plan,
/// and two values either side.
struct InputSpread {
    std::string param;
    double center = 0, lo = 0, hi = 0;
};

class LcopStartModel {
public:
    /// No model: every shift 0.
    LcopStartModel() = default;

    /// Fits the model on `center`, which must hold every input at its centre: per input with
    /// lo < hi, the plan with the input at lo and at hi. A slope is 0 where either LCOP does not
    /// exist or the difference is not finite.
    LcopStartModel(const model::Plan& center, const std::vector<InputSpread>& inputs);

    bool empty() const { return searches_ == 0; }
    /// Searches per evaluation: 2 × plants (with supports, then without, per plant).
    std::size_t searches() const { return searches_; }

    /// The shifts of one path into `shifts` (searches() entries), `inputs` its input values (one
    /// per InputSpread).
    void shifts(const double* inputs, double* shifts) const;

    /// Adds to `shifts` (searches() entries) the terms of a path's risk outcomes, `outcomes[k]`
    /// the outcome of the centre plan's k-th risk.
    void add_risk_shifts(const policy::RiskOutcome* outcomes, double* shifts) const;

    /// The slope of search `search` in input `input`.
    double slope(std::size_t search, std::size_t input) const { return gradient_[search * center_.size() + input]; }

    /// The shift of search `search` when entry `entry` of risk `risk` happens alone: the date
    /// (reversal), event year (supply restriction) or delay of that index.
    double risk_shift(std::size_t risk, std::size_t search, std::size_t entry) const {
        const RiskTerm& t = risks_[risk];
        return t.shift[search * t.entries + entry];
    }

private:
    /// One risk's term: its entries (a reversal's dates, a supply restriction's event years from
    /// first_year on, a delay's enumerated delays) and each search's shift per entry.
    struct RiskTerm {
        model::RiskKind kind = model::RiskKind::Reversal;
        std::vector<double> dates;  ///< reversal: the effective years; delay: the delays (increasing)
        int first_year = 0;         ///< supply restriction: the event year of entry 0
        std::size_t entries = 0;
        std::vector<double> shift;  ///< [search × entries + entry]
    };

    std::size_t searches_ = 0;
    std::vector<double> center_;    ///< per input
    std::vector<double> gradient_;  ///< [search × inputs + input]
    std::vector<RiskTerm> risks_;   ///< per risk of the centre plan
};

}  // namespace reeplan::sim
