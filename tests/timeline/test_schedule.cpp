#include "timeline/schedule.hpp"

#include <catch2/catch.hpp>

using namespace reeplan;
using model::Decimal;

namespace {

model::Plant plant(const std::string& id, double earliest = 2026) {
    model::Plant p;
    p.id = id;
    p.capacity_tpy = 1000;
    p.capex_musd = 100;
    p.life_years = 20;
    p.schedule.earliest_start_year = earliest;
    p.schedule.permitting_years = 1.0;
    p.schedule.construction_years = 2.0;
    p.schedule.commissioning_years = 0.5;
    p.schedule.ramp.shape = model::RampShape::Linear;
    p.schedule.ramp.years = 3.0;
    p.schedule.ramp.start = 0.25;
    return p;
}

/// Simpson's rule, as an independent check of the closed-form integrals.
double simpson(const model::Ramp& r, double a, double b, int n = 20000) {
    double h = (b - a) / n, s = timeline::utilization<double>(r, a) + timeline::utilization<double>(r, b);
    for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * timeline::utilization<double>(r, a + i * h);
    return s * h / 3;
}

}  // namespace

TEMPLATE_TEST_CASE("ramp integrals have closed forms that match by hand", "[timeline][ramp]", double, Decimal) {
    using T = TestType;
    model::Ramp lin;
    lin.shape = model::RampShape::Linear;
    lin.years = 3;
    lin.start = 0.25;
    // first year: 0.25 + 0.75·(1/3)/2 = 0.375
    CHECK(model::as_double(timeline::utilization_integral<T>(lin, T(0), T(1))) == Approx(0.375).epsilon(1e-12));
    // whole ramp plus one flat year: 3·(0.25+1)/2 + 1 = 2.875
    CHECK(model::as_double(timeline::utilization_integral<T>(lin, T(0), T(4))) == Approx(2.875).epsilon(1e-12));

    model::Ramp tab;
    tab.shape = model::RampShape::Table;
    tab.table = {0.22, 0.43, 0.67};
    // half of year 1, all of year 2, half of year 3: 0.11 + 0.43 + 0.335
    CHECK(model::as_double(timeline::utilization_integral<T>(tab, model::from_input<T>(0.5), model::from_input<T>(2.5))) ==
          Approx(0.875).epsilon(1e-12));
    CHECK(model::as_double(timeline::utilization<T>(tab, T(5))) == 1.0);

    model::Ramp s;
    s.shape = model::RampShape::SCurve;
    s.years = 3;
    s.start = 0.25;
    CHECK(model::as_double(timeline::utilization<T>(s, T(0))) == Approx(0.25).epsilon(1e-12));
    CHECK(model::as_double(timeline::utilization<T>(s, model::from_input<T>(1.5))) == Approx(0.625).epsilon(1e-12));
    CHECK(model::as_double(timeline::utilization<T>(s, T(3))) == 1.0);
    // the normalised logistic is symmetric about the middle of the ramp: the mean is (u0 + 1)/2
    CHECK(model::as_double(timeline::utilization_integral<T>(s, T(0), T(3))) == Approx(3 * 0.625).epsilon(1e-12));
}

