#pragma once
/// Synthetic credit ratings: interest coverage (EBIT / interest expense) → rating → default
/// spread, and the pre-tax cost of debt r_f + spread found as a fixed point of the circularity
/// "interest depends on the rate, the rate on the rating, the rating on interest".
///
/// Tables: A. Damodaran, "Ratings, Interest Coverage Ratios and Default Spread", data as of
/// January 2025 (pages.stern.nyu.edu/~adamodar/New_Home_Page/datafile/ratings.html), as
/// transcribed in finance-methods §1.3. Damodaran prints each band as "> lower, ≤ upper" with
/// the upper bound written x.xx9999; reeplan reads the bands as lower-inclusive [lo, next lo)
/// (finance-methods §1.3), so an ICR of exactly 3.0 is A3/A− in the large-firm table.
/// The large-firm table is for non-financial firms above $5 bn market cap; the smaller/riskier
/// table for the rest, which includes a greenfield project company. The spreads are the same in
/// both tables; the coverage bands differ.
///
/// Spreads and band bounds are stored as integers (basis points, hundredths of a coverage ratio)
/// so that both number types see exact decimals: 1.83 % is 183/10000 in `Decimal` and the double
/// nearest to 0.0183 in `double`.

#include "model/plan.hpp"

#include <array>
#include <climits>
#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

