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

/// `reeplan plan`: the plan valued in `Decimal`, converted for the renderers.
PlanResult compute_plan(const model::Plan& plan);

}  // namespace reeplan::finance
