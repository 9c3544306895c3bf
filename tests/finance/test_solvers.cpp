#include "finance/solvers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

using namespace reeplan;
using finance::IrrStatus;
using model::Decimal;

namespace {

/// A decimal constant in the number type under test (through its shortest decimal text).
template <class T>
T lit(double x) {
    return model::from_input<T>(x);
}

template <class T>
std::vector<T> flows(std::initializer_list<double> xs) {
    std::vector<T> out;
    for (double x : xs) out.push_back(lit<T>(x));
    return out;
}

/// Relative tolerance of identities that hold exactly in real arithmetic.
template <class T>
double tight() {
    return std::is_same_v<T, double> ? 1e-12 : 1e-28;
}

/// Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, Knuth MMIX constants).
struct Lcg {
    std::uint64_t state;
    double next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    }
};

}  // namespace

TEST_CASE("Brent finds a bracketed root and refuses an unbracketed one", "[finance][solvers]") {
    auto f = [](double x) { return std::cos(x) - x; };
    auto root = finance::brent(f, 0.0, 1.0, 1e-14, 100);
    REQUIRE(root);
    CHECK(*root == Approx(0.7390851332151607).margin(1e-13));  // Dottie number, cos x = x
    CHECK_FALSE(finance::brent(f, 1.0, 2.0));                  // no sign change
    CHECK(*finance::brent([](double x) { return x - 2.0; }, 2.0, 5.0) == 2.0);  // endpoint root
    CHECK_FALSE(finance::brent([](double x) { return std::log(x); }, -1.0, 3.0));  // NaN at a = -1
    // A root that needs many bisections (flat function) still converges to the tolerance.
    auto cubic = [](double x) { return (x - 0.3) * (x - 0.3) * (x - 0.3); };
    auto r3 = finance::brent(cubic, -1.0, 4.0, 1e-12, 200);
    REQUIRE(r3);
    CHECK(*r3 == Approx(0.3).margin(1e-10));
}

TEMPLATE_TEST_CASE("NPV matches Excel's documented example", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    // Microsoft support, "NPV function", example 1: rate 10 %, an initial cost of 10,000 one year
    // from today, then 3,000, 4,200, 6,800 → 1,188.44.
    const auto cf = flows<T>({-10000, 3000, 4200, 6800});
    CHECK(model::as_double(finance::npv(lit<T>(0.1), cf)) == Approx(1188.44).margin(0.005));
    // npv0 puts the first flow at t = 0: one period less of discounting.
    CHECK(model::as_double(finance::npv0(lit<T>(0.1), cf) / lit<T>(1.1) - finance::npv(lit<T>(0.1), cf)) ==
          Approx(0).margin(1e-9));
    // finance-methods §3.5: 100 a year for 10 years at 10 % → 614.4567 end-year and 644.4476
    // mid-year (ratio (1.1)^0.5 = 1.048809).
    const std::vector<T> hundred(10, T(100));
    const T end_year = finance::npv(lit<T>(0.1), hundred);
    using std::sqrt;
    CHECK(model::as_double(end_year) == Approx(614.4567).margin(5e-5));
    CHECK(model::as_double(end_year * sqrt(lit<T>(1.1))) == Approx(644.4476).margin(5e-5));
    CHECK(model::as_double(end_year - T(100) * finance::annuity_factor(lit<T>(0.1), 10)) ==
          Approx(0).margin(1e-9));
}

