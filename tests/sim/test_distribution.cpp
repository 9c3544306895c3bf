// Input distributions of the simulation: quantiles against closed forms and published values,
// CDF round trips, the moments and quantiles of 100,000 draws against the closed forms, and the
// prepared inverse CDF (the PERT table) against the quantile it replaces.

#include "policy/random.hpp"
#include "sim/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <thread>
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
    SECTION("pert far in the lower tail: no throw, the series' leading term") {
        // I_x(α, β) = x^α / (α·B(α, β))·(1 + O(x)) (DLMF 8.17.7): for Beta(3, 3), B = 1/30, so
        // x = (u/10)^(1/3) on [0, 1], ×10 on [0, 10]; at u = 1e-90 Boost's own quantile agrees
        const Distribution d = bounded(DistKind::Pert, 0, 5, 10);
        for (double u : {1e-90, 1e-200, 1e-250, 1e-300, 4.9e-324}) {
            INFO("u " << u);
            double x = std::numeric_limits<double>::quiet_NaN();
            REQUIRE_NOTHROW(x = draw(d, u));
            CHECK(x == Approx(10 * std::cbrt(u / 10)).epsilon(1e-13));
        }
        // a skewed PERT, Beta(4.2, 1.8) (mode 8 on [0, 10]), and Beta(1.4, 4.6) (mode 1)
        for (const Distribution& skewed : {bounded(DistKind::Pert, 0, 8, 10), bounded(DistKind::Pert, 0, 1, 10)}) {
            double last = 0;
            for (double u : {1e-300, 1e-250, 1e-200, 1e-150, 1e-101, 1e-99, 1e-50}) {
                INFO("mode " << skewed.mode << ", u " << u);
                double x = std::numeric_limits<double>::quiet_NaN();
                REQUIRE_NOTHROW(x = draw(skewed, u));
                CHECK(x > last);  // increasing in u, across the change of method at 1e-100
                last = x;
            }
        }
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

namespace {

/// The largest |F(u) − draw(d, u)|/(max − min) over a dense sweep of u and the named tail
/// points, and the u where it occurs.
struct Worst {
    double error = 0;
    double u = 0;
};

Worst worst_against_draw(const sim::InverseCdf& f, const Distribution& d) {
    std::vector<double> us;
    constexpr int n = 10000;
    for (int i = 0; i < n; ++i) us.push_back((i + 0.5) / n);
    for (int k = 1; k <= 15; ++k) {
        const double p = std::pow(10.0, -k);
        us.push_back(p);
        us.push_back(1 - p);
        us.push_back(3 * p);
        us.push_back(1 - 3 * p);
    }
    // the ends of the pieces (binades of u and 1 − u from 1/16 to 1/2) and just inside them
    for (double e : {0.5, 0.375, 0.25, 0.1875, 0.125, 0.09375, 0.0625}) {
        for (double v : {e, std::nextafter(e, 0.0), std::nextafter(e, 1.0)}) {
            us.push_back(v);
            us.push_back(1 - v);
        }
    }
    // the smallest uniform policy::counter_uniform gives, the largest double below 1, and a run
    // of counter_uniform's draws
    us.push_back(0x1p-54);
    us.push_back(1 - 0x1p-53);
    for (std::uint64_t i = 0; i < 2000; ++i) us.push_back(policy::counter_uniform(7, i, 11, 0));
    Worst w;
    for (double u : us) {
        const double e = std::abs(f(u) - draw(d, u)) / (d.max - d.min);
        if (!(e <= w.error)) w = {e, u};
    }
    return w;
}

}  // namespace

TEST_CASE("the prepared PERT inverse agrees with Boost's inverse incomplete beta", "[sim][distribution]") {
    // (min, mode, max): symmetric; skewed both ways; the bundled chain's three PERT inputs;
    // a mode within 1e-6 of either end (α or β within 4e-6 of 1); integer shapes; wide and
    // negative ranges
    const std::vector<Distribution> ds{bounded(DistKind::Pert, 0, 5, 10),
                                       bounded(DistKind::Pert, 2, 2.3, 9),
                                       bounded(DistKind::Pert, 2, 8.7, 9),
                                       bounded(DistKind::Pert, 540, 783, 864),
                                       bounded(DistKind::Pert, 325, 397.5, 1500),
                                       bounded(DistKind::Pert, 1188, 1250, 1812.5),
                                       bounded(DistKind::Pert, 0, 1e-6, 1),
                                       bounded(DistKind::Pert, 0, 1 - 1e-6, 1),
                                       bounded(DistKind::Pert, 0, 0.25, 1),
                                       bounded(DistKind::Pert, 1e6, 1.2e6, 9e6),
                                       bounded(DistKind::Pert, -3, -1, -0.5)};
    for (const Distribution& d : ds) {
        INFO("pert (" << d.min << ", " << d.mode << ", " << d.max << ")");
        const sim::InverseCdf f(d);
        CHECK(f.tabulated());
        CHECK(f.exact_pieces() == 0);
        const Worst w = worst_against_draw(f, d);
        INFO("worst at u = " << w.u);
        CHECK(w.error <= 1e-13);
    }
}

TEST_CASE("the prepared PERT inverse keeps its relative accuracy in the far lower tail", "[sim][distribution]") {
    // I_x(α, β) = x^α/(α·B(α, β))·(1 + O(x)) (DLMF eq. 8.17.7), so for u → 0 the quantile is
    // x = (α·B(α, β)·u)^(1/α)·(1 + O(x)); at these u, x < 1e-18 and the O(x) term is below the
    // tolerance. Boost's inverse throws an evaluation error at some of these u (u ≤ 1e-200 with
    // α ≥ 3), so the expansion is the reference.
    for (const Distribution& d :
         {bounded(DistKind::Pert, 0, 5, 10), bounded(DistKind::Pert, 0, 0.9, 1), bounded(DistKind::Pert, 0, 0.1, 1)}) {
        const double alpha = 1 + 4 * (d.mode - d.min) / (d.max - d.min);
        const double beta = 1 + 4 * (d.max - d.mode) / (d.max - d.min);
        const sim::InverseCdf f(d);
        REQUIRE(f.tabulated());
        for (double u : {1e-100, 1e-200, 1e-300}) {
            INFO("alpha " << alpha << ", u = " << u);
            const double beta_function = std::tgamma(alpha) * std::tgamma(beta) / std::tgamma(alpha + beta);
            const double x = std::pow(alpha * beta_function * u, 1 / alpha);
            CHECK((f(u) - d.min) / (d.max - d.min) == Approx(x).epsilon(1e-12));
        }
        // a subnormal u still gives a number in the support
        const double tiny = f(1e-310);
        CHECK(tiny >= d.min);
        CHECK(tiny < d.min + 1e-50 * (d.max - d.min));
    }
}

TEST_CASE("the prepared inverse is draw itself for every other case", "[sim][distribution]") {
    const std::vector<Distribution> ds{normal(10, 2),
                                       lognormal(100, 30),
                                       lognormal(-1, 1),
                                       bounded(DistKind::Triangular, 0, 2, 10),
                                       bounded(DistKind::Uniform, -4, 0, 6),
                                       discrete({3, 1, 2, 1}, {0.2, 0.3, 0.4, 0.1}),
                                       fixed(4.5),
                                       bounded(DistKind::Pert, 3, 3, 3),   // degenerate
                                       bounded(DistKind::Pert, 0, 0, 1),   // α = 1: Boost's closed form
                                       bounded(DistKind::Pert, 0, 1, 1),   // β = 1
                                       bounded(DistKind::Pert, 0, 2, 1)};  // mode above max: β < 1
    std::vector<double> us{0.0, 1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN(), 1e-300, 1 - 0x1p-53};
    for (int i = 1; i < 1000; ++i) us.push_back(i / 1000.0);
    for (const Distribution& d : ds) {
        INFO(sim::dist_name(d.kind) << " (" << d.min << ", " << d.mode << ", " << d.max << ")");
        const sim::InverseCdf f(d);
        CHECK_FALSE(f.tabulated());
        for (double u : us) {
            const double want = draw(d, u), got = f(u);
            INFO("u = " << u);
            CHECK((got == want || (std::isnan(got) && std::isnan(want))));
        }
    }
    // a tabulated PERT at the ends of (0, 1) and outside it
    const Distribution p = bounded(DistKind::Pert, 0, 1, 3);
    const sim::InverseCdf f(p);
    REQUIRE(f.tabulated());
    CHECK(f(0.0) == 0);
    CHECK(f(1.0) == 3);
    CHECK(std::isnan(f(-0.1)));
    CHECK(std::isnan(f(1.5)));
    CHECK(std::isnan(f(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("a table piece that fails its check is drawn exactly", "[sim][distribution]") {
    const Distribution d = bounded(DistKind::Pert, 2, 2.3, 9);
    const sim::InverseCdf strict(d, -1.0);  // no piece can pass
    CHECK(strict.tabulated());
    CHECK(strict.exact_pieces() == 16);
    for (int i = 1; i < 2000; ++i) {
        const double u = i / 2000.0;
        CHECK(strict(u) == draw(d, u));
    }
    // tolerances from below Boost's last-place noise up to the default: fewer pieces fail as the
    // tolerance grows, and a table with any mix of used and unused pieces still agrees with draw
    std::size_t failed = strict.exact_pieces();
    for (double tolerance : {1e-18, 1e-17, 1e-16, 1e-15, sim::InverseCdf::kDefaultTolerance}) {
        INFO("tolerance " << tolerance);
        const sim::InverseCdf f(d, tolerance);
        CHECK(f.exact_pieces() <= failed);
        failed = f.exact_pieces();
        CHECK(worst_against_draw(f, d).error <= 1e-13);
    }
    CHECK(failed == 0);
}

TEST_CASE("prepared draws give the same bits on every thread", "[sim][distribution]") {
    const sim::InverseCdf f(bounded(DistKind::Pert, 325, 397.5, 1500));
    constexpr std::size_t n = 20000;
    std::vector<double> us(n);
    for (std::size_t i = 0; i < n; ++i) us[i] = policy::counter_uniform(3, i, 5, 0);
    std::vector<double> alone(n);
    for (std::size_t i = 0; i < n; ++i) alone[i] = f(us[i]);
    std::vector<double> a(n), b(n);
    std::thread ta([&] { for (std::size_t i = 0; i < n; ++i) a[i] = f(us[i]); });
    std::thread tb([&] { for (std::size_t i = n; i-- > 0;) b[i] = f(us[i]); });
    ta.join();
    tb.join();
    CHECK(a == alone);
    CHECK(b == alone);
}
