// Synthetic ratings: Damodaran's January 2025 tables at every band edge, and the fixed point of
// the rate ↔ rating circularity (finance-methods §1.3 oracles).

#include "finance/ratings.hpp"
#include "model/decimal.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace reeplan;
using finance::RatingTable;
using model::Decimal;

namespace {

const RatingTable& large() { return finance::rating_table(model::RatingTable::Damodaran2025Large); }
const RatingTable& small() { return finance::rating_table(model::RatingTable::Damodaran2025Small); }

template <class T> T lit(double x) { return model::from_input<T>(x); }

template <class T> std::string rating_of(const RatingTable& t, double icr) {
    return t.bands[finance::band_index<T>(t, lit<T>(icr))].rating;
}

}  // namespace

TEST_CASE("the tables are dated, cited and ordered", "[finance][ratings]") {
    for (const RatingTable* t : {&large(), &small()}) {
        INFO(t->name);
        CHECK(std::string(t->as_of) == "2025-01");
        CHECK(std::string(t->source).find("ratings.html") != std::string::npos);
        CHECK(std::string(t->bands.front().rating) == "Aaa/AAA");
        CHECK(std::string(t->bands.back().rating) == "D2/D");
        for (std::size_t i = 1; i < t->bands.size(); ++i) {
            CHECK(t->bands[i].coverage_floor_x100 < t->bands[i - 1].coverage_floor_x100);
            CHECK(t->bands[i].spread_bp > t->bands[i - 1].spread_bp);
        }
    }
    CHECK(std::string(finance::to_string(model::RatingTable::Damodaran2025Large)) == "damodaran-2025-large");
    CHECK(std::string(finance::to_string(model::RatingTable::Damodaran2025Small)) == "damodaran-2025-small");
    // the two tables share their spreads (Damodaran prints one spread column)
    for (std::size_t i = 0; i < large().bands.size(); ++i) CHECK(large().bands[i].spread_bp == small().bands[i].spread_bp);
}

TEST_CASE("spreads are exact decimals", "[finance][ratings]") {
    // finance-methods §1.3, January 2025: AAA 0.45 %, BB 1.83 %, CC 10.10 %, D 19.00 %
    CHECK(finance::band_spread<Decimal>(small().bands[0]) == Decimal("0.0045"));
    CHECK(finance::band_spread<Decimal>(small().bands[7]) == Decimal("0.0183"));
    CHECK(finance::band_spread<Decimal>(small().bands[12]) == Decimal("0.101"));
    CHECK(finance::band_spread<Decimal>(small().bands[14]) == Decimal("0.19"));
    CHECK(finance::band_spread<double>(small().bands[7]) == 0.0183);
    CHECK(finance::band_floor<Decimal>(large().bands[3]) == Decimal("4.25"));
    CHECK(finance::band_floor<double>(small().bands[12]) == 0.8);
}

TEMPLATE_TEST_CASE("every band edge is lower-inclusive", "[finance][ratings]", double, Decimal) {
    using T = TestType;
    for (const RatingTable* t : {&large(), &small()}) {
        for (std::size_t i = 0; i + 1 < t->bands.size(); ++i) {
            INFO(t->name << " band " << t->bands[i].rating);
            const T lo = finance::band_floor<T>(t->bands[i]);
            CHECK(finance::band_index<T>(*t, lo) == i);                        // [lo, …
            CHECK(finance::band_index<T>(*t, lo - lit<T>(0.001)) == i + 1);    // … next lo)
            CHECK(finance::band_index<T>(*t, lo + lit<T>(0.001)) == i);
        }
        CHECK(finance::band_index<T>(*t, lit<T>(1e6)) == 0);
        CHECK(finance::band_index<T>(*t, T(0)) == t->bands.size() - 1);
        CHECK(finance::band_index<T>(*t, lit<T>(-3.0)) == t->bands.size() - 1);  // negative EBIT: D
    }
}

TEMPLATE_TEST_CASE("finance-methods §1.3 lookup oracles", "[finance][ratings]", double, Decimal) {
    using T = TestType;
    // EBIT 120, interest 40: ICR 3.0 → A3/A− 0.95 % (large), Ba2/BB 1.83 % (small)
    const std::size_t bl = finance::band_for_coverage<T>(large(), lit<T>(120), lit<T>(40));
    const std::size_t bs = finance::band_for_coverage<T>(small(), lit<T>(120), lit<T>(40));
    CHECK(std::string(large().bands[bl].rating) == "A3/A-");
    CHECK(finance::band_spread<T>(large().bands[bl]) == lit<T>(0.0095));
    CHECK(std::string(small().bands[bs].rating) == "Ba2/BB");
    CHECK(finance::band_spread<T>(small().bands[bs]) == lit<T>(0.0183));
    // band edges: 2.999, 8.5, 0.2
    CHECK(rating_of<T>(large(), 2.999) == "Baa2/BBB");
    CHECK(rating_of<T>(small(), 2.999) == "B1/B+");
    CHECK(rating_of<T>(large(), 8.5) == "Aaa/AAA");
    CHECK(rating_of<T>(small(), 8.5) == "A1/A+");
    CHECK(rating_of<T>(large(), 0.2) == "C2/C");
    CHECK(rating_of<T>(small(), 0.2) == "D2/D");
    // no interest expense: infinite cover, the best rating (Damodaran's special case)
    CHECK(finance::band_for_coverage<T>(small(), lit<T>(120), T(0)) == 0);
    CHECK(finance::band_for_coverage<T>(small(), lit<T>(-5), T(0)) == 0);
    CHECK(finance::band_for_coverage<T>(small(), lit<T>(-5), lit<T>(10)) == small().bands.size() - 1);
}

