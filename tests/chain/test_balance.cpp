#include "chain/balance.hpp"

#include "chain_fixtures.hpp"
#include "chain_invariants.hpp"
#include "model/error.hpp"

#include <catch2/catch.hpp>

using namespace reeplan;
using chain::ChainBalance;
using chain::ChainYear;
using model::Stage;

namespace {

const ChainYear& year(const ChainBalance& b, int y) { return b.years.at(static_cast<std::size_t>(y - b.first_year)); }

std::size_t mat(const ChainBalance& b, const std::string& id) {
    for (std::size_t k = 0; k < b.materials.size(); ++k)
        if (b.materials[k] == id) return k;
    FAIL("no material " << id);
    return 0;
}

/// ore -> oxide (refinery) -> magnet (fabricator), 1 kg per kg at each step; both plants run
/// at full capacity from 1 January 2028.
model::Plan one_to_one(double demand) {
    model::Plan p = test::plan(2026, 2035, "magnet");
    p.materials = {test::material("ore", false, 2), test::material("oxide", true, 50), test::material("magnet", true, 100, demand)};
    p.plants.push_back(test::plant("ref", Stage::Refining, "oxide", 1000, {{"ore", 1.0}}, 200, 2026));
    p.plants.push_back(test::plant("fab", Stage::Fabrication, "magnet", 1000, {{"oxide", 1.0}}, 500, 2026));
    return p;
}

/// Every field of two balances, compared exactly.
void check_same(const ChainBalance& a, const ChainBalance& b) {
    CHECK(a.first_year == b.first_year);
    CHECK(a.last_year == b.last_year);
    CHECK(a.final_product == b.final_product);
    CHECK(a.independence_target == b.independence_target);
    CHECK(a.independence_target_year == b.independence_target_year);
    CHECK(a.materials == b.materials);
    REQUIRE(a.years.size() == b.years.size());
    for (std::size_t i = 0; i < a.years.size(); ++i) {
        const ChainYear &x = a.years[i], &y = b.years[i];
        INFO("year " << y.year);
        CHECK(x.year == y.year);
        CHECK(x.demand_t == y.demand_t);
        CHECK(x.domestic_final_t == y.domestic_final_t);
        CHECK(x.fully_domestic_final_t == y.fully_domestic_final_t);
        CHECK(x.domestic_share == y.domestic_share);
        CHECK(x.fully_domestic_share == y.fully_domestic_share);
        CHECK(x.bottleneck == y.bottleneck);
        CHECK(x.imports_musd == y.imports_musd);
        CHECK(x.stranded_t == y.stranded_t);
        CHECK(x.stranded_capex_musd == y.stranded_capex_musd);
        REQUIRE(x.materials.size() == y.materials.size());
        for (std::size_t m = 0; m < x.materials.size(); ++m) {
            const auto &p = x.materials[m], &q = y.materials[m];
            CHECK(p.domestic_t == q.domestic_t);
            CHECK(p.fully_domestic_t == q.fully_domestic_t);
            CHECK(p.requirement_t == q.requirement_t);
            CHECK(p.domestic_used_t == q.domestic_used_t);
            CHECK(p.surplus_t == q.surplus_t);
            CHECK(p.imports_t == q.imports_t);
            CHECK(p.imports_musd == q.imports_musd);
            CHECK(p.unmet_t == q.unmet_t);
            CHECK(p.import_available == q.import_available);
            CHECK(p.import_price_usd_per_kg == q.import_price_usd_per_kg);
            CHECK(p.demand_requirement_t == q.demand_requirement_t);
        }
        REQUIRE(x.plants.size() == y.plants.size());
        for (std::size_t k = 0; k < x.plants.size(); ++k) {
            const auto &p = x.plants[k], &q = y.plants[k];
            CHECK(p.ramped_capacity_t == q.ramped_capacity_t);
            CHECK(p.production_t == q.production_t);
            CHECK(p.fill == q.fill);
            CHECK(p.limiting_input == q.limiting_input);
            CHECK(p.stranded_t == q.stranded_t);
            CHECK(p.stranded_capex_musd == q.stranded_capex_musd);
            CHECK(p.fully_domestic_share == q.fully_domestic_share);
            REQUIRE(p.inputs.size() == q.inputs.size());
            for (std::size_t j = 0; j < p.inputs.size(); ++j) {
                const auto &f = p.inputs[j], &g = q.inputs[j];
                CHECK(f.material == g.material);
                CHECK(f.kg_per_kg == g.kg_per_kg);
                CHECK(f.requirement_t == g.requirement_t);
                CHECK(f.domestic_offered_t == g.domestic_offered_t);
                CHECK(f.import_offered_t == g.import_offered_t);
                CHECK(f.domestic_t == g.domestic_t);
                CHECK(f.imports_t == g.imports_t);
                CHECK(f.consumed_t == g.consumed_t);
                CHECK(f.fully_domestic_t == g.fully_domestic_t);
            }
        }
        for (std::size_t s = 0; s < chain::stage_count; ++s) {
            CHECK(x.stages[s].requirement_t == y.stages[s].requirement_t);
            CHECK(x.stages[s].domestic_t == y.stages[s].domestic_t);
            CHECK(x.stages[s].coverage == y.stages[s].coverage);
            CHECK(x.stages[s].coverage_unclipped == y.stages[s].coverage_unclipped);
        }
    }
    CHECK(a.first_domestic_output_year == b.first_domestic_output_year);
    CHECK(a.first_domestic_output_note == b.first_domestic_output_note);
    CHECK(a.independence_year == b.independence_year);
    CHECK(a.independence_note == b.independence_note);
    CHECK(a.independence_on_time == b.independence_on_time);
    REQUIRE(a.dependence.size() == b.dependence.size());
    for (std::size_t k = 0; k < a.dependence.size(); ++k) {
        const auto &p = a.dependence[k], &q = b.dependence[k];
        CHECK(p.stage == q.stage);
        CHECK(p.material == q.material);
        CHECK(p.first_year == q.first_year);
        CHECK(p.last_year == q.last_year);
        CHECK(p.imports_t == q.imports_t);
        CHECK(p.imports_musd == q.imports_musd);
        CHECK(p.unmet_t == q.unmet_t);
        CHECK(p.stranded_t == q.stranded_t);
        CHECK(p.stranded_capex_musd_peak == q.stranded_capex_musd_peak);
    }
    REQUIRE(a.imports.size() == b.imports.size());
    for (std::size_t k = 0; k < a.imports.size(); ++k) {
        CHECK(a.imports[k].material == b.imports[k].material);
        CHECK(a.imports[k].imports_t == b.imports[k].imports_t);
        CHECK(a.imports[k].imports_musd == b.imports[k].imports_musd);
    }
    CHECK(a.unproduced_critical_inputs == b.unproduced_critical_inputs);
    REQUIRE(a.times.size() == b.times.size());
    for (std::size_t k = 0; k < a.times.size(); ++k) {
        CHECK(a.times[k].construction_start == b.times[k].construction_start);
        CHECK(a.times[k].end_of_life == b.times[k].end_of_life);
    }
}

}  // namespace

