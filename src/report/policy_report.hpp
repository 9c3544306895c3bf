#pragma once
/// Renderers of `reeplan premium`: the policy-risk premium of every plant and of the chain, its
/// attribution to the risks, the hazard approximations beside it, how it moves when risks or
/// grandfathering are switched off, and the investment-timing hurdle, each with the sentence
/// that derives it. Each returns the whole report as a string; only src/cli/ prints.

#include "policy/policy_result.hpp"
#include "report/render.hpp"

#include <string>

namespace reeplan::report {

/// `format`: table | json | csv | markdown. The table is readable at 100 columns (premia in
/// basis points, money in million USD with one decimal); `color` only for the table.
/// JSON: {reeplan_version, output_format, input, scenario, sets, policy} with the `policy` block
/// of the output contract (report/detail/policy_json.hpp) in full precision, null with a
/// sentence in the nearest `notes` for what does not exist. CSV: long format
/// `entity,risk,metric,value` (entity a plant id or "chain"; risk empty where it does not
/// apply; rows of values that do not exist are left out). Markdown: the table's sections as
/// GitHub tables. Throws std::invalid_argument for another format.
std::string render_premium(const policy::PolicyResult& result, const RunInfo& info, const std::string& format,
                           bool color = false);

/// The JSON view alone (render_premium with "json").
std::string render_premium_json(const policy::PolicyResult& result, const RunInfo& info);

}  // namespace reeplan::report
