#pragma once
// Seeded random chains and the invariants every balance must satisfy.

#include "chain/chain_result.hpp"
#include "chain_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace reeplan::test {

/// A small random chain: 1-2 refineries (conc -> oxide), sometimes a heavy-rare-earth refinery
/// (hconc -> dy), 1-2 alloy plants (oxide -> alloy), 1-2 magnet plants (alloy, sometimes dy ->
/// magnet); random capacities, recipes, schedules with `after` links to earlier plants, ramp
/// shapes (non-decreasing tables), lives, import availability and supply shocks.
/// `monotone`: one alloy plant and one magnet plant (each material then has one consuming
/// plant) and lives that outlast end_year, the chains on which a delay provably cannot raise
/// fully domestic output in any year (see test_delay.cpp).
inline model::Plan random_chain(std::uint64_t seed, bool monotone = false) {
    Rng r(seed);
    model::Plan p = plan(2026, 2026 + r.integer(8, 25), "magnet", r.uniform(0.1, 0.9));
    p.materials = {material("conc", false, r.uniform(1, 5)), material("hconc", r.chance(0.3), r.uniform(5, 10)),
                   material("oxide", true, r.uniform(40, 110)), material("dy", true, r.uniform(200, 600)),
                   material("alloy", true, r.uniform(30, 60)), material("magnet", true, r.uniform(50, 100))};
    for (auto& m : p.materials) {
        if (r.chance(0.5)) m.import_available = r.uniform(0, 1);
        else if (r.chance(0.3)) {
            model::Series s;
            s.points = {{2026, r.uniform(0, 1)}, {2035, r.uniform(0, 1)}};
            m.import_available = s;
        }
    }
    const bool use_dy = r.chance(0.6);
    auto add = [&](const std::string& id, model::Stage st, const std::string& out, std::map<std::string, double> in) {
        model::Plant pl = plant(id, st, out, r.uniform(100, 3000), std::move(in), r.uniform(0, 1500), 2026 + r.uniform(0, 5),
                                r.uniform(0, 2), r.uniform(0.5, 3), r.uniform(0, 1));
        pl.life_years = monotone ? 60.0 : r.uniform(5, 30);
        const int shape = r.integer(0, 2);
        if (shape == 0) {
            pl.schedule.ramp.shape = model::RampShape::Linear;
            pl.schedule.ramp.years = r.uniform(0, 4);
            pl.schedule.ramp.start = r.uniform(0.05, 1);
        } else if (shape == 1) {
            pl.schedule.ramp.shape = model::RampShape::SCurve;
            pl.schedule.ramp.years = r.uniform(0.5, 4);
            pl.schedule.ramp.start = r.uniform(0.05, 0.9);
        } else {
            pl.schedule.ramp.shape = model::RampShape::Table;
            double u = r.uniform(0.05, 0.5);
            for (int k = r.integer(0, 4); k > 0; --k) {
                pl.schedule.ramp.table.push_back(u);
                u = std::min(1.0, u + r.uniform(0, 0.4));
            }
        }
        if (r.chance(0.5) && !p.plants.empty()) {
            const auto& target = p.plants[static_cast<std::size_t>(r.integer(0, static_cast<int>(p.plants.size()) - 1))];
            const char* phases[] = {"permitting", "construction", "commissioning", "ramp"};
            pl.schedule.after.push_back(model::PhaseRef{target.id, phases[r.integer(0, 3)], r.chance(0.5) ? 0.0 : r.uniform(0, 1)});
        }
        p.plants.push_back(std::move(pl));
    };
    for (int k = r.integer(1, 2); k > 0; --k) add("sep-" + std::to_string(k), model::Stage::Refining, "oxide", {{"conc", r.uniform(3, 8)}});
    if (r.chance(0.5)) add("hre", model::Stage::Refining, "dy", {{"hconc", r.uniform(5, 20)}});
    for (int k = monotone ? 1 : r.integer(1, 2); k > 0; --k)
        add("alloy-" + std::to_string(k), model::Stage::Alloying, "alloy", {{"oxide", r.uniform(0.3, 0.6)}});
    for (int k = monotone ? 1 : r.integer(1, 2); k > 0; --k) {
        std::map<std::string, double> in{{"alloy", r.uniform(1.0, 1.5)}};
        if (use_dy) in["dy"] = r.uniform(0.01, 0.05);
        add("mag-" + std::to_string(k), model::Stage::Fabrication, "magnet", std::move(in));
    }
    double magnet_capacity = 0;
    for (const auto& pl : p.plants)
        if (pl.output == "magnet") magnet_capacity += pl.capacity_tpy;
    model::Series demand;  // of the order of the magnet plants' capacity, so targets are sometimes met
    demand.points = {{2026, magnet_capacity * r.uniform(0.2, 1.5)}, {2040, magnet_capacity * r.uniform(0.2, 2.0)}};
    p.materials[5].demand_tpy = demand;
    for (int k = r.integer(0, 2); k > 0; --k) {
        const double start = 2026 + r.uniform(0, 15);
        p.shocks.push_back(model::SupplyShock{p.materials[static_cast<std::size_t>(r.integer(0, 5))].id, start,
                                              start + r.uniform(0.1, 3), r.uniform(0, 1), r.uniform(1, 4)});
    }
    return p;
}