TEST_CASE("two plants with a 1:1 recipe", "[chain][balance]") {
    const ChainBalance b = chain::balance_chain(one_to_one(1000), 2035);
    REQUIRE(b.years.size() == 10);
    CHECK(b.final_product == "magnet");
    const ChainYear& y27 = year(b, 2027);
    CHECK(y27.domestic_final_t == 0.0);
    CHECK(y27.fully_domestic_share == 0.0);
    CHECK_FALSE(y27.stages[0].coverage_unclipped.has_value() == false);  // demand needs refining even before it runs
    CHECK(y27.stages[0].coverage == 0.0);

    const ChainYear& y = year(b, 2028);
    CHECK(y.plants[0].production_t == 1000.0);
    CHECK(y.plants[1].production_t == 1000.0);
    CHECK(y.plants[1].inputs[0].domestic_t == 1000.0);
    CHECK(y.plants[1].inputs[0].imports_t == 0.0);
    CHECK(y.materials[mat(b, "ore")].imports_t == 1000.0);
    CHECK(y.materials[mat(b, "ore")].imports_musd == Approx(2.0));  // 1,000 t × 2 USD/kg
    CHECK(y.materials[mat(b, "oxide")].imports_t == 0.0);
    CHECK(y.domestic_final_t == 1000.0);
    CHECK(y.fully_domestic_final_t == 1000.0);  // ore is not critical
    CHECK(*y.fully_domestic_share == 1.0);
    CHECK(*y.stages[0].coverage == 1.0);
    CHECK_FALSE(y.stages[1].coverage);  // no alloying in this chain
    CHECK(*y.stages[2].coverage == 1.0);
    CHECK(y.stranded_t == 0.0);
    REQUIRE(b.first_domestic_output_year);
    CHECK(*b.first_domestic_output_year == 2028);
    REQUIRE(b.independence_year);
    CHECK(*b.independence_year == 2028);
    CHECK(b.independence_on_time);
    CHECK(b.dependence.empty());
    REQUIRE(b.imports.size() == 1);
    CHECK(b.imports[0].material == "ore");
    CHECK(b.imports[0].imports_t == 8000.0);  // 2028-2035

    SECTION("coverage above 1 is clipped, the ratio is kept") {
        const ChainBalance h = chain::balance_chain(one_to_one(500), 2035);
        const ChainYear& hy = year(h, 2030);
        CHECK(*hy.stages[2].coverage_unclipped == 2.0);
        CHECK(*hy.stages[2].coverage == 1.0);
        CHECK(*hy.fully_domestic_share == 1.0);
        CHECK(hy.materials[mat(h, "oxide")].demand_requirement_t == 500.0);
    }
    SECTION("no demand: no independence, and a reason") {
        const ChainBalance z = chain::balance_chain(one_to_one(0), 2035);
        CHECK_FALSE(z.independence_year);
        CHECK(z.independence_note == "no demand for magnet in 2026-2035");
        CHECK_FALSE(year(z, 2030).fully_domestic_share);
        CHECK_FALSE(year(z, 2030).bottleneck);
    }
}