TEST_CASE("NPV in double keeps within the error bound the IRR search certifies with", "[finance][solvers]") {
    // npv0 in double (the second-order Horner rule) against Horner's rule in long double at the
    // same v = 1/(1+r): within γ_(2n+4) Σ|cf_i| v^i, plus the long double's own bound
    Lcg rng{20261127};
    const double u = std::numeric_limits<double>::epsilon() / 2;
    const long double ul = std::numeric_limits<long double>::epsilon() / 2;
    double worst = 0;
    for (int k = 0; k < 2000; ++k) {
        const std::size_t n = 1 + static_cast<std::size_t>(rng.next() * 120);
        std::vector<double> cf(n);
        const double scale = std::pow(10.0, 40 * rng.next() - 20);
        for (double& c : cf) c = (rng.next() - 0.4) * scale;
        const double r = std::expm1(std::log(0.01) + (std::log(11.0) - std::log(0.01)) * rng.next());
        const double v = 1.0 / (1.0 + r);
        long double exact = 0, size = 0;
        for (std::size_t i = n; i-- > 0;) {
            exact = exact * v + cf[i];
            size = size * v + std::abs(cf[i]);
        }
        const double m = static_cast<double>(2 * n + 4);
        const long double bound = (m * u / (1 - m * u)) * size + 2 * static_cast<long double>(n) * ul * 1.01L * size;
        const long double err = std::abs(static_cast<long double>(finance::npv0(r, cf)) - exact);
        INFO("set " << k << ", " << n << " flows, rate " << r);
        CHECK(err <= bound);
        if (size > 0) worst = std::max(worst, static_cast<double>(err / size) / u);
    }
    // the rule does round: not every value is the exact one
    CHECK(worst > 0.5);
}

TEST_CASE("IRR matches Excel's documented example", "[finance][solvers]") {
    // Microsoft support, "IRR function": -70,000, 12,000, 15,000, 18,000, 21,000, 26,000 →
    // 8.6631 % (finance-methods §3.6 oracle; Excel displays 9 %).
    const std::vector<double> cf{-70000, 12000, 15000, 18000, 21000, 26000};
    const auto res = finance::irr(cf);
    REQUIRE(res.status == IrrStatus::One);
    REQUIRE(res.unique());
    CHECK(*res.unique() == Approx(0.086631).margin(5e-7));
    CHECK(res.reason == "one rate makes NPV zero: 8.6631%");
    CHECK(std::abs(finance::npv0(*res.unique(), cf)) < 1e-6);
}

TEMPLATE_TEST_CASE("polish_irr carries the IRR to the precision of the number type", "[finance][solvers]",
                   double, Decimal) {
    using T = TestType;
    using std::abs;
    const auto cf = flows<T>({-70000, 12000, 15000, 18000, 21000, 26000});
    const auto res = finance::irr({-70000, 12000, 15000, 18000, 21000, 26000});
    REQUIRE(res.unique());
    const T r = finance::polish_irr(cf, *res.unique());
    CHECK(model::as_double(r) == Approx(0.086631).margin(5e-7));
    CHECK(model::as_double(abs(finance::npv0(r, cf))) <= tight<T>() * 70000 * 100);
}

TEMPLATE_TEST_CASE("MIRR matches Excel's documented example", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    // Microsoft support, "MIRR function": -120,000, 39,000, 30,000, 21,000, 37,000, 46,000;
    // finance rate 10 %, reinvestment rate 12 % → 12.6094 % over five years and -4.8045 % after
    // three years (finance-methods §3.6 oracle; Excel displays 13 % and -5 %).
    const auto cf = flows<T>({-120000, 39000, 30000, 21000, 37000, 46000});
    const auto five = finance::mirr(cf, lit<T>(0.10), lit<T>(0.12));
    REQUIRE(five);
    CHECK(model::as_double(*five) == Approx(0.126094).margin(5e-7));
    const std::vector<T> three(cf.begin(), cf.begin() + 4);
    const auto m3 = finance::mirr(three, lit<T>(0.10), lit<T>(0.12));
    REQUIRE(m3);
    CHECK(model::as_double(*m3) == Approx(-0.048045).margin(5e-7));
}

TEMPLATE_TEST_CASE("MIRR does not exist without flows of both signs", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    const auto no_neg = finance::mirr(flows<T>({0, 10, 20}), lit<T>(0.1), lit<T>(0.1));
    CHECK_FALSE(no_neg);
    CHECK(no_neg.reason == "cash flows have no negative value, so MIRR does not exist");
    const auto no_pos = finance::mirr(flows<T>({-10, -20, 0}), lit<T>(0.1), lit<T>(0.1));
    CHECK_FALSE(no_pos);
    CHECK(no_pos.reason == "cash flows have no positive value, so MIRR does not exist");
    CHECK(finance::mirr(flows<T>({-10}), lit<T>(0.1), lit<T>(0.1)).reason == "MIRR needs at least two cash flows");
    CHECK_FALSE(finance::mirr(flows<T>({-10, 20}), lit<T>(-1), lit<T>(0.1)));
}

