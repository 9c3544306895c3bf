// Outcomes of the risk kinds: their sets and probabilities, their draws, and how one is applied
// to a copy of the plan.

#include "finance/plan_finance.hpp"
#include "policy/expectation.hpp"
#include "policy/outcomes.hpp"
#include "policy_fixtures.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

using namespace reeplan;
using namespace reeplan::policy;
using policy_test::policy_plan;

namespace {

double total(const std::vector<WeightedOutcome>& v) {
    double s = 0;
    for (const auto& w : v) s += w.probability;
    return s;
}

}  // namespace

TEST_CASE("election reversal: first reversal at the k-th election with (1 − p)^k p", "[policy][outcomes]") {
    model::Plan plan = policy_plan();
    plan.project.end_year = 2040;
    const model::Risk& r = plan.risks[0];
    CHECK(election_years(plan, r) == std::vector<double>{2028, 2032, 2036});
    auto out = enumerate_risk(plan, r);
    REQUIRE(out.size() == 4);
    CHECK(out[0].outcome.effective_year == 2029);  // inauguration, rounded to 1 January
    CHECK(out[0].probability == Approx(0.3));
    CHECK(out[1].outcome.effective_year == 2033);
    CHECK(out[1].probability == Approx(0.21));
    CHECK(out[2].probability == Approx(0.147));
    CHECK_FALSE(out[3].outcome.occurs);
    CHECK(out[3].probability == Approx(0.343));
    CHECK(outcome_count(plan, r) == 4);
    // elections before the base year have happened
    model::Risk early = r;
    early.elections_first_year = 2020;
    CHECK(election_years(plan, early) == std::vector<double>{2028, 2032, 2036});
    // an annual reversal: the start of each year from the base year
    model::Risk annual = r;
    annual.has_elections = false;
    annual.annual_probability = 0.1;
    auto a = enumerate_risk(plan, annual);
    REQUIRE(a.size() == 15);  // 2026 … 2039, and none
    CHECK(a[0].outcome.effective_year == 2026);
    CHECK(a[2].probability == Approx(0.81 * 0.1));
    CHECK(total(a) == Approx(1.0).epsilon(1e-14));
    // p = 0: one outcome, nothing happens
    model::Risk off = r;
    off.probability = 0;
    auto o = enumerate_risk(plan, off);
    REQUIRE(o.size() == 1);
    CHECK_FALSE(o[0].outcome.occurs);
}

TEST_CASE("supply restriction and delay outcome sets", "[policy][outcomes]") {
    const model::Plan plan = policy_plan();  // 2026 … 2032: 7 years
    const model::Risk& s = plan.risks[1];
    CHECK(outcome_count(plan, s) == 128);
    auto so = enumerate_risk(plan, s);
    REQUIRE(so.size() == 128);
    CHECK(total(so) == Approx(1.0).epsilon(1e-13));
    CHECK(so[0].probability == Approx(std::pow(0.8, 7)));
    CHECK(so[5].outcome.event_years == std::vector<int>{2026, 2028});
    CHECK(so[5].probability == Approx(0.04 * std::pow(0.8, 5)));

    const model::Risk& d = plan.risks[2];
    CHECK(outcome_count(plan, d) == 6);
    auto dd = enumerate_risk(plan, d);
    REQUIRE(dd.size() == 6);
    CHECK(total(dd) == Approx(1.0).epsilon(1e-14));
    CHECK(dd[0].probability == Approx(0.1));
    CHECK_FALSE(dd[5].outcome.occurs);
    CHECK(dd[5].probability == Approx(0.5));
    model::Risk fixed = d;
    fixed.delay_years = model::Distribution{};
    fixed.delay_years.value = 1.25;
    auto fd = enumerate_risk(plan, fixed);
    REQUIRE(fd.size() == 2);
    CHECK(fd[0].outcome.delay_years == 1.25);
}

TEST_CASE("a joint outcome applied to a copy of the plan", "[policy][outcomes]") {
    const model::Plan plan = policy_plan();
    JointOutcome j;
    j.by_risk.resize(3);
    j.by_risk[0].occurs = true;
    j.by_risk[0].effective_year = 2029;
    j.by_risk[1].occurs = true;
    j.by_risk[1].event_years = {2030};
    j.by_risk[2].occurs = true;
    j.by_risk[2].delay_years = 0.75;
    const model::Plan out = apply_outcome(plan, j);
    CHECK(out.supports[0].end_year == 2029);  // floor: min(2040, 2029)
    CHECK(out.supports[1].end_year == 2029);  // credit
    CHECK(out.supports[2].end_year == 1e9);   // grant: grandfathered
    CHECK(out.supports[2].amount_musd == 40);
    REQUIRE(out.shocks.size() == 1);
    CHECK(out.shocks[0].material == "oxide");
    CHECK(out.shocks[0].start_year == 2030);
    CHECK(out.shocks[0].end_year == 2031);
    CHECK(out.shocks[0].available_share == 0.5);
    CHECK(out.plants[0].schedule.permitting_years == 1.75);
    CHECK(plan.plants[0].schedule.permitting_years == 1.0);  // the original is untouched

    // without grandfathering, a grant not yet paid when the reversal takes effect is cancelled
    model::Plan open = plan;
    open.risks[0].grandfathered.clear();
    const model::Plan cut = apply_outcome(open, j);
    CHECK(cut.supports[2].amount_musd == 0);
    j.by_risk[0].effective_year = 2033;  // after the 2030 payment: kept
    CHECK(apply_outcome(open, j).supports[2].amount_musd == 40);
}

