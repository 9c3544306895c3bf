#pragma once
/// Tax depreciation schedules: MACRS GDS half-year tables and half-year straight line.
///
/// Schedules are amounts by year of service, index 0 = the year the property is placed in
/// service, in the money unit of `basis`. Nothing is rounded; the amounts sum to the basis
/// (exactly in Decimal for MACRS, whose percentages are exact decimals).

#include "finance/outcome.hpp"
#include "model/plan.hpp"

#include <span>
#include <string>
#include <vector>

namespace reeplan::finance {

/// The published MACRS percentages for a GDS class under the half-year convention, IRS
/// Publication 946 (2024), Appendix A, Table A-1 (200 % declining balance for 3, 5, 7 and 10
/// years, 150 % for 15 and 20 years, switching to straight line), in thousandths of a percent
/// (14.29 % → 14290; the 20-year column has three decimals, 3.750 % → 3750). Each column sums to
/// 100000. class_years + 1 entries; empty for any class other than 3, 5, 7, 10, 15, 20.
/// The IRS spreads rounding so each column sums to 100 %; the entries are the published ones,
/// not a recomputation (finance-methods §3.1).
std::span<const int> macrs_table(int class_years);

/// The class lives Table A-1 covers, ascending: 3, 5, 7, 10, 15, 20.
std::span<const int> macrs_classes();

/// Depreciation by year of service for `basis` under MACRS GDS, half-year convention
/// (amount_t = basis × Table A-1 percentage). class_years + 1 entries; a class the table does
/// not cover is a failure with a reason (validation in io should have caught it).
template <class T>
Outcome<std::vector<T>> macrs_schedule(int class_years, const T& basis) {
    const std::span<const int> table = macrs_table(class_years);
    if (table.empty())
        return failure<std::vector<T>>("MACRS class of " + std::to_string(class_years) +
                                       " years is not in IRS Pub. 946 Table A-1 (3, 5, 7, 10, 15 or 20)");
    const T scale(100000);  // thousandths of a percent per unit
    std::vector<T> out;
    out.reserve(table.size());
    for (int milli_pct : table) out.push_back(basis * T(milli_pct) / scale);
    return success(std::move(out));
}

/// Straight-line depreciation over `years` with the half-year convention (IRS Pub. 946,
/// "Half-year convention": half a year's amount in the year placed in service and half in the
/// year after the recovery period ends): basis/(2N), then N − 1 years of basis/N, then the
/// remainder (= basis/(2N) up to the last digit), N + 1 entries that sum exactly to the basis.
/// years < 1 is a failure with a reason.
template <class T>
Outcome<std::vector<T>> straight_line_schedule(int years, const T& basis) {
    if (years < 1)
        return failure<std::vector<T>>("straight-line depreciation needs at least one year, not " +
                                       std::to_string(years));
    const T full = basis / T(years);
    const T half = full / T(2);
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(years) + 1);
    T sum = half;
    out.push_back(half);
    for (int y = 1; y < years; ++y) {
        out.push_back(full);
        sum += full;
    }
    out.push_back(basis - sum);  // the last half-year takes the remainder so the schedule foots
    return success(std::move(out));
}

/// The schedule a plant's `[depreciation]` table asks for: MACRS of class `years`, straight
/// line over `years`, or none (an empty schedule: nothing is deducted).
template <class T>
Outcome<std::vector<T>> depreciation_schedule(const model::Depreciation& dep, const T& basis) {
    switch (dep.kind) {
    case model::DepreciationKind::Macrs: return macrs_schedule(dep.years, basis);
    case model::DepreciationKind::StraightLine: return straight_line_schedule(dep.years, basis);
    case model::DepreciationKind::None: return success(std::vector<T>{});
    }
    return failure<std::vector<T>>("unknown depreciation kind");
}

}  // namespace reeplan::finance