TEMPLATE_TEST_CASE("XNPV and XIRR match Excel's documented example", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    // learn.microsoft.com, WorksheetFunction.Xnpv / Xirr example: -10,000 on 2008-01-01; 2,750
    // on 2008-03-01; 4,250 on 2008-10-30; 3,250 on 2009-02-15; 2,750 on 2009-04-01. XNPV at 9 %
    // = 2,086.6476 and XIRR = 37.3363 % (finance-methods §3.6 oracle). Excel serial day numbers:
    const std::vector<int> days{39448, 39508, 39751, 39859, 39904};
    const auto values = flows<T>({-10000, 2750, 4250, 3250, 2750});
    CHECK(model::as_double(finance::xnpv(lit<T>(0.09), values, days)) == Approx(2086.6476).margin(5e-5));
    // Only the differences of the day numbers matter.
    std::vector<int> shifted;
    for (int d : days) shifted.push_back(d - 39000);
    CHECK(model::as_double(finance::xnpv(lit<T>(0.09), values, shifted) -
                           finance::xnpv(lit<T>(0.09), values, days)) == Approx(0).margin(1e-9));

    const auto res = finance::xirr({-10000, 2750, 4250, 3250, 2750}, days);
    REQUIRE(res.unique());
    CHECK(*res.unique() == Approx(0.373363).margin(5e-7));
    CHECK(finance::xirr({-10000, 2750}, days).reason == "XIRR needs one date for each cash flow");
}

TEST_CASE("IRR reports several roots or none with a reason", "[finance][solvers]") {
    // finance-methods §3.6: (-100, +230, -132) has IRRs of 10 % and 20 %.
    const auto two = finance::irr({-100, 230, -132});
    CHECK(two.status == IrrStatus::Several);
    REQUIRE(two.roots.size() == 2);
    CHECK(two.roots[0] == Approx(0.10).margin(1e-11));
    CHECK(two.roots[1] == Approx(0.20).margin(1e-11));
    CHECK(two.reason == "two rates make NPV zero: 10% and 20%");
    CHECK_FALSE(two.unique());

    // finance-methods §3.6: (100, -300, 250) has NPV ≥ 10 for every r in [-50 %, 200 %].
    const std::vector<double> none_cf{100, -300, 250};
    const auto none = finance::irr(none_cf);
    CHECK(none.status == IrrStatus::None);
    CHECK(none.roots.empty());
    CHECK(none.reason == "no rate between -99% and 1000% makes NPV zero");
    for (int i = 0; i <= 250; ++i) CHECK(finance::npv0(-0.5 + 0.01 * i, none_cf) >= 10.0 - 1e-9);

    const auto positive = finance::irr({10, 20, 30});
    CHECK(positive.status == IrrStatus::None);
    CHECK(positive.reason == "cash flows never change sign");
    CHECK(finance::irr({-10, 0, -30}).reason == "cash flows never change sign");
    CHECK(finance::irr({0, 0}).reason == "cash flows are all zero, so every rate gives NPV zero");
    CHECK(finance::irr({}).reason == "there are no cash flows");

    // Three roots, 0 %, 50 %, 100 %: x³·NPV = −(x−1)(x−1.5)(x−2) with x = 1+r.
    const auto three = finance::irr({-1, 4.5, -6.5, 3});
    CHECK(three.status == IrrStatus::Several);
    REQUIRE(three.roots.size() == 3);
    CHECK(three.roots[0] == Approx(0.0).margin(1e-11));
    CHECK(three.roots[1] == Approx(0.5).margin(1e-11));
    CHECK(three.roots[2] == Approx(1.0).margin(1e-11));
    CHECK(three.reason == "three rates make NPV zero: 0%, 50% and 100%");
}

