// The plant ledger and its valuation: identities that must hold exactly, and values by hand.

#include "finance/plan_finance.hpp"
#include "finance/solvers.hpp"

#include "../model/plan_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace reeplan;
using model::Decimal;
using model::as_double;

namespace {

/// One plant, no taxes, no debt, no working capital, no inflation: the textbook LCOP case.
model::Plan simple_plan() {
    model::Plan plan;
    plan.project.base_year = 2026;
    plan.project.end_year = 2056;
    plan.project.inflation = 0.0;
    plan.finance.tax_rate = 0.0;
    plan.finance.risk_free = 0.04;
    plan.finance.equity_risk_premium = 0.05;
    plan.materials = {plan_fixtures::priced("ore", 2.0), plan_fixtures::priced("oxide", 80.0)};
    model::Plant p = plan_fixtures::separation_plant();
    p.working_capital_days = 0;
    p.unlevered_beta = 0.8;  // k_e = 4 % + 0.8 × 5 % = 8 %
    p.depreciation.kind = model::DepreciationKind::None;
    p.schedule.permitting_years = 0;
    p.schedule.construction_years = 1;
    p.schedule.commissioning_years = 0;
    p.schedule.ramp.shape = model::RampShape::Linear;
    p.schedule.ramp.years = 0;
    p.financing.debt_share = 0;
    plan.plants = {p};
    return plan;
}

/// A plant with everything switched on: taxes with NOL, MACRS, debt, working capital, inflation,
/// a price floor, a production credit with phase-out, a grant and a public loan.
model::Plan full_plan(model::Repayment repayment = model::Repayment::Annuity) {
    model::Plan plan = simple_plan();
    plan.project.inflation = 0.025;
    plan.finance.tax_rate = 0.25;
    auto& p = plan.plants[0];
    p.working_capital_days = 60;
    p.depreciation = {model::DepreciationKind::Macrs, 7};
    p.capex_profile = {0.3, 0.5, 0.2};
    p.schedule.permitting_years = 1;
    p.schedule.construction_years = 2;
    p.schedule.commissioning_years = 0.5;
    p.schedule.ramp.shape = model::RampShape::SCurve;
    p.schedule.ramp.years = 3;
    p.financing.debt_share = 0.5;
    p.financing.cost_of_debt = 0.065;
    p.financing.tenor_years = 12;
    p.financing.repayment = repayment;
    model::Support floor;
    floor.id = "floor";
    floor.kind = model::SupportKind::PriceFloor;
    floor.plants = {"sep-1"};
    floor.start_year = 2026;
    floor.end_year = 2036;
    floor.floor_usd_per_kg = 110;
    floor.upside_share = 0.3;
    model::Support credit;
    credit.id = "45x";
    credit.kind = model::SupportKind::TaxCredit;
    credit.plants = {"sep-1"};
    credit.start_year = 2026;
    credit.end_year = 1e9;
    credit.rate = 0.10;
    credit.phase_out.points = {{2030, 1.0}, {2031, 0.75}, {2032, 0.5}, {2033, 0.25}, {2034, 0.0}};
    model::Support grant;
    grant.id = "grant";
    grant.kind = model::SupportKind::Grant;
    grant.plants = {"sep-1"};
    grant.amount_musd = 35;
    grant.year = 2027;
    model::Support loan;
    loan.id = "loan";
    loan.kind = model::SupportKind::Loan;
    loan.plants = {"sep-1"};
    loan.amount_musd = 150;
    loan.spread_over_risk_free = 0.01;
    loan.tenor_years = 12;
    plan.supports = {floor, credit, grant, loan};
    return plan;
}

template <class T> T sum(const std::vector<finance::LedgerYear<T>>& ys, T finance::LedgerYear<T>::*m) {
    T s(0);
    for (const auto& y : ys) s += y.*m;
    return s;
}

}  // namespace