TEMPLATE_TEST_CASE("a delayed table ramp holds its first entry, then runs the table that much later",
                   "[timeline][ramp]", double, Decimal) {
    using T = TestType;
    model::Ramp tab;
    tab.shape = model::RampShape::Table;
    tab.table = {0.22, 0.43, 0.67};
    model::Schedule sched;
    sched.ramp = tab;
    timeline::delay_phase(sched, timeline::Phase::Ramp, 0.5);
    const model::Ramp& r = sched.ramp;
    CHECK(r.table == tab.table);  // the table itself is unchanged
    CHECK(r.hold_years == 0.5);
    auto integral = [&r](double a, double b) {
        return model::as_double(timeline::utilization_integral<T>(r, model::from_input<T>(a), model::from_input<T>(b)));
    };
    // by hand: year 1 is 0.22 throughout; year 2 half 0.22, half 0.43; year 4 half 0.67, half 1
    CHECK(integral(0, 1) == Approx(0.22).epsilon(1e-12));
    CHECK(integral(1, 2) == Approx(0.325).epsilon(1e-12));
    CHECK(integral(3, 4) == Approx(0.835).epsilon(1e-12));
    CHECK(integral(0.25, 0.5) == Approx(0.055).epsilon(1e-12));
    CHECK(integral(4, 6) == Approx(2.0).epsilon(1e-12));
    // the whole ramp is half a year longer: the undelayed integral plus half a year at 0.22
    CHECK(integral(0, 3.5) == Approx(0.11 + 0.22 + 0.43 + 0.67).epsilon(1e-12));
    CHECK(model::as_double(timeline::ramp_length<T>(r)) == 3.5);
    CHECK(model::as_double(timeline::utilization<T>(r, model::from_input<T>(0.45))) == 0.22);
    CHECK(model::as_double(timeline::utilization<T>(r, model::from_input<T>(3.4))) == 0.67);
    CHECK(model::as_double(timeline::utilization<T>(r, model::from_input<T>(3.6))) == 1.0);
    // a whole year is the table with its first entry once more, as a table of whole years says
    model::Ramp longer = tab;
    longer.table.insert(longer.table.begin(), 0.22);
    model::Schedule whole;
    whole.ramp = tab;
    timeline::delay_phase(whole, timeline::Phase::Ramp, 1.0);
    for (double a : {0.0, 0.7, 1.5, 2.2})
        for (double b : {0.9, 2.0, 3.3, 5.0})
            if (b > a)
                CHECK(model::as_double(timeline::utilization_integral<T>(whole.ramp, model::from_input<T>(a),
                                                                       model::from_input<T>(b))) ==
                      Approx(model::as_double(timeline::utilization_integral<T>(
                                 longer, model::from_input<T>(a), model::from_input<T>(b))))
                          .epsilon(1e-12));
    // a negative delay shortens the hold, not below none
    timeline::delay_phase(sched, timeline::Phase::Ramp, -2.0);
    CHECK(sched.ramp.hold_years == 0.0);
}

TEST_CASE("closed-form ramp integrals agree with Simpson's rule", "[timeline][ramp]") {
    for (auto shape : {model::RampShape::Linear, model::RampShape::SCurve}) {
        model::Ramp r;
        r.shape = shape;
        r.years = 2.5;
        r.start = 0.1;
        for (double a : {0.0, 0.3, 1.1, 2.0})
            for (double b : {0.5, 1.7, 2.5, 4.0})
                if (b > a) CHECK(timeline::utilization_integral<double>(r, a, b) == Approx(simpson(r, a, b)).epsilon(1e-9));
    }
}

TEMPLATE_TEST_CASE("phases follow `after` links with lags", "[timeline][schedule]", double, Decimal) {
    using T = TestType;
    model::Plan plan;
    plan.plants = {plant("mag-1"), plant("alloy-1")};
    plan.plants[0].schedule.after.push_back({"alloy-1", "construction", 0.5});
    auto t = timeline::schedule_plants<T>(plan);
    // alloy-1: permitting 2026–2027, construction 2027–2029, commissioning to 2029.5
    CHECK(model::as_double(t[1].commissioning_start) == 2029.0);
    CHECK(model::as_double(t[1].operation_start) == 2029.5);
    CHECK(model::as_double(t[1].nameplate) == 2032.5);
    CHECK(model::as_double(t[1].end_of_life) == 2049.5);
    // mag-1 starts permitting half a year after alloy-1's construction ends
    CHECK(model::as_double(t[0].permitting_start) == 2029.5);
    CHECK(model::as_double(t[0].operation_start) == 2033.0);
}

