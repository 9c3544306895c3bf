#pragma once
/// `reeplan compare`: key metrics of several scenarios side by side, with deltas from the first.

#include "finance/plan_result.hpp"
#include "report/render.hpp"

#include <string>
#include <vector>

namespace reeplan::report {

/// `format`: table | json | csv | markdown. Rates' deltas are in basis points in the table and
/// Markdown views, plain fractions in JSON and CSV.
std::string render_compare(const std::vector<finance::PlanResult>& runs, const RunInfo& info, const std::string& format);

}  // namespace reeplan::report
