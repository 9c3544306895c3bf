#include "finance/debt.hpp"
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

/// Tolerance of the repayment identities, relative to the principal (brief: 1e-9 in double,
/// 1e-20 in Decimal).
template <class T>
double tol() {
    return std::is_same_v<T, double> ? 1e-9 : 1e-20;
}

template <class T>
bool close(const T& a, const T& b, double scale) {
    using std::abs;
    return model::as_double(abs(a - b)) <= tol<T>() * scale;
}

// finance-methods §1.5 item 4 (Bodmer, "Debt to Capital Constraint and Constant DSCR").
const std::vector<double> example_cfads{30, 32, 34, 36, 38, 40, 40, 40, 40, 40};

template <class T>
std::vector<T> to_t(const std::vector<double>& xs) {
    std::vector<T> out;
    for (double x : xs) out.push_back(lit<T>(x));
    return out;
}

/// Checks every schedule shares: continuity, interest on the opening balance, interest only in
/// grace years, a zero closing balance, principal summing to D.
template <class T>
void check_common(const finance::DebtSchedule<T>& s, const T& d, const T& rate, int tenor, int grace) {
    REQUIRE(s.size() == static_cast<std::size_t>(tenor));
    const double scale = model::as_double(d) + 1;
    CHECK(s.front().opening == d);
    T repaid(0);
    for (int y = 0; y < tenor; ++y) {
        const auto& row = s[static_cast<std::size_t>(y)];
        INFO("year " << y);
        if (y > 0) CHECK(row.opening == s[static_cast<std::size_t>(y) - 1].closing);
        CHECK(close(row.interest, rate * row.opening, scale));
        CHECK(row.closing == row.opening - row.principal);
        if (y < grace) CHECK(model::as_double(row.principal) == 0.0);
        repaid += row.principal;
    }
    CHECK(model::as_double(s.back().closing) == 0.0);  // the last year repays what is left
    CHECK(close(repaid, d, scale));
}

}  // namespace

TEMPLATE_TEST_CASE("DSCR sculpting matches the worked example", "[finance][debt]", double, Decimal) {
    using T = TestType;
    const auto cfads = to_t<T>(example_cfads);
    const T dscr = lit<T>(1.35), k = lit<T>(0.07);
    // finance-methods §1.5 oracle: sculpted debt 189.0627, amortises to 0, LLCR 1.350000.
    const T debt = finance::dscr_sized_debt(cfads, dscr, k);
    CHECK(model::as_double(debt) == Approx(189.0627).margin(5e-5));
    const auto s = finance::sculpted_schedule(debt, k, cfads, 10);
    REQUIRE(s);
    check_common(*s, debt, k, 10, 0);
    for (std::size_t y = 0; y < s->size(); ++y) {
        INFO("year " << y);
        CHECK(close((*s)[y].service(), cfads[y] / dscr, 200));  // constant DSCR
    }
    const auto cover = finance::llcr(cfads, k, debt);
    REQUIRE(cover);
    CHECK(close(*cover, dscr, 1));
    CHECK(model::as_double(*cover) == Approx(1.35).margin(5e-7));
    // finance-methods §1.5 oracle: a level annuity sized on the minimum CFADS supports 156.0796.
    CHECK(model::as_double(finance::annuity_sized_debt(cfads, dscr, k)) == Approx(156.0796).margin(5e-5));
    CHECK(model::as_double(finance::annuity_sized_debt(to_t<T>({30, -1, 40}), dscr, k)) == 0.0);
    CHECK_FALSE(finance::llcr(cfads, k, T(0)));
}

