#pragma once
// The small separation plant the finance and policy tests build their plans around.

#include "model/plan.hpp"

#include <string>

namespace plan_fixtures {

using namespace reeplan;

/// A material priced at a constant `price_usd_per_kg`.
inline model::Material priced(const std::string& id, double price_usd_per_kg) {
    model::Material m;
    m.id = id;
    m.market_price_usd_per_kg = model::Series(price_usd_per_kg);
    return m;
}

/// "sep-1": 2,000 t/yr of oxide from 6 kg of ore per kg, 600 MUSD of capex, 20 MUSD/yr fixed
/// and 10 USD/kg variable opex, a 20-year life, free to start in 2026; everything else as the
/// model's defaults, for each test to set.
inline model::Plant separation_plant() {
    model::Plant p;
    p.id = "sep-1";
    p.output = "oxide";
    p.capacity_tpy = 2000;
    p.inputs["ore"] = 6.0;
    p.capex_musd = 600;
    p.fixed_opex_musd = 20;
    p.variable_opex_usd_per_kg = 10;
    p.life_years = 20;
    p.schedule.earliest_start_year = 2026;
    return p;
}

}  // namespace plan_fixtures
