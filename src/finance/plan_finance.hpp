#pragma once
/// The whole plan: every plant valued in the `Decimal` engine (statements foot to the cent),
/// roots bracketed in the `double` engine, and the chain totals.

#include "finance/plan_result.hpp"
#include "finance/valuation.hpp"
#include "model/plan.hpp"

#include <vector>

namespace reeplan::finance {

/// Every plant of `plan` valued with the engine instantiated for T (indexed like plan.plants).
template <class T> std::vector<Valuation<T>> value_plan(const model::Plan& plan) {
    auto times_t = timeline::schedule_plants<T>(plan);
    std::vector<Valuation<T>> out;
    out.reserve(plan.plants.size());
    if constexpr (std::is_same_v<T, double>) {
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            PlantLedger<double> pl(plan, i, times_t[i]);
            out.push_back(value_plant<double>(pl, pl));
        }
    } else {
        auto times_d = timeline::schedule_plants<double>(plan);
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            PlantLedger<T> pl(plan, i, times_t[i]);
            PlantLedger<double> pd(plan, i, times_d[i]);
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
    std::vector<PlantFlows<T>> out(plan.plants.size());
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        PlantLedger<T> pl(plan, i, times[i]);
        Ledger<T> L = pl.run(LedgerOptions<T>{});
        PlantFlows<T>& f = out[i];
        f.first_year = L.first_year;
        f.wacc = L.capital.wacc;
        for (const auto& y : L.years) f.fcff.push_back(y.fcff);
        f.npv = npv_at(plan.project, f, f.wacc);
    }
    return out;
}

/// `reeplan plan`: the plan valued in `Decimal`, converted for the renderers.
PlanResult compute_plan(const model::Plan& plan);

}  // namespace reeplan::finance
