#pragma once
/// Renderers of `reeplan wacc`: each plant's cost of capital as a waterfall in basis points,
/// from the risk-free rate through the cost of equity, the cost of debt and the WACC, with the
/// policy premium π as a last step (WACC + π, the policy-adjusted discount rate), and the
/// inputs behind it. Each returns the whole report as a string; only src/cli/ prints.

#include "finance/plan_result.hpp"
#include "model/plan.hpp"
#include "policy/policy_result.hpp"
#include "report/render.hpp"

#include <string>

namespace reeplan::report {

/// `format`: table | json | csv | markdown. `plan` gives the waterfalls (indexed like
/// `input.plants`), `policy` the premia (indexed alike), `input` the plan-wide inputs (beta
/// method, contract and debt betas). Steps are in basis points with one decimal in the table and
/// Markdown (readable at 100 columns), plain fractions in full precision in JSON and CSV (`bp`
/// fields are basis points). A plant without π shows "-" (null in JSON, with the reason in
/// `notes.policy_premium`). CSV is long format `plant,part,item,bp,value`: the plant's inputs
/// (part "input", bp empty), then each step with its running value, then the policy premium
/// (part "policy"). `color` only for the table. Throws std::invalid_argument for another format.
std::string render_wacc(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                        const RunInfo& info, const std::string& format, bool color = false);

}  // namespace reeplan::report