TEST_CASE("a dependency cycle is an input error naming the cycle", "[timeline][schedule]") {
    model::Plan plan;
    plan.source_path = "chain.toml";
    plan.plants = {plant("a"), plant("b"), plant("c")};
    plan.plants[0].schedule.after.push_back({"b", "construction", 0});
    plan.plants[1].schedule.after.push_back({"c", "permitting", 0});
    plan.plants[2].schedule.after.push_back({"a", "ramp", 0});
    plan.where["plant.a.schedule.after"] = {"chain.toml", 12, 9};
    try {
        timeline::schedule_plants<double>(plan);
        FAIL("no error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].format() == "chain.toml:12:9: plant.a.schedule.after: dependency cycle: a -> b -> c -> a");
    }
}

TEMPLATE_TEST_CASE("capex follows the profile over equal slices of construction", "[timeline][capex]", double, Decimal) {
    using T = TestType;
    model::Plan plan;
    plan.plants = {plant("sep-1")};
    plan.plants[0].capex_profile = {0.3, 0.5, 0.2};
    auto t = timeline::schedule_plants<T>(plan);  // construction 2027.0–2029.0, slices of 2/3 year
    auto share = [&](int y) { return model::as_double(timeline::capex_share_in<T>(plan.plants[0], t[0], T(y), T(y + 1))); };
    CHECK(share(2026) == 0.0);
    CHECK(share(2027) == Approx(0.55).epsilon(1e-12));  // 0.3 + 0.5·(1/3)/(2/3)
    CHECK(share(2028) == Approx(0.45).epsilon(1e-12));  // 0.25 + 0.2
    CHECK(share(2029) == 0.0);

    plan.plants[0].capex_profile.clear();
    plan.plants[0].schedule.earliest_start_year = 2026.25;  // construction 2027.25–2029.25
    t = timeline::schedule_plants<T>(plan);
    CHECK(share(2027) == Approx(0.375).epsilon(1e-12));
    CHECK(share(2028) == Approx(0.5).epsilon(1e-12));
    CHECK(share(2029) == Approx(0.125).epsilon(1e-12));
}

TEMPLATE_TEST_CASE("production per year sums to capacity times the utilization integral over life",
                   "[timeline][production]", double, Decimal) {
    using T = TestType;
    model::Plan plan;
    plan.plants = {plant("sep-1", 2026.3)};
    plan.plants[0].schedule.ramp.shape = model::RampShape::SCurve;
    auto t = timeline::schedule_plants<T>(plan);
    T total(0), op(0);
    for (int y = 2026; y < 2060; ++y) {
        T prod = timeline::production_in<T>(plan.plants[0], t[0], T(y), T(y + 1));
        CHECK_FALSE(prod < T(0));
        CHECK_FALSE(prod > T(1000));
        total += prod;
        op += timeline::operating_time_in<T>(t[0], T(y), T(y + 1));
    }
    const T whole = T(1000) * timeline::utilization_integral<T>(plan.plants[0].schedule.ramp, T(0), T(20));
    CHECK(model::as_double(total) == Approx(model::as_double(whole)).epsilon(1e-12));
    CHECK(model::as_double(op) == Approx(20.0).epsilon(1e-12));
    // nothing before operation starts (2029.8)
    CHECK(model::as_double(timeline::production_in<T>(plan.plants[0], t[0], T(2028), T(2029))) == 0.0);
}

TEST_CASE("the years an interval overlaps: floor(start) to ceil(end) - 1, clipped", "[timeline][schedule]") {
    auto years = [](double start, double end, int first, int last) {
        const timeline::YearSpan s = timeline::overlapped_years(start, end, first, last);
        return std::make_pair(s.from, s.to);
    };
    CHECK(years(2028.5, 2030.0, 2020, 2040) == std::make_pair(2028, 2029));  // 2030 starts where it ends
    CHECK(years(2028.0, 2030.25, 2020, 2040) == std::make_pair(2028, 2030));
    CHECK(years(2028.2, 2028.7, 2020, 2040) == std::make_pair(2028, 2028));  // within one year
    CHECK(years(2015.5, 2022.5, 2020, 2040) == std::make_pair(2020, 2022));  // clipped below
    CHECK(years(2038.5, 2045.0, 2020, 2040) == std::make_pair(2038, 2040));  // and above
    // empty: no length, reversed, or outside the years
    for (const auto& [a, b] : {std::make_pair(2030.0, 2030.0), std::make_pair(2031.0, 2030.0),
                               std::make_pair(2041.0, 2043.0), std::make_pair(2010.0, 2020.0)}) {
        INFO(a << " to " << b);
        const timeline::YearSpan s = timeline::overlapped_years(a, b, 2020, 2040);
        CHECK(s.from > s.to);
    }
    // every year outside the span overlaps the interval by zero
    for (int y = 2020; y <= 2040; ++y) {
        const timeline::YearSpan s = timeline::overlapped_years(2028.5, 2030.0, 2020, 2040);
        const double w = timeline::overlap<double>(y, y + 1.0, 2028.5, 2030.0);
        CHECK((y >= s.from && y <= s.to) == (w > 0));
    }
}