TEMPLATE_TEST_CASE("LCOP is PV of costs over PV of output on a no-tax, no-debt plant", "[finance][engine]", double, Decimal) {
    using T = TestType;
    // finance-methods §3.5: LCOP = Σ C_t (1+r)^−t / Σ Q_t (1+r)^−t (the construction of NREL's LCOE)
    model::Plan plan = simple_plan();
    auto v = finance::value_plan<T>(plan)[0];
    const auto& L = v.ledger;
    CHECK(as_double(L.capital.wacc) == Approx(0.08).epsilon(1e-15));
    auto times = timeline::schedule_plants<T>(plan);
    finance::PlantLedger<T> pl(plan, 0, times[0]);
    auto df = pl.discount_factors(L.capital.wacc);
    T pv_cost(0), pv_kg(0);
    for (std::size_t i = 0; i < L.years.size(); ++i) {
        const auto& y = L.years[i];
        pv_cost += (y.capex + y.operating_cost + y.input_cost) * df[i];
        pv_kg += y.production * T(1000) * df[i] / T(1000000);  // t → kg, USD → million USD
    }
    REQUIRE(v.lcop);
    CHECK(as_double(*v.lcop) == Approx(as_double(pv_cost / pv_kg)).epsilon(1e-10));
    // by hand: capex 600 in 2026 (DF 1/1.08), 20 years of 2,000 t from 2027 at 20 + 2000·(10 + 6·2)/1000 = 64
    const double a20 = (1 - std::pow(1.08, -20)) / 0.08;
    const double by_hand = (600 / 1.08 + 64 * a20 / 1.08) / (2 * a20 / 1.08);
    CHECK(as_double(*v.lcop) == Approx(by_hand).epsilon(1e-10));
    // with no supports the two LCOPs are the same
    REQUIRE(v.lcop_unsupported);
    CHECK(as_double(*v.lcop_unsupported) == Approx(as_double(*v.lcop)).epsilon(1e-10));
}

TEMPLATE_TEST_CASE("NPV at the IRR is zero and selling at the LCOP makes NPV zero", "[finance][engine]", double, Decimal) {
    using T = TestType;
    for (auto rep : {model::Repayment::Annuity, model::Repayment::LevelPrincipal, model::Repayment::Sculpted}) {
        model::Plan plan = full_plan(rep);
        auto v = finance::value_plan<T>(plan)[0];
        std::vector<T> fcff;
        for (const auto& y : v.ledger.years) fcff.push_back(y.fcff);
        REQUIRE(v.irr);
        CHECK(std::abs(as_double(finance::npv0(*v.irr, fcff))) < 1e-6);

        // unsupported LCOP: with every support removed, selling at it gives NPV zero
        REQUIRE(v.lcop_unsupported);
        model::Plan bare = plan;
        bare.supports.clear();
        bare.materials[1].market_price_usd_per_kg = model::Series(as_double(*v.lcop_unsupported));
        auto vb = finance::value_plan<double>(bare)[0];
        CHECK(std::abs(vb.npv) < 1e-6);
        // supports lower the LCOP
        REQUIRE(v.lcop);
        CHECK(*v.lcop < *v.lcop_unsupported);
    }
}

TEST_CASE("statements foot to the cent in Decimal", "[finance][engine]") {
    model::Plan plan = full_plan(model::Repayment::Sculpted);
    auto v = finance::value_plan<Decimal>(plan)[0];
    const auto& ys = v.ledger.years;
    using Y = finance::LedgerYear<Decimal>;
    const Decimal cent("0.01");
    // capex spent equals capex in nominal terms
    CHECK(abs(sum(ys, &Y::capex) - v.ledger.capex_total) < cent);
    // working capital is built and released in full
    CHECK(abs(sum(ys, &Y::wc_change)) < cent);
    // depreciation writes off exactly the basis (no basis-reducing grant here)
    CHECK(abs(sum(ys, &Y::depreciation) - v.ledger.capex_total) < cent);
    // every dollar drawn is repaid, and the balance ends at zero
    CHECK(abs(sum(ys, &Y::draws) - sum(ys, &Y::principal)) < cent);
    CHECK(abs(ys.back().debt_balance) < cent);
    // each line of the statements adds up
    for (const auto& y : ys) {
        CHECK(y.ebitda == y.revenue + y.price_support - y.operating_cost - y.input_cost);
        CHECK(y.fcff == y.ebitda + y.grants - y.tax_unlevered + y.tax_credit_unlevered + y.credit_cash - y.capex + y.wc_change);
        CHECK(y.fcfe == y.fcff + (y.tax_unlevered - y.tax) + (y.tax_credit - y.tax_credit_unlevered) - y.interest - y.principal +
                            y.draws - y.financing_fees + y.public_equity);
    }
}

