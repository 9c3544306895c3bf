// The cost-of-capital build-up: contracted revenue in the asset beta, the technology premium,
// relevering by debt policy, the waterfall that adds up, and the ledger's own use of them.

#include "finance/build_up.hpp"
#include "finance/plan_finance.hpp"
#include "model/decimal.hpp"
#include "model/params.hpp"

#include "../model/plan_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace reeplan;
using finance::BuildUpInputs;
using finance::CapitalPart;
using model::as_double;
using model::BetaMethod;
using model::Decimal;

namespace {

template <class T> T lit(double x) { return model::from_input<T>(x); }

/// finance-methods §1.2 worked example: β_u 1.01, D/V 1/3, T 25 %, r_f 4.5 %, ERP 4.33 %,
/// k_d 6.33 % (synthetic BB), one commercial tranche.
template <class T> BuildUpInputs<T> example() {
    BuildUpInputs<T> in;
    in.risk_free = lit<T>(0.045);
    in.equity_risk_premium = lit<T>(0.0433);
    in.unlevered_beta = lit<T>(1.01);
    in.tax_rate = lit<T>(0.25);
    in.debt_share = T(1) / T(3);
    in.commercial_rate = lit<T>(0.0633);
    in.commercial_after_guarantee = in.commercial_rate;
    in.all_debt_rate = in.commercial_rate;
    return in;
}

template <class T> T part_sum(const finance::CapitalCost<T>& c, CapitalPart part) {
    T s(0);
    for (const auto& st : c.steps)
        if (st.part == part) s += st.delta;
    return s;
}

template <class T> const finance::CapitalStep<T>* find_step(const finance::CapitalCost<T>& c, CapitalPart part,
                                                           const std::string& label) {
    for (const auto& st : c.steps)
        if (st.part == part && label == st.label) return &st;
    return nullptr;
}

/// One plant with taxes, MACRS, debt, inflation and a market price, no supports.
model::Plan plant_plan() {
    model::Plan plan;
    plan.project.base_year = 2026;
    plan.project.end_year = 2056;
    plan.finance.risk_free = 0.045;
    plan.finance.equity_risk_premium = 0.0433;
    plan.finance.tax_rate = 0.25;
    plan.materials = {plan_fixtures::priced("ore", 2.0), plan_fixtures::priced("oxide", 80.0)};
    model::Plant p = plan_fixtures::separation_plant();
    p.unlevered_beta = 1.01;
    p.schedule.permitting_years = 0;
    p.schedule.construction_years = 2;
    p.schedule.commissioning_years = 0;
    p.schedule.ramp.shape = model::RampShape::Linear;
    p.schedule.ramp.years = 2;
    p.financing.debt_share = 0.5;
    p.financing.cost_of_debt = 0.065;
    plan.plants = {p};
    return plan;
}

model::Support offtake(double share, double price) {
    model::Support s;
    s.id = "offtake";
    s.kind = model::SupportKind::Offtake;
    s.plants = {"sep-1"};
    s.start_year = 2026;
    s.end_year = 1e9;
    s.share = share;
    s.price_usd_per_kg = price;
    return s;
}

template <class T> finance::Ledger<T> run(const model::Plan& plan, bool with_supports = true) {
    auto times = timeline::schedule_plants<T>(plan);
    finance::PlantLedger<T> pl(plan, 0, times[0]);
    finance::LedgerOptions<T> o;
    o.with_supports = with_supports;
    return pl.run(o);
}

}  // namespace

TEMPLATE_TEST_CASE("contracted revenue blends the asset beta", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    const T bu = lit<T>(1.01), bc = lit<T>(0.15);
    CHECK(finance::contracted_asset_beta<T>(bu, bc, T(0)) == bu);
    CHECK(finance::contracted_asset_beta<T>(bu, bc, T(1)) == bc);
    CHECK(as_double(finance::contracted_asset_beta<T>(bu, bc, lit<T>(0.5))) == Approx(0.58).margin(1e-15));
    CHECK(as_double(finance::contracted_asset_beta<T>(bu, T(0), lit<T>(0.25))) == Approx(0.7575).margin(1e-15));
    if constexpr (std::is_same_v<T, Decimal>) CHECK(finance::contracted_asset_beta<T>(bu, T(0), lit<T>(0.25)) == lit<T>(0.7575));

    // present-value shares: at discount factors 0.5 and 0.25, legs {10, 20} are worth 10,
    // {10, 0} 5 and {30, 0} 15
    CHECK(finance::contracted_share_of<T>(T(0), lit<T>(10)) == T(0));
    CHECK(finance::contracted_share_of<T>(lit<T>(10), lit<T>(10)) == T(1));
    CHECK(finance::contracted_share_of<T>(lit<T>(5), lit<T>(10)) == lit<T>(0.5));
    CHECK(finance::contracted_share_of<T>(lit<T>(5), T(0)) == T(0));     // nothing to share
    CHECK(finance::contracted_share_of<T>(lit<T>(15), lit<T>(10)) == T(1));  // held in [0, 1]
}

