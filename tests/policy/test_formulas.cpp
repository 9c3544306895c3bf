// Closed forms of the policy module against published worked examples: hazard premia and the
// certainty-equivalent premium (finance-methods §2.3), the Dixit–Pindyck hurdle with Poisson
// jumps (finance-methods §2.2), quantile functions, Shapley values, the counter-based generator.

#include "policy/hurdle.hpp"
#include "policy/premium.hpp"
#include "policy/quantile.hpp"
#include "policy/random.hpp"
#include "policy/shapley.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace reeplan;
using namespace reeplan::policy;

namespace {

std::vector<double> worked_flows() {  // finance-methods §2.3: I = 1000 at t = 0, then 180 for 15 years
    std::vector<double> f{-1000.0};
    for (int t = 1; t <= 15; ++t) f.push_back(180.0);
    return f;
}

}  // namespace

TEST_CASE("hazard and discrete premia match finance-methods §2.3", "[policy][premium]") {
    const double lambda = election_hazard(0.30, 4.0);
    CHECK(lambda == Approx(0.089169).margin(5e-7));
    CHECK(lambda * 0.40 == Approx(0.035667).margin(5e-7));
    CHECK(-std::expm1(-lambda) == Approx(0.085309).margin(5e-7));
    CHECK(discrete_premium(lambda, 0.40, 0.09) == Approx(0.038509).margin(5e-7));
    CHECK(annual_hazard(0.0) == 0.0);
    CHECK(discrete_premium(lambda, 0.0, 0.09) == Approx(0.0).margin(1e-15));
    CHECK(std::isinf(election_hazard(1.0, 4.0)));
}

TEST_CASE("certainty-equivalent premium on the worked example of finance-methods §2.3", "[policy][premium]") {
    const auto f = worked_flows();
    CHECK(npv0(f, 0.09) == Approx(450.9239).margin(5e-5));
    // the expected NPVs of the worked example, recomputed from its definitions
    const double lambda = election_hazard(0.30, 4.0);
    double hazard = -1000;
    for (int t = 1; t <= 15; ++t) hazard += 180 * (1 - 0.4 * -std::expm1(-lambda * t)) / std::pow(1.09, t);
    CHECK(hazard == Approx(219.1494).margin(5e-5));
    std::vector<double> cut{-1000.0};
    for (int t = 1; t <= 15; ++t) cut.push_back(t < 5 ? 180.0 : 108.0);
    const double scenario = 0.7 * npv0(f, 0.09) + 0.3 * npv0(cut, 0.09);
    CHECK(scenario == Approx(346.7910).margin(5e-5));

    auto a = certainty_equivalent_premium(f, 0.09, 219.1494);
    REQUIRE(a.premium);
    CHECK(*a.premium == Approx(0.031044).margin(5e-7));
    CHECK(npv0(f, 0.121044) == Approx(219.1494).margin(5e-3));  // the check of §2.3, π rounded to 4 digits
    auto b = certainty_equivalent_premium(f, 0.09, 346.7910);
    REQUIRE(b.premium);
    CHECK(*b.premium == Approx(0.012891).margin(5e-7));
    // the root solves the equation to solver precision
    CHECK(npv0(f, 0.09 + *a.premium) == Approx(219.1494).margin(1e-8));
}

TEST_CASE("certainty-equivalent premium: zero, negative, and no root", "[policy][premium]") {
    const auto f = worked_flows();
    auto zero = certainty_equivalent_premium(f, 0.09, npv0(f, 0.09));
    REQUIRE(zero.premium);
    CHECK(*zero.premium == 0.0);
    // risks that raise expected value give a negative premium
    auto neg = certainty_equivalent_premium(f, 0.09, 500.0);
    REQUIRE(neg.premium);
    CHECK(*neg.premium < 0);
    CHECK(npv0(f, 0.09 + *neg.premium) == Approx(500.0).margin(1e-8));
    // no rate brings the base flows below −1000 (the flow at t = 0): no root, and a reason
    auto none = certainty_equivalent_premium(f, 0.09, -1100.0);
    CHECK_FALSE(none.premium);
    CHECK(none.reason.find("no premium up to 50 %") != std::string::npos);
}

