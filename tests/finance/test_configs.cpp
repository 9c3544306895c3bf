// Every bundled config, in every scenario, through both engines: the Decimal plan and the double
// engine used for simulation must agree to 1e-9 relative on every statement line and metric.

#include "finance/plan_finance.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace reeplan;
using model::as_double;
using model::Decimal;

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

template <class A, class B> void check_opt(const char* what, const std::optional<A>& d, const std::optional<B>& m) {
    INFO(what);
    REQUIRE(d.has_value() == m.has_value());
    if (d) CHECK(close(as_double(*d), as_double(*m)));
}

void compare(const model::Plan& plan) {
    auto d = finance::value_plan<double>(plan);
    auto m = finance::value_plan<Decimal>(plan);
    REQUIRE(d.size() == m.size());
    for (std::size_t p = 0; p < d.size(); ++p) {
        INFO("plant " << plan.plants[p].id);
        CHECK(close(d[p].npv, as_double(m[p].npv)));
        CHECK(close(d[p].equity_npv, as_double(m[p].equity_npv)));
        CHECK(close(d[p].ledger.capital.wacc, as_double(m[p].ledger.capital.wacc)));
        check_opt("irr", d[p].irr, m[p].irr);
        check_opt("equity_irr", d[p].equity_irr, m[p].equity_irr);
        check_opt("mirr", d[p].mirr, m[p].mirr);
        check_opt("lcop", d[p].lcop, m[p].lcop);
        check_opt("lcop_unsupported", d[p].lcop_unsupported, m[p].lcop_unsupported);
        check_opt("min_dscr", d[p].min_dscr, m[p].min_dscr);
        CHECK(d[p].payback_year == m[p].payback_year);
        const auto& yd = d[p].ledger.years;
        const auto& ym = m[p].ledger.years;
        REQUIRE(yd.size() == ym.size());
        for (std::size_t i = 0; i < yd.size(); ++i) {
            INFO("year " << yd[i].year);
            CHECK(close(yd[i].revenue, as_double(ym[i].revenue)));
            CHECK(close(yd[i].tax, as_double(ym[i].tax)));
            CHECK(close(yd[i].interest, as_double(ym[i].interest)));
            CHECK(close(yd[i].fcff, as_double(ym[i].fcff)));
            CHECK(close(yd[i].fcfe, as_double(ym[i].fcfe)));
            CHECK(close(yd[i].debt_balance, as_double(ym[i].debt_balance)));
        }
    }
}

}  // namespace

TEST_CASE("the Decimal and double engines agree on every bundled config and scenario", "[finance][configs]") {
    const std::filesystem::path dir = std::filesystem::path(REEPLAN_SOURCE_DIR) / "configs";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml") continue;
        ++files;
        const model::Plan base = io::load_plan(entry.path().string());
        SECTION(entry.path().filename().string() + " base") { compare(base); }
        for (const auto& sc : base.scenarios) {
            SECTION(entry.path().filename().string() + " " + sc.id) {
                model::Plan plan = base;
                io::apply_scenario(plan, sc.id);
                compare(plan);
            }
        }
    }
    CHECK(files >= 2);
}

