#pragma once
/// The views of `reeplan wacc` (private to src/report/), and what they share.

#include "finance/plan_result.hpp"
#include "model/plan.hpp"
#include "policy/policy_result.hpp"
#include "report/render.hpp"

#include <optional>
#include <string>

namespace reeplan::report::detail {

/// "hamada" | "harris-pringle" | "miles-ezzell" (the input format's names).
const char* beta_method_name(model::BetaMethod m);

/// The policy premium of plant `id`, and why there is none.
struct PlantPremium {
    std::optional<double> premium;
    std::string note;
};
PlantPremium premium_of(const policy::PolicyResult& policy, const std::string& id);

/// The step of the commercial lender's spread over the risk-free rate ("commercial spread" or
/// "default spread"), basis points; none when the waterfall has neither.
std::optional<double> spread_bp(const finance::CostOfCapital& c);

std::string wacc_table(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                       const RunInfo& info, bool color);
std::string wacc_markdown(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                          const RunInfo& info);

}  // namespace reeplan::report::detail
