// The Evaluator's rows: the levelized costs it searches from the plan it was built from are the
// reference search's, and a row depends only on the plan evaluated, not on what came before.

#include "finance/plan_finance.hpp"
#include "io/reader.hpp"
#include "sim/engine.hpp"
#include "sim/simulate.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

model::Plan with(const model::Plan& base, const std::vector<std::pair<std::string, double>>& sets) {
    model::Plan plan = base;
    for (const auto& [path, value] : sets) REQUIRE(sim::set_param(plan, path, value));
    return plan;
}

std::vector<double> row_of(sim::Evaluator& ev, const model::Plan& plan) {
    std::vector<double> row(ev.width());
    ev.evaluate(plan, row.data());
    return row;
}

bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Plans of the bundled chain's shape with other numbers, as Monte Carlo paths draw them.
std::vector<model::Plan> paths(const model::Plan& base) {
    return {
        with(base, {{"plant.sep-1.capex_musd", 820}, {"materials.ndpr_oxide.market_price_usd_per_kg", 52},
                    {"materials.dytb_oxide.market_price_usd_per_kg", 1400}}),
        with(base, {{"plant.sep-1.capex_musd", 560}, {"materials.ndpr_oxide.market_price_usd_per_kg", 118},
                    {"materials.dytb_oxide.market_price_usd_per_kg", 330}}),
        with(base, {{"plant.mag-1.capex_musd", 2500}, {"plant.alloy-1.capex_musd", 40}, {"finance.risk_free", 0.06}}),
        with(base, {{"plant.hre-1.capex_musd", 5000}, {"support.dod-floor.floor_usd_per_kg", 160}}),
    };
}

}  // namespace

TEST_CASE("the Evaluator's levelized costs are the reference search's", "[sim][engine]") {
    const model::Plan base = bundled();
    sim::Evaluator ev(base, sim::EvalOptions{true});
    std::vector<model::Plan> plans = paths(base);
    plans.push_back(base);
    for (const model::Plan& plan : plans) {
        const std::vector<double> row = row_of(ev, plan);
        const auto times = timeline::schedule_plants<double>(plan);
        const chain::ChainBalance balance = finance::plan_balance(plan, times);
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            const finance::PlantLedger<double> pd(plan, i, times[i], &balance);
            for (const bool with_supports : {true, false}) {
                const std::string column =
                    "plant." + plan.plants[i].id + (with_supports ? ".lcop_usd_per_kg" : ".lcop_unsupported_usd_per_kg");
                INFO(column);
                std::string note;
                const std::optional<double> ref = finance::detail::solve_lcop<double>(pd, pd, with_supports, note);
                const double got = row[*ev.index_of(column)];
                REQUIRE(ref.has_value() == !std::isnan(got));
                if (ref) CHECK(std::abs(got - *ref) <= 1e-9);
            }
        }
    }
}

TEST_CASE("an Evaluator's rows do not depend on the order of evaluation", "[sim][engine]") {
    const model::Plan base = bundled();
    const std::vector<model::Plan> plans = paths(base);
    for (const bool lcop : {true, false}) {
        INFO("lcop " << lcop);
        sim::Evaluator forward(base, sim::EvalOptions{lcop});
        sim::Evaluator backward(base, sim::EvalOptions{lcop});
        std::vector<std::vector<double>> f, b(plans.size());
        for (const auto& plan : plans) f.push_back(row_of(forward, plan));
        for (std::size_t k = plans.size(); k-- > 0;) b[k] = row_of(backward, plans[k]);
        for (std::size_t k = 0; k < plans.size(); ++k) {
            INFO("plan " << k);
            CHECK(same_bytes(f[k], b[k]));
            sim::Evaluator fresh(base, sim::EvalOptions{lcop});
            CHECK(same_bytes(f[k], row_of(fresh, plans[k])));
        }
        // A then B then A again: the second A is the first to the bit
        CHECK(same_bytes(row_of(forward, plans[0]), f[0]));
    }
}

TEST_CASE("with the levelized costs, one thread and two give the same bytes", "[sim][engine]") {
    const model::Plan plan = bundled();
    auto run = [&](std::size_t first, std::size_t count, unsigned threads) {
        sim::SimOptions o;
        o.seed = 11;
        o.paths = 64;
        o.threads = threads;
        o.eval.lcop = true;
        const sim::Simulation s(plan, o);
        sim::Samples out;
        s.run(first, count, out);
        return out.values;
    };
    const std::vector<double> one = run(0, 64, 1);
    CHECK(same_bytes(one, run(0, 64, 2)));
    std::vector<double> split = run(0, 23, 2);
    const std::vector<double> rest = run(23, 41, 1);
    split.insert(split.end(), rest.begin(), rest.end());
    CHECK(same_bytes(one, split));
}
