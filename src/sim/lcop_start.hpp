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

#include "model/plan.hpp"

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

    /// The slope of search `search` in input `input`.
    double slope(std::size_t search, std::size_t input) const { return gradient_[search * center_.size() + input]; }

private:
    std::size_t searches_ = 0;
    std::vector<double> center_;    ///< per input
    std::vector<double> gradient_;  ///< [search × inputs + input]
};

}  // namespace reeplan::sim
