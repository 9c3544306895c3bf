#pragma once
/// One-at-a-time sensitivity (tornado and spider) of any metric to any parameters, and the rank
/// correlations of the uncertain inputs with the metric over a simulation.
///
/// One-at-a-time: each parameter in turn is set to its low and its high value (and for the
/// spider to the points between), every other input at its value in the plan, no risk event;
/// this is the deterministic "what if" of the plan as written. It ignores correlations and
/// depends on the base case (the documented limits of tornado charts; e.g. Oracle Crystal Ball
/// user's guide, "Tornado Chart tool"). The rank correlations come from a simulation with every
/// input drawn and every risk sampled.

#include "model/plan.hpp"
#include "sim/engine.hpp"
#include "sim/sim_result.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace reeplan::sim {

/// A parameter and the range it is varied over.
struct VaryRange {
    std::string param;
    double lo = 0;
    double hi = 0;
};

/// Each `[[uncertain]]` input over its 10th to 90th percentile (file order).
std::vector<VaryRange> default_ranges(const model::Plan& plan);

/// The range used when `--vary PATH` gives none: a year (a path ending in "_year") ±10 years; any
/// other number from half to one and a half times its value (−1 to 1 when it is 0).
VaryRange default_range(const model::Plan& plan, const std::string& param);

struct SensitivityOptions {
    std::string metric = "chain.npv_musd";  ///< full metric path (Evaluator::index_of)
    std::vector<VaryRange> vary;            ///< empty: default_ranges()
    std::size_t spider_points = 5;          ///< points per spider line, lo to hi (the base among them)
    std::size_t paths = 1000;               ///< simulation paths for the rank correlations (0: none)
    std::uint64_t seed = 1;
    unsigned threads = 1;
    bool repair_correlation = false;
};

/// The input values of a spider line: `points` evenly spaced over [lo, hi], the one nearest the
/// base value replaced by the base value when it lies inside the range.
std::vector<double> spider_values(double lo, double hi, double base, std::size_t points);

/// Runs the analysis. The plan must have passed validation (and sim::check_setup when it has
/// correlations); the metric must exist in Evaluator::metric_names().
SensitivityResult sensitivity(const model::Plan& plan, const SensitivityOptions& options);

}  // namespace reeplan::sim
