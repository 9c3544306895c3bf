#include "model/decimal.hpp"

#include <catch2/catch.hpp>

using reeplan::model::Decimal;
using reeplan::model::decimal_from_input;
using reeplan::model::round_half_even;
using reeplan::model::to_fixed;

TEST_CASE("a TOML float becomes the decimal it was written as", "[model][decimal]") {
    // 0.1 as a double is 0.1000000000000000055511151231257827...; through the shortest
    // round-trip string it is exactly one tenth.
    CHECK(decimal_from_input(0.1) * 10 == Decimal(1));
    CHECK(decimal_from_input(0.1) + decimal_from_input(0.2) == decimal_from_input(0.3));
    CHECK(decimal_from_input(110.0) == Decimal(110));
    CHECK(decimal_from_input(-6000.0) == Decimal(-6000));
    CHECK(decimal_from_input(0.0433).str() == "0.0433");
}

TEST_CASE("rounding is half to even, not Boost's half away from zero", "[model][decimal]") {
    CHECK(to_fixed(Decimal("2.5"), 0) == "2");
    CHECK(to_fixed(Decimal("3.5"), 0) == "4");
    CHECK(to_fixed(Decimal("-2.5"), 0) == "-2");
    CHECK(to_fixed(Decimal("0.125"), 2) == "0.12");
    CHECK(to_fixed(Decimal("0.135"), 2) == "0.14");
    CHECK(to_fixed(Decimal("0.1251"), 2) == "0.13");
    CHECK(to_fixed(Decimal("-0.001"), 2) == "0.00");
    CHECK(round_half_even(Decimal("1234.565"), 2) == Decimal("1234.56"));
    // Boost's round() goes away from zero on ties; the statements must not.
    CHECK(boost::multiprecision::round(Decimal("2.5")) == Decimal(3));
}
