#include "chain/balance.hpp"
#include "chain/delay.hpp"

#include "chain_invariants.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

}  // namespace

TEST_CASE("the bundled chain balances", "[chain][balance]") {
    const model::Plan plan = bundled();
    const chain::ChainBalance b = chain::balance_chain(plan, plan.project.end_year);
    test::check_invariants(plan, b);
    REQUIRE(b.years.size() == static_cast<std::size_t>(plan.project.end_year - plan.project.base_year + 1));
    // the schedule's milestone and the balance agree on the first fully domestic year
    REQUIRE(b.schedule.milestone.year);
    REQUIRE(b.first_domestic_output_year);
    CHECK(*b.first_domestic_output_year == static_cast<int>(std::floor(*b.schedule.milestone.year)));
    CHECK(b.schedule.to_milestone.size() >= 1);
    CHECK(b.schedule.to_deadline.size() >= 1);
    // every year with demand has a bottleneck
    for (const auto& y : b.years) CHECK(y.bottleneck.has_value());

    const chain::CapitalDeployment c = chain::capital_deployment(plan);
    double capex = 0;
    for (const auto& p : plan.plants) capex += p.capex_musd;
    CHECK(c.years.back().cumulative_musd + c.after_end_musd == Approx(capex));
    CHECK(c.total_musd == Approx(capex));

    const chain::DelayEffects d = chain::delay_effects(plan, plan.project.end_year);
    CHECK(d.phases.size() == plan.plants.size() * timeline::phases_per_plant);
    CHECK(d.base_independence_year == b.independence_year);
}

TEST_CASE("the bundled chain under its Dy/Tb import cut strands magnet capacity", "[chain][balance]") {
    model::Plan plan = bundled();
    io::apply_scenario(plan, "hree-imports-cut");
    const chain::ChainBalance b = chain::balance_chain(plan, plan.project.end_year);
    test::check_invariants(plan, b);
    double stranded = 0;
    for (const auto& y : b.years) stranded += y.stranded_t;
    CHECK(stranded > 0);
    bool fabrication_on_dytb = false;
    for (const auto& r : b.dependence)
        fabrication_on_dytb = fabrication_on_dytb || (r.stage == model::Stage::Fabrication && r.material == "dytb_oxide" && r.unmet_t > 0);
    CHECK(fabrication_on_dytb);
}
