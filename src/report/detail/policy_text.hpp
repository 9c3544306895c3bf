#pragma once
/// The views of `reeplan premium` other than JSON (private to src/report/), and the sentences
/// that derive its numbers, shared by the table and Markdown views.

#include "policy/policy_result.hpp"
#include "report/render.hpp"

#include <string>
#include <vector>

namespace reeplan::report::detail {

/// One sentence per kind of number in the report, worked with the chain's values (and, for the
/// LCOP and the hurdle, the first plant that has them).
std::vector<std::string> premium_derivations(const policy::PolicyResult& result);

std::string premium_table(const policy::PolicyResult& result, const RunInfo& info, bool color);
std::string premium_markdown(const policy::PolicyResult& result, const RunInfo& info);
std::string premium_csv(const policy::PolicyResult& result);

}  // namespace reeplan::report::detail