TEST_CASE("Dixit–Pindyck β and trigger match finance-methods §2.2", "[policy][hurdle]") {
    struct Case {
        HurdleInputs in;
        double beta, trigger;
    };
    const Case cases[] = {
        {{0.04, 0.04, 0.20, 0.0, 0.0}, 2.000000, 2.000000},       // D&P base case
        {{0.06, 0.05, 0.35, 0.0, 0.0}, 1.492901, 3.028804},       // rare-earth-like inputs
        {{0.06, 0.05, 0.35, 0.0892, 1.0}, 1.281396, 4.553710},    // jump to zero
        {{0.06, 0.05, 0.35, 0.0892, 0.40}, 1.453340, 3.205849},   // partial jump
        {{0.04, 0.09, 0.20, 0.05, 1.0}, 2.679449, 1.595433},      // D&P parameterisation, δ' = δ − λ = 4 %
    };
    for (const auto& c : cases) {
        auto b = hurdle_beta(c.in);
        REQUIRE(b);
        CHECK(*b == Approx(c.beta).margin(5e-7));
        CHECK(trigger_multiple(*b) == Approx(c.trigger).margin(5e-6));
    }
    // the closed form of §2.2 for λ = 0
    const double r = 0.06, d = 0.05, s2 = 0.35 * 0.35;
    const double closed = 0.5 - (r - d) / s2 + std::sqrt(std::pow((r - d) / s2 - 0.5, 2) + 2 * r / s2);
    CHECK(*hurdle_beta({r, d, 0.35, 0, 0}) == Approx(closed).epsilon(1e-12));
}

TEST_CASE("hurdle: value of waiting and the cases without a trigger", "[policy][hurdle]") {
    const double beta = 1.492901;
    const double v_star = trigger_multiple(beta) * 100.0;
    CHECK(value_of_waiting(v_star, 100.0, beta) == 0.0);
    CHECK(value_of_waiting(2 * v_star, 100.0, beta) == 0.0);
    // value matching: F(V*) = V* − I, so waiting is worth ~0 just below the trigger
    CHECK(value_of_waiting(v_star * (1 - 1e-9), 100.0, beta) == Approx(0.0).margin(1e-6));
    // below the trigger waiting is worth something, and more at V = I than at 1.5 I
    const double at_i = value_of_waiting(100.0, 100.0, beta);
    CHECK(at_i > 0);
    CHECK(value_of_waiting(150.0, 100.0, beta) < at_i);
    auto none = hurdle_beta({0.05, 0.0, 0.3, 0, 0});
    CHECK_FALSE(none);
    CHECK(none.reason.find("cash yield") != std::string::npos);
}

TEST_CASE("quantile functions", "[policy][quantile]") {
    CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-15));
    CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
    CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-12));
    CHECK(normal_quantile(1 - 1e-10) == Approx(6.361340902404056).epsilon(1e-7));
    // I_0.4(2, 3) = Σ_{j=2..4} C(4, j) 0.4^j 0.6^(4−j) = 0.5248
    CHECK(incomplete_beta(2, 3, 0.4) == Approx(0.5248).epsilon(1e-13));
    CHECK(incomplete_beta_inverse(2, 3, 0.5248) == Approx(0.4).epsilon(1e-12));

    model::Distribution tri;
    tri.kind = model::DistKind::Triangular;
    tri.min = 0.5;
    tri.mode = 1.5;
    tri.max = 3.0;
    CHECK(quantile(tri, 0.4) == Approx(1.5).epsilon(1e-15));  // F(mode) = (1.5 − 0.5)/2.5
    CHECK(quantile(tri, 0.1) == Approx(0.5 + std::sqrt(0.1 * 2.5 * 1.0)).epsilon(1e-15));
    CHECK(quantile(tri, 0.9) == Approx(3.0 - std::sqrt(0.1 * 2.5 * 1.5)).epsilon(1e-15));

    model::Distribution pert;
    pert.kind = model::DistKind::Pert;
    pert.min = 0;
    pert.mode = 1;
    pert.max = 2;
    CHECK(quantile(pert, 0.5) == Approx(1.0).epsilon(1e-12));  // symmetric: Beta(3, 3)
    pert.mode = 0.5;  // Beta(2, 4) scaled by 2: CDF at x is I_{x/2}(2, 4)
    CHECK(incomplete_beta(2, 4, quantile(pert, 0.3) / 2) == Approx(0.3).epsilon(1e-12));

    model::Distribution uni;
    uni.kind = model::DistKind::Uniform;
    uni.min = 1;
    uni.max = 3;
    CHECK(quantile(uni, 0.25) == Approx(1.5));

    model::Distribution norm;
    norm.kind = model::DistKind::Normal;
    norm.mean = 2;
    norm.sd = 0.5;
    CHECK(quantile(norm, 0.975) == Approx(2 + 0.5 * 1.959963984540054).epsilon(1e-14));

    model::Distribution logn;
    logn.kind = model::DistKind::Lognormal;
    logn.mean = 2;
    logn.sd = 1;
    const double s2 = std::log(1.25);
    CHECK(quantile(logn, 0.5) == Approx(std::exp(std::log(2.0) - s2 / 2)).epsilon(1e-14));

    model::Distribution disc;
    disc.kind = model::DistKind::Discrete;
    disc.values = {3, 1, 2};
    disc.probabilities = {0.3, 0.2, 0.5};
    CHECK(quantile(disc, 0.1) == 1);
    CHECK(quantile(disc, 0.5) == 2);
    CHECK(quantile(disc, 0.71) == 3);
    auto pts = enumeration_points(disc);
    REQUIRE(pts.size() == 3);
    CHECK(pts[0].first == 1);
    CHECK(pts[2].second == Approx(0.3));

    auto five = enumeration_points(tri);
    REQUIRE(five.size() == 5);
    for (const auto& [v, p] : five) CHECK(p == 0.2);
    CHECK(five[2].first == Approx(quantile(tri, 0.5)));
}