TEST_CASE("a feed cut strands the downstream plant", "[chain][balance]") {
    model::Plan p = one_to_one(1000);
    SECTION("a smaller refinery and no imports") {
        p.plants[0].capacity_tpy = 600;
        p.materials[1].import_available = 0.0;
        const ChainBalance b = chain::balance_chain(p, 2035);
        const ChainYear& y = year(b, 2030);
        CHECK(y.plants[1].fill == Approx(0.6));
        CHECK(y.plants[1].production_t == Approx(600));
        CHECK(y.plants[1].limiting_input == "oxide");
        CHECK(y.plants[1].stranded_t == Approx(400));
        CHECK(y.plants[1].stranded_capex_musd == Approx(200));  // 500 MUSD × 400 / 1,000 t
        CHECK(y.materials[mat(b, "oxide")].unmet_t == Approx(400));
        REQUIRE(b.dependence.size() == 1);
        CHECK(b.dependence[0].stage == Stage::Fabrication);
        CHECK(b.dependence[0].material == "oxide");
        CHECK(b.dependence[0].first_year == 2028);
        CHECK(b.dependence[0].last_year == 2035);
        CHECK(b.dependence[0].imports_t == 0.0);
        CHECK(b.dependence[0].unmet_t == Approx(8 * 400));
        CHECK(b.dependence[0].stranded_capex_musd_peak == Approx(200));
        CHECK(*b.independence_year == 2028);  // 600 ≥ 0.5 × 1,000
    }
    SECTION("a later refinery, imports fill half of any shortfall") {
        // refinery runs from 2030 at 600 t; the fabricator from 2028
        p.plants[0].capacity_tpy = 600;
        p.plants[0].schedule.construction_years = 3.0;
        p.materials[1].import_available = 0.5;
        const ChainBalance b = chain::balance_chain(p, 2035);
        // 2028-2029: oxide requirement 1,000, nothing domestic, 500 imported -> 500 t of magnet,
        // 500 t stranded, 250 MUSD idle; imports 500 t × 50 USD/kg = 25 MUSD
        const ChainYear& y28 = year(b, 2028);
        CHECK(y28.plants[1].production_t == Approx(500));
        CHECK(y28.plants[1].stranded_capex_musd == Approx(250));
        CHECK(y28.materials[mat(b, "oxide")].imports_musd == Approx(25));
        CHECK(y28.fully_domestic_final_t == 0.0);
        CHECK(y28.bottleneck == Stage::Refining);
        // 2030 on: 600 domestic, 400 short, 200 imported -> 800 t, 200 t stranded (100 MUSD);
        // fully domestic share 600 / 800 = 0.75 -> 600 t
        const ChainYear& y30 = year(b, 2030);
        CHECK(y30.plants[1].production_t == Approx(800));
        CHECK(y30.plants[1].inputs[0].domestic_t == Approx(600));
        CHECK(y30.plants[1].inputs[0].imports_t == Approx(200));
        CHECK(y30.plants[1].fully_domestic_share == Approx(0.75));
        CHECK(y30.fully_domestic_final_t == Approx(600));
        CHECK(y30.plants[1].stranded_capex_musd == Approx(100));
        CHECK(*y30.stages[0].coverage == Approx(0.6));  // 600 / (1,000 demand × 1 kg/kg)
        CHECK(*y30.stages[2].coverage == Approx(0.8));
        CHECK(y30.bottleneck == Stage::Refining);
        CHECK(*b.first_domestic_output_year == 2030);
        CHECK(*b.independence_year == 2030);
        REQUIRE(b.dependence.size() == 1);
        const chain::ImportDependence& d = b.dependence[0];
        CHECK(d.first_year == 2028);
        CHECK(d.last_year == 2035);
        CHECK(d.imports_t == Approx(2 * 500 + 6 * 200));
        CHECK(d.imports_musd == Approx((2 * 500 + 6 * 200) * 50 / 1000.0));
        CHECK(d.unmet_t == Approx(2 * 500 + 6 * 200));
        CHECK(d.stranded_t == Approx(2 * 500 + 6 * 200));
        CHECK(d.stranded_capex_musd_peak == Approx(250));
    }
    SECTION("a refinery that catches up ends the run") {
        p.plants[0].schedule.construction_years = 3.0;  // 1,000 t from 2030
        const ChainBalance b = chain::balance_chain(p, 2035);
        REQUIRE(b.dependence.size() == 1);
        CHECK(b.dependence[0].first_year == 2028);
        CHECK(b.dependence[0].last_year == 2029);
        CHECK(b.dependence[0].imports_t == Approx(2000));
        CHECK(b.dependence[0].stranded_t == 0.0);
    }
}