/// Mass is conserved through every stage; fully domestic ≤ domestic; coverage and shares in [0, 1].
inline void check_invariants(const model::Plan& p, const chain::ChainBalance& b) {
    const double tol = 1e-9;
    auto close = [&](double a, double x) { return std::fabs(a - x) <= tol * std::max({1.0, std::fabs(a), std::fabs(x)}); };
    for (const chain::ChainYear& cy : b.years) {
        INFO("year " << cy.year);
        std::vector<double> used(b.materials.size(), 0.0), offered(b.materials.size(), 0.0), imports(b.materials.size(), 0.0),
            produced(b.materials.size(), 0.0), fully(b.materials.size(), 0.0);
        for (std::size_t i = 0; i < p.plants.size(); ++i) {
            const chain::PlantYear& py = cy.plants[i];
            INFO("plant " << p.plants[i].id);
            CHECK(py.production_t >= 0.0);
            CHECK(py.production_t <= py.ramped_capacity_t * (1 + tol));
            CHECK(close(py.stranded_t, py.ramped_capacity_t - py.production_t));
            CHECK(py.stranded_t >= -tol);
            CHECK(close(py.stranded_capex_musd, p.plants[i].capex_musd * py.stranded_t / p.plants[i].capacity_tpy));
            CHECK(py.fill >= 0.0);
            CHECK(py.fill <= 1.0);
            CHECK(py.fully_domestic_share >= 0.0);
            CHECK(py.fully_domestic_share <= 1.0);
            for (const chain::InputFlow& f : py.inputs) {
                REQUIRE(f.material < b.materials.size());
                INFO("input " << b.materials[f.material]);
                CHECK(close(f.consumed_t, py.production_t * f.kg_per_kg));     // consumption = production × recipe
                CHECK(close(f.consumed_t, f.domestic_t + f.imports_t));        // supplied = domestic + imports
                CHECK(f.domestic_t <= f.domestic_offered_t * (1 + tol) + tol);
                CHECK(f.imports_t <= f.import_offered_t * (1 + tol) + tol);
                CHECK(f.domestic_offered_t + f.import_offered_t <= f.requirement_t * (1 + tol) + tol);
                CHECK(f.fully_domestic_t <= f.domestic_t * (1 + tol) + tol);
                CHECK(f.imports_t >= 0.0);
                const std::size_t m = f.material;
                CHECK(p.plants[i].inputs.count(b.materials[m]) == 1);  // an entry of the plant's recipe
                used[m] += f.domestic_t;
                offered[m] += f.domestic_offered_t;
                imports[m] += f.imports_t;
            }
            const std::size_t out =
                static_cast<std::size_t>(std::find(b.materials.begin(), b.materials.end(), p.plants[i].output) - b.materials.begin());
            produced[out] += py.production_t;
            fully[out] += py.production_t * py.fully_domestic_share;
        }
        for (std::size_t m = 0; m < b.materials.size(); ++m) {
            const chain::MaterialYear& my = cy.materials[m];
            INFO("material " << b.materials[m]);
            CHECK(close(my.domestic_t, produced[m]));
            CHECK(close(my.fully_domestic_t, fully[m]));
            CHECK(close(my.domestic_used_t, used[m]));
            CHECK(close(my.imports_t, imports[m]));
            CHECK(offered[m] <= my.domestic_t * (1 + tol) + tol);  // no consumer is offered tonnes nobody made
            CHECK(close(my.domestic_t, my.domestic_used_t + my.surplus_t));
            CHECK(my.fully_domestic_t <= my.domestic_t * (1 + tol) + tol);
            CHECK(my.import_available >= 0.0);
            CHECK(my.import_available <= 1.0);
        }
        CHECK(cy.fully_domestic_final_t <= cy.domestic_final_t * (1 + tol) + tol);
        for (const auto& share : {cy.domestic_share, cy.fully_domestic_share})
            if (share) {
                CHECK(*share >= 0.0);
                CHECK(*share <= 1.0);
            }
        for (const chain::StageYear& st : cy.stages)
            if (st.coverage) {
                CHECK(*st.coverage >= 0.0);
                CHECK(*st.coverage <= 1.0);
            }
        if (cy.bottleneck) {
            const auto& bn = cy.stages[chain::stage_index(*cy.bottleneck)];
            REQUIRE(bn.coverage_unclipped);
            for (const chain::StageYear& st : cy.stages)
                if (st.coverage_unclipped) CHECK(*bn.coverage_unclipped <= *st.coverage_unclipped);
        }
    }
    if (b.independence_year) {
        REQUIRE(b.first_domestic_output_year);
        CHECK(*b.first_domestic_output_year <= *b.independence_year);
    }
}

}  // namespace reeplan::test