TEST_CASE("a single IRR exists exactly when the full scan finds one root", "[finance][solvers]") {
    // flows with two or three roots spread over the grid (a grant before the outlay, a plant that
    // loses money after its contract), which unique_irr settles early from a few NPVs, and with
    // roots close together, which it cannot; against irr and the scan of every rate
    auto flows_with_roots = [](std::vector<double> rates, double lead) {
        // lead · Π (x − (1 + r_i)) in x = 1 + rate, as NPV × x^n: coefficients last flow first
        std::vector<double> poly{lead};
        for (double r : rates) {
            std::vector<double> next(poly.size() + 1, 0.0);
            for (std::size_t i = 0; i < poly.size(); ++i) {
                next[i] += poly[i];
                next[i + 1] -= (1 + r) * poly[i];
            }
            poly = next;
        }
        return poly;  // flow t multiplies x^(n − t), so poly[t] is flow t
    };
    const std::vector<std::vector<double>> sets{
        {0.05, 1.5}, {0.12, 0.4}, {-0.3, 0.8}, {0.1, 0.1005}, {-0.6, 0.02, 2.5}, {0.05, 0.3, 0.31}, {0.2}};
    for (const auto& rates : sets)
        for (const double lead : {1.0, -1.0}) {
            const std::vector<double> cf = flows_with_roots(rates, lead);
            INFO(rates.size() << " roots from " << rates[0] << ", lead " << lead);
            const auto full = finance::irr_scanning_every_rate(cf);
            const auto unique = finance::unique_irr(cf);
            CHECK(finance::irr(cf).roots == full.roots);
            REQUIRE(unique.has_value() == full.unique().has_value());
            CHECK(unique.has_value() == (rates.size() == 1));
            if (unique) CHECK(*unique == *full.unique());
            if (rates.size() > 1 && rates[1] - rates[0] > 0.01) CHECK(full.roots.size() == rates.size());
        }
    // the bundled chain's shapes: a grant paid before the outlay (two roots), and a magnet plant
    // whose contract ends before its life does (three sign changes)
    for (const std::vector<double>& cf : {std::vector<double>{26.2, -38.4, -78.8, -40.4, 0.5, 18.8, 37.5, 43.5, 39.0, 38.2},
                                          std::vector<double>{-482.1, -677.2, -111.3, 18.6, 68.9, 103.7, 136.0, 153.0,
                                                              157.1, 161.1, 165.1, 169.2, 112.2, -92.6, -134.3, -137.7,
                                                              -141.1, -144.6, -148.3, -152.0, -155.8, -159.7, 28.9}}) {
        const auto full = finance::irr_scanning_every_rate(cf);
        const auto unique = finance::unique_irr(cf);
        CHECK(unique.has_value() == full.unique().has_value());
        if (unique) CHECK(*unique == *full.unique());
    }
}

TEST_CASE("NPV at every IRR found is zero over deterministic cash-flow grids", "[finance][solvers]") {
    Lcg rng{20240611};
    int conventional = 0;
    for (int k = 0; k < 300; ++k) {
        const int n = 2 + static_cast<int>(rng.next() * 40);
        const bool mixed = k % 3 == 2;  // every third set has flows of random sign
        std::vector<double> cf{-(10 + 990 * rng.next())};
        for (int t = 1; t < n; ++t) {
            double x = 1 + 200 * rng.next();
            if (mixed && rng.next() < 0.3) x = -x;
            cf.push_back(x);
        }
        double scale = 0;
        int changes = 0;
        for (std::size_t t = 0; t < cf.size(); ++t) {
            scale += std::abs(cf[t]);
            if (t > 0 && (cf[t] > 0) != (cf[t - 1] > 0)) ++changes;
        }
        const auto res = finance::irr(cf);
        if (!mixed) {
            // One sign change (outlay, then inflows): NPV falls monotonically in r, so there is
            // exactly one root in the searched range when NPV changes sign across it (an IRR above
            // 1000 % is outside the range and reported as none).
            if (finance::npv0(-0.99, cf) > 0 && finance::npv0(10.0, cf) < 0) {
                CHECK(res.status == IrrStatus::One);
                ++conventional;
            }
        }
        // Descartes' rule of signs in v = 1/(1+r): no more roots than sign changes.
        CHECK(static_cast<int>(res.roots.size()) <= changes);
        for (double r : res.roots) {
            // NPV is zero relative to the size of its discounted terms Σ|cf_t|(1+r)^−t (roots
            // near −99 % have terms far larger than the undiscounted flows).
            double terms = 0, df = 1;
            for (double x : cf) {
                terms += std::abs(x) * df;
                df /= 1 + r;
            }
            INFO("flows " << cf.size() << ", root " << r);
            CHECK(std::abs(finance::npv0(r, cf)) <= 1e-9 * terms);
            const auto d = [&] {
                std::vector<Decimal> out;
                for (double x : cf) out.push_back(model::from_input<Decimal>(x));
                return out;
            }();
            const Decimal rd = finance::polish_irr(d, r);
            CHECK(model::as_double(abs(finance::npv0(rd, d))) <= 1e-25 * terms);
            CHECK(model::as_double(rd) == Approx(r).margin(1e-9));
        }
    }
    CHECK(conventional > 150);
}

