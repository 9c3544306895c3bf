// Statistics of stored samples: Hyndman–Fan type 7 percentiles, compensated mean, Spearman's ρ
// and the histogram, against values worked by hand or published.

#include "sim/stats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using namespace reeplan::sim;

namespace {

/// Uniform doubles in [0, 1) from Marsaglia's xorshift64 (J. Statist. Software 8 (2003) 14).
struct Xorshift {
    std::uint64_t state;
    double operator()() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    }
};

}  // namespace

TEST_CASE("percentiles follow Hyndman and Fan's definition 7", "[sim][stats]") {
    // R: quantile(1:10, c(.05, .1, .5, .9, .95)) gives 1.45 1.9 5.5 9.1 9.55 (type 7, the default);
    // Excel PERCENTILE.INC gives the same.
    std::vector<double> v{7, 3, 10, 1, 5, 2, 9, 4, 8, 6};
    std::vector<double> scratch;
    const MetricStats s = column_stats(v.data(), 1, v.size(), scratch);
    CHECK(s.count == 10);
    CHECK(s.missing == 0);
    CHECK(s.percentiles[0] == Approx(1.45).epsilon(1e-14));
    CHECK(s.percentiles[1] == Approx(1.9).epsilon(1e-14));
    CHECK(s.percentiles[2] == Approx(5.5).epsilon(1e-14));
    CHECK(s.percentiles[3] == Approx(9.1).epsilon(1e-14));
    CHECK(s.percentiles[4] == Approx(9.55).epsilon(1e-14));
    CHECK(s.mean == 5.5);
    // sample variance of 1..10 is n(n+1)/12 = 110/12
    CHECK(s.sd == Approx(std::sqrt(110.0 / 12.0)).epsilon(1e-14));
    CHECK(s.standard_error == Approx(std::sqrt(110.0 / 12.0) / std::sqrt(10.0)).epsilon(1e-14));
    CHECK(s.min == 1);
    CHECK(s.max == 10);
}

TEST_CASE("percentiles by selection equal those of the fully sorted column", "[sim][stats]") {
    // columns of many sizes, with ties and signed zeros, against percentile_sorted over a sort
    Xorshift next{88172645463325252ULL};
    std::vector<double> scratch;
    for (std::size_t n : {1u, 2u, 3u, 7u, 20u, 21u, 100u, 1000u, 4097u, 50000u}) {
        for (int kind = 0; kind < 3; ++kind) {
            std::vector<double> v(n);
            for (auto& x : v) {
                const double u = next();
                x = kind == 0 ? 1e3 * (u - 0.3) : kind == 1 ? std::floor(8 * u) : (u < 0.5 ? 0.0 : 1e-300 * u);
            }
            std::vector<double> sorted = v;
            std::sort(sorted.begin(), sorted.end());
            const MetricStats s = column_stats(v.data(), 1, n, scratch);
            INFO("n = " << n << ", kind " << kind);
            for (std::size_t k = 0; k < kPercentileLevels.size(); ++k)
                CHECK(s.percentiles[k] == percentile_sorted(sorted, kPercentileLevels[k]));
            CHECK(s.min == sorted.front());
            CHECK(s.max == sorted.back());
            const MetricStats m = column_moments(v.data(), 1, n, scratch);
            CHECK(m.mean == s.mean);
            CHECK(m.standard_error == s.standard_error);
        }
    }
}

