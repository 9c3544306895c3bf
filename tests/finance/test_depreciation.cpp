#include "finance/depreciation.hpp"
#include "model/decimal.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <type_traits>
#include <vector>

using namespace reeplan;
using model::Decimal;

namespace {

// IRS Publication 946 (2024), Appendix A, Table A-1, "3-, 5-, 7-, 10-, 15-, and 20-Year
// Property, Half-Year Convention", depreciation rate for recovery year 1, 2, … in percent, as
// printed (finance-methods §3.1). Written as text so the check does not depend on the library's
// own encoding of the table.
const std::map<int, std::vector<std::string>> published = {
    {3, {"33.33", "44.45", "14.81", "7.41"}},
    {5, {"20.00", "32.00", "19.20", "11.52", "11.52", "5.76"}},
    {7, {"14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46"}},
    {10, {"10.00", "18.00", "14.40", "11.52", "9.22", "7.37", "6.55", "6.55", "6.56", "6.55", "3.28"}},
    {15, {"5.00", "9.50", "8.55", "7.70", "6.93", "6.23", "5.90", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91",
          "5.90", "5.91", "2.95"}},
    {20, {"3.750", "7.219", "6.677", "6.177", "5.713", "5.285", "4.888", "4.522", "4.462", "4.461", "4.462",
          "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "2.231"}},
};

template <class T>
T from_text(const std::string& s) {
    if constexpr (std::is_same_v<T, double>)
        return std::stod(s);
    else
        return model::decimal_from_string(s);
}

/// Equal to the last digit: exactly in Decimal, to a few ulps in double.
template <class T>
bool same(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, double>)
        return a == Approx(b).epsilon(1e-14).margin(1e-14);
    else
        return a == b;
}

/// Equal up to the rounding of a division or two (34 digits in Decimal).
template <class T>
bool near(const T& a, const T& b) {
    using std::abs;
    const double tol = std::is_same_v<T, double> ? 1e-13 : 1e-30;
    return model::as_double(abs(a - b)) <= tol * (1 + model::as_double(abs(b)));
}

}  // namespace

TEMPLATE_TEST_CASE("MACRS schedules equal IRS Pub. 946 Table A-1", "[finance][depreciation]", double, Decimal) {
    using T = TestType;
    REQUIRE(finance::macrs_classes().size() == published.size());
    for (int cls : finance::macrs_classes()) {
        INFO("class " << cls << " years");
        const auto& column = published.at(cls);
        const auto sched = finance::macrs_schedule(cls, T(100));  // basis 100: amounts are percentages
        REQUIRE(sched);
        REQUIRE(sched->size() == column.size());
        REQUIRE(sched->size() == static_cast<std::size_t>(cls) + 1);  // half-year: one extra year
        T total(0), published_total(0);
        for (std::size_t y = 0; y < column.size(); ++y) {
            INFO("recovery year " << y + 1);
            CHECK(same((*sched)[y], from_text<T>(column[y])));
            total += (*sched)[y];
            published_total += from_text<T>(column[y]);
        }
        CHECK(same(total, T(100)));            // each column sums to 100 %
        CHECK(same(published_total, T(100)));  // … as printed
        int milli = 0;
        for (int x : finance::macrs_table(cls)) milli += x;
        CHECK(milli == 100000);
    }
}

TEMPLATE_TEST_CASE("MACRS scales the basis and refuses classes not in the table", "[finance][depreciation]",
                   double, Decimal) {
    using T = TestType;
    // 7-year property costing 1,000,000: 142,900 in the year placed in service (14.29 %).
    const auto sched = finance::macrs_schedule(7, T(1000000));
    REQUIRE(sched);
    CHECK(same(sched->front(), T(142900)));
    CHECK(same(sched->back(), T(44600)));
    for (int cls : {0, 1, 4, 6, 25, 27, 39, -7}) {
        const auto bad = finance::macrs_schedule(cls, T(100));
        CHECK_FALSE(bad);
        CHECK(bad.reason == "MACRS class of " + std::to_string(cls) +
                                " years is not in IRS Pub. 946 Table A-1 (3, 5, 7, 10, 15 or 20)");
        CHECK(finance::macrs_table(cls).empty());
    }
}

TEMPLATE_TEST_CASE("half-year straight line sums to the basis", "[finance][depreciation]", double, Decimal) {
    using T = TestType;
    const T basis = model::from_input<T>(1234.5678);
    for (int n = 1; n <= 40; ++n) {
        INFO(n << " years");
        const auto sched = finance::straight_line_schedule(n, basis);
        REQUIRE(sched);
        REQUIRE(sched->size() == static_cast<std::size_t>(n) + 1);
        T total(0);
        for (const T& x : *sched) total += x;
        CHECK(same(total, basis));  // exactly: the last half-year takes the remainder
        CHECK(near(sched->front(), basis / T(2 * n)));
        if (n > 1) CHECK(same((*sched)[1], basis / T(n)));
        CHECK(near(sched->back(), basis / T(2 * n)));
    }
    // IRS Pub. 946 half-year convention: 10-year straight line of 1,000 is 50, 100 × 9, 50.
    const auto ten = finance::straight_line_schedule(10, T(1000));
    REQUIRE(ten);
    CHECK(same((*ten)[0], T(50)));
    CHECK(same((*ten)[9], T(100)));
    CHECK(same((*ten)[10], T(50)));
    const auto bad = finance::straight_line_schedule(0, basis);
    CHECK_FALSE(bad);
    CHECK(bad.reason == "straight-line depreciation needs at least one year, not 0");
}

TEMPLATE_TEST_CASE("the plant's depreciation table picks the schedule", "[finance][depreciation]", double,
                   Decimal) {
    using T = TestType;
    model::Depreciation dep;  // default: MACRS 7-year
    auto m = finance::depreciation_schedule(dep, T(100));
    REQUIRE(m);
    CHECK(m->size() == 8);
    CHECK(same(m->front(), from_text<T>("14.29")));

    dep.kind = model::DepreciationKind::StraightLine;
    dep.years = 4;
    auto s = finance::depreciation_schedule(dep, T(100));
    REQUIRE(s);
    CHECK(s->size() == 5);
    CHECK(same((*s)[0], from_text<T>("12.5")));

    dep.kind = model::DepreciationKind::None;
    auto none = finance::depreciation_schedule(dep, T(100));
    REQUIRE(none);
    CHECK(none->empty());

    dep.kind = model::DepreciationKind::Macrs;
    dep.years = 12;
    CHECK_FALSE(finance::depreciation_schedule(dep, T(100)));
}