TEST_CASE("IRR finds what scanning every rate finds to the bit", "[finance][solvers]") {
    // irr skips the grid rates where the sign of the computed NPV is certain; roots, their order,
    // status and reason must be those of the scan that computes every NPV. Flows of project
    // shapes (outlay then inflows; equity with a dip for debt service), of random sign, with roots
    // on round rates (where a grid rate may sit on a root), at tiny and huge scales, and long.
    Lcg rng{20250302};
    int one = 0, several = 0, none = 0;
    for (int k = 0; k < 3000; ++k) {
        const int kind = k % 6;
        const int n = 2 + static_cast<int>(rng.next() * 45);
        std::vector<double> cf;
        if (kind == 0) {
            const int outlay = 1 + static_cast<int>(rng.next() * 6);
            for (int t = 0; t < n; ++t) cf.push_back(t < outlay ? -500 * rng.next() : 200 * rng.next());
        } else if (kind == 1) {
            const int a = 1 + static_cast<int>(rng.next() * 5), b = a + static_cast<int>(rng.next() * 12),
                      c = b + 1 + static_cast<int>(rng.next() * 12);
            if (rng.next() < 0.5) cf.push_back(40 * rng.next());
            for (int t = 0; t < n + 10; ++t)
                cf.push_back(t < a ? -300 * rng.next() : t < b ? 150 * rng.next() : t < c ? -100 * rng.next() : 150 * rng.next());
        } else if (kind == 2) {
            for (int t = 0; t < n; ++t) cf.push_back((rng.next() - 0.5) * 100);
        } else if (kind == 3) {
            // roots at round rates: the product of (1 − (1 + r)·v) over the roots and of
            // positive factors, as coefficients of v = 1/(1+r)
            static const double rates[] = {0.0, 0.05, 0.1, 0.2, 0.5, 1.0, -0.5, -0.9, 2.0, 9.0};
            cf = {1.0};
            for (int q = 1 + static_cast<int>(rng.next() * 3); q > 0; --q) {
                const double r = rates[static_cast<int>(rng.next() * 10)];
                std::vector<double> next(cf.size() + 1, 0.0);
                for (std::size_t i = 0; i < cf.size(); ++i) {
                    next[i] += cf[i];
                    next[i + 1] -= (1 + r) * cf[i];
                }
                cf = next;
            }
            for (int q = static_cast<int>(rng.next() * 15); q > 0; --q) {
                const double c = rng.next();
                std::vector<double> next(cf.size() + 1, 0.0);
                for (std::size_t i = 0; i < cf.size(); ++i) {
                    next[i] += cf[i];
                    next[i + 1] += c * cf[i];
                }
                cf = next;
            }
        } else if (kind == 4) {
            const double scale = std::pow(10.0, 600 * rng.next() - 300);
            const int outlay = 1 + static_cast<int>(rng.next() * (n - 1));
            for (int t = 0; t < n; ++t) cf.push_back((t < outlay ? -scale : scale) * rng.next());
        } else {
            const int len = 60 + static_cast<int>(rng.next() * 100);
            for (int t = 0; t < len; ++t) cf.push_back(t < 5 ? -100 * rng.next() : 20 * rng.next() - (t % 17 == 0 ? 60 : 0));
        }
        if (rng.next() < 0.1) cf[static_cast<std::size_t>(rng.next() * static_cast<double>(cf.size()))] = 0.0;
        INFO("set " << k << ", " << cf.size() << " flows");
        const auto fast = finance::irr(cf);
        const auto full = finance::irr_scanning_every_rate(cf);
        CHECK(fast.status == full.status);
        CHECK(fast.reason == full.reason);
        REQUIRE(fast.roots.size() == full.roots.size());
        for (std::size_t i = 0; i < full.roots.size(); ++i) CHECK(fast.roots[i] == full.roots[i]);
        const auto unique = finance::unique_irr(cf);
        REQUIRE(unique.has_value() == full.unique().has_value());
        if (unique) CHECK(*unique == *full.unique());
        (full.status == IrrStatus::One ? one : full.status == IrrStatus::Several ? several : none) += 1;
    }
    CHECK(one > 1000);
    CHECK(several > 100);
    CHECK(none > 100);
}

