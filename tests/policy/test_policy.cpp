// compute_policy on small plans built in code and on the bundled US chain: invariants of the
// premium, its attribution, continuity, the hurdle, and enumeration against sampling.

#include "io/reader.hpp"
#include "policy/expectation.hpp"
#include "policy/policy.hpp"
#include "policy_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

using namespace reeplan;
using namespace reeplan::policy;
using policy_test::policy_plan;

namespace {

PolicyOptions quick() {
    PolicyOptions o;
    o.sample_paths = 2000;
    o.lcop_paths = 200;
    return o;
}

double chain_premium(const model::Plan& plan) {
    PolicyResult r = compute_policy(plan, quick());
    REQUIRE(r.chain.estimate.premium);
    return *r.chain.estimate.premium;
}

std::string config(const char* name) { return std::string(REEPLAN_SOURCE_DIR) + "/configs/" + name; }

}  // namespace

TEST_CASE("the premium is zero when every probability is zero", "[policy][module]") {
    model::Plan plan = policy_plan();
    plan.risks[0].probability = 0;
    plan.risks[1].annual_probability = 0;
    plan.risks[2].probability = 0;
    PolicyResult r = compute_policy(plan, quick());
    REQUIRE(r.chain.estimate.premium);
    CHECK(*r.chain.estimate.premium == 0.0);
    CHECK(r.chain.estimate.expected_npv_musd == r.chain.estimate.npv_base_musd);
    for (const auto& p : r.plants) {
        REQUIRE(p.estimate.premium);
        CHECK(*p.estimate.premium == 0.0);
        for (const auto& [id, share] : p.by_risk) CHECK(share == 0.0);
    }
    for (const auto& [id, share] : r.chain.by_risk) CHECK(share == 0.0);
    CHECK(r.chain.method == "enumeration");
}

TEST_CASE("the premium rises with each risk's probability", "[policy][module]") {
    for (int k = 0; k < 3; ++k) {
        double last = -1;
        for (double p : {0.0, 0.1, 0.3, 0.6}) {
            model::Plan plan = policy_plan();
            if (k == 1) plan.risks[1].annual_probability = p;
            else plan.risks[static_cast<std::size_t>(k)].probability = p;
            const double pi = chain_premium(plan);
            INFO("risk " << plan.risks[static_cast<std::size_t>(k)].id << " at " << p << ": " << pi);
            CHECK(pi > last);
            last = pi;
        }
    }
}