TEMPLATE_TEST_CASE("build-up reproduces the §1.2 worked example", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    auto c = finance::build_up<T>(example<T>());
    CHECK(c.asset_beta == lit<T>(1.01));
    CHECK(as_double(c.levered_beta) == Approx(1.388750).margin(5e-7));
    CHECK(as_double(c.cost_of_equity) == Approx(0.105133).margin(5e-7));   // 10.5133 %
    CHECK(as_double(c.wacc) == Approx(0.085914).margin(5e-7));             // 8.5914 %
    CHECK(as_double(c.cost_of_debt) == Approx(0.0633).margin(1e-15));
    CHECK(c.pricing == finance::DebtPricing::Explicit);
    CHECK(std::string(finance::to_string(c.pricing)) == "explicit");
    // the same numbers as the formulas of cost_of_capital.hpp
    const T ke = finance::capm_cost_of_equity<T>(lit<T>(0.045), c.levered_beta, lit<T>(0.0433));
    CHECK(as_double(c.cost_of_equity - ke) == Approx(0).margin(1e-15));
    const T w = finance::wacc<T>(T(1) / T(3), c.cost_of_equity, c.cost_of_debt, lit<T>(0.25));
    CHECK(as_double(c.wacc - w) == Approx(0).margin(1e-15));
}

TEMPLATE_TEST_CASE("the build-up relevers by the chosen debt policy", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    // finance-methods §1.2 oracles; β_d 0.15 for the second column
    struct Case {
        BetaMethod method;
        double beta_d0, beta_d15;
    };
    for (const Case& k : {Case{BetaMethod::Hamada, 1.388750, 1.332500}, Case{BetaMethod::HarrisPringle, 1.515000, 1.440000},
                          Case{BetaMethod::MilesEzzell, 1.507484, 1.433600}}) {
        auto in = example<T>();
        in.beta_method = k.method;
        auto c0 = finance::build_up<T>(in);
        CHECK(as_double(c0.levered_beta) == Approx(k.beta_d0).margin(5e-7));
        in.debt_beta = lit<T>(0.15);
        auto c15 = finance::build_up<T>(in);
        CHECK(as_double(c15.levered_beta) == Approx(k.beta_d15).margin(5e-7));
        // the leverage step is the relevering increment times ERP
        const auto* lev = find_step(c15, CapitalPart::CostOfEquity, "leverage");
        REQUIRE(lev);
        CHECK(as_double(lev->delta) == Approx((k.beta_d15 - 1.01) * 0.0433).margin(5e-8));
    }
}

TEMPLATE_TEST_CASE("the technology premium adds one for one to the cost of equity", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    auto in = example<T>();
    auto base = finance::build_up<T>(in);
    in.technology_premium = lit<T>(0.03);
    auto pilot = finance::build_up<T>(in);
    if constexpr (std::is_same_v<T, Decimal>) {
        CHECK(pilot.cost_of_equity - base.cost_of_equity == lit<T>(0.03));
    } else {
        CHECK(pilot.cost_of_equity - base.cost_of_equity == Approx(0.03).margin(1e-16));
    }
    CHECK(pilot.levered_beta == base.levered_beta);
    CHECK(pilot.cost_of_debt == base.cost_of_debt);
    CHECK(as_double(pilot.wacc - base.wacc) == Approx(0.02).margin(1e-15));  // (E/V) × 3 %
    const auto* tp = find_step(pilot, CapitalPart::CostOfEquity, "technology premium");
    REQUIRE(tp);
    CHECK(tp->delta == lit<T>(0.03));
}