TEST_CASE("Shapley values sum to the grand coalition's value", "[policy][shapley]") {
    // v(S) = |S|² over three symmetric players: 3 each; an asymmetric game with an interaction
    auto square = [](Coalition s) -> std::optional<double> { return std::pow(std::popcount(s), 2.0); };
    auto phi = shapley_exact(3, square);
    REQUIRE(phi);
    for (double x : *phi) CHECK(x == Approx(3.0).epsilon(1e-14));
    auto game = [](Coalition s) -> std::optional<double> {
        double v = 0;
        if (s & 1) v += 0.01;
        if (s & 2) v += 0.02;
        if ((s & 5) == 5) v += 0.004;  // players 0 and 2 together
        return v;
    };
    auto g = shapley_exact(3, game);
    REQUIRE(g);
    CHECK((*g)[0] == Approx(0.012).epsilon(1e-14));
    CHECK((*g)[1] == Approx(0.02).epsilon(1e-14));
    CHECK((*g)[2] == Approx(0.002).epsilon(1e-14));
    auto sampled = shapley_sampled(3, game, 200, 7);
    REQUIRE(sampled);
    CHECK((*sampled)[0] + (*sampled)[1] + (*sampled)[2] == Approx(0.034).margin(1e-15));
    CHECK((*sampled)[1] == Approx(0.02).epsilon(1e-12));
    auto missing = shapley_exact(2, [](Coalition s) -> std::optional<double> {
        if (s == 3) return std::nullopt;
        return 0.0;
    }, {"a", "b"});
    CHECK_FALSE(missing);
    CHECK(missing.reason == "the subset of risks {a, b} has no premium");
}

TEST_CASE("the counter-based generator is a pure function of its key", "[policy][random]") {
    CHECK(counter_uniform(1, 2, 3, 4) == counter_uniform(1, 2, 3, 4));
    CHECK(counter_uniform(1, 2, 3, 4) != counter_uniform(1, 2, 3, 5));
    CHECK(counter_uniform(1, 2, 3, 4) != counter_uniform(2, 2, 3, 4));
    double sum = 0;
    bool inside = true;
    std::set<double> seen;
    for (std::uint64_t p = 0; p < 100000; ++p) {
        const double u = counter_uniform(42, p, stream_key("election-reversal"), 0);
        inside = inside && u > 0 && u < 1;
        sum += u;
        seen.insert(u);
    }
    CHECK(inside);
    CHECK(sum / 100000 == Approx(0.5).margin(0.005));
    CHECK(seen.size() == 100000);
    // the extreme words stay inside (0, 1): the top cell's centre 1 − 2^−54 would round to 1
    CHECK(uniform_from_bits(0) == 0x1.0p-54);
    CHECK(uniform_from_bits(~std::uint64_t{0}) == 0x1.fffffffffffffp-1);
    CHECK(uniform_from_bits(~std::uint64_t{0} - (std::uint64_t{1} << 11)) < 0x1.fffffffffffffp-1);
}
