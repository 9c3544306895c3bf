#pragma once
/// Statistics of stored Monte Carlo samples. Everything is computed in path order from the
/// stored values, so the same samples give the same bits however they were produced.

#include "sim/sim_result.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::sim {

/// Statistics of `n` values spaced `stride` apart (a column of row-major samples); NaN values
/// do not exist and are counted in `missing`.
///  - mean: Neumaier's compensated sum / count (A. Neumaier, ZAMM 54 (1974) 39–51);
///  - sd: two-pass, divisor count − 1 (0 for one value); standard error sd / √count;
///  - percentiles: Hyndman and Fan's definition 7, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with
///    h = (count − 1)·p over the sorted values (R. J. Hyndman, Y. Fan, "Sample quantiles in
///    statistical packages", The American Statistician 50 (1996) 361–365).
/// `scratch` is reused between calls.
MetricStats column_stats(const double* first, std::size_t stride, std::size_t n, std::vector<double>& scratch);

/// column_stats without the percentiles (left 0): count, missing, mean, sd, standard error, min
/// and max, in one pass over the values and one over their deviations (no sort). `scratch` is
/// left holding the values that exist, in path order.
MetricStats column_moments(const double* first, std::size_t stride, std::size_t n, std::vector<double>& scratch);

/// Percentile p (in [0, 1]) of sorted values by definition 7 (above); NaN-free input.
double percentile_sorted(const std::vector<double>& sorted, double p);

/// Spearman's rank correlation of paired values (average ranks for ties; C. Spearman, Am. J.
/// Psychol. 15 (1904) 72–101), over the pairs where both exist. 0 when either side is constant
/// or fewer than two pairs exist.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

/// Equal-width histogram of the existing values of a column, over [min, max], with the number of
/// bins from the Freedman–Diaconis rule, 2·IQR·n^(−1/3) wide (D. Freedman, P. Diaconis, Z.
/// Wahrscheinlichkeitstheorie verw. Gebiete 57 (1981) 453–476), kept within [10, 60] bins.
Histogram column_histogram(const std::string& metric, const double* first, std::size_t stride, std::size_t n);

}  // namespace reeplan::sim
