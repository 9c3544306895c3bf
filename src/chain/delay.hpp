#pragma once
/// Delay economics of the build-out: what one phase taking longer does to the chain's first
/// fully domestic output and its independence year, and the capital the build-out deploys by
/// year and stage. Money is real base-year million USD. The NPV effect of each delay belongs to
/// finance, which can rerun its ledgers on the same delayed plan (delayed_plan below).

#include "chain/chain_result.hpp"
#include "model/plan.hpp"
#include "timeline/schedule.hpp"

namespace reeplan::chain {

/// A copy of `plan` with one phase of one plant longer by `delay_years`, by the rule of
/// timeline::delay_phase (a table ramp is held at its first entry that much longer).
model::Plan delayed_plan(const model::Plan& plan, std::size_t plant, timeline::Phase phase, double delay_years);

/// For each plant and each phase (plant-major), the first fully domestic output year and the
/// independence year with that phase `delay_years` longer (balance_flows on delayed_plan),
/// with the shifts against the plan as given and the phase's total float against
/// `independence_target_year`. Throws model::InputError as balance_chain does.
DelayEffects delay_effects(const model::Plan& plan, double independence_target_year, double delay_years = 1.0);

/// Capex by calendar year and stage: capex_musd × timeline::capex_share_in over [y, y+1), real
/// base-year MUSD (no inflation), with the running total and the peak year.
CapitalDeployment capital_deployment(const model::Plan& plan);

/// The same for given phase times (indexed like plan.plants).
CapitalDeployment capital_deployment(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times);

}  // namespace reeplan::chain