TEST_CASE("the price floor tops up to the floor and claws back the upside", "[finance][engine]") {
    // MP–DoD price protection [S1]: realized = max(market, 110) with 30 % of the excess paid back
    for (double market : {75.0, 150.0}) {
        model::Plan plan = full_plan();
        plan.project.inflation = 0.0;
        plan.materials[1].market_price_usd_per_kg = model::Series(market);
        auto v = finance::value_plan<Decimal>(plan)[0];
        for (const auto& y : v.ledger.years) {
            if (y.year < 2031 || y.year > 2035) continue;
            const double q = as_double(y.production);
            const double per_kg = market < 110 ? 110 - market : -0.3 * (market - 110);
            CHECK(as_double(y.price_support) == Approx(q * per_kg / 1000).epsilon(1e-12));
        }
        for (const auto& y : v.ledger.years)
            if (y.year >= 2036) CHECK(y.price_support == Decimal(0));
        // the floor's top-ups are the contracted leg of the cost of capital: w = PV(top-ups) /
        // PV(revenue + price support), at r_u = 4 % + 0.8 × 5 % = 8 % (man reeplan-model.7)
        const std::vector<double> df = finance::discount_factors<double>(plan.project, v.ledger.first_year, v.ledger.years.size(), 0.08);
        double pv_contracted = 0, pv_revenue = 0;
        for (std::size_t i = 0; i < v.ledger.years.size(); ++i) {
            const auto& y = v.ledger.years[i];
            pv_contracted += std::max(0.0, as_double(y.price_support)) * df[i];
            pv_revenue += as_double(y.revenue + y.price_support) * df[i];
        }
        CHECK(as_double(v.ledger.capital.contracted_share) == Approx(pv_contracted / pv_revenue).epsilon(1e-12));
        if (market > 110) CHECK(v.ledger.capital.contracted_share == Decimal(0));
    }
}

TEST_CASE("the 45X credit follows its phase-out", "[finance][engine]") {
    // OBBBA §70514: 75 % (2031), 50 % (2032), 25 % (2033), 0 thereafter (finance-methods §3.3)
    model::Plan plan = full_plan();
    auto v = finance::value_plan<Decimal>(plan)[0];
    for (const auto& y : v.ledger.years) {
        const double cost = as_double(y.operating_cost + y.input_cost);
        double factor = y.year <= 2030 ? 1.0 : y.year >= 2034 ? 0.0 : 1.0 - 0.25 * (y.year - 2030);
        CHECK(as_double(y.credit_earned) == Approx(0.10 * cost * factor).margin(1e-12));
    }
}

TEST_CASE("a plant whose flows never change sign has no IRR, and says so", "[finance][engine]") {
    model::Plan plan = simple_plan();
    plan.plants[0].capex_musd = 0;
    auto v = finance::value_plan<double>(plan)[0];
    CHECK_FALSE(v.irr);
    REQUIRE(v.notes.count("irr"));
    CHECK(v.notes.at("irr") == "cash flows never change sign");
    CHECK(v.notes.count("min_dscr"));
}