TEMPLATE_TEST_CASE("the waterfall adds up to each total", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    auto in = example<T>();
    in.country_risk_premium = lit<T>(0.004881);
    in.technology_premium = lit<T>(0.02);
    in.contract_beta = lit<T>(0.1);
    in.contracted_share = lit<T>(0.37);
    in.debt_beta = lit<T>(0.05);
    in.guaranteed = true;
    in.commercial_after_guarantee = lit<T>(0.058);
    in.public_loans = true;
    in.all_debt_rate = lit<T>(0.0561);
    for (auto m : {BetaMethod::Hamada, BetaMethod::HarrisPringle, BetaMethod::MilesEzzell}) {
        in.beta_method = m;
        auto c = finance::build_up<T>(in);
        // exact: each total is the running sum of its steps
        CHECK(part_sum(c, CapitalPart::CostOfEquity) == c.cost_of_equity);
        CHECK(part_sum(c, CapitalPart::CostOfDebt) == c.cost_of_debt);
        CHECK(part_sum(c, CapitalPart::Wacc) == c.wacc);
        for (CapitalPart part : {CapitalPart::CostOfEquity, CapitalPart::CostOfDebt, CapitalPart::Wacc}) {
            T running(0);
            for (const auto& s : c.steps) {
                if (s.part != part) continue;
                running += s.delta;
                CHECK(s.after == running);
            }
        }
        // and the totals are the formulas
        const T ke = finance::capm_cost_of_equity<T>(in.risk_free, c.levered_beta, in.equity_risk_premium,
                                                     in.country_risk_premium) + in.technology_premium;
        const double tol = std::is_same_v<T, Decimal> ? 1e-30 : 1e-15;
        CHECK(std::abs(as_double(c.cost_of_equity - ke)) < tol);
        CHECK(std::abs(as_double(c.cost_of_debt - in.all_debt_rate)) < tol);
        CHECK(std::abs(as_double(c.wacc - finance::wacc<T>(in.debt_share, c.cost_of_equity, c.cost_of_debt, in.tax_rate))) <
              tol);
        CHECK(c.pricing == finance::DebtPricing::Blended);
        // the order of the steps: equity, debt, WACC
        std::vector<std::string> labels;
        for (const auto& s : c.steps) labels.push_back(std::string(finance::to_string(s.part)) + ":" + s.label);
        CHECK(labels == std::vector<std::string>{
                            "cost_of_equity:risk-free", "cost_of_equity:business risk", "cost_of_equity:contracted revenue",
                            "cost_of_equity:leverage", "cost_of_equity:country risk premium",
                            "cost_of_equity:technology premium", "cost_of_debt:risk-free", "cost_of_debt:commercial spread",
                            "cost_of_debt:loan guarantee", "cost_of_debt:public loans", "wacc:equity", "wacc:debt",
                            "wacc:tax shield"});
        // contracted revenue at w = 0.37, β_contract 0.1: (0.7·… ) below the business risk
        const auto* cr = find_step(c, CapitalPart::CostOfEquity, "contracted revenue");
        REQUIRE(cr);
        CHECK(as_double(cr->delta) == Approx(0.37 * (0.1 - 1.01) * 0.0433).margin(1e-15));
    }
}

TEMPLATE_TEST_CASE("a given cost of equity replaces the CAPM steps", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    auto in = example<T>();
    in.cost_of_equity_override = lit<T>(0.14);
    in.synthetic = true;
    in.rating = "Ba2/BB";
    auto c = finance::build_up<T>(in);
    CHECK(as_double(c.cost_of_equity) == Approx(0.14).margin(1e-16));
    CHECK(part_sum(c, CapitalPart::CostOfEquity) == c.cost_of_equity);
    REQUIRE(find_step(c, CapitalPart::CostOfEquity, "cost of equity given"));
    CHECK_FALSE(find_step(c, CapitalPart::CostOfEquity, "leverage"));
    CHECK(c.pricing == finance::DebtPricing::Synthetic);
    CHECK(c.rating == "Ba2/BB");
    REQUIRE(find_step(c, CapitalPart::CostOfDebt, "default spread"));
    CHECK(as_double(c.levered_beta) == Approx(1.388750).margin(5e-7));  // still reported
}

