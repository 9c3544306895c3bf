#include "sim/stats.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace reeplan::sim {

namespace {

/// Neumaier's improvement of Kahan summation: the running compensation also covers a term
/// larger than the sum so far.
struct CompensatedSum {
    double sum = 0, c = 0;
    void add(double x) {
        const double t = sum + x;
        if (std::abs(sum) >= std::abs(x)) c += (sum - t) + x;
        else c += (x - t) + sum;
        sum = t;
    }
    double value() const { return sum + c; }
};

void collect(const double* first, std::size_t stride, std::size_t n, std::vector<double>& out) {
    out.clear();
    out.reserve(n);
    for (std::size_t r = 0; r < n; ++r) {
        const double v = first[r * stride];
        if (!std::isnan(v)) out.push_back(v);
    }
}

/// Average ranks (1-based) of `v`, ties sharing the mean of their positions.
std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && !(v[order[i]] < v[order[j]])) ++j;
        const double mean_rank = 0.5 * static_cast<double>(i + j + 1);  // positions i+1 … j
        for (std::size_t k = i; k < j; ++k) r[order[k]] = mean_rank;
        i = j;
    }
    return r;
}

/// Definition 7 (above) over n > 0 values whose order statistics `x(i)` (0-based) gives: the
/// ones at ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)·p, interpolated; the largest when ⌊h⌋ is the last.
template <class X> double definition7(std::size_t n, double p, X&& x) {
    const double h = static_cast<double>(n - 1) * p;
    const double lo = std::floor(h);
    const std::size_t i = static_cast<std::size_t>(lo);
    if (i + 1 >= n) return x(n - 1);
    const double a = x(i), b = x(i + 1);
    return a + (h - lo) * (b - a);
}

}  // namespace

double percentile_sorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    return definition7(sorted.size(), p, [&sorted](std::size_t i) { return sorted[i]; });
}