TEST_CASE("the Decimal and double engines agree", "[finance][engine]") {
    for (auto rep : {model::Repayment::Annuity, model::Repayment::LevelPrincipal, model::Repayment::Sculpted}) {
        model::Plan plan = full_plan(rep);
        auto d = finance::value_plan<double>(plan)[0];
        auto m = finance::value_plan<Decimal>(plan)[0];
        REQUIRE(d.ledger.years.size() == m.ledger.years.size());
        auto rel = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); };
        CHECK(rel(d.npv, as_double(m.npv)));
        CHECK(rel(*d.irr, as_double(*m.irr)));
        CHECK(rel(*d.lcop, as_double(*m.lcop)));
        for (std::size_t i = 0; i < d.ledger.years.size(); ++i) {
            CHECK(rel(d.ledger.years[i].fcff, as_double(m.ledger.years[i].fcff)));
            CHECK(rel(d.ledger.years[i].fcfe, as_double(m.ledger.years[i].fcfe)));
        }
    }
}

TEST_CASE("a supply restriction on an input cuts production and raises the input's price", "[finance][engine]") {
    // input format §3, risk kind supply_restriction: imports cut to available_share and priced at
    // price_multiplier × market while it lasts; here for the whole of 2031 and half of 2032
    model::Plan plan = simple_plan();
    auto base = finance::value_plan<Decimal>(plan)[0];
    plan.shocks.push_back({"ore", 2031.0, 2032.5, 0.25, 3.0});
    auto hit = finance::value_plan<Decimal>(plan)[0];
    auto year = [](const finance::Valuation<Decimal>& v, int y) {
        for (const auto& r : v.ledger.years)
            if (r.year == y) return r;
        return finance::LedgerYear<Decimal>{};
    };
    // 2031: all year at 25 % availability and triple price
    CHECK(as_double(year(hit, 2031).production) == Approx(0.25 * as_double(year(base, 2031).production)));
    CHECK(as_double(year(hit, 2031).input_cost) == Approx(0.25 * 3.0 * as_double(year(base, 2031).input_cost)));
    // 2032: half the year: availability 1 − 0.5·0.75, price × (1 + 0.5·2)
    CHECK(as_double(year(hit, 2032).production) == Approx(0.625 * as_double(year(base, 2032).production)));
    CHECK(as_double(year(hit, 2032).input_cost) == Approx(0.625 * 2.0 * as_double(year(base, 2032).input_cost)));
    CHECK(year(hit, 2033).production == year(base, 2033).production);
    CHECK(hit.npv < base.npv);
}

TEST_CASE("the fast path gives the same NPV as the full valuation", "[finance][engine]") {
    model::Plan plan = full_plan();
    auto flows = finance::plant_flows<double>(plan);
    auto full = finance::value_plan<double>(plan);
    CHECK(flows[0].npv == Approx(full[0].npv).epsilon(1e-14));
    // at the IRR the NPV of the same flows is zero
    CHECK(std::abs(finance::npv_at(plan.project, flows[0], *full[0].irr)) < 1e-6);
}

TEST_CASE("a year of delay costs NPV in proportion to the discounting it adds", "[finance][engine]") {
    // without taxes, debt or inflation, a year more of permitting moves every flow one year out:
    // NPV(delayed) = NPV / (1 + r) exactly. A year more of construction keeps the capex where it
    // was and moves only the operating flows: the change is NPV_ops · (1/(1 + r) − 1).
    model::Plan plan = simple_plan();
    plan.materials[1].market_price_usd_per_kg = model::Series(120.0);
    auto effects = finance::delay_npv_effects(plan);
    REQUIRE(effects.size() == 4);
    const double npv = finance::plant_flows<double>(plan)[0].npv;
    CHECK(npv > 0);
    REQUIRE(effects[0].phase == timeline::Phase::Permitting);
    CHECK(effects[0].plant_npv_change_musd == Approx(npv / 1.08 - npv).epsilon(1e-9));
    CHECK(effects[0].chain_npv_change_musd == Approx(effects[0].plant_npv_change_musd).epsilon(1e-12));
    REQUIRE(effects[1].phase == timeline::Phase::Construction);
    // construction of one year becomes two: capex spread over two years, operation a year later
    CHECK(effects[1].plant_npv_change_musd < 0);
}