TEMPLATE_TEST_CASE("the ledger's contracted share: all contracted, none, and no supports", "[finance][build_up]", double,
                   Decimal) {
    using T = TestType;
    model::Plan plan = plant_plan();
    plan.finance.contract_beta = 0.2;
    // no supports: w = 0, β_asset = β_u
    auto bare = run<T>(plan);
    CHECK(bare.capital.contracted_share == T(0));
    CHECK(bare.capital.asset_beta == lit<T>(1.01));
    // all output under offtake: w = 1, β_asset = β_contract
    plan.supports = {offtake(1.0, 90)};
    auto all = run<T>(plan);
    CHECK(all.capital.contracted_share == T(1));
    CHECK(all.capital.asset_beta == lit<T>(0.2));
    CHECK(all.capital.wacc < bare.capital.wacc);
    // the same plan with its supports removed has no contract
    auto unsupported = run<T>(plan, false);
    CHECK(unsupported.capital.contracted_share == T(0));
    CHECK(unsupported.capital.wacc == bare.capital.wacc);
    // half the output at the market price: w is half of the revenue's PV
    plan.supports = {offtake(0.5, 80)};
    auto half = run<T>(plan);
    CHECK(as_double(half.capital.contracted_share) == Approx(0.5).margin(1e-12));
    // a price floor: the top-ups are contracted, and only they
    model::Support floor;
    floor.id = "floor";
    floor.kind = model::SupportKind::PriceFloor;
    floor.plants = {"sep-1"};
    floor.start_year = 2026;
    floor.end_year = 1e9;
    floor.floor_usd_per_kg = 100;
    plan.supports = {floor};
    plan.project.inflation = 0.0;
    auto fl = run<T>(plan);
    // merchant 80, top-up 20 on every kg: w = 20 / 100
    CHECK(as_double(fl.capital.contracted_share) == Approx(0.2).margin(1e-12));
}

TEMPLATE_TEST_CASE("the ledger prices synthetic debt at its rating's fixed point", "[finance][build_up]", double, Decimal) {
    using T = TestType;
    model::Plan plan = plant_plan();
    plan.plants[0].financing.synthetic_cost_of_debt = true;
    auto L = run<T>(plan);
    const finance::RatingTable& table = finance::rating_table(plan.finance.rating_table);
    REQUIRE_FALSE(L.capital.rating.empty());
    CHECK(L.capital.rating_note.empty());
    CHECK(L.capital.pricing == finance::DebtPricing::Synthetic);
    std::size_t band = table.bands.size();
    for (std::size_t i = 0; i < table.bands.size(); ++i)
        if (L.capital.rating == table.bands[i].rating) band = i;
    REQUIRE(band < table.bands.size());
    const T rate = lit<T>(0.045) + finance::band_spread<T>(table.bands[band]);
    CHECK(L.capital.cost_of_debt == rate);
    // the rating is the one the plant's average EBIT over the tenor earns at that rate
    const int repay_start = L.years.front().year + 2 + 1;  // operation starts after 2 years of construction
    T ebit(0);
    for (const auto& y : L.years)
        if (y.year >= repay_start && y.year < repay_start + 12) ebit += y.ebitda - y.depreciation;
    ebit /= T(12);
    CHECK(finance::band_for_coverage<T>(table, ebit, L.debt_total * rate) == band);
    // the commercial tranche pays that rate: interest in the first repayment year on the balance
    for (std::size_t i = 1; i < L.years.size(); ++i)
        if (L.years[i].year == repay_start)
            CHECK(as_double(L.years[i].interest) == Approx(as_double(L.years[i - 1].debt_balance * rate)).epsilon(1e-12));
    // the large-firm table rates the same cover at least as well
    plan.finance.rating_table = model::RatingTable::Damodaran2025Large;
    auto Lg = run<T>(plan);
    CHECK(Lg.capital.cost_of_debt <= L.capital.cost_of_debt);
}

