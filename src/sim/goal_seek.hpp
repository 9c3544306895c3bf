#pragma once
/// Goal seek: the value of one parameter at which a metric meets a target — the floor price that
/// gives a 12 % IRR, the grant that makes NPV zero, the start year that makes the chain
/// independent by a date.
///
/// The metric is evaluated at both ends of the range first; without a sign change of
/// (metric − target) there is no bracketed root and the result says so with both values (the
/// house rule for solvers: bracket first, a missing root is a value). Inside the bracket Brent's
/// method (finance::brent) narrows it to 1e-9 of the range. A metric that is a step function of
/// the parameter (a year) has no exact root: the search then converges on the jump, and the
/// result says the metric jumps across the target there.

#include "model/plan.hpp"
#include "sim/sim_result.hpp"

#include <string>

namespace reeplan::sim {

struct SolveOptions {
    std::string param;
    double lo = 0, hi = 0;
    std::string metric;  ///< full metric path (Evaluator::index_of)
    double target = 0;
};

/// Runs the search. The plan must have passed validation; the metric must be a known metric.
SolveResult solve(const model::Plan& plan, const SolveOptions& options);

}  // namespace reeplan::sim