namespace {

template <class A> bool same(const std::optional<A>& a, const std::optional<A>& b) { return a == b; }

/// evaluate_plan_fast against plant_flows, value_plan and plan_balance in double: every number
/// the same to the bit.
void compare_fast(const model::Plan& plan, finance::PlanScratch& scratch) {
    const finance::PlanEvaluation& e = finance::evaluate_plan_fast(plan, scratch, finance::PlanEvalOptions{true});
    const auto flows = finance::plant_flows<double>(plan);
    const auto values = finance::value_plan<double>(plan);
    REQUIRE(e.plants.size() == plan.plants.size());
    for (std::size_t p = 0; p < plan.plants.size(); ++p) {
        INFO("plant " << plan.plants[p].id);
        const finance::PlantEvaluation& f = e.plants[p];
        const finance::Valuation<double>& v = values[p];
        CHECK(f.first_year == flows[p].first_year);
        CHECK(f.fcff == flows[p].fcff);
        CHECK(f.wacc == flows[p].wacc);
        CHECK(f.npv == flows[p].npv);
        CHECK(f.npv == v.npv);
        CHECK(f.equity_npv == v.equity_npv);
        CHECK(f.cost_of_equity == v.ledger.capital.cost_of_equity);
        CHECK(same(f.irr, v.irr));
        CHECK(same(f.equity_irr, v.equity_irr));
        CHECK(same(f.mirr, v.mirr));
        CHECK(same(f.min_dscr, v.min_dscr));
        CHECK(same(f.avg_dscr, v.avg_dscr));
        CHECK(f.min_dscr_year == v.min_dscr_year);
        CHECK(f.payback_year == v.payback_year);
        CHECK(f.ledger.capex_total == v.ledger.capex_total);
        CHECK(f.ledger.debt_total == v.ledger.debt_total);
        REQUIRE(f.fcfe.size() == v.ledger.years.size());
        for (std::size_t i = 0; i < v.ledger.years.size(); ++i) {
            const finance::LedgerYear<double>& y = v.ledger.years[i];
            INFO("year " << y.year);
            CHECK(f.fcfe[i] == y.fcfe);
            CHECK(f.production[i] == y.production);
            CHECK(f.capex[i] == y.capex);
            CHECK(f.dscr[i] == (y.debt_service > 0 ? std::optional<double>(y.cfads / y.debt_service) : std::nullopt));
            CHECK(f.ledger.years[i].tax == y.tax);
            CHECK(f.ledger.years[i].debt_balance == y.debt_balance);
        }
    }
    const chain::ChainBalance b = finance::plan_balance(plan, timeline::schedule_plants<double>(plan));
    REQUIRE(e.balance.years.size() == b.years.size());
    for (std::size_t i = 0; i < b.years.size(); ++i) {
        CHECK(e.balance.years[i].fully_domestic_share == b.years[i].fully_domestic_share);
        for (std::size_t p = 0; p < plan.plants.size(); ++p) CHECK(e.balance.years[i].plants[p].production_t == b.years[i].plants[p].production_t);
    }
    CHECK(e.balance.first_domestic_output_year == b.first_domestic_output_year);
    CHECK(e.balance.independence_year == b.independence_year);
    CHECK(e.balance.independence_on_time == b.independence_on_time);
    // the fast evaluation balances the flows alone: what the report sections alone read is left
    // at its defaults
    CHECK(e.balance.independence_note.empty());
    CHECK(e.balance.first_domestic_output_note.empty());
    CHECK(e.balance.dependence.empty());
    CHECK(e.balance.imports.empty());
    // every year's flows are those of the full balance, to the bit
    for (std::size_t i = 0; i < b.years.size(); ++i) {
        const chain::ChainYear& f = e.balance.years[i];
        const chain::ChainYear& g = b.years[i];
        for (std::size_t st = 0; st < chain::stage_count; ++st) CHECK(f.stages[st].coverage == g.stages[st].coverage);
        CHECK(f.bottleneck == g.bottleneck);
        CHECK(f.imports_musd == 0.0);
        for (std::size_t m = 0; m < g.materials.size(); ++m) {
            CHECK(f.materials[m].domestic_t == g.materials[m].domestic_t);
            CHECK(f.materials[m].domestic_used_t == g.materials[m].domestic_used_t);
            CHECK(f.materials[m].fully_domestic_t == g.materials[m].fully_domestic_t);
            CHECK(f.materials[m].surplus_t == g.materials[m].surplus_t);
            CHECK(f.materials[m].imports_t == 0.0);
            CHECK(f.materials[m].import_price_usd_per_kg == 0.0);
            CHECK(f.materials[m].import_available == 1.0);
            CHECK(f.materials[m].demand_requirement_t == 0.0);
        }
        for (std::size_t p = 0; p < g.plants.size(); ++p) {
            CHECK(f.plants[p].ramped_capacity_t == g.plants[p].ramped_capacity_t);
            CHECK(f.plants[p].production_t == g.plants[p].production_t);
            CHECK(f.plants[p].fill == g.plants[p].fill);
            CHECK(f.plants[p].stranded_t == g.plants[p].stranded_t);
            CHECK(f.plants[p].fully_domestic_share == g.plants[p].fully_domestic_share);
            CHECK(f.plants[p].limiting_input.empty());
            REQUIRE(f.plants[p].inputs.size() == g.plants[p].inputs.size());
            for (std::size_t k = 0; k < g.plants[p].inputs.size(); ++k) {
                const chain::InputFlow& a = f.plants[p].inputs[k];
                const chain::InputFlow& c = g.plants[p].inputs[k];
                CHECK(a.material == c.material);
                CHECK(a.consumed_t == c.consumed_t);
                CHECK(a.domestic_t == c.domestic_t);
                CHECK(a.imports_t == c.imports_t);
                CHECK(a.fully_domestic_t == c.fully_domestic_t);
            }
        }
    }
}

}  // namespace

TEST_CASE("evaluate_plan_fast gives plant_flows and value_plan to the bit on every bundled config", "[finance][configs]") {
    // one scratch for every plan: storage left by plans of other shapes is reused
    finance::PlanScratch scratch;
    const std::filesystem::path dir = std::filesystem::path(REEPLAN_SOURCE_DIR) / "configs";
    int plans = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml") continue;
        const model::Plan base = io::load_plan(entry.path().string());
        INFO(entry.path().filename().string());
        compare_fast(base, scratch);
        ++plans;
        for (const auto& sc : base.scenarios) {
            INFO("scenario " << sc.id);
            model::Plan plan = base;
            io::apply_scenario(plan, sc.id);
            compare_fast(plan, scratch);
            ++plans;
        }
        // a supply restriction on every material for two years
        model::Plan shocked = base;
        for (const auto& m : base.materials)
            shocked.shocks.push_back(model::SupplyShock{m.id, base.project.base_year + 4.5, base.project.base_year + 6.5, 0.3, 2.5});
        INFO("shocked");
        compare_fast(shocked, scratch);
        compare_fast(base, scratch);
        plans += 2;
    }
    CHECK(plans >= 4);
}
