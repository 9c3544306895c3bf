// Numbers affine in one parameter (finance/affine.hpp): derivatives by hand, the piece that
// comparisons narrow, and the tax rule followed through its branches.

#include "finance/affine.hpp"
#include "finance/tax.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

using namespace reeplan::finance;

TEST_CASE("affine numbers carry the derivative of every operation", "[finance][affine]") {
    AffinePiece piece;
    piece.at = 3.0;
    const AffineRecording recording(piece);
    const Affine p(3.0, 1.0);
    // f(p) = (2p + 1)(p − 5) / 4 + 7 / p: f(3) = −3.5 + 7/3, f'(p) = (4p − 9) / 4 − 7 / p²
    const Affine f = (2.0 * p + 1.0) * (p - 5.0) / 4.0 + Affine(7.0) / p;
    CHECK(f.v == Approx(-3.5 + 7.0 / 3.0).epsilon(1e-15));
    CHECK(f.d == Approx(0.75 - 7.0 / 9.0).epsilon(1e-15));
    // the value is the double computation's, to the bit
    const double x = 3.0;
    CHECK(f.v == (2.0 * x + 1.0) * (x - 5.0) / 4.0 + 7.0 / x);
    // no comparison made: the piece is the whole line
    CHECK(std::isinf(piece.lo));
    CHECK(std::isinf(piece.hi));
}

TEST_CASE("comparisons narrow the piece to where their outcomes hold", "[finance][affine]") {
    AffinePiece piece;
    piece.at = 10.0;
    const AffineRecording recording(piece);
    const Affine p(10.0, 1.0);
    CHECK(p > Affine(4.0));          // holds down to p = 4
    CHECK(2.0 * p < Affine(50.0));   // holds up to p = 25
    CHECK_FALSE(p - 30.0 > 0.0);     // false up to p = 30: no tighter than 25
    CHECK(-p < Affine(-6.0));        // p > 6: tighter than 4
    CHECK(piece.lo == 6.0);
    CHECK(piece.hi == 25.0);
    CHECK(Affine(1.0) < Affine(2.0));  // constants: nothing to record
    CHECK(piece.lo == 6.0);
    CHECK(piece.hi == 25.0);
    SECTION("a comparison made exactly at a crossing holds at the point alone") {
        CHECK_FALSE(p > Affine(10.0));
        CHECK(piece.lo == 10.0);
        CHECK(piece.hi == 10.0);
    }
}

namespace {

/// The rule of AffinePiece::keep_sign by its definition: the crossing, by division, always.
void keep_sign_by_division(AffinePiece& piece, double value, double slope) {
    if (!(slope > 0) && !(slope < 0)) return;
    const double cross = piece.at - value / slope;
    if (cross > piece.at) piece.hi = std::min(piece.hi, cross);
    else if (cross < piece.at) piece.lo = std::max(piece.lo, cross);
    else piece.lo = piece.hi = piece.at;
}

}  // namespace

