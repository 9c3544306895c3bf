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
