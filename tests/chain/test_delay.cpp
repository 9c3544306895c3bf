#include "chain/delay.hpp"

#include "chain/balance.hpp"
#include "chain_fixtures.hpp"
#include "chain_invariants.hpp"

#include <catch2/catch.hpp>

using namespace reeplan;
using model::Stage;
using timeline::Phase;

namespace {

/// The three-stage chain of test_balance.cpp: sep from 2030, alloy from 2029, mag from 2028.
model::Plan three_stage() {
    model::Plan p = test::plan(2026, 2036, "magnet");
    p.materials = {test::material("conc", false, 1), test::material("oxide", true, 50), test::material("alloy", true, 60),
                   test::material("magnet", true, 80, 1000)};
    p.plants.push_back(test::plant("sep", Stage::Refining, "oxide", 480, {{"conc", 5}}, 100, 2026, 2.0, 2.0));
    p.plants.push_back(test::plant("alloy", Stage::Alloying, "alloy", 1000, {{"oxide", 0.5}}, 50, 2026, 1.0, 2.0));
    p.plants.push_back(test::plant("mag", Stage::Fabrication, "magnet", 1000, {{"alloy", 1.25}}, 300, 2026));
    return p;
}

}  // namespace

TEST_CASE("one phase a year longer moves the milestones by hand", "[chain][delay]") {
    const model::Plan p = three_stage();
    const chain::DelayEffects d = chain::delay_effects(p, 2032);
    CHECK(*d.base_first_domestic_output_year == 2030);
    CHECK(*d.base_independence_year == 2030);
    REQUIRE(d.phases.size() == 12);
    auto effect = [&](std::size_t plant, Phase ph) { return d.phases[plant * 4 + static_cast<std::size_t>(ph)]; };
    // sep drives the first fully domestic output: any of its phases a year longer moves it a year
    for (Phase ph : {Phase::Permitting, Phase::Construction, Phase::Commissioning}) {
        CHECK(*effect(0, ph).first_domestic_output_year == 2031);
        CHECK(*effect(0, ph).independence_shift_years == 1);
    }
    // alloy has a year of float against sep: it starts in 2030 and nothing moves
    CHECK(*effect(1, Phase::Construction).first_domestic_shift_years == 0);
    CHECK(*effect(1, Phase::Construction).independence_year == 2030);
    // mag a year later (2029) still runs before sep
    CHECK(*effect(2, Phase::Permitting).independence_shift_years == 0);
    // floats against 2032: sep's ramp ends 2030 -> 2 years; alloy's 2029 -> 3; mag's 2028 -> 4
    CHECK(effect(0, Phase::Permitting).total_float_years == 2.0);
    CHECK(effect(1, Phase::Permitting).total_float_years == 3.0);
    CHECK(effect(2, Phase::Ramp).total_float_years == 4.0);
}

TEST_CASE("a delayed ramp is a longer ramp", "[chain][delay]") {
    model::Plan p = three_stage();
    p.plants[0].schedule.ramp.shape = model::RampShape::Table;
    p.plants[0].schedule.ramp.table = {0.2, 0.6};
    const model::Plan t = chain::delayed_plan(p, 0, Phase::Ramp, 1.0);
    CHECK(t.plants[0].schedule.ramp.table == std::vector<double>{0.2, 0.6});
    CHECK(t.plants[0].schedule.ramp.hold_years == 1.0);  // the first entry one year longer
    const model::Plan h = chain::delayed_plan(p, 0, Phase::Ramp, 0.25);
    CHECK(h.plants[0].schedule.ramp.hold_years == 0.25);  // any part of a year
    p.plants[1].schedule.ramp.years = 2.0;
    const model::Plan l = chain::delayed_plan(p, 1, Phase::Ramp, 1.0);
    CHECK(l.plants[1].schedule.ramp.years == 3.0);
    const model::Plan c = chain::delayed_plan(p, 2, Phase::Commissioning, 0.5);
    CHECK(c.plants[2].schedule.commissioning_years == 0.5);
    CHECK(p.plants[2].schedule.commissioning_years == 0.0);  // the plan itself is untouched
}

TEST_CASE("capital deployment by year and stage", "[chain][delay]") {
    model::Plan p = three_stage();
    p.plants[0].capex_profile = {0.25, 0.75};  // sep builds 2028-2029: 25 then 75 MUSD
    const chain::CapitalDeployment c = chain::capital_deployment(p);
    REQUIRE(c.years.size() == 11);  // 2026-2036; no plant builds before the base year
    CHECK(c.years[0].year == 2026);
    // 2027: alloy (50 over 2027-2028) 25, mag (300 in 2027) 300
    CHECK(c.years[1].capex_musd == Approx(325));
    CHECK(c.years[1].by_stage_musd[1] == Approx(25));
    CHECK(c.years[1].by_stage_musd[2] == Approx(300));
    // 2028: alloy 25 + sep 25; 2029: sep 75
    CHECK(c.years[2].capex_musd == Approx(50));
    CHECK(c.years[3].by_stage_musd[0] == Approx(75));
    CHECK(c.years.back().cumulative_musd == Approx(450));
    CHECK(c.total_musd == 450.0);
    CHECK(c.after_end_musd == Approx(0).margin(1e-9));
    CHECK(c.peak_musd == Approx(325));
    CHECK(*c.peak_year == 2027);

    SECTION("capex after end_year is counted apart") {
        p.project.end_year = 2028;
        const chain::CapitalDeployment e = chain::capital_deployment(p);
        CHECK(e.years.size() == 3);
        CHECK(e.after_end_musd == Approx(75));
    }
}