TEST_CASE("a delay of a table ramp holds its first entry for the delay, and is restored", "[policy][outcomes]") {
    model::Plan plan = policy_plan();
    model::Risk& risk = plan.risks[2];
    REQUIRE(risk.kind == model::RiskKind::Delay);
    risk.phase = "ramp";
    plan.plants[0].schedule.ramp.shape = model::RampShape::Table;
    plan.plants[0].schedule.ramp.table = {0.3, 0.7};
    const model::Plan base = plan;
    RiskOutcome o;
    o.occurs = true;
    o.delay_years = 0.4;  // less than half a year: a table of whole years could not show it
    apply_risk_outcome(plan, risk, o);
    CHECK(plan.plants[0].schedule.ramp.hold_years == 0.4);
    CHECK(plan.plants[0].schedule.ramp.table == base.plants[0].schedule.ramp.table);
    restore_risk(plan, base, risk);
    CHECK(plan.plants[0].schedule.ramp.hold_years == 0.0);
}

TEST_CASE("which plants a risk touches", "[policy][outcomes]") {
    model::Plan plan = policy_plan();
    CHECK(touched_plants(plan, plan.risks[0]) == std::vector<bool>{true, false});  // grant grandfathered
    CHECK(touched_plants(plan, plan.risks[1]) == std::vector<bool>{false, true});  // oxide buyers
    CHECK(touched_plants(plan, plan.risks[2]) == std::vector<bool>{true, true});   // alloy-1 follows sep-1's permitting
    plan.risks[2].phase = "construction";  // alloy-1 waits only for permitting
    CHECK(touched_plants(plan, plan.risks[2]) == std::vector<bool>{true, false});
    plan.risks[0].grandfathered.clear();
    CHECK(touched_plants(plan, plan.risks[0]) == std::vector<bool>{true, true});
}

TEST_CASE("sampled draws depend only on (seed, path, risk)", "[policy][outcomes]") {
    const model::Plan plan = policy_plan();
    int reversals = 0, delays = 0, events = 0;
    bool same = true;
    double delay_sum = 0;
    const int n = 20000;
    for (int p = 0; p < n; ++p) {
        RiskOutcome a = sample_risk(plan, plan.risks[0], 9, static_cast<std::uint64_t>(p));
        RiskOutcome b = sample_risk(plan, plan.risks[0], 9, static_cast<std::uint64_t>(p));
        same = same && a.occurs == b.occurs && a.effective_year == b.effective_year;
        reversals += a.occurs;
        RiskOutcome d = sample_risk(plan, plan.risks[2], 9, static_cast<std::uint64_t>(p));
        delays += d.occurs;
        delay_sum += d.delay_years;
        events += static_cast<int>(sample_risk(plan, plan.risks[1], 9, static_cast<std::uint64_t>(p)).event_years.size());
    }
    CHECK(same);
    // P(a reversal at 2028 or 2032) = 1 − 0.7² = 0.51; standard error ≈ 0.0035
    CHECK(reversals / double(n) == Approx(0.51).margin(0.015));
    CHECK(delays / double(n) == Approx(0.5).margin(0.015));
    // mean delay: 0.5 × (0.5 + 1 + 2)/3
    CHECK(delay_sum / n == Approx(0.5 * 3.5 / 3).margin(0.02));
    CHECK(events / double(n) == Approx(7 * 0.2).margin(0.03));
}