TEST_CASE("a supply shock on an imported input cuts supply and raises its price", "[chain][balance]") {
    model::Plan p = one_to_one(1000);
    p.materials.push_back(test::material("dy", true, 400));
    p.plants[1].inputs["dy"] = 0.1;
    // in force from 1 July 2030 to 1 July 2031: half of each year
    p.shocks.push_back(model::SupplyShock{"dy", 2030.5, 2031.5, 0.2, 3.0});
    const ChainBalance b = chain::balance_chain(p, 2035);
    const std::size_t dy = mat(b, "dy");
    for (int y : {2030, 2031}) {
        const ChainYear& cy = year(b, y);
        // import_available 1 × (1 − 0.5 × (1 − 0.2)) = 0.6; price 400 × (1 + 0.5 × (3 − 1)) = 800
        CHECK(cy.materials[dy].import_available == Approx(0.6));
        CHECK(cy.materials[dy].import_price_usd_per_kg == Approx(800));
        CHECK(cy.plants[1].fill == Approx(0.6));  // 60 of 100 t of dy
        CHECK(cy.plants[1].limiting_input == "dy");
        CHECK(cy.plants[1].production_t == Approx(600));
        CHECK(cy.materials[dy].imports_t == Approx(60));
        CHECK(cy.materials[dy].imports_musd == Approx(48));  // 60 t × 800 USD/kg
        // the domestic oxide the fabricator cannot use stays with the refinery
        CHECK(cy.materials[mat(b, "oxide")].surplus_t == Approx(400));
    }
    const ChainYear& y32 = year(b, 2032);
    CHECK(y32.plants[1].production_t == Approx(1000));
    CHECK(y32.materials[dy].imports_musd == Approx(40));
    // dy is critical and nobody makes it: never fully domestic
    CHECK_FALSE(b.first_domestic_output_year);
    CHECK(b.unproduced_critical_inputs == std::vector<std::string>{"dy"});
    CHECK(b.first_domestic_output_note == "no fully domestic magnet in 2026-2035: no plant produces the critical input(s) dy");
    CHECK(b.independence_note == b.first_domestic_output_note);
    // fabrication depends on imported dy from its first year
    bool found = false;
    for (const auto& d : b.dependence)
        if (d.material == "dy") {
            found = true;
            CHECK(d.first_year == 2028);
            CHECK(d.last_year == 2035);
            CHECK(d.unmet_t == Approx(2 * 40));
        }
    CHECK(found);

    SECTION("dy non-critical: the shock still limits output, domestic content ignores dy") {
        p.materials.back().critical = false;
        const ChainBalance c = chain::balance_chain(p, 2035);
        CHECK(year(c, 2030).fully_domestic_final_t == Approx(600));
        CHECK(*c.first_domestic_output_year == 2028);
        CHECK(*c.independence_year == 2028);
    }
}

