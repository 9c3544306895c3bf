#include "sim/stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
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

}  // namespace

double percentile_sorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const double lo = std::floor(h);
    const std::size_t i = static_cast<std::size_t>(lo);
    if (i + 1 >= sorted.size()) return sorted.back();
    return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

MetricStats column_stats(const double* first, std::size_t stride, std::size_t n, std::vector<double>& scratch) {
    MetricStats s = column_moments(first, stride, n, scratch);
    if (s.count == 0) return s;
    // The order statistics definition 7 reads, found by selection rather than a full sort: after
    // std::nth_element at position k over [lo, hi), every value before k is ≤ the k-th and every
    // value after it ≥, so the positions below k are selected within [lo, k) and those above
    // within (k, hi), and each keeps its order statistic (C. A. R. Hoare, "Algorithm 65: Find",
    // Comm. ACM 4 (1961) 321). The middle position is selected first, so that the ranges halve;
    // a position at the start of its range is the range's least value. The values read are
    // those of the sorted column.
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
    // ranges still to select in: values [lo, hi) and positions [p_lo, p_hi), all inside the values
    struct Range {
        std::size_t lo, hi, p_lo, p_hi;
    };
    std::array<Range, 2 * kPercentileLevels.size() + 1> todo{};
    std::size_t n_todo = 0;
    todo[n_todo++] = Range{0, scratch.size(), 0, n_pos};
    const auto begin = scratch.begin();
    while (n_todo > 0) {
        const Range r = todo[--n_todo];
        if (r.p_lo == r.p_hi) continue;
        const std::size_t mid = r.p_lo + (r.p_hi - r.p_lo) / 2, at = positions[mid];
        if (at == r.lo) {
            std::iter_swap(begin + static_cast<std::ptrdiff_t>(at),
                           std::min_element(begin + static_cast<std::ptrdiff_t>(r.lo), begin + static_cast<std::ptrdiff_t>(r.hi)));
        } else {
            std::nth_element(begin + static_cast<std::ptrdiff_t>(r.lo), begin + static_cast<std::ptrdiff_t>(at),
                             begin + static_cast<std::ptrdiff_t>(r.hi));
        }
        todo[n_todo++] = Range{r.lo, at, r.p_lo, mid};
        todo[n_todo++] = Range{at + 1, r.hi, mid + 1, r.p_hi};
    }
    for (std::size_t k = 0; k < kPercentileLevels.size(); ++k)
        s.percentiles[k] = percentile_sorted(scratch, kPercentileLevels[k]);
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
