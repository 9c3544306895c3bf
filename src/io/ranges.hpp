#pragma once
/// The numeric ranges of the input format, checked on a whole plan. One checker serves the file
/// as read and the plan after scenario and `--set` overlays.

#include "model/plan.hpp"

#include <vector>

namespace reeplan::io {

/// Every value of `plan` outside its range, in plan order, each at Plan::where of its key path
/// (for a series point, of `path.YEAR` when the file gave it). Ranges (input format §1 and
/// man/reeplan.5): shares, probabilities and tax rates in [0, 1]; inflation and escalation in
/// (−0.5, 1); market rates and returns in [−0.05, 1); capacity and life > 0; money, prices and
/// durations ≥ 0; tenors whole ≥ 1; end_year > base_year; a support's end_year > start_year;
/// plant technology_premium in [0, 0.2]; capex_profile shares ≥ 0 summing to 1 (±1e-9); offtake shares of one plant summing to ≤ 1;
/// distribution parameters consistent (min ≤ mode ≤ max, min < max, sd ≥ 0, lognormal mean and
/// sd > 0, discrete probabilities summing to 1); correlation ranks in [−1, 1].
std::vector<model::Diagnostic> check_ranges(const model::Plan& plan);

}  // namespace reeplan::io