TEST_CASE("coverage and independence year of a three-stage chain by hand", "[chain][balance]") {
    model::Plan p = test::plan(2026, 2036, "magnet");
    p.materials = {test::material("conc", false, 1), test::material("oxide", true, 50), test::material("alloy", true, 60),
                   test::material("magnet", true, 80)};
    model::Series demand;
    demand.points = {{2026, 1000}, {2036, 2000}};  // 100 t/yr more each year
    p.materials[3].demand_tpy = demand;
    p.plants.push_back(test::plant("sep", Stage::Refining, "oxide", 480, {{"conc", 5}}, 100, 2026, 2.0, 2.0));  // from 2030
    p.plants.push_back(test::plant("alloy", Stage::Alloying, "alloy", 1000, {{"oxide", 0.5}}, 50, 2026, 1.0, 2.0));  // from 2029
    p.plants.push_back(test::plant("mag", Stage::Fabrication, "magnet", 1000, {{"alloy", 1.25}}, 300, 2026));  // from 2028
    const ChainBalance b = chain::balance_chain(p, 2032);

    // 2028: demand 1,200; magnets 1,000 from 1,250 t of imported alloy. Requirement: magnet
    // 1,200, alloy 1,500 (all on the alloy plant by nameplate, it has no capacity yet), oxide 750.
    const ChainYear& y28 = year(b, 2028);
    CHECK(y28.demand_t == Approx(1200));
    CHECK(y28.materials[2].imports_t == Approx(1250));
    CHECK(*y28.stages[2].coverage == Approx(1000.0 / 1200));
    CHECK(y28.stages[1].requirement_t == Approx(1500));
    CHECK(y28.stages[0].requirement_t == Approx(750));
    CHECK(*y28.stages[1].coverage == 0.0);
    CHECK(*y28.stages[0].coverage == 0.0);
    CHECK(y28.bottleneck == Stage::Refining);  // tie at 0: the upstream stage
    // 2029: alloy 1,000 t from imported oxide (500 t): domestic but not fully domestic
    const ChainYear& y29 = year(b, 2029);
    CHECK(y29.materials[2].domestic_t == Approx(1000));
    CHECK(y29.materials[1].imports_t == Approx(500));
    CHECK(y29.materials[2].imports_t == Approx(250));
    CHECK(y29.fully_domestic_final_t == 0.0);
    CHECK(*y29.stages[1].coverage == Approx(1000.0 / 1625));
    // 2030: demand 1,400. Oxide 480 domestic + 20 imported -> alloy 1,000, fully domestic share
    // 0.96 -> 960 t. Magnets: 1,000 t domestic alloy (960 fully domestic) + 250 imported
    // -> 1,000 t, share 960 / 1,250 = 0.768 -> 768 t fully domestic, 54.9 % of demand.
    const ChainYear& y30 = year(b, 2030);
    CHECK(y30.demand_t == Approx(1400));
    CHECK(y30.plants[1].fully_domestic_share == Approx(0.96));
    CHECK(y30.materials[2].fully_domestic_t == Approx(960));
    CHECK(y30.plants[2].fully_domestic_share == Approx(0.768));
    CHECK(y30.fully_domestic_final_t == Approx(768));
    CHECK(*y30.fully_domestic_share == Approx(768.0 / 1400));
    // coverage: refining 480 / (1,400 × 1.25 × 0.5 = 875), alloying 1,000 / 1,750, fabrication 1,000 / 1,400
    CHECK(*y30.stages[0].coverage == Approx(480.0 / 875));
    CHECK(*y30.stages[1].coverage == Approx(1000.0 / 1750));
    CHECK(*y30.stages[2].coverage == Approx(1000.0 / 1400));
    CHECK(y30.bottleneck == Stage::Refining);
    CHECK(*b.first_domestic_output_year == 2030);
    CHECK(*b.independence_year == 2030);
    CHECK(b.independence_on_time);
    CHECK(*year(b, 2031).fully_domestic_share == Approx(768.0 / 1500));

    SECTION("a target of 60 % is never met, and the note says how close it came") {
        p.project.independence_target = 0.6;
        const ChainBalance c = chain::balance_chain(p, 2032);
        CHECK_FALSE(c.independence_year);
        CHECK_FALSE(c.independence_on_time);
        CHECK(c.independence_note == "fully domestic magnet reaches at most 54.9 % of demand (2030) in 2026-2036, short of the target 60.0 %");
    }
    SECTION("late against an earlier target year") {
        const ChainBalance c = chain::balance_chain(p, 2029);
        CHECK(*c.independence_year == 2030);
        CHECK_FALSE(c.independence_on_time);
        CHECK(c.schedule.network.min_total_float == -1.0);  // sep's ramp ends 2030, a year past 2029
    }
}