TEST_CASE("synthetic debt is computed, without the old warning, and both engines agree", "[finance][build_up]") {
    model::Plan plan = plant_plan();
    plan.plants[0].financing.synthetic_cost_of_debt = true;
    plan.plants[0].technology_premium = 0.02;
    plan.finance.beta_method = BetaMethod::MilesEzzell;
    plan.finance.debt_beta = 0.1;
    plan.supports = {offtake(0.4, 95)};
    model::Support loan;
    loan.id = "loan";
    loan.kind = model::SupportKind::Loan;
    loan.plants = {"sep-1"};
    loan.amount_musd = 100;
    loan.spread_over_risk_free = 0.01;
    model::Support guarantee;
    guarantee.id = "lpo";
    guarantee.kind = model::SupportKind::LoanGuarantee;
    guarantee.plants = {"sep-1"};
    guarantee.share = 0.8;
    guarantee.spread_over_risk_free = 0.00375;
    guarantee.fee_share = 0.006;
    plan.supports.push_back(loan);
    plan.supports.push_back(guarantee);

    const auto d = run<double>(plan).capital;
    const auto m = run<Decimal>(plan).capital;
    auto close = [](double a, const Decimal& b) { return std::abs(a - as_double(b)) <= 1e-12 * std::max(1.0, std::abs(a)); };
    CHECK(d.rating == m.rating);
    CHECK(d.pricing == m.pricing);
    CHECK(d.pricing == finance::DebtPricing::Blended);
    CHECK(close(d.contracted_share, m.contracted_share));
    CHECK(close(d.asset_beta, m.asset_beta));
    CHECK(close(d.levered_beta, m.levered_beta));
    CHECK(close(d.cost_of_equity, m.cost_of_equity));
    CHECK(close(d.cost_of_debt, m.cost_of_debt));
    CHECK(close(d.wacc, m.wacc));
    REQUIRE(d.steps.size() == m.steps.size());
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
        CHECK(std::string(d.steps[i].label) == m.steps[i].label);
        CHECK(close(d.steps[i].delta, m.steps[i].delta));
        CHECK(close(d.steps[i].after, m.steps[i].after));
    }

    finance::PlanResult r = finance::compute_plan(plan);
    REQUIRE(r.plants.size() == 1);
    const finance::CostOfCapital& cc = r.plants[0].cost_of_capital;
    CHECK(cc.cost_of_debt_method == "blended");
    CHECK(cc.rating == m.rating);
    CHECK(cc.technology_premium == 0.02);
    CHECK(cc.contracted_share == as_double(m.contracted_share));
    CHECK(cc.asset_beta == as_double(m.asset_beta));
    CHECK(r.plants[0].notes.count("cost_of_debt") == 0);
    for (const auto& w : r.warnings) CHECK(w.find("synthetic") == std::string::npos);
    // the waterfall in basis points adds up to each total
    double ke = 0, kd = 0, wacc = 0;
    for (const auto& s : cc.waterfall) {
        (s.part == "cost_of_equity" ? ke : s.part == "cost_of_debt" ? kd : wacc) += s.bp;
    }
    CHECK(ke == Approx(cc.cost_of_equity * 1e4).margin(1e-9));
    CHECK(kd == Approx(cc.cost_of_debt * 1e4).margin(1e-9));
    CHECK(wacc == Approx(cc.wacc * 1e4).margin(1e-9));
    REQUIRE_FALSE(cc.waterfall.empty());
    CHECK(cc.waterfall.back().part == "wacc");
    CHECK(cc.waterfall.back().value_after == cc.wacc);
}

TEST_CASE("the technology premium and the contract beta are parameters", "[finance][build_up]") {
    model::Plan plan = plant_plan();
    auto tp = model::resolve_param(plan, "plant.sep-1.technology_premium");
    REQUIRE(tp);
    tp.set(0.05);
    CHECK(plan.plants[0].technology_premium == 0.05);
    auto cb = model::resolve_param(plan, "finance.contract_beta");
    REQUIRE(cb);
    cb.set(0.3);
    CHECK(plan.finance.contract_beta == 0.3);
    const auto paths = model::param_paths(plan);
    CHECK(std::find(paths.begin(), paths.end(), "plant.sep-1.technology_premium") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "finance.contract_beta") != paths.end());
    // and they move the cost of equity: 5 % technology premium, all of it equity
    auto L = run<Decimal>(plan);
    const auto* step = find_step(L.capital, CapitalPart::CostOfEquity, "technology premium");
    REQUIRE(step);
    CHECK(step->delta == Decimal("0.05"));
}
