#include "model/params.hpp"

#include <catch2/catch.hpp>

using namespace reeplan::model;

TEST_CASE("parameter paths name numbers and series of the plan", "[model][params]") {
    Plan plan;
    Material m;
    m.id = "ndpr_oxide";
    m.market_price_usd_per_kg = Series(75.0);
    plan.materials.push_back(m);
    Plant p;
    p.id = "sep-1";
    p.capex_musd = 700;
    p.inputs["mixed_concentrate"] = 6.4;
    plan.plants.push_back(p);
    Support s;
    s.id = "dod-floor";
    s.end_year = 2036;
    plan.supports.push_back(s);

    auto capex = resolve_param(plan, "plant.sep-1.capex_musd");
    REQUIRE(capex);
    capex.set(900);
    CHECK(plan.plants[0].capex_musd == Approx(900));

    auto price = resolve_param(plan, "materials.ndpr_oxide.market_price_usd_per_kg");
    REQUIRE(price.series);
    price.set(90);
    CHECK(plan.materials[0].market_price_usd_per_kg.at(2030) == Approx(90));

    CHECK(resolve_param(plan, "support.dod-floor.end_year"));
    CHECK(resolve_param(plan, "plant.sep-1.schedule.construction_years"));
    CHECK(resolve_param(plan, "plant.sep-1.financing.debt_share"));
    CHECK(resolve_param(plan, "plant.sep-1.inputs.mixed_concentrate"));
    CHECK_FALSE(resolve_param(plan, "plant.sep-2.capex_musd"));
    CHECK_FALSE(resolve_param(plan, "plant.sep-1.capex"));
    CHECK_FALSE(resolve_param(plan, "finance"));

    auto all = param_paths(plan);
    CHECK(std::find(all.begin(), all.end(), "plant.sep-1.capex_musd") != all.end());
    CHECK(std::is_sorted(all.begin(), all.end()));
}
