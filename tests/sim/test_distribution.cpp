// Input distributions of the simulation: quantiles against closed forms and published values,
// CDF round trips, and the moments and quantiles of 100,000 draws against the closed forms.

#include "policy/random.hpp"
#include "sim/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

using namespace reeplan;
using model::DistKind;
using model::Distribution;
using sim::cdf;
using sim::draw;

namespace {

Distribution normal(double mean, double sd) {
    Distribution d;
    d.kind = DistKind::Normal;
    d.mean = mean;
    d.sd = sd;
    return d;
}

Distribution lognormal(double mean, double sd) {
    Distribution d = normal(mean, sd);
    d.kind = DistKind::Lognormal;
    return d;
}

Distribution bounded(DistKind kind, double min, double mode, double max) {
    Distribution d;
    d.kind = kind;
    d.min = min;
    d.mode = mode;
    d.max = max;
    return d;
}

Distribution discrete(std::vector<double> values, std::vector<double> probabilities) {
    Distribution d;
    d.kind = DistKind::Discrete;
    d.values = std::move(values);
    d.probabilities = std::move(probabilities);
    return d;
}

Distribution fixed(double value) {
    Distribution d;
    d.kind = DistKind::Fixed;
    d.value = value;
    return d;
}

/// Sorted draws of `d` on paths 0..n-1 of a counter-based stream.
std::vector<double> sorted_sample(const Distribution& d, std::uint64_t stream, std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = draw(d, policy::counter_uniform(20240601, i, stream, 0));
    std::sort(x.begin(), x.end());
    return x;
}

/// Hyndman and Fan's type 7 sample quantile of sorted data.
double sample_quantile(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

TEST_CASE("standard normal quantile and CDF match published values", "[sim][distribution]") {
    // Reference values to 16 digits, as R's qnorm and pnorm give them (M. J. Wichura,
    // "Algorithm AS 241", Applied Statistics 37 (1988) 477–484; W. J. Cody, "Rational Chebyshev
    // approximations for the error function", Math. Comp. 23 (1969) 631–637).
    CHECK(sim::standard_normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
    CHECK(sim::standard_normal_quantile(0.95) == Approx(1.6448536269514722).epsilon(1e-14));
    CHECK(sim::standard_normal_quantile(0.995) == Approx(2.5758293035489004).epsilon(1e-14));
    CHECK(sim::standard_normal_quantile(0.025) == Approx(-1.959963984540054).epsilon(1e-14));
    CHECK(sim::standard_normal_quantile(0.5) == Approx(0.0).margin(1e-15));
    CHECK(sim::standard_normal_cdf(1.0) == Approx(0.8413447460685429).epsilon(1e-14));
    CHECK(sim::standard_normal_cdf(-1.0) == Approx(0.15865525393145707).epsilon(1e-14));
    CHECK(sim::standard_normal_cdf(0.0) == 0.5);
    // deep tails keep relative accuracy (no cancellation)
    for (double u : {1e-12, 1e-8, 1e-4, 0.3, 0.7}) {
        CHECK(sim::standard_normal_cdf(sim::standard_normal_quantile(u)) == Approx(u).epsilon(1e-12));
        const double v = 1 - u;  // rounded; 1 − v is then exact (Sterbenz)
        CHECK(sim::standard_normal_quantile(v) == Approx(-sim::standard_normal_quantile(1 - v)).epsilon(1e-13));
    }
    CHECK(std::isinf(sim::standard_normal_quantile(0.0)));
    CHECK(sim::standard_normal_quantile(0.0) < 0);
    CHECK(std::isinf(sim::standard_normal_quantile(1.0)));
}

TEST_CASE("quantiles of each kind against their closed forms", "[sim][distribution]") {
    SECTION("normal") {
        CHECK(draw(normal(10, 2), 0.975) == Approx(10 + 2 * 1.959963984540054).epsilon(1e-14));
        CHECK(draw(normal(10, 2), 0.5) == Approx(10).epsilon(1e-15));
    }
    SECTION("lognormal: the median is exp(μ) = m/√(1 + s²/m²)") {
        const Distribution d = lognormal(100, 30);
        CHECK(draw(d, 0.5) == Approx(100 / std::sqrt(1.09)).epsilon(1e-13));
        const double sigma = std::sqrt(std::log(1.09));
        const double mu = std::log(100.0) - sigma * sigma / 2;
        CHECK(draw(d, 0.975) == Approx(std::exp(mu + sigma * 1.959963984540054)).epsilon(1e-13));
    }
    SECTION("triangular (0, 2, 10) by hand: F(mode) = 0.2") {
        const Distribution d = bounded(DistKind::Triangular, 0, 2, 10);
        CHECK(draw(d, 0.1) == Approx(std::sqrt(0.1 * 10 * 2)).epsilon(1e-14));  // √2
        CHECK(draw(d, 0.2) == Approx(2.0).epsilon(1e-14));
        CHECK(draw(d, 0.9) == Approx(10 - std::sqrt(0.1 * 10 * 8)).epsilon(1e-14));  // 10 − √8
    }
    SECTION("uniform") {
        const Distribution d = bounded(DistKind::Uniform, 2, 0, 6);
        CHECK(draw(d, 0.25) == Approx(3.0).epsilon(1e-15));
        CHECK(draw(d, 0.5) == Approx(4.0).epsilon(1e-15));
    }
    SECTION("pert with the mode at the centre is symmetric, Beta(3, 3)") {
        const Distribution d = bounded(DistKind::Pert, 0, 5, 10);
        CHECK(draw(d, 0.5) == Approx(5.0).epsilon(1e-12));
        CHECK(draw(d, 0.1) + draw(d, 0.9) == Approx(10.0).epsilon(1e-12));
        // I_x(3, 3) = Σ_{j=3}^{5} C(5, j) x^j (1 − x)^(5−j); at x = 1/4 it is 106/1024
        CHECK(cdf(d, 2.5) == Approx(106.0 / 1024.0).epsilon(1e-13));
        CHECK(draw(d, 106.0 / 1024.0) == Approx(2.5).epsilon(1e-12));
    }
    SECTION("pert with the mode at min is Beta(1, 5): x = 1 − (1 − u)^(1/5)") {
        const Distribution d = bounded(DistKind::Pert, 0, 0, 1);
        for (double u : {0.05, 0.5, 0.95})
            CHECK(draw(d, u) == Approx(1 - std::pow(1 - u, 0.2)).epsilon(1e-12));
    }
    SECTION("discrete: values in any order, equal values merged") {
        // merged: 1 → 0.4, 2 → 0.4, 3 → 0.2; cumulative 0.4, 0.8, 1.0
        for (const Distribution& d : {discrete({3, 1, 2, 1}, {0.2, 0.3, 0.4, 0.1}),
                                      discrete({1, 1, 2, 3}, {0.3, 0.1, 0.4, 0.2})}) {
            CHECK(draw(d, 0.01) == 1);
            CHECK(draw(d, 0.39) == 1);
            CHECK(draw(d, 0.41) == 2);
            CHECK(draw(d, 0.79) == 2);
            CHECK(draw(d, 0.81) == 3);
            CHECK(draw(d, 0.999999) == 3);
            CHECK(cdf(d, 0.5) == 0);
            CHECK(cdf(d, 1.5) == Approx(0.4));
            CHECK(cdf(d, 2.0) == Approx(0.8));
            CHECK(cdf(d, 3.0) == Approx(1.0));
        }
        // probabilities that sum to 1 only after rounding still reach the top value
        CHECK(draw(discrete({0.1, 0.2, 0.3}, {0.1, 0.2, 0.7}), 1 - 1e-16) == 0.3);
        CHECK(draw(discrete({0, 1, 2}, {0.5, 0.5, 0.0}), 0.9999999999999999) == 1);
    }
    SECTION("fixed and degenerate ranges give the point value") {
        CHECK(draw(fixed(4.5), 0.3) == 4.5);
        CHECK(draw(normal(7, 0), 0.99) == 7);
        CHECK(draw(lognormal(7, 0), 0.01) == 7);
        CHECK(draw(bounded(DistKind::Triangular, 3, 3, 3), 0.7) == 3);
        CHECK(draw(bounded(DistKind::Pert, 3, 3, 3), 0.7) == 3);
        CHECK(draw(bounded(DistKind::Uniform, 3, 0, 3), 0.7) == 3);
        CHECK(cdf(fixed(4.5), 4.4) == 0);
        CHECK(cdf(fixed(4.5), 4.5) == 1);
        CHECK(sim::moments(normal(7, 0)).variance == 0);
    }
    SECTION("the ends of the support") {
        const double inf = std::numeric_limits<double>::infinity();
        CHECK(draw(normal(1, 2), 0.0) == -inf);
        CHECK(draw(lognormal(1, 2), 0.0) == 0);
        CHECK(draw(lognormal(1, 2), 1.0) == inf);
        CHECK(draw(bounded(DistKind::Pert, 0, 1, 3), 1.0) == 3);
        for (const Distribution& d : {normal(1, 2), lognormal(1, 2), bounded(DistKind::Triangular, 0, 1, 3),
                                      bounded(DistKind::Pert, 0, 1, 3), bounded(DistKind::Uniform, 0, 0, 3)}) {
            CHECK(cdf(d, -inf) == 0);
            CHECK(cdf(d, inf) == 1);
        }
    }
    SECTION("invalid input gives NaN, not an exception") {
        CHECK(std::isnan(draw(lognormal(-1, 1), 0.5)));
        CHECK(std::isnan(draw(discrete({}, {}), 0.5)));
        CHECK(std::isnan(draw(normal(0, 1), 1.5)));
        CHECK(std::isnan(draw(bounded(DistKind::Pert, 0, 1, 2), -0.1)));
    }
}

TEST_CASE("draw inverts cdf on a grid for every continuous kind", "[sim][distribution]") {
    const std::vector<Distribution> ds{normal(-3, 0.5),
                                       lognormal(50, 40),
                                       bounded(DistKind::Triangular, 1, 1.5, 4),
                                       bounded(DistKind::Triangular, 1, 1, 4),
                                       bounded(DistKind::Triangular, 1, 4, 4),
                                       bounded(DistKind::Pert, 1, 1.5, 4),
                                       bounded(DistKind::Pert, 2, 6, 6),
                                       bounded(DistKind::Uniform, -1, 0, 1)};
    for (const Distribution& d : ds) {
        INFO(sim::dist_name(d.kind) << " mode " << d.mode);
        for (double u = 0.001; u < 1; u += 0.0371) {
            const double x = draw(d, u);
            CHECK(cdf(d, x) == Approx(u).epsilon(1e-10));
            CHECK(draw(d, cdf(d, x)) == Approx(x).epsilon(1e-9));
        }
    }
}

TEST_CASE("closed-form moments", "[sim][distribution]") {
    const sim::Moments t = sim::moments(bounded(DistKind::Triangular, 0, 2, 10));
    CHECK(t.mean == Approx(4.0));
    CHECK(t.variance == Approx(84.0 / 18.0));  // (0 + 100 + 4 − 0 − 0 − 20)/18
    const sim::Moments p = sim::moments(bounded(DistKind::Pert, 0, 5, 10));
    CHECK(p.mean == Approx(5.0));
    CHECK(p.variance == Approx(9.0 * 100.0 / (36.0 * 7.0)));  // α = β = 3
    const sim::Moments pa = sim::moments(bounded(DistKind::Pert, 0, 1, 7));
    CHECK(pa.mean == Approx((0 + 4.0 + 7) / 6));
    const sim::Moments u = sim::moments(bounded(DistKind::Uniform, 2, 0, 8));
    CHECK(u.mean == Approx(5.0));
    CHECK(u.variance == Approx(3.0));
    const sim::Moments l = sim::moments(lognormal(100, 30));
    CHECK(l.mean == 100);
    CHECK(l.variance == 900);
    const sim::Moments d = sim::moments(discrete({0, 1, 2}, {0.5, 0.25, 0.25}));
    CHECK(d.mean == Approx(0.75));
    CHECK(d.variance == Approx(0.5 * 0.5625 + 0.25 * 0.0625 + 0.25 * 1.5625));
    CHECK(sim::moments(fixed(3)).mean == 3);
}

TEST_CASE("100,000 draws reproduce the closed-form moments and quantiles", "[sim][distribution]") {
    constexpr std::size_t n = 100000;
    const std::vector<Distribution> ds{normal(10, 2),
                                       lognormal(100, 30),
                                       bounded(DistKind::Triangular, 0, 2, 10),
                                       bounded(DistKind::Pert, 0, 1, 7),
                                       bounded(DistKind::Uniform, -4, 0, 6),
                                       discrete({1, 5, 2}, {0.25, 0.15, 0.6})};
    std::uint64_t stream = 0;
    for (const Distribution& d : ds) {
        INFO(sim::dist_name(d.kind));
        const std::vector<double> x = sorted_sample(d, ++stream, n);
        double mean = 0;
        for (double v : x) mean += v;
        mean /= static_cast<double>(n);
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= static_cast<double>(n - 1);
        const sim::Moments m = sim::moments(d);
        const double standard_error = std::sqrt(m.variance / static_cast<double>(n));
        CHECK(std::abs(mean - m.mean) < 4 * standard_error);
        CHECK(var == Approx(m.variance).epsilon(0.03));
        for (double p : {0.05, 0.5, 0.95}) {
            const double q = sample_quantile(x, p);
            if (d.kind == DistKind::Discrete) {
                CHECK(q == draw(d, p));
            } else {
                // the sample quantile's probability is within 4 standard errors √(p(1 − p)/n)
                CHECK(std::abs(cdf(d, q) - p) < 4 * std::sqrt(p * (1 - p) / static_cast<double>(n)));
                CHECK(q == Approx(draw(d, p)).epsilon(0.02));
            }
        }
    }
}

TEST_CASE("names of the kinds are those of the input format", "[sim][distribution]") {
    CHECK(sim::dist_name(DistKind::Normal) == "normal");
    CHECK(sim::dist_name(DistKind::Lognormal) == "lognormal");
    CHECK(sim::dist_name(DistKind::Triangular) == "triangular");
    CHECK(sim::dist_name(DistKind::Pert) == "pert");
    CHECK(sim::dist_name(DistKind::Uniform) == "uniform");
    CHECK(sim::dist_name(DistKind::Discrete) == "discrete");
    CHECK(sim::dist_name(DistKind::Fixed) == "fixed");
}