TEST_CASE("premia, attribution, continuity and hurdle on a small plan", "[policy][module]") {
    const model::Plan plan = policy_plan();
    PolicyResult r = compute_policy(plan, quick());
    REQUIRE(r.plants.size() == 2);
    const auto& sep = r.plants[0];
    const auto& alloy = r.plants[1];
    CHECK(sep.method == "enumeration");
    CHECK(sep.outcomes == 3 * 6);  // elections 2028, 2032 or none × five delays or none
    CHECK(alloy.outcomes == 128 * 6);
    CHECK(r.chain.method == "enumeration");
    CHECK(r.chain.outcomes == 3 * 128 * 6);
    CHECK(sep.risks == std::vector<std::string>{"election", "permit"});
    CHECK(alloy.risks == std::vector<std::string>{"oxide-cut", "permit"});

    REQUIRE(r.chain.estimate.premium);
    REQUIRE(sep.estimate.premium);
    REQUIRE(alloy.estimate.premium);
    const double pc = *r.chain.estimate.premium;
    CHECK(pc > 0);
    CHECK(r.chain.estimate.standard_error_musd == 0.0);
    CHECK(r.chain.estimate.expected_npv_musd ==
          Approx(sep.estimate.expected_npv_musd + alloy.estimate.expected_npv_musd).epsilon(1e-14));

    SECTION("the chain premium lies within its plants' premia") {
        CHECK(pc >= std::min(*sep.estimate.premium, *alloy.estimate.premium));
        CHECK(pc <= std::max(*sep.estimate.premium, *alloy.estimate.premium));
    }
    SECTION("Shapley shares sum to the premium") {
        REQUIRE(r.chain.by_risk.size() == 3);
        CHECK(r.chain.by_risk_method == "exact");
        double sum = 0;
        for (const auto& [id, share] : r.chain.by_risk) sum += share;
        CHECK(sum == Approx(pc).margin(1e-12));
        for (const auto& p : r.plants) {
            double s = 0;
            for (const auto& [id, share] : p.by_risk) s += share;
            CHECK(s == Approx(*p.estimate.premium).margin(1e-12));
        }
        CHECK(sep.by_risk.count("oxide-cut") == 0);
    }
    SECTION("switching a reversal off or grandfathering on never raises the premium") {
        const Estimate& off = r.chain.continuity.without_risk.at("election");
        REQUIRE(off.premium);
        CHECK(*off.premium < pc);
        CHECK(off.expected_npv_musd > r.chain.estimate.expected_npv_musd);
        REQUIRE(r.chain.continuity.without_grandfathering);
        REQUIRE(r.chain.continuity.without_grandfathering->premium);
        CHECK(*r.chain.continuity.without_grandfathering->premium > pc);  // the grant is then at risk
        for (const auto& p : r.plants) {
            REQUIRE(p.continuity.without_grandfathering);
            CHECK(*p.continuity.without_grandfathering->premium >= *p.estimate.premium);
        }
        // sep-1 has no grandfathered support: the same expectation
        CHECK(sep.continuity.without_grandfathering->expected_npv_musd == sep.estimate.expected_npv_musd);
    }
    SECTION("risk-adjusted LCOP") {
        for (const auto& p : r.plants) {
            REQUIRE(p.continuity.lcop_base_usd_per_kg);
            REQUIRE(p.continuity.lcop_risk_adjusted_usd_per_kg);
            CHECK(std::isfinite(*p.continuity.lcop_change_usd_per_kg));
        }
        // losing a price floor can only raise the price the plant needs; a supply cut upstream of
        // a plant coupled to the mass balance can move its LCOP either way (less output, but
        // also less bought input), so only the reversal-exposed plant is signed
        CHECK(*sep.continuity.lcop_change_usd_per_kg > 0);
        // the base LCOP is the finance module's supported LCOP
        const auto values = finance::value_plan<double>(plan);
        CHECK(*sep.continuity.lcop_base_usd_per_kg == Approx(*values[0].lcop).epsilon(1e-8));
        CHECK(*alloy.continuity.lcop_base_usd_per_kg == Approx(*values[1].lcop).epsilon(1e-8));
    }
    SECTION("hazard approximations and hurdle") {
        REQUIRE(sep.hazard.size() == 1);
        CHECK(sep.hazard[0].lambda == Approx(-std::log(0.7) / 4).epsilon(1e-14));
        CHECK(sep.hazard[0].loss_share > 0);
        CHECK(sep.hazard[0].loss_share < 1);
        CHECK(sep.hazard[0].lambda_l == Approx(sep.hazard[0].lambda * sep.hazard[0].loss_share));
        CHECK(alloy.hazard.empty());
        const Hurdle& h = sep.hurdle;
        REQUIRE(h.beta);
        CHECK(*h.beta > 1);
        CHECK(h.volatility == 0.35);
        CHECK(h.lambda == sep.hazard[0].lambda);
        CHECK(h.pv_musd - h.capex_pv_musd == Approx(sep.estimate.npv_base_musd).epsilon(1e-12));
        CHECK(*h.invest_now == (*h.pv_to_capex >= *h.trigger_multiple));
        CHECK(*h.value_of_waiting_musd >= 0);
        REQUIRE(alloy.hurdle.beta);
        CHECK(alloy.hurdle.lambda == 0);
    }
}

TEST_CASE("grandfathering never raises the premium over a grid of probabilities", "[policy][module]") {
    for (double p : {0.1, 0.5, 0.9}) {
        model::Plan plan = policy_plan();
        plan.risks.resize(1);  // the reversal alone
        plan.risks[0].probability = p;
        plan.risks[0].supports = {"credit", "grant"};
        plan.risks[0].grandfathered = {"credit", "grant"};
        const double all_grandfathered = chain_premium(plan);
        plan.risks[0].grandfathered = {"grant"};
        const double some = chain_premium(plan);
        plan.risks[0].grandfathered.clear();
        const double none = chain_premium(plan);
        CHECK(all_grandfathered == 0.0);
        CHECK(all_grandfathered <= some);
        CHECK(some <= none);
    }
}

TEST_CASE("enumeration and sampling agree within three standard errors", "[policy][module]") {
    const model::Plan plan = policy_plan();
    RiskEngine exact(plan, EngineOptions{});
    EngineOptions so;
    so.enumeration_limit = 1;  // force sampling
    so.sample_paths = 3000;
    so.seed = 2024;
    RiskEngine sampled(plan, so);
    const Coalition all = 0b111;
    for (std::size_t i = 0; i < 2; ++i) {
        const PlantExpectation& e = exact.expectation(i, all);
        const PlantExpectation& s = sampled.expectation(i, all);
        CHECK_FALSE(e.sampled);
        CHECK(s.sampled);
        CHECK(s.outcomes == 3000);
        REQUIRE(s.standard_error > 0);
        INFO("plant " << i << ": exact " << e.mean << ", sampled " << s.mean << " ± " << s.standard_error);
        CHECK(std::abs(s.mean - e.mean) < 3 * s.standard_error);
    }
    // the same seed gives the same estimate; another seed another one
    RiskEngine again(plan, so);
    CHECK(again.expectation(1, all).mean == sampled.expectation(1, all).mean);
    so.seed = 2025;
    RiskEngine other(plan, so);
    CHECK(other.expectation(1, all).mean != sampled.expectation(1, all).mean);
}