namespace {

/// The order statistics of v[0, count) at `positions` (sorted, distinct, each < count) into
/// `at`, by selection in place (C. A. R. Hoare, "Algorithm 65: Find", Comm. ACM 4 (1961) 321):
/// after std::nth_element at position k over [lo, hi), every value before k is ≤ the k-th and
/// every value after it ≥, so the positions below k are selected within [lo, k) and those above
/// within (k, hi), and each keeps its order statistic. The middle position is selected first,
/// so that the ranges halve; a position at the start of its range is the range's least value.
/// Values that are all one number, to the bit (a metric constant over the paths, or a tie that
/// fills a bucket of select_by_buckets), are every order statistic as they stand: no selection.
void select_in_place(double* v, std::size_t count, const std::size_t* positions, std::size_t n_pos, double* at) {
    if (count > 0) {
        const std::uint64_t first = std::bit_cast<std::uint64_t>(v[0]);
        if (std::all_of(v, v + count, [first](double x) { return std::bit_cast<std::uint64_t>(x) == first; })) {
            std::fill(at, at + n_pos, v[0]);
            return;
        }
    }
    struct Range {
        std::size_t lo, hi, p_lo, p_hi;  ///< values [lo, hi), positions [p_lo, p_hi)
    };
    std::array<Range, 2 * 2 * kPercentileLevels.size() + 1> todo{};
    std::size_t n_todo = 0;
    todo[n_todo++] = Range{0, count, 0, n_pos};
    while (n_todo > 0) {
        const Range r = todo[--n_todo];
        if (r.p_lo == r.p_hi) continue;
        const std::size_t mid = r.p_lo + (r.p_hi - r.p_lo) / 2, k = positions[mid];
        if (k == r.lo) std::iter_swap(v + k, std::min_element(v + r.lo, v + r.hi));
        else std::nth_element(v + r.lo, v + k, v + r.hi);
        at[mid] = v[k];
        todo[n_todo++] = Range{r.lo, k, r.p_lo, mid};
        todo[n_todo++] = Range{k + 1, r.hi, mid + 1, r.p_hi};
    }
}

/// Buckets of select_by_buckets: v ↦ ⌊(v − min) · kBuckets / (max − min)⌋, the last bucket
/// closed at max.
constexpr std::size_t kBuckets = 2048;

/// select_in_place's order statistics without permuting the whole column, for long columns:
/// the values are counted into kBuckets buckets by a map that never decreases with the value
/// (a rounded subtraction of min, then a rounded product by a positive scale, then truncation:
/// each step is monotone), so every value of a bucket is ≥ every value of the buckets below it
/// and the running counts give each order statistic's bucket and its rank there. Only the
/// values of those buckets (at most one per position) are copied out, in column order, and
/// selected among themselves: the same order statistics as selection over the whole column, in
/// about two branch-free passes over it instead of several partitions. False, having done
/// nothing, when min and max are not finite and apart by a finite, positive amount.
bool select_by_buckets(const double* v, std::size_t count, double min, double max, const std::size_t* positions,
                       std::size_t n_pos, double* at, std::vector<double>& gathered) {
    const double span = max - min;
    const double scale = static_cast<double>(kBuckets) / span;
    if (!(span > 0) || !std::isfinite(span) || !std::isfinite(scale) || !std::isfinite(min) || count > UINT32_MAX)
        return false;
    auto bucket = [min, scale](double x) {
        const double t = (x - min) * scale;  // in [0, kBuckets (1 + ε)]
        return std::min(static_cast<std::size_t>(t), kBuckets - 1);
    };
    // four interleaved tallies, so that runs of equal values do not wait on one counter
    std::array<std::uint32_t, 4 * kBuckets> tally{};
    std::size_t r = 0;
    for (; r + 4 <= count; r += 4)
        for (std::size_t q = 0; q < 4; ++q) ++tally[q * kBuckets + bucket(v[r + q])];
    for (; r < count; ++r) ++tally[bucket(v[r])];
    // per position: its bucket, and the rank of its value among that bucket's values
    std::array<std::size_t, 2 * kPercentileLevels.size()> in_bucket{}, rank{};
    std::array<std::uint16_t, kBuckets> slot{};  // 1 + the gathered group of a bucket, 0 for none
    std::array<std::size_t, 2 * kPercentileLevels.size() + 1> group_begin{};
    std::size_t groups = 0, below = 0, p = 0;
    for (std::size_t b = 0; b < kBuckets && p < n_pos; ++b) {
        const std::size_t size = tally[b] + tally[kBuckets + b] + tally[2 * kBuckets + b] + tally[3 * kBuckets + b];
        if (positions[p] < below + size) {
            slot[b] = static_cast<std::uint16_t>(groups + 1);
            group_begin[groups + 1] = group_begin[groups] + size;
            for (; p < n_pos && positions[p] < below + size; ++p) {
                in_bucket[p] = groups;
                rank[p] = positions[p] - below;
            }
            ++groups;
        }
        below += size;
    }
    if (p < n_pos) return false;  // cannot happen: the tallies hold every value
    gathered.resize(group_begin[groups]);
    std::array<std::size_t, 2 * kPercentileLevels.size()> fill{};
    for (std::size_t g = 0; g < groups; ++g) fill[g] = group_begin[g];
    for (std::size_t i = 0; i < count; ++i)
        if (const std::uint16_t s = slot[bucket(v[i])]) gathered[fill[s - 1]++] = v[i];
    // each group's positions, selected within the group
    for (std::size_t k = 0; k < n_pos;) {
        const std::size_t g = in_bucket[k];
        std::size_t e = k;
        std::array<std::size_t, 2 * kPercentileLevels.size()> local{};
        for (; e < n_pos && in_bucket[e] == g; ++e) local[e - k] = rank[e];
        select_in_place(gathered.data() + group_begin[g], group_begin[g + 1] - group_begin[g], local.data(), e - k, at + k);
        k = e;
    }
    return true;
}

}  // namespace