TEMPLATE_TEST_CASE("annuity factor and capital recovery factor", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    using std::abs;
    // Identity: annuity factor × CRF = 1 on a grid of rates (including 0 and tiny rates) and tenors.
    for (double r : {-0.5, -0.05, -1e-7, 0.0, 1e-12, 1e-7, 1e-5, 0.01, 0.0633, 0.08, 0.25, 1.0, 4.0}) {
        for (int n : {1, 2, 5, 10, 20, 30, 50}) {
            const T rt = lit<T>(r);
            const T product = finance::annuity_factor(rt, n) * finance::crf(rt, n);
            INFO("r = " << r << ", n = " << n);
            CHECK(model::as_double(abs(product - T(1))) <= (std::is_same_v<T, double> ? 1e-9 : 1e-25));
            // The closed form agrees with the sum of discount factors.
            T sum(0);
            for (int t = 1; t <= n; ++t) sum += T(1) / finance::detail::ipow(T(1) + rt, t);
            CHECK(model::as_double(abs(finance::annuity_factor(rt, n) - sum) / sum) <=
                  (std::is_same_v<T, double> ? 1e-9 : 1e-25));
        }
    }
    CHECK(model::as_double(finance::annuity_factor(T(0), 7)) == 7.0);
    CHECK(model::as_double(finance::crf(T(0), 4)) == 0.25);
    CHECK(model::as_double(finance::crf(lit<T>(0.08), 0)) == 0.0);
    // finance-methods §3.5 oracle: CRF(8 %, 20) = 0.101852.
    CHECK(model::as_double(finance::crf(lit<T>(0.08), 20)) == Approx(0.101852).margin(5e-7));
}

TEMPLATE_TEST_CASE("Fisher relation and the levelized-cost identity", "[finance][solvers]", double, Decimal) {
    using T = TestType;
    // finance-methods §3.5 oracle: 8 % nominal, 2.5 % inflation → 5.3659 % real.
    CHECK(model::as_double(finance::fisher_real(lit<T>(0.08), lit<T>(0.025))) == Approx(0.053659).margin(5e-7));
    CHECK(model::as_double(finance::fisher_real(lit<T>(0.05), T(0))) == Approx(0.05).margin(1e-15));

    // finance-methods §3.5 oracle: capex 600 at t = 0, opex 40 a year, 2 kt a year for 20
    // years at 8 % → 50.5557 $/kg, both as Σ C v^t / Σ Q v^t and as (capex·CRF + opex)/Q.
    const T r = lit<T>(0.08);
    std::vector<T> cost{T(600)}, output{T(0)};
    for (int t = 1; t <= 20; ++t) {
        cost.push_back(T(40));
        output.push_back(T(2));
    }
    const T lcop = finance::npv0(r, cost) / finance::npv0(r, output);
    const T closed = (T(600) * finance::crf(r, 20) + T(40)) / T(2);
    CHECK(model::as_double(lcop) == Approx(50.5557).margin(5e-5));
    CHECK(model::as_double(closed) == Approx(50.5557).margin(5e-5));
    using std::abs;
    CHECK(model::as_double(abs(lcop - closed)) <= tight<T>() * 100);
}