TEST_CASE("a premium without a root is absent with a reason", "[policy][module]") {
    // A plant that earns only while a large credit lasts, and loses it for certain in 2029: no
    // rate up to 50 % makes the base flows worth as little as the expected ones.
    model::Plan plan = policy_plan();
    plan.risks.resize(1);
    plan.risks[0].probability = 1.0;
    plan.risks[0].supports = {"credit"};
    plan.risks[0].grandfathered.clear();
    plan.supports[1].usd_per_kg = 60;
    plan.materials[1].market_price_usd_per_kg = model::Series(30.0);
    plan.supports[0].floor_usd_per_kg = 0;
    PolicyResult r = compute_policy(plan, quick());
    const Estimate& e = r.plants[0].estimate;
    CHECK_FALSE(e.premium);
    CHECK(e.premium_note.find("no premium up to 50 %") != std::string::npos);
    CHECK(e.expected_npv_musd < e.npv_base_musd);
    CHECK_FALSE(r.plants[0].by_risk_note.empty());
}

TEST_CASE("compute_policy on the bundled US chain", "[policy][module]") {
    const model::Plan plan = io::load_plan(config("us-ndfeb-chain.toml"));
    PolicyOptions o = quick();
    o.value_volatility = 0.30;
    PolicyResult r = compute_policy(plan, o);
    CHECK(r.chain.method == "sampling");  // the Dy/Tb licensing risk has 2^29 outcomes
    CHECK(r.chain.outcomes == 2000);
    REQUIRE(r.chain.estimate.premium);
    CHECK(r.chain.estimate.standard_error_musd > 0);
    double sum = 0;
    for (const auto& [id, share] : r.chain.by_risk) sum += share;
    CHECK(sum == Approx(*r.chain.estimate.premium).margin(1e-12));
    double lo = 1, hi = -1;
    bool all_rooted = true;
    for (const auto& p : r.plants) {
        if (p.id == "sep-1" || p.id == "hre-1") CHECK(p.method == "enumeration");
        if (p.id == "mag-1" || p.id == "mag-2") CHECK(p.method == "sampling");
        CHECK(p.hurdle.volatility == 0.30);
        if (p.estimate.premium) {
            lo = std::min(lo, *p.estimate.premium);
            hi = std::max(hi, *p.estimate.premium);
        } else {
            CHECK_FALSE(p.estimate.premium_note.empty());
            all_rooted = false;
        }
    }
    // plants without a root need more than 50 %, so the chain may lie above the rest
    CHECK(*r.chain.estimate.premium >= lo);
    if (all_rooted) CHECK(*r.chain.estimate.premium <= hi);
    // deterministic for a seed
    PolicyResult again = compute_policy(plan, o);
    CHECK(again.chain.estimate.expected_npv_musd == r.chain.estimate.expected_npv_musd);
}

TEST_CASE("compute_policy timing on the bundled US chain (default options)", "[.][policy][bench]") {
    const model::Plan plan = io::load_plan(config("us-ndfeb-chain.toml"));
    const auto t0 = std::chrono::steady_clock::now();
    PolicyResult r = compute_policy(plan);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    WARN("compute_policy: " << ms << " ms; chain premium " << (r.chain.estimate.premium ? *r.chain.estimate.premium : -1)
                            << ", E[NPV] " << r.chain.estimate.expected_npv_musd << " ± " << r.chain.estimate.standard_error_musd);
    for (const auto& p : r.plants)
        WARN(p.id << ": " << p.method << " " << p.outcomes << ", π " << (p.estimate.premium ? *p.estimate.premium : -1)
                  << " " << p.estimate.premium_note << "; LCOP " << p.continuity.lcop_base_usd_per_kg.value_or(-1) << " → "
                  << p.continuity.lcop_risk_adjusted_usd_per_kg.value_or(-1) << "; trigger "
                  << p.hurdle.trigger_multiple.value_or(-1) << " vs " << p.hurdle.pv_to_capex.value_or(-1) << " " << p.hurdle.note);
    CHECK(r.chain.estimate.premium);
}