TEST_CASE("percentiles of long columns, selected among counted buckets, equal those of the sorted column",
          "[sim][stats]") {
    // columns long enough to be selected by buckets (and one just below), whose values crowd
    // into few buckets or spread over hundreds of decades, against a full sort
    Xorshift next{2463534242ULL};
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> scratch;
    for (std::size_t n : {8191u, 8192u, 8193u, 30000u, 100001u}) {
        for (int kind = 0; kind < 9; ++kind) {
            std::vector<double> v(n);
            for (std::size_t i = 0; i < n; ++i) {
                const double u = next();
                switch (kind) {
                    case 0: v[i] = -5e4 + 1e5 * u * u * u; break;                   // skewed, both signs
                    case 1: v[i] = std::exp(1380.0 * (u - 0.5)); break;               // 1e-300 .. 1e300
                    case 2: v[i] = i == n / 3 ? 1e12 : 7.0 + std::floor(4 * u); break;  // one outlier: one bucket
                    case 3: v[i] = 1.0 + std::floor(64 * u) * 0x1.0p-52; break;       // a few ulps apart
                    case 4: v[i] = u < 0.3 ? -inf : 100 * u; break;                    // infinite: no buckets
                    case 5: v[i] = 42.0; break;                                         // constant
                    case 6: v[i] = u < 0.97 ? 0.0 : u; break;                          // ties at the low end
                    case 7: v[i] = u < 0.6 ? (u < 0.3 ? -0.0 : 0.0) : u; break;        // zeros of both signs
                    default: v[i] = std::ldexp(u, -1060); break;                       // subnormal
                }
            }
            std::vector<double> sorted = v;
            std::sort(sorted.begin(), sorted.end());
            const MetricStats s = column_stats(v.data(), 1, n, scratch);
            INFO("n = " << n << ", kind " << kind);
            for (std::size_t k = 0; k < kPercentileLevels.size(); ++k)
                {
                const double want = percentile_sorted(sorted, kPercentileLevels[k]);  // NaN: −∞ + 0 · ∞
                CHECK(((std::isnan(want) && std::isnan(s.percentiles[k])) || s.percentiles[k] == want));
            }
        }
    }
}

TEST_CASE("a value that does not exist is missing, not a number", "[sim][stats]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // a column of a 2-wide row-major table: 4, NaN, 8
    std::vector<double> rows{4, 0, nan, 0, 8, 0};
    std::vector<double> scratch;
    const MetricStats s = column_stats(rows.data(), 2, 3, scratch);
    CHECK(s.count == 2);
    CHECK(s.missing == 1);
    CHECK(s.mean == 6);
    CHECK(s.percentiles[2] == 6);
    const MetricStats none = column_stats(rows.data() + 2, 2, 1, scratch);
    CHECK(none.count == 0);
    CHECK(none.missing == 1);
}

TEST_CASE("the compensated mean keeps small terms beside large ones", "[sim][stats]") {
    // 1e16 + 1 + 1 − 1e16 = 2 exactly; a naive sum gives 0
    std::vector<double> v{1e16, 1.0, 1.0, -1e16};
    std::vector<double> scratch;
    CHECK(column_stats(v.data(), 1, v.size(), scratch).mean == 0.5);
}

TEST_CASE("Spearman's rank correlation", "[sim][stats]") {
    // ranks d = (−1, 1, −1, 1, 0): ρ = 1 − 6·Σd²/(n(n² − 1)) = 1 − 24/120 = 0.8
    CHECK(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}) == Approx(0.8).epsilon(1e-14));
    CHECK(spearman({1, 2, 3}, {30, 20, 10}) == Approx(-1.0).epsilon(1e-14));
    // monotone transforms do not change ranks
    CHECK(spearman({1, 2, 3, 4}, {1, 8, 27, 64}) == Approx(1.0).epsilon(1e-14));
    // ties take average ranks: x ranks (1.5, 1.5, 3), y ranks (1, 2, 3) → ρ = 0.866…
    CHECK(spearman({1, 1, 2}, {1, 2, 3}) == Approx(std::sqrt(3.0) / 2.0).epsilon(1e-12));
    CHECK(spearman({1, 1, 1}, {1, 2, 3}) == 0);
}

TEST_CASE("the histogram counts every existing value once", "[sim][stats]") {
    std::vector<double> v;
    for (int i = 0; i < 1000; ++i) v.push_back(std::sin(i * 0.37) * 100.0);
    v.push_back(std::numeric_limits<double>::quiet_NaN());
    const Histogram h = column_histogram("chain.npv_musd", v.data(), 1, v.size());
    std::size_t total = 0;
    for (auto c : h.counts) total += c;
    CHECK(total == 1000);
    CHECK(h.counts.size() >= 10);
    CHECK(h.counts.size() <= 60);
    CHECK(h.lo + h.width * static_cast<double>(h.counts.size()) == Approx(*std::max_element(v.begin(), v.end() - 1)));
    std::vector<double> same(5, 3.0);
    const Histogram one = column_histogram("x", same.data(), 1, same.size());
    REQUIRE(one.counts.size() == 1);
    CHECK(one.counts[0] == 5);
}
