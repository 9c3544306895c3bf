#include "finance/tax.hpp"
#include "model/decimal.hpp"

#include <catch2/catch.hpp>

#include <type_traits>
#include <vector>

using namespace reeplan;
using model::Decimal;

namespace {

template <class T>
T lit(double x) {
    return model::from_input<T>(x);
}

template <class T>
bool same(const T& a, double b) {
    if constexpr (std::is_same_v<T, double>)
        return a == Approx(b).margin(1e-12);
    else
        return a == model::from_input<Decimal>(b);  // exact: every input here is a short decimal
}

}  // namespace

TEMPLATE_TEST_CASE("NOL deduction is capped at 80 % of income", "[finance][tax]", double, Decimal) {
    using T = TestType;
    // finance-methods §3.2 oracle (IRC §172(a)(2) after TCJA): NOL 100 against pre-NOL income
    // 60, 80 % limit, 21 % rate → deduction 48, taxable 12, tax 2.52, carryforward 52.
    finance::TaxState<T> st{T(100), T(0)};
    const auto y = finance::tax_year(st, T(60), lit<T>(0.21), lit<T>(0.8), false, T(0));
    CHECK(same(y.nol_used, 48));
    CHECK(same(y.taxable_income, 12));
    CHECK(same(y.tax_before_credits, 2.52));
    CHECK(same(y.tax_after_credits, 2.52));
    CHECK(same(st.nol, 52));
    CHECK(same(y.nol_added, 0));

    // The next year at 60 again uses 48 more; the year after only the 4 that are left.
    const auto y2 = finance::tax_year(st, T(60), lit<T>(0.21), lit<T>(0.8), false, T(0));
    CHECK(same(y2.nol_used, 48));
    const auto y3 = finance::tax_year(st, T(60), lit<T>(0.21), lit<T>(0.8), false, T(0));
    CHECK(same(y3.nol_used, 4));
    CHECK(same(y3.tax_before_credits, 11.76));
    CHECK(same(st.nol, 0));
}

TEMPLATE_TEST_CASE("losses carry forward or are monetized", "[finance][tax]", double, Decimal) {
    using T = TestType;
    finance::TaxState<T> cf;
    const auto loss = finance::tax_year(cf, T(-50), lit<T>(0.21), lit<T>(0.8), false, T(0));
    CHECK(same(loss.tax_after_credits, 0));
    CHECK(same(loss.nol_added, 50));
    CHECK(same(cf.nol, 50));

    finance::TaxState<T> mon;
    const auto paid = finance::tax_year(mon, T(-50), lit<T>(0.21), lit<T>(0.8), true, T(0));
    CHECK(same(paid.tax_before_credits, -10.5));  // the owner's tax falls by 21 % of the loss
    CHECK(same(paid.tax_after_credits, -10.5));
    CHECK(same(paid.nol_added, 0));
    CHECK(same(mon.nol, 0));

    // Over a sequence the NOL balance foots: added − used = balance.
    finance::TaxState<T> seq;
    T added(0), used(0), tax(0);
    for (double income : {-30.0, -20.0, 10.0, 5.0, -7.5, 40.0, 60.0, 100.0}) {
        const auto y = finance::tax_year(seq, lit<T>(income), lit<T>(0.25), lit<T>(0.8), false, T(0));
        added += y.nol_added;
        used += y.nol_used;
        tax += y.tax_after_credits;
        CHECK(!(y.nol_used > lit<T>(0.8) * (income > 0 ? lit<T>(income) : T(0))));
    }
    CHECK(same(added, 57.5));
    CHECK(same(added - used - seq.nol, 0));
    CHECK(same(seq.nol, 0));
    // Every loss was used: taxable income is 215 of profits less 57.5 of losses, at 25 %.
    CHECK(same(tax, 39.375));
}

TEMPLATE_TEST_CASE("credits reduce tax and carry forward", "[finance][tax]", double, Decimal) {
    using T = TestType;
    finance::TaxState<T> st;
    // Tax 21 on income 100; credits 30 → 21 used, 9 carried.
    const auto y1 = finance::tax_year(st, T(100), lit<T>(0.21), lit<T>(0.8), false, T(30));
    CHECK(same(y1.credits_used, 21));
    CHECK(same(y1.tax_after_credits, 0));
    CHECK(same(st.credit_carry, 9));
    // A loss year: nothing to use credits against, 5 more accumulate.
    const auto y2 = finance::tax_year(st, T(-10), lit<T>(0.21), lit<T>(0.8), false, T(5));
    CHECK(same(y2.credits_used, 0));
    CHECK(same(st.credit_carry, 14));
    // Income 100 less the 10 of NOL (under the cap of 80) = 90, tax 18.9; 14 of credits used.
    const auto y3 = finance::tax_year(st, T(100), lit<T>(0.21), lit<T>(0.8), false, T(0));
    CHECK(same(y3.nol_used, 10));
    CHECK(same(y3.tax_before_credits, 18.9));
    CHECK(same(y3.credits_used, 14));
    CHECK(same(y3.tax_after_credits, 4.9));
    CHECK(same(st.credit_carry, 0));
    // Monetized losses: credits still only against positive tax.
    finance::TaxState<T> mon;
    const auto m = finance::tax_year(mon, T(-10), lit<T>(0.21), lit<T>(0.8), true, T(5));
    CHECK(same(m.tax_after_credits, -2.1));
    CHECK(same(mon.credit_carry, 5));
}

TEMPLATE_TEST_CASE("45X critical-mineral credit phase-out", "[finance][tax]", double, Decimal) {
    using T = TestType;
    // finance-methods §3.3 oracle (IRC §45X(b)(1)(M) 10 % of production costs; phase-out of
    // §45X(b)(3) as amended by P.L. 119-21 §70514): $50 M of production costs gives credits of
    // 5.000 / 3.750 / 2.500 / 1.250 / 0.000 for 2030–2034. The engine computes the credit as
    // phase-out factor × rate × cost.
    const std::vector<double> factors{1.0, 0.75, 0.5, 0.25, 0.0};
    const std::vector<double> expected{5.0, 3.75, 2.5, 1.25, 0.0};
    finance::TaxState<T> st;
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const T credit = lit<T>(factors[i]) * lit<T>(0.10) * T(50);
        CHECK(same(credit, expected[i]));
        // Against income of 100 at 21 % (tax 21) every credit is used in its year.
        const auto y = finance::tax_year(st, T(100), lit<T>(0.21), lit<T>(0.8), false, credit);
        CHECK(same(y.credits_used, expected[i]));
        CHECK(same(y.tax_after_credits, 21 - expected[i]));
    }
    CHECK(same(st.credit_carry, 0));
}
