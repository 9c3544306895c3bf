#include "finance/ratings.hpp"

namespace reeplan::finance {

namespace {

// A. Damodaran, "Ratings, Interest Coverage Ratios and Default Spread", "Date of Analysis: Data
// used is as of January 2025", pages.stern.nyu.edu/~adamodar/New_Home_Page/datafile/ratings.html
// (finance-methods §1.3, table "January 2025"). Lower-inclusive bands [lo, next lo).
constexpr const char* damodaran_source =
    "A. Damodaran, Ratings, Interest Coverage Ratios and Default Spread, January 2025, "
    "pages.stern.nyu.edu/~adamodar/New_Home_Page/datafile/ratings.html";

// Non-financial firms with market capitalization above $5 bn.
const RatingTable large_2025{
    "damodaran-2025-large",
    "2025-01",
    damodaran_source,
    {{
        {"Aaa/AAA", 850, 45},
        {"Aa2/AA", 650, 60},
        {"A1/A+", 550, 77},
        {"A2/A", 425, 85},
        {"A3/A-", 300, 95},
        {"Baa2/BBB", 250, 120},
        {"Ba1/BB+", 225, 155},
        {"Ba2/BB", 200, 183},
        {"B1/B+", 175, 261},
        {"B2/B", 150, 300},
        {"B3/B-", 125, 442},
        {"Caa/CCC", 80, 728},
        {"Ca2/CC", 65, 1010},
        {"C2/C", 20, 1550},
        {"D2/D", INT_MIN, 1900},
    }},
};

// Smaller and riskier firms (market capitalization below $5 bn).
const RatingTable small_2025{
    "damodaran-2025-small",
    "2025-01",
    damodaran_source,
    {{
        {"Aaa/AAA", 1250, 45},
        {"Aa2/AA", 950, 60},
        {"A1/A+", 750, 77},
        {"A2/A", 600, 85},
        {"A3/A-", 450, 95},
        {"Baa2/BBB", 400, 120},
        {"Ba1/BB+", 350, 155},
        {"Ba2/BB", 300, 183},
        {"B1/B+", 250, 261},
        {"B2/B", 200, 300},
        {"B3/B-", 150, 442},
        {"Caa/CCC", 125, 728},
        {"Ca2/CC", 80, 1010},
        {"C2/C", 50, 1550},
        {"D2/D", INT_MIN, 1900},
    }},
};

}  // namespace

const RatingTable& rating_table(model::RatingTable which) {
    switch (which) {
    case model::RatingTable::Damodaran2025Large: return large_2025;
    case model::RatingTable::Damodaran2025Small: return small_2025;
    }
    return small_2025;
}

const char* to_string(model::RatingTable which) { return rating_table(which).name; }

}  // namespace reeplan::finance