namespace reeplan::finance {

/// One row of a synthetic-rating table.
struct RatingBand {
    const char* rating;        ///< Moody's/S&P as Damodaran writes it: "A3/A-"
    int coverage_floor_x100;   ///< lowest ICR of the band × 100, inclusive; INT_MIN for the last band
    int spread_bp;             ///< default spread over the risk-free rate, basis points
};

/// A dated synthetic-rating table, best rating first.
struct RatingTable {
    const char* name;    ///< as written in `finance.rating_table`
    const char* as_of;   ///< date of the data, "2025-01"
    const char* source;  ///< where the numbers come from
    std::array<RatingBand, 15> bands;
};

/// The table that `finance.rating_table` names.
const RatingTable& rating_table(model::RatingTable which);

/// The name used in files for `which` ("damodaran-2025-small").
const char* to_string(model::RatingTable which);

/// The band's spread as a plain fraction: spread_bp / 10000, exact in `Decimal`.
template <class T> T band_spread(const RatingBand& b) { return T(b.spread_bp) / T(10000); }

/// The band's lower coverage bound as a number: coverage_floor_x100 / 100.
template <class T> T band_floor(const RatingBand& b) { return T(b.coverage_floor_x100) / T(100); }

/// Index (0 = best) of the band whose [lo, next lo) holds the interest coverage ratio `icr`.
/// Any ratio below the last band's neighbour, negative ones included, is the last band (D):
/// Damodaran's rule for negative operating income (ratings.xls, "special cases").
template <class T> std::size_t band_index(const RatingTable& table, const T& icr) {
    for (std::size_t i = 0; i + 1 < table.bands.size(); ++i)
        if (!(icr < band_floor<T>(table.bands[i]))) return i;
    return table.bands.size() - 1;
}

/// Index of the band for operating income `ebit` over interest expense `interest` (both in the
/// same money unit). No interest expense (≤ 0) is an infinite coverage ratio, the best band
/// (Damodaran, same special cases: "does not matter anyway, since you probably have no debt").
template <class T> std::size_t band_for_coverage(const RatingTable& table, const T& ebit, const T& interest) {
    if (!(interest > T(0))) return 0;
    return band_index<T>(table, ebit / interest);
}

/// The fixed point of the synthetic cost of debt, or the rating it settled on.
template <class T> struct SyntheticRate {
    std::size_t band = 0;     ///< index into the table's bands
    T spread{0};              ///< default spread of that band
    T rate{0};                ///< risk_free + spread: the pre-tax cost of the rated debt
    int iterations = 0;       ///< ratings tried, the first included
    bool converged = false;   ///< the rating maps to itself
    std::vector<std::size_t> cycle;  ///< bands of a cycle, in the order visited (empty if converged)
    std::string note;         ///< why the rating is not a fixed point, in a sentence; empty if it is
};

/// Finds k with k = r_f + spread(EBIT / interest_at(k)) by iterating over ratings
/// (Damodaran, *Investment Valuation*, 3rd ed., ch. 8, "estimating synthetic ratings";
/// finance-methods §1.3): start from the best band, set k = r_f + its spread, rate the coverage
/// EBIT / interest_at(k), repeat. `interest_at(k)` is the interest expense when the rated debt
/// costs k (D·k for one loan; the caller adds debt priced otherwise, and may resize the debt).
///
/// A rating that maps to itself is the answer. When the interest expense rises with k, as for
/// D·k, the map from ratings to ratings is monotone and the iteration from the best band ends
/// at the best self-consistent rating in at most as many steps as the table has bands. Otherwise
/// (debt resized as the rate moves) ratings can cycle: the cycle is detected, the worst rating
/// in it is taken (the conservative choice) and `note` names the cycle. After `max_iterations`
/// ratings without a repeat the worst rating met (the last one rated included) is taken, with a
/// note.
template <class T, class InterestAt>
SyntheticRate<T> synthetic_rate(const RatingTable& table, const T& risk_free, const T& ebit, InterestAt&& interest_at,
                                int max_iterations = 64) {
    SyntheticRate<T> out;
    // the bands rated so far, all different (the search stops at the first repeat)
    std::array<std::size_t, std::tuple_size_v<decltype(table.bands)>> seen{};
    std::size_t n_seen = 0;
    std::size_t band = 0;
    auto settle = [&](std::size_t b) {
        out.band = b;
        out.spread = band_spread<T>(table.bands[b]);
        out.rate = risk_free + out.spread;
    };
    for (int it = 1;; ++it) {
        seen[n_seen++] = band;
        out.iterations = it;
        const T k = risk_free + band_spread<T>(table.bands[band]);
        const std::size_t next = band_for_coverage<T>(table, ebit, interest_at(k));
        if (next == band) {
            settle(band);
            out.converged = true;
            return out;
        }
        for (std::size_t j = 0; j < n_seen; ++j) {
            if (seen[j] != next) continue;
            out.cycle.assign(seen.begin() + static_cast<std::ptrdiff_t>(j), seen.begin() + static_cast<std::ptrdiff_t>(n_seen));
            std::size_t worst = out.cycle.front();
            std::string names;
            for (std::size_t b : out.cycle) {
                worst = b > worst ? b : worst;
                names += std::string(table.bands[b].rating) + " -> ";
            }
            names += table.bands[next].rating;
            settle(worst);
            out.note = std::string("the synthetic rating does not settle: interest cover cycles through ") + names +
                       "; the worst, " + table.bands[worst].rating + ", is used";
            return out;
        }
        if (it >= max_iterations) {
            std::size_t worst = next;
            for (std::size_t j = 0; j < n_seen; ++j) worst = seen[j] > worst ? seen[j] : worst;
            settle(worst);
            out.note = "the synthetic rating did not settle in " + std::to_string(max_iterations) +
                       " iterations; the worst rating met, " + table.bands[worst].rating + ", is used";
            return out;
        }
        band = next;
    }
}

/// The synthetic cost of one loan of amount `debt`: k = r_f + spread(EBIT / (debt · k))
/// (finance-methods §1.3). Oracles, small table, EBIT 120, r_f 4.5 %: debt 600 → Ba2/BB,
/// 6.33 %; 900 → Ca2/CC, 14.60 %; 1200 → C2/C, 20.0 %.
template <class T>
SyntheticRate<T> synthetic_cost_of_debt(const RatingTable& table, const T& risk_free, const T& ebit, const T& debt) {
    return synthetic_rate<T>(table, risk_free, ebit, [&](const T& k) { return debt * k; });
}

}  // namespace reeplan::finance
