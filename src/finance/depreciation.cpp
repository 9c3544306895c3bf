#include "finance/depreciation.hpp"

#include <array>

namespace reeplan::finance {

namespace {

// IRS Publication 946, Appendix A, Table A-1: "3-, 5-, 7-, 10-, 15-, and 20-Year Property,
// Half-Year Convention", in thousandths of a percent, transcribed from the published table.
constexpr std::array<int, 4> macrs_3{33330, 44450, 14810, 7410};
constexpr std::array<int, 6> macrs_5{20000, 32000, 19200, 11520, 11520, 5760};
constexpr std::array<int, 8> macrs_7{14290, 24490, 17490, 12490, 8930, 8920, 8930, 4460};
constexpr std::array<int, 11> macrs_10{10000, 18000, 14400, 11520, 9220, 7370,
                                       6550,  6550,  6560,  6550,  3280};
constexpr std::array<int, 16> macrs_15{5000, 9500, 8550, 7700, 6930, 6230, 5900, 5900,
                                       5910, 5900, 5910, 5900, 5910, 5900, 5910, 2950};
constexpr std::array<int, 21> macrs_20{3750, 7219, 6677, 6177, 5713, 5285, 4888, 4522, 4462, 4461, 4462,
                                       4461, 4462, 4461, 4462, 4461, 4462, 4461, 4462, 4461, 2231};

constexpr std::array<int, 6> classes{3, 5, 7, 10, 15, 20};

template <std::size_t N>
constexpr int column_sum(const std::array<int, N>& a) {
    int s = 0;
    for (int x : a) s += x;
    return s;
}
static_assert(column_sum(macrs_3) == 100000 && column_sum(macrs_5) == 100000 &&
                  column_sum(macrs_7) == 100000 && column_sum(macrs_10) == 100000 &&
                  column_sum(macrs_15) == 100000 && column_sum(macrs_20) == 100000,
              "each column of Table A-1 sums to 100 %");

}  // namespace

std::span<const int> macrs_table(int class_years) {
    switch (class_years) {
    case 3: return macrs_3;
    case 5: return macrs_5;
    case 7: return macrs_7;
    case 10: return macrs_10;
    case 15: return macrs_15;
    case 20: return macrs_20;
    default: return {};
    }
}

std::span<const int> macrs_classes() { return classes; }

}  // namespace reeplan::finance
