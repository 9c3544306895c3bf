#pragma once
/// The whole plan: every plant valued in the `Decimal` engine (statements foot to the cent),
/// roots bracketed in the `double` engine, and the chain totals.

#include "chain/balance.hpp"
#include "finance/plan_result.hpp"
#include "finance/valuation.hpp"
#include "model/plan.hpp"

#include <vector>

namespace reeplan::finance {

/// The chain's mass balance for the plan's own schedule: the coupling of every plant's ledger
/// to its feed (production limited by inputs, domestic inputs before imports).
inline chain::ChainBalance plan_balance(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times) {
    const double target = plan.project.independence_target_year > 0 ? plan.project.independence_target_year
                                                                     : plan.project.end_year;
    return chain::balance_flows(plan, times, target);
}

/// Every plant of `plan` valued with the engine instantiated for T (indexed like plan.plants).
template <class T> std::vector<Valuation<T>> value_plan(const model::Plan& plan) {
    auto times_t = timeline::schedule_plants<T>(plan);
    auto times_d = timeline::schedule_plants<double>(plan);
    const chain::ChainBalance balance = plan_balance(plan, times_d);
    std::vector<Valuation<T>> out;
    out.reserve(plan.plants.size());
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        PlantLedger<double> pd(plan, i, times_d[i], &balance);
        if constexpr (std::is_same_v<T, double>) {
            out.push_back(value_plant<double>(pd, pd));
        } else {
            PlantLedger<T> pl(plan, i, times_t[i], &balance);
            out.push_back(value_plant<T>(pl, pd));
        }
    }
    return out;
}

/// What a quick valuation keeps of one plant: its free cash flows to the firm and its WACC, so
/// NPV can be recomputed at any rate (policy premia, goal seek) without rerunning the ledger.
template <class T> struct PlantFlows {
    int first_year = 0;
    std::vector<T> fcff;
    T wacc{0};
    T npv{0};  ///< at `wacc`
};

/// NPV of a plant's free cash flows at rate r, discounted per input format §2.2.
template <class T> T npv_at(const model::Project& project, const PlantFlows<T>& f, const T& r) {
    return discounted_sum(f.fcff, discount_factors<T>(project, f.first_year, f.fcff.size(), r));
}

/// Runs every plant's ledger once (no IRR, no LCOP): the fast path for repeated evaluations.
template <class T> std::vector<PlantFlows<T>> plant_flows(const model::Plan& plan) {
    auto times = timeline::schedule_plants<T>(plan);
    const chain::ChainBalance balance = plan_balance(plan, timeline::schedule_plants<double>(plan));
    std::vector<PlantFlows<T>> out(plan.plants.size());
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        PlantLedger<T> pl(plan, i, times[i], &balance);
        Ledger<T> L = pl.run(LedgerOptions<T>{});
        PlantFlows<T>& f = out[i];
        f.first_year = L.first_year;
        f.wacc = L.capital.wacc;
        for (const auto& y : L.years) f.fcff.push_back(y.fcff);
        f.npv = npv_at(plan.project, f, f.wacc);
    }
    return out;
}

/// What one year of delay of one phase does to the money: the delayed plant's NPV and the
/// chain's summed NPV against the plan as given (double engine, million nominal USD).
struct DelayNpv {
    std::size_t plant = 0;  ///< index into plan.plants
    timeline::Phase phase = timeline::Phase::Permitting;
    double plant_npv_change_musd = 0;
    double chain_npv_change_musd = 0;
};

/// For each plant and phase (plant-major, like chain::delay_effects): the NPV changes of a
/// `delay_years` longer phase, every plant revalued on the delayed plan (a delay upstream moves
/// the feed of the plants downstream through the mass balance).
std::vector<DelayNpv> delay_npv_effects(const model::Plan& plan, double delay_years = 1.0);

/// `reeplan plan`: the plan valued in `Decimal`, converted for the renderers.
PlanResult compute_plan(const model::Plan& plan);

}  // namespace reeplan::finance