TEMPLATE_TEST_CASE("every repayment profile repays exactly", "[finance][debt]", double, Decimal) {
    using T = TestType;
    for (double d_in : {100.0, 1234.5}) {
        for (double r_in : {0.0, 0.035, 0.07, 0.15}) {
            for (int tenor : {1, 5, 12, 20}) {
                for (int grace : {0, 1, 3}) {
                    if (grace >= tenor) continue;
                    INFO("D " << d_in << ", rate " << r_in << ", tenor " << tenor << ", grace " << grace);
                    const T d = lit<T>(d_in), r = lit<T>(r_in);
                    const double scale = d_in;
                    const int amortising = tenor - grace;

                    const auto ann = finance::annuity_schedule(d, r, tenor, grace);
                    REQUIRE(ann);
                    check_common(*ann, d, r, tenor, grace);
                    const T payment = d * finance::crf(r, amortising);
                    for (int y = grace; y < tenor; ++y)
                        CHECK(close((*ann)[static_cast<std::size_t>(y)].service(), payment, scale));

                    const auto lp = finance::level_principal_schedule(d, r, tenor, grace);
                    REQUIRE(lp);
                    check_common(*lp, d, r, tenor, grace);
                    for (int y = grace; y < tenor; ++y)
                        CHECK(close((*lp)[static_cast<std::size_t>(y)].principal, d / T(amortising), scale));

                    // CFADS varying year to year, with a negative year in the middle of longer
                    // loans: that year gets no service.
                    std::vector<T> cfads;
                    for (int y = 0; y < tenor; ++y)
                        cfads.push_back(T(10 + (y * 7) % 11 - (tenor > 2 && y == tenor / 2 ? 25 : 0)));
                    const auto sc = finance::sculpted_schedule(d, r, cfads, tenor, grace);
                    REQUIRE(sc);
                    check_common(*sc, d, r, tenor, grace);
                    T pv(0), df(1);
                    for (int y = grace; y < tenor; ++y) {
                        df /= (T(1) + r);
                        if (cfads[static_cast<std::size_t>(y)] > T(0)) pv += cfads[static_cast<std::size_t>(y)] * df;
                    }
                    for (int y = grace; y < tenor; ++y) {
                        const T c = cfads[static_cast<std::size_t>(y)];
                        const T expected = c > T(0) ? c * d / pv : T(0);
                        CHECK(close((*sc)[static_cast<std::size_t>(y)].service(), expected, scale));
                    }
                }
            }
        }
    }
}

TEST_CASE("Decimal and double schedules agree", "[finance][debt]") {
    const auto cfads_d = example_cfads;
    const auto cfads_m = to_t<Decimal>(example_cfads);
    for (auto repayment : {model::Repayment::Annuity, model::Repayment::LevelPrincipal, model::Repayment::Sculpted}) {
        const auto a = finance::debt_schedule(repayment, 189.0627, 0.0633, 10, 2, cfads_d);
        const auto b = finance::debt_schedule(repayment, lit<Decimal>(189.0627), lit<Decimal>(0.0633), 10, 2, cfads_m);
        REQUIRE(a);
        REQUIRE(b);
        for (std::size_t y = 0; y < a->size(); ++y) {
            const auto& x = (*a)[y];
            const auto& z = (*b)[y];
            CHECK(x.interest == Approx(model::as_double(z.interest)).epsilon(1e-9).margin(1e-9 * 189));
            CHECK(x.principal == Approx(model::as_double(z.principal)).epsilon(1e-9).margin(1e-9 * 189));
            CHECK(x.closing == Approx(model::as_double(z.closing)).epsilon(1e-9).margin(1e-9 * 189));
        }
    }
}

TEMPLATE_TEST_CASE("impossible loans are values with a reason", "[finance][debt]", double, Decimal) {
    using T = TestType;
    const T d(100), r = lit<T>(0.05);
    const auto g = finance::annuity_schedule(d, r, 5, 5);
    CHECK_FALSE(g);
    CHECK(g.reason == "the interest-only years (5) must be at least 0 and fewer than the tenor (5)");
    CHECK(finance::level_principal_schedule(d, r, 0, 0).reason == "the loan tenor must be at least one year, not 0");
    CHECK(finance::annuity_schedule(T(-1), r, 5, 0).reason == "the loan principal is negative");
    CHECK(finance::annuity_schedule(d, T(-1), 5, 0).reason == "the loan rate is -100% or less");
    const std::vector<T> losses{T(-5), T(0), T(-1)};
    const auto s = finance::sculpted_schedule(d, r, losses, 3, 0);
    CHECK_FALSE(s);
    CHECK(s.reason == "no repayment year has positive cash flow available for debt service");
    // A grace year with positive CFADS does not help repay.
    CHECK_FALSE(finance::sculpted_schedule(d, r, std::vector<T>{T(50), T(0)}, 2, 1));
    CHECK(model::as_double(finance::dscr_sized_debt(losses, lit<T>(1.3), r)) == 0.0);
}
