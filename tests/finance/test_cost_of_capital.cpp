#include "finance/cost_of_capital.hpp"
#include "model/decimal.hpp"

#include <catch2/catch.hpp>

using namespace reeplan;
using model::BetaMethod;
using model::Decimal;

namespace {

template <class T>
T lit(double x) {
    return model::from_input<T>(x);
}

}  // namespace

// finance-methods §1.2 worked example: β_u 1.01 (Damodaran Metals & Mining, Jan 2026,
// cash-corrected), D/E 0.5 (D/V 1/3), T 25 %, r_f 4.50 %, ERP 4.33 %, k_d 6.33 %.
TEMPLATE_TEST_CASE("levered beta under the three debt policies", "[finance][cost_of_capital]", double, Decimal) {
    using T = TestType;
    const T bu = lit<T>(1.01), de = lit<T>(0.5), tax = lit<T>(0.25), kd = lit<T>(0.0633), bd = lit<T>(0.15);
    auto beta = [&](BetaMethod m, const T& debt_beta) {
        return model::as_double(finance::levered_beta(m, bu, de, tax, kd, debt_beta));
    };
    CHECK(beta(BetaMethod::Hamada, T(0)) == Approx(1.388750).margin(5e-7));         // §1.2 oracle
    CHECK(beta(BetaMethod::HarrisPringle, T(0)) == Approx(1.515000).margin(5e-7));  // §1.2 oracle
    CHECK(beta(BetaMethod::MilesEzzell, T(0)) == Approx(1.507484).margin(5e-7));    // §1.2 oracle
    CHECK(beta(BetaMethod::HarrisPringle, bd) == Approx(1.440000).margin(5e-7));    // §1.2 oracle, β_d 0.15
    CHECK(beta(BetaMethod::Hamada, bd) == Approx(1.332500).margin(5e-7));           // Fernández form
    CHECK(beta(BetaMethod::MilesEzzell, bd) == Approx(1.433600).margin(5e-7));      // §1.2 oracle, β_d 0.15
    // Default debt beta is zero; the unlevered beta comes back at zero leverage.
    CHECK(model::as_double(finance::levered_beta(BetaMethod::Hamada, bu, de, tax, kd)) ==
          Approx(1.388750).margin(5e-7));
    for (auto m : {BetaMethod::Hamada, BetaMethod::HarrisPringle, BetaMethod::MilesEzzell})
        CHECK(finance::levered_beta(m, bu, T(0), tax, kd, bd) == bu);
}

TEMPLATE_TEST_CASE("CAPM cost of equity and after-tax WACC", "[finance][cost_of_capital]", double, Decimal) {
    using T = TestType;
    const T dv = T(1) / T(3);
    const auto de = finance::debt_to_equity(dv);
    REQUIRE(de);
    CHECK(model::as_double(*de) == Approx(0.5).margin(1e-15));
    const T bl = finance::levered_beta(BetaMethod::Hamada, lit<T>(1.01), *de, lit<T>(0.25), lit<T>(0.0633));
    const T ke = finance::capm_cost_of_equity(lit<T>(0.045), bl, lit<T>(0.0433));
    CHECK(model::as_double(ke) == Approx(0.105133).margin(5e-7));  // §1.2 oracle: 10.5133 %
    const T w = finance::wacc(dv, ke, lit<T>(0.0633), lit<T>(0.25));
    CHECK(model::as_double(w) == Approx(0.085914).margin(5e-7));  // §1.2 oracle: 8.5914 %
    // After-tax cost of debt 4.7475 % (§1.2) is the WACC at D/V = 1.
    CHECK(model::as_double(finance::wacc(T(1), ke, lit<T>(0.0633), lit<T>(0.25))) ==
          Approx(0.047475).margin(5e-9));
    // §1.1: the Aa1 country risk premium 0.4881 % adds one to one.
    CHECK(model::as_double(finance::capm_cost_of_equity(lit<T>(0.045), bl, lit<T>(0.0433), lit<T>(0.004881)) - ke) ==
          Approx(0.004881).margin(1e-12));
}

TEMPLATE_TEST_CASE("leverage without equity is a value with a reason", "[finance][cost_of_capital]", double,
                   Decimal) {
    using T = TestType;
    const auto all_debt = finance::debt_to_equity(T(1));
    CHECK_FALSE(all_debt);
    CHECK(all_debt.reason == "the debt share D/V is 100% or more, so there is no equity to lever");
    CHECK_FALSE(finance::debt_to_equity(lit<T>(1.5)));
    CHECK(finance::debt_to_equity(lit<T>(-0.1)).reason == "the debt share D/V is negative");
    CHECK(model::as_double(*finance::debt_to_equity(T(0))) == 0.0);
    CHECK(model::as_double(*finance::debt_to_equity(lit<T>(0.6))) == Approx(1.5).margin(1e-15));
}