TEST_CASE("a loop in the recipes is an input error naming it", "[chain][balance]") {
    model::Plan p = test::plan(2026, 2035, "b");
    p.materials = {test::material("a", true, 1), test::material("b", true, 1)};
    p.plants.push_back(test::plant("pa", Stage::Refining, "a", 100, {{"b", 1}}, 1, 2026));
    p.plants.push_back(test::plant("pb", Stage::Alloying, "b", 100, {{"a", 1}}, 1, 2026));
    try {
        (void)chain::balance_chain(p, 2035);
        FAIL("no error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].path == "plant.pa.inputs");
        CHECK(e.diagnostics()[0].message == "recipe cycle: a -> b -> a");
    }
}

TEST_CASE("invariants over a grid of seeded random chains", "[chain][balance]") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        INFO("seed " << seed);
        const model::Plan p = test::random_chain(seed);
        const ChainBalance b = chain::balance_chain(p, p.project.end_year);
        test::check_invariants(p, b);
        // the forward pass of the network is the schedule
        const auto times = timeline::schedule_plants<double>(p);
        for (std::size_t i = 0; i < p.plants.size(); ++i) {
            CHECK(b.schedule.network.activities[timeline::activity_index(i, timeline::Phase::Ramp)].earliest_start ==
                  times[i].operation_start);
            CHECK(b.schedule.network.activities[timeline::activity_index(i, timeline::Phase::Ramp)].earliest_finish ==
                  times[i].nameplate);
        }
        // total float is never less than the least total float
        for (const auto& a : b.schedule.network.activities) CHECK(a.total_float >= b.schedule.network.min_total_float);
        // the milestone and the balance agree wherever nothing else limits fully domestic output
        if (b.first_domestic_output_year && b.schedule.milestone.year)
            CHECK(*b.first_domestic_output_year >= static_cast<int>(std::floor(*b.schedule.milestone.year)));
        if (!b.schedule.milestone.year) CHECK_FALSE(b.first_domestic_output_year);
    }
}

TEST_CASE("balance_flows_into reusing its storage gives balance_flows to the bit", "[chain][balance]") {
    // one scratch and one result for every chain: storage left by chains of other shapes
    chain::BalanceScratch scratch;
    ChainBalance reused;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        INFO("seed " << seed);
        const model::Plan p = test::random_chain(seed);
        const auto times = timeline::schedule_plants<double>(p);
        const double target = p.project.end_year - 2;
        const ChainBalance fresh = chain::balance_flows(p, times, target);
        chain::balance_flows_into(p, times, target, reused, scratch);
        check_same(reused, fresh);
    }
}