MetricStats column_stats(const double* first, std::size_t stride, std::size_t n, std::vector<double>& scratch) {
    MetricStats s = column_moments(first, stride, n, scratch);
    if (s.count == 0) return s;
    // The order statistics definition 7 reads (at ⌊h⌋ and ⌊h⌋ + 1 per level), found by selection
    // rather than a full sort: by buckets in long columns, else in place. Either way the values
    // read are those of the sorted column.
    std::array<std::size_t, 2 * kPercentileLevels.size()> positions{};
    std::size_t n_pos = 0;
    for (double p : kPercentileLevels) {
        const std::size_t i = static_cast<std::size_t>(std::floor(static_cast<double>(s.count - 1) * p));
        positions[n_pos++] = i;
        if (i + 1 < s.count) positions[n_pos++] = i + 1;
    }
    std::sort(positions.begin(), positions.begin() + static_cast<std::ptrdiff_t>(n_pos));
    n_pos = static_cast<std::size_t>(std::unique(positions.begin(), positions.begin() + static_cast<std::ptrdiff_t>(n_pos)) -
                                     positions.begin());
    std::array<double, 2 * kPercentileLevels.size()> at{};
    std::vector<double> gathered;  // the buckets' values (select_by_buckets)
    if (s.count < 4 * kBuckets ||
        !select_by_buckets(scratch.data(), s.count, s.min, s.max, positions.data(), n_pos, at.data(), gathered))
        select_in_place(scratch.data(), s.count, positions.data(), n_pos, at.data());
    // percentile_sorted's arithmetic on the order statistics at hand
    auto order_statistic = [&](std::size_t i) {
        return at[static_cast<std::size_t>(std::lower_bound(positions.begin(), positions.begin() + static_cast<std::ptrdiff_t>(n_pos), i) -
                                           positions.begin())];
    };
    for (std::size_t k = 0; k < kPercentileLevels.size(); ++k)
        s.percentiles[k] = definition7(s.count, kPercentileLevels[k], order_statistic);
    return s;
}

MetricStats column_moments(const double* first, std::size_t stride, std::size_t n, std::vector<double>& scratch) {
    MetricStats s;
    collect(first, stride, n, scratch);
    s.count = scratch.size();
    s.missing = n - s.count;
    if (s.count == 0) return s;
    CompensatedSum sum;
    double lo = scratch.front(), hi = scratch.front();
    for (double v : scratch) {
        sum.add(v);
        lo = v < lo ? v : lo;
        hi = hi < v ? v : hi;
    }
    s.min = lo;
    s.max = hi;
    s.mean = sum.value() / static_cast<double>(s.count);
    CompensatedSum sq;
    for (double v : scratch) sq.add((v - s.mean) * (v - s.mean));
    s.sd = s.count > 1 ? std::sqrt(sq.value() / static_cast<double>(s.count - 1)) : 0.0;
    s.standard_error = s.sd / std::sqrt(static_cast<double>(s.count));
    return s;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> a, b;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
            a.push_back(x[i]);
            b.push_back(y[i]);
        }
    if (a.size() < 2) return 0;
    const std::vector<double> ra = ranks(a), rb = ranks(b);
    const double m = 0.5 * static_cast<double>(a.size() + 1);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - m) * (rb[i] - m);
        saa += (ra[i] - m) * (ra[i] - m);
        sbb += (rb[i] - m) * (rb[i] - m);
    }
    if (!(saa > 0) || !(sbb > 0)) return 0;
    return sab / std::sqrt(saa * sbb);
}

Histogram column_histogram(const std::string& metric, const double* first, std::size_t stride, std::size_t n) {
    Histogram h;
    h.metric = metric;
    std::vector<double> v;
    const MetricStats s = column_stats(first, stride, n, v);
    std::sort(v.begin(), v.end());  // the quartiles and the bins below read the sorted values
    h.mean = s.mean;
    h.percentiles = s.percentiles;
    if (v.empty()) return h;
    h.lo = s.min;
    const double range = s.max - s.min;
    if (!(range > 0)) {
        h.counts.assign(1, v.size());
        return h;
    }
    const double iqr = percentile_sorted(v, 0.75) - percentile_sorted(v, 0.25);
    std::size_t bins = 10;
    if (iqr > 0) {
        const double fd = 2.0 * iqr / std::cbrt(static_cast<double>(v.size()));
        bins = static_cast<std::size_t>(std::clamp(std::ceil(range / fd), 10.0, 60.0));
    }
    h.width = range / static_cast<double>(bins);
    h.counts.assign(bins, 0);
    for (double x : v) {
        std::size_t b = static_cast<std::size_t>((x - h.lo) / h.width);
        if (b >= bins) b = bins - 1;  // the maximum falls in the last bin
        ++h.counts[b];
    }
    return h;
}

}  // namespace reeplan::sim