TEST_CASE("a prepared sampler draws and applies what sample_risk and apply_risk_outcome do", "[policy][outcomes]") {
    const model::Plan base = policy_plan();
    model::Plan work = base;    // drawn and applied by the samplers
    model::Plan fresh = base;   // by the functions, on a copy with the same fields
    std::vector<RiskSampler> samplers;
    for (std::size_t k = 0; k < base.risks.size(); ++k) samplers.emplace_back(work, k);
    auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
    std::vector<RiskOutcome> got(base.risks.size());
    int changed = 0;
    for (std::uint64_t p = 0; p < 4000; ++p) {
        // fields the dates and draws follow, as a path's uncertain inputs could set them: the
        // samplers must follow them too
        if (p == 1000 || p == 2000) {
            for (model::Plan* plan : {&work, &fresh}) {
                plan->risks[0].probability = p == 1000 ? 0.6 : 0.1;
                plan->risks[0].elections_first_year = p == 1000 ? 2030 : 2026;
                plan->risks[1].annual_probability = p == 1000 ? 0.45 : 0.05;
                plan->project.end_year = p == 1000 ? 2045 : 2038;
            }
        }
        for (std::size_t k = 0; k < base.risks.size(); ++k) {
            samplers[k].sample(work, 3, p, got[k]);
            const RiskOutcome want = sample_risk(fresh, fresh.risks[k], 3, p);
            INFO("path " << p << ", risk " << k);
            REQUIRE(got[k].occurs == want.occurs);
            REQUIRE(bits(got[k].effective_year) == bits(want.effective_year));
            REQUIRE(bits(got[k].delay_years) == bits(want.delay_years));
            REQUIRE(got[k].event_years == want.event_years);
            samplers[k].apply(work, got[k]);
            apply_risk_outcome(fresh, fresh.risks[k], want);
        }
        // the same plan, field by field where risks act
        bool differs = false;
        for (std::size_t i = 0; i < work.supports.size(); ++i) {
            const model::Support &a = work.supports[i], &b = fresh.supports[i];
            REQUIRE(bits(a.end_year) == bits(b.end_year));
            REQUIRE(bits(a.amount_musd) == bits(b.amount_musd));
            REQUIRE(bits(a.share) == bits(b.share));
            differs = differs || bits(a.end_year) != bits(base.supports[i].end_year);
        }
        REQUIRE(work.shocks.size() == fresh.shocks.size());
        for (std::size_t i = 0; i < work.shocks.size(); ++i) {
            REQUIRE(work.shocks[i].material == fresh.shocks[i].material);
            REQUIRE(bits(work.shocks[i].start_year) == bits(fresh.shocks[i].start_year));
            REQUIRE(bits(work.shocks[i].end_year) == bits(fresh.shocks[i].end_year));
        }
        for (std::size_t i = 0; i < work.plants.size(); ++i) {
            const model::Schedule &a = work.plants[i].schedule, &b = fresh.plants[i].schedule;
            REQUIRE(bits(a.permitting_years) == bits(b.permitting_years));
            REQUIRE(bits(a.construction_years) == bits(b.construction_years));
            differs = differs || bits(a.permitting_years) != bits(base.plants[i].schedule.permitting_years);
        }
        changed += differs;
        for (std::size_t k = 0; k < base.risks.size(); ++k) {
            samplers[k].restore(work, base);
            restore_risk(fresh, base, fresh.risks[k]);
        }
        // restored: what the path changed is the base plan's again
        for (std::size_t i = 0; i < work.supports.size(); ++i) REQUIRE(bits(work.supports[i].end_year) == bits(base.supports[i].end_year));
        REQUIRE(work.shocks.size() == base.shocks.size());
        for (std::size_t i = 0; i < work.plants.size(); ++i)
            REQUIRE(bits(work.plants[i].schedule.permitting_years) == bits(base.plants[i].schedule.permitting_years));
    }
    CHECK(changed > 1000);  // the outcomes did act on the plan
}

TEST_CASE("the engine's outcome NPV equals plant_flows on the applied plan", "[policy][outcomes]") {
    const model::Plan plan = policy_plan();
    RiskEngine eng(plan, EngineOptions{});
    JointOutcome j;
    j.by_risk.resize(3);
    j.by_risk[0] = RiskOutcome{true, 2029, 0, {}};
    j.by_risk[1] = RiskOutcome{true, 0, 0, {2029, 2031}};
    j.by_risk[2] = RiskOutcome{true, 0, 1.5, {}};
    const auto flows = finance::plant_flows<double>(apply_outcome(plan, j));
    for (std::size_t i = 0; i < 2; ++i) CHECK(eng.npv_of_outcome(i, j) == Approx(flows[i].npv).epsilon(1e-13));
    // and the working plan is restored afterwards
    const auto base = finance::plant_flows<double>(plan);
    CHECK(eng.npv_of_outcome(0, JointOutcome{}) == Approx(base[0].npv).epsilon(1e-13));
    CHECK(eng.base(1).npv == Approx(base[1].npv).epsilon(1e-15));
    // each outcome changes the plant it touches
    CHECK(flows[0].npv < base[0].npv);
    CHECK(flows[1].npv < base[1].npv);
}