TEMPLATE_TEST_CASE("the synthetic cost of debt is a fixed point (finance-methods §1.3)", "[finance][ratings]", double,
                   Decimal) {
    using T = TestType;
    const T rf = lit<T>(0.045), ebit = lit<T>(120);
    struct Case {
        double debt;
        const char* rating;
        double rate;
    };
    // D 600 → BB 6.33 %; D 900 spirals down to CC 14.60 %; D 1200 ends at C, k_d 20.0 %
    for (const Case& c : {Case{600, "Ba2/BB", 0.0633}, Case{900, "Ca2/CC", 0.146}, Case{1200, "C2/C", 0.20}}) {
        INFO("debt " << c.debt);
        auto r = finance::synthetic_cost_of_debt<T>(small(), rf, ebit, lit<T>(c.debt));
        CHECK(r.converged);
        CHECK(r.cycle.empty());
        CHECK(r.note.empty());
        CHECK(std::string(small().bands[r.band].rating) == c.rating);
        CHECK(r.rate == rf + r.spread);
        CHECK(model::as_double(r.rate) == Approx(c.rate).margin(1e-15));
        if constexpr (std::is_same_v<T, Decimal>) CHECK(r.rate == lit<T>(c.rate));
        // a fixed point: the rating of the cover at the rate found is the rating found
        CHECK(finance::band_for_coverage<T>(small(), ebit, lit<T>(c.debt) * r.rate) == r.band);
        CHECK(r.iterations <= static_cast<int>(small().bands.size()));
    }
    // no debt: no interest, the best rating
    auto none = finance::synthetic_cost_of_debt<T>(small(), rf, ebit, T(0));
    CHECK(none.converged);
    CHECK(none.band == 0);
    CHECK(none.iterations == 1);
    // losses: D
    auto loss = finance::synthetic_cost_of_debt<T>(small(), rf, lit<T>(-10), lit<T>(600));
    CHECK(std::string(small().bands[loss.band].rating) == "D2/D");
    CHECK(model::as_double(loss.rate) == Approx(0.235).margin(1e-15));
}

TEMPLATE_TEST_CASE("a cycle of ratings is reported and the worst rating taken", "[finance][ratings]", double, Decimal) {
    using T = TestType;
    const T rf = lit<T>(0.045), ebit = lit<T>(120);
    // debt that shrinks as the rate rises (as DSCR sizing does) can make the cover jump back:
    // at k below 6 % interest is 60 (ICR 2.0, B2/B at 7.5 %); above it, 6 (ICR 20, AAA at 4.95 %)
    auto flip = [&](const T& k) { return k < lit<T>(0.06) ? lit<T>(60) : lit<T>(6); };
    auto r = finance::synthetic_rate<T>(small(), rf, ebit, flip);
    CHECK_FALSE(r.converged);
    REQUIRE(r.cycle.size() == 2);
    CHECK(std::string(small().bands[r.cycle[0]].rating) == "Aaa/AAA");
    CHECK(std::string(small().bands[r.cycle[1]].rating) == "B2/B");
    CHECK(std::string(small().bands[r.band].rating) == "B2/B");
    CHECK(model::as_double(r.rate) == Approx(0.075).margin(1e-15));
    CHECK(r.note ==
          "the synthetic rating does not settle: interest cover cycles through Aaa/AAA -> B2/B -> Aaa/AAA; the worst, "
          "B2/B, is used");
}

TEMPLATE_TEST_CASE("the iteration cap stops at the worst rating met", "[finance][ratings]", double, Decimal) {
    using T = TestType;
    // D 600 needs four ratings (AAA, BBB, BB+, BB); capped at two it stops at BB+
    const T debt = lit<T>(600);
    auto r = finance::synthetic_rate<T>(small(), lit<T>(0.045), lit<T>(120), [&](const T& k) { return debt * k; }, 2);
    CHECK_FALSE(r.converged);
    CHECK(r.cycle.empty());
    CHECK(r.iterations == 2);
    CHECK(std::string(small().bands[r.band].rating) == "Ba1/BB+");
    CHECK(r.note == "the synthetic rating did not settle in 2 iterations; the worst rating met, Ba1/BB+, is used");
}