TEST_CASE("a comparison whose crossing lies beyond the bound leaves the piece as the division would",
          "[finance][affine]") {
    // keep_sign skips the division when the crossing is surely at or beyond the bound on its side;
    // over crossings near the bounds (within a few ulps and by relative 1e-12 … 1e-8), far off,
    // at the point itself, with zero and non-finite inputs, the pieces are the same to the bit
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::size_t unchanged = 0, narrowed = 0;
    for (int k = 0; k < 200000; ++k) {
        AffinePiece a;
        a.at = std::ldexp(unit(gen), static_cast<int>(gen() % 40) - 10);
        const double width = std::ldexp(1.0 + unit(gen), static_cast<int>(gen() % 30) - 12);
        a.lo = gen() % 5 == 0 ? -inf : a.at - width * (1 + 0.5 * unit(gen));
        a.hi = gen() % 5 == 0 ? inf : a.at + width * (1 + 0.5 * unit(gen));
        const AffinePiece before = a;
        AffinePiece b = a;
        double slope = std::ldexp(unit(gen), static_cast<int>(gen() % 60) - 30);
        // the crossing: at a bound nudged by a few ulps or a small relative step, or anywhere
        const bool up = gen() % 2 == 0;
        double cross = up ? a.hi : a.lo;
        switch (gen() % 4) {
        case 0:
            for (int u = static_cast<int>(gen() % 9) - 4; u != 0; u += u > 0 ? -1 : 1)
                cross = std::nextafter(cross, u > 0 ? inf : -inf);
            break;
        case 1: cross += (cross - a.at) * std::ldexp(unit(gen), -(static_cast<int>(gen() % 15) + 27)); break;
        case 2: cross = a.at + (cross - a.at) * 4 * unit(gen); break;
        default: cross = a.at; break;
        }
        double value = std::isfinite(cross) ? (a.at - cross) * slope : unit(gen);
        if (gen() % 50 == 0) value = 0;
        if (gen() % 200 == 0) slope = 0;
        if (gen() % 200 == 0) value = nan;
        if (gen() % 200 == 0) slope = -inf;
        a.keep_sign(value, slope);
        keep_sign_by_division(b, value, slope);
        CHECK(std::bit_cast<std::uint64_t>(a.lo) == std::bit_cast<std::uint64_t>(b.lo));
        CHECK(std::bit_cast<std::uint64_t>(a.hi) == std::bit_cast<std::uint64_t>(b.hi));
        const bool same = std::bit_cast<std::uint64_t>(b.lo) == std::bit_cast<std::uint64_t>(before.lo) &&
                          std::bit_cast<std::uint64_t>(b.hi) == std::bit_cast<std::uint64_t>(before.hi);
        ++(same ? unchanged : narrowed);
    }
    // both outcomes are well represented
    CHECK(unchanged > 50000);
    CHECK(narrowed > 50000);
}

TEST_CASE("comparisons are recorded only while a recording lives", "[finance][affine]") {
    AffinePiece piece;
    piece.at = 1.0;
    {
        const AffineRecording recording(piece);
        CHECK(Affine(1.0, 1.0) > Affine(0.0));
    }
    CHECK(piece.lo == 0.0);
    CHECK(Affine(1.0, 1.0) < Affine(2.0));  // after the recording: not recorded
    CHECK(std::isinf(piece.hi));
}

TEST_CASE("the tax rule followed in an affine income: NOL deduction and credits by piece", "[finance][affine]") {
    // Oracle of tax.hpp: NOL 100, income 60, 80 %, 21 % → deduction 48, taxable 12, tax 2.52.
    // With income 60 + 10 (p − p0): on the piece the deduction is 0.8 × income until it reaches
    // the NOL (income 125, p = p0 + 6.5) and positive down to income 0 (p = p0 − 6); there the
    // tax is 0.21 × 0.2 × income, slope 0.21 × 0.2 × 10 = 0.42.
    AffinePiece piece;
    piece.at = 0.0;
    const AffineRecording recording(piece);
    TaxState<Affine> state;
    state.nol = Affine(100.0);
    const Affine income(60.0, 10.0);
    const TaxYear<Affine> y = tax_year<Affine, double>(state, income, 0.21, 0.80, false, 0.0);
    CHECK(y.nol_used.v == Approx(48.0));
    CHECK(y.nol_used.d == Approx(8.0));
    CHECK(y.tax_before_credits.v == Approx(2.52));
    CHECK(y.tax_before_credits.d == Approx(0.42));
    CHECK(state.nol.v == Approx(52.0));
    CHECK(state.nol.d == Approx(-8.0));
    CHECK(piece.lo == Approx(-6.0));
    CHECK(piece.hi == Approx(6.5));
    SECTION("credits bound the piece where they cover the tax") {
        // a credit of 1.0 against 2.52 + 0.42 (p − p0): used in full while the tax exceeds it
        AffinePiece with_credit;
        with_credit.at = 0.0;
        const AffineRecording inner(with_credit);
        TaxState<Affine> s2;
        s2.nol = Affine(100.0);
        const TaxYear<Affine> c = tax_year<Affine, double>(s2, income, 0.21, 0.80, false, 1.0);
        CHECK(c.credits_used.v == Approx(1.0));
        CHECK(c.credits_used.d == 0.0);
        CHECK(c.tax_after_credits.d == Approx(0.42));
        CHECK(with_credit.lo == Approx(-(2.52 - 1.0) / 0.42));
        CHECK(with_credit.hi == Approx(6.5));
    }
}
