// Goal seek and one-at-a-time sensitivity on the bundled chain.

#include "io/reader.hpp"
#include "sim/engine.hpp"
#include "sim/goal_seek.hpp"
#include "sim/sensitivity.hpp"
#include "sim/simulate.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

std::optional<double> metric_at(const model::Plan& plan, const std::string& param, double x, const std::string& metric) {
    model::Plan p = plan;
    sim::set_param(p, param, x);
    sim::Evaluator ev(p, sim::EvalOptions{false});
    return ev.metric(p, *ev.index_of(metric));
}

}  // namespace

TEST_CASE("goal seek recovers a known root", "[sim][goal_seek]") {
    const model::Plan plan = bundled();
    const std::string param = "plant.sep-1.capex_musd", metric = "plant.sep-1.npv_musd";
    // the NPV the plant has at a capex of 700 MUSD is met again at 700
    const double target = *metric_at(plan, param, 700, metric);
    const sim::SolveResult r = sim::solve(plan, sim::SolveOptions{param, 540, 1000, metric, target});
    REQUIRE(r.root);
    CHECK(*r.root == Approx(700).epsilon(1e-8));
    CHECK(*r.metric_at_root == Approx(target).epsilon(1e-8));
    CHECK_FALSE(r.jump);
    CHECK(r.reason.empty());
    CHECK(r.evaluations > 3);
    // NPV falls as capex rises: the ends lie either side of the target
    CHECK(*r.metric_at_lo > target);
    CHECK(*r.metric_at_hi < target);
}

TEST_CASE("goal seek on a rate: the IRR a price floor buys", "[sim][goal_seek]") {
    const model::Plan plan = bundled();
    const std::string param = "support.dod-floor.floor_usd_per_kg", metric = "plant.sep-1.irr";
    const sim::SolveResult r = sim::solve(plan, sim::SolveOptions{param, 60, 200, metric, 0.12});
    if (r.root) {
        CHECK(*r.metric_at_root == Approx(0.12).margin(1e-7));
        CHECK(*metric_at(plan, param, *r.root, metric) == Approx(0.12).margin(1e-7));
    } else {
        // without a bracket, both ends are reported and lie on one side of 12 %
        REQUIRE(r.metric_at_lo);
        REQUIRE(r.metric_at_hi);
        CHECK((*r.metric_at_lo - 0.12) * (*r.metric_at_hi - 0.12) > 0);
    }
}

TEST_CASE("goal seek without a root says so with both ends", "[sim][goal_seek]") {
    const model::Plan plan = bundled();
    const sim::SolveResult r =
        sim::solve(plan, sim::SolveOptions{"plant.sep-1.capex_musd", 540, 900, "plant.sep-1.npv_musd", 1e6});
    CHECK_FALSE(r.root);
    REQUIRE(r.metric_at_lo);
    REQUIRE(r.metric_at_hi);
    CHECK(r.reason.find("no root in [540, 900]") != std::string::npos);
    CHECK(r.evaluations == 2);
}

TEST_CASE("goal seek on a year finds the jump", "[sim][goal_seek]") {
    const model::Plan plan = bundled();
    const std::string param = "plant.sep-1.schedule.earliest_start_year", metric = "chain.independence_year";
    const double base = *sim::get_param(plan, param);
    const double independence = *metric_at(plan, param, base, metric);
    // the latest start of the refinery that keeps independence by that year
    const sim::SolveResult r = sim::solve(plan, sim::SolveOptions{param, base - 3, base + 6, metric, independence});
    REQUIRE(r.root);
    CHECK(r.jump);
    CHECK(*r.root >= base);
    CHECK(*metric_at(plan, param, *r.root, metric) <= independence);
    CHECK(*metric_at(plan, param, *r.root + 1e-3, metric) > independence);
}

TEST_CASE("tornado and spider vary one input at a time", "[sim][sensitivity]") {
    const model::Plan plan = bundled();
    sim::SensitivityOptions o;
    o.metric = "plant.sep-1.npv_musd";
    o.vary = {{"plant.sep-1.capex_musd", 400, 900}, {"finance.tax_rate", 0.15, 0.30}};
    o.paths = 0;
    const sim::SensitivityResult r = sim::sensitivity(plan, o);
    REQUIRE(r.base_metric);
    REQUIRE(r.tornado.size() == 2);
    CHECK(r.tornado[0].swing >= r.tornado[1].swing);
    const sim::TornadoBar& capex = r.tornado[0].param == "plant.sep-1.capex_musd" ? r.tornado[0] : r.tornado[1];
    CHECK(*capex.metric_at_lo == Approx(*metric_at(plan, capex.param, 400, o.metric)).epsilon(1e-12));
    CHECK(*capex.metric_at_hi == Approx(*metric_at(plan, capex.param, 900, o.metric)).epsilon(1e-12));
    CHECK(capex.swing == Approx(std::abs(*capex.metric_at_hi - *capex.metric_at_lo)));
    // the spider line passes through the base case at the base value
    const sim::SpiderLine& line = r.spider[0].param == capex.param ? r.spider[0] : r.spider[1];
    REQUIRE(line.input_values.size() == 5);
    bool through_base = false;
    for (std::size_t k = 0; k < line.input_values.size(); ++k)
        if (line.input_values[k] == 540) {
            through_base = true;
            CHECK(*line.metric[k] == *r.base_metric);
            CHECK(line.change[k] == 0);
        }
    CHECK(through_base);
    CHECK(sim::spider_values(0, 4, 1.1, 5) == std::vector<double>{0, 1.1, 2, 3, 4});
}

TEST_CASE("rank correlations come from a simulation", "[sim][sensitivity]") {
    const model::Plan plan = bundled();
    sim::SensitivityOptions o;
    o.metric = "plant.sep-1.npv_musd";
    o.paths = 300;
    o.threads = 2;
    const sim::SensitivityResult r = sim::sensitivity(plan, o);
    REQUIRE(r.ranks.size() == plan.uncertain.size());
    CHECK(r.paths == 300);
    for (std::size_t k = 1; k < r.ranks.size(); ++k) CHECK(std::abs(r.ranks[k - 1].spearman) >= std::abs(r.ranks[k].spearman));
    for (const auto& rc : r.ranks)
        if (rc.param == "materials.ndpr_oxide.market_price_usd_per_kg") CHECK(rc.spearman > 0.3);  // the refinery sells NdPr
    // default ranges are each input's p10–p90
    REQUIRE(r.tornado.size() == plan.uncertain.size());
}