TEST_CASE("delaying any phase never brings the milestones earlier", "[chain][delay]") {
    // Holds when each material has one consuming plant and no plant retires inside the span:
    // then, year by year, production and fully domestic tonnes of every plant are non-decreasing
    // functions of every ramped capacity (fill = min over inputs of (min(D, R) + a·(R − min(D, R)))/R
    // times capacity, fully domestic tonnes = min(production, min over critical inputs of the
    // input's fully domestic tonnes / recipe)), and a delay lowers every ramped capacity in every
    // year (utilization is non-decreasing in time since operation starts). The two cases below
    // show why the conditions are needed.
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        INFO("seed " << seed);
        const model::Plan p = test::random_chain(seed, true);
        const chain::DelayEffects d = chain::delay_effects(p, p.project.end_year);
        for (const auto& e : d.phases) {
            INFO("plant " << p.plants[e.plant].id << " phase " << timeline::to_string(e.phase));
            if (e.independence_year) {
                REQUIRE(d.base_independence_year);
                CHECK(*e.independence_year >= *d.base_independence_year);
            }
            if (e.first_domestic_output_year) {
                REQUIRE(d.base_first_domestic_output_year);
                CHECK(*e.first_domestic_output_year >= *d.base_first_domestic_output_year);
            }
        }
    }
}

TEST_CASE("a delay can bring independence earlier when plants share a scarce domestic input", "[chain][delay]") {
    // Two magnet plants share 10 t/yr of domestic dy, pro rata to requirement: mag-a needs
    // 0.02 kg/kg × 1,000 t = 20 t, mag-b 0.01 × 1,000 = 10 t, so they get 6.67 and 3.33 t and
    // make 333 + 333 = 667 t of fully domestic magnets. With mag-a a year late, mag-b takes all
    // 10 t and makes 1,000 t: the delay lifts 2028 over the 80 % target.
    model::Plan p = test::plan(2026, 2032, "magnet", 0.8);
    p.materials = {test::material("hconc", false, 5), test::material("dy", true, 400), test::material("alloy", false, 40),
                   test::material("magnet", true, 80, 1000)};
    p.plants.push_back(test::plant("hre", Stage::Refining, "dy", 10, {{"hconc", 10}}, 50, 2026));
    p.plants.push_back(test::plant("mag-a", Stage::Fabrication, "magnet", 1000, {{"alloy", 1.3}, {"dy", 0.02}}, 300, 2026));
    p.plants.push_back(test::plant("mag-b", Stage::Fabrication, "magnet", 1000, {{"alloy", 1.3}, {"dy", 0.01}}, 300, 2026));
    const chain::ChainBalance base = chain::balance_chain(p, 2032);
    CHECK(base.years[2].fully_domestic_final_t == Approx(2000.0 / 3));
    CHECK_FALSE(base.independence_year);
    const model::Plan late = chain::delayed_plan(p, 1, Phase::Permitting, 1.0);
    const chain::ChainBalance b = chain::balance_chain(late, 2032);
    CHECK(b.years[2].fully_domestic_final_t == Approx(1000));
    REQUIRE(b.independence_year);
    CHECK(*b.independence_year == 2028);
}

TEST_CASE("a delay can bring the first domestic output earlier when a plant would retire first", "[chain][delay]") {
    // The refinery's life ends on 1 January 2030, the day the alloy-and-magnet plant starts; a
    // year's delay makes them overlap in 2030.
    model::Plan p = test::plan(2026, 2034, "magnet");
    p.materials = {test::material("conc", false, 3), test::material("oxide", true, 60), test::material("magnet", true, 80, 1000)};
    p.plants.push_back(test::plant("sep", Stage::Refining, "oxide", 500, {{"conc", 5}}, 100, 2026));  // 2028-2030
    p.plants[0].life_years = 2.0;
    p.plants.push_back(test::plant("mag", Stage::Fabrication, "magnet", 1000, {{"oxide", 0.5}}, 300, 2026, 2.0, 2.0));  // from 2030
    CHECK_FALSE(chain::balance_chain(p, 2034).first_domestic_output_year);
    const chain::ChainBalance b = chain::balance_chain(chain::delayed_plan(p, 0, Phase::Construction, 1.0), 2034);
    REQUIRE(b.first_domestic_output_year);
    CHECK(*b.first_domestic_output_year == 2030);
}
