// The Evaluator's rows: the levelized costs it searches from the plan it was built from are the
// reference search's, and a row depends only on the plan evaluated, not on what came before.

#include "finance/plan_finance.hpp"
#include "io/reader.hpp"
#include "sim/engine.hpp"
#include "sim/lcop_start.hpp"
#include "sim/simulate.hpp"
#include "policy/outcomes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

model::Plan with(const model::Plan& base, const std::vector<std::pair<std::string, double>>& sets) {
    model::Plan plan = base;
    for (const auto& [path, value] : sets) REQUIRE(sim::set_param(plan, path, value));
    return plan;
}

std::vector<double> row_of(sim::Evaluator& ev, const model::Plan& plan) {
    std::vector<double> row(ev.width());
    ev.evaluate(plan, row.data());
    return row;
}

bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Plans of the bundled chain's shape with other numbers, as Monte Carlo paths draw them.
std::vector<model::Plan> paths(const model::Plan& base) {
    return {
        with(base, {{"plant.sep-1.capex_musd", 820}, {"materials.ndpr_oxide.market_price_usd_per_kg", 52},
                    {"materials.dytb_oxide.market_price_usd_per_kg", 1400}}),
        with(base, {{"plant.sep-1.capex_musd", 560}, {"materials.ndpr_oxide.market_price_usd_per_kg", 118},
                    {"materials.dytb_oxide.market_price_usd_per_kg", 330}}),
        with(base, {{"plant.mag-1.capex_musd", 2500}, {"plant.alloy-1.capex_musd", 40}, {"finance.risk_free", 0.06}}),
        with(base, {{"plant.hre-1.capex_musd", 5000}, {"support.dod-floor.floor_usd_per_kg", 160}}),
    };
}

/// The reference LCOP searches of every plant of `plan`: [2 × plant + (0 with supports, 1 without)].
std::vector<std::optional<double>> reference_lcops(const model::Plan& plan) {
    const auto times = timeline::schedule_plants<double>(plan);
    const chain::ChainBalance balance = finance::plan_balance(plan, times);
    std::vector<std::optional<double>> out;
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        const finance::PlantLedger<double> pd(plan, i, times[i], &balance);
        for (const bool with_supports : {true, false}) {
            std::string note;
            out.push_back(finance::detail::solve_lcop<double>(pd, pd, with_supports, note));
        }
    }
    return out;
}

std::string lcop_column(const model::Plan& plan, std::size_t search) {
    return "plant." + plan.plants[search / 2].id + (search % 2 == 0 ? ".lcop_usd_per_kg" : ".lcop_unsupported_usd_per_kg");
}

/// Every LCOP of `row` against the reference searches of `plan`, to 1e-9 USD/kg.
void check_lcops(const sim::Evaluator& ev, const model::Plan& plan, const std::vector<double>& row) {
    const std::vector<std::optional<double>> ref = reference_lcops(plan);
    for (std::size_t s = 0; s < ref.size(); ++s) {
        INFO(lcop_column(plan, s));
        const double got = row[*ev.index_of(lcop_column(plan, s))];
        REQUIRE(ref[s].has_value() == !std::isnan(got));
        if (ref[s]) CHECK(std::abs(got - *ref[s]) <= 1e-9);
    }
}

}  // namespace

TEST_CASE("the Evaluator's levelized costs are the reference search's", "[sim][engine]") {
    const model::Plan base = bundled();
    sim::Evaluator ev(base, sim::EvalOptions{true});
    std::vector<model::Plan> plans = paths(base);
    plans.push_back(base);
    for (const model::Plan& plan : plans) check_lcops(ev, plan, row_of(ev, plan));
}

TEST_CASE("an LCOP start model holds each LCOP's secant slope in each input", "[sim][engine]") {
    const model::Plan base = bundled();
    const std::vector<sim::InputSpread> inputs{
        {"plant.sep-1.capex_musd", 700, 600, 800},
        {"materials.ndpr_oxide.market_price_usd_per_kg", 75, 60, 90},
        {"plant.mag-1.capex_musd", 1250, 1250, 1250},  // no spread: no slope
    };
    const model::Plan center =
        with(base, {{"plant.sep-1.capex_musd", 700}, {"materials.ndpr_oxide.market_price_usd_per_kg", 75}});
    const sim::LcopStartModel m(center, inputs);
    const std::size_t searches = 2 * base.plants.size();
    REQUIRE(m.searches() == searches);
    for (std::size_t j = 0; j < 2; ++j) {
        const auto lo = reference_lcops(with(center, {{inputs[j].param, inputs[j].lo}}));
        const auto hi = reference_lcops(with(center, {{inputs[j].param, inputs[j].hi}}));
        bool moved = false;
        for (std::size_t s = 0; s < searches; ++s) {
            INFO(inputs[j].param << " " << lcop_column(base, s));
            REQUIRE(lo[s]);
            REQUIRE(hi[s]);
            // each end within 1e-9 USD/kg of the reference search's
            const double width = inputs[j].hi - inputs[j].lo;
            CHECK(std::abs(m.slope(s, j) - (*hi[s] - *lo[s]) / width) <= 2e-9 / width);
            moved = moved || m.slope(s, j) != 0.0;
        }
        CHECK(moved);  // some LCOP moves with each (NdPr oxide is an input of the alloy plant)
    }
    for (std::size_t s = 0; s < searches; ++s) CHECK(m.slope(s, 2) == 0.0);
    CHECK(m.slope(0, 0) > 0.0);  // more capex, a higher cost per kg
    // a path's shift is the slopes' sum
    const std::vector<double> x{760, 81, 1250};
    std::vector<double> shifts(searches);
    m.shifts(x.data(), shifts.data());
    for (std::size_t s = 0; s < searches; ++s) CHECK(shifts[s] == m.slope(s, 0) * 60.0 + m.slope(s, 1) * 6.0);
}

TEST_CASE("an LCOP start model follows each risk outcome by the change it makes alone", "[sim][engine]") {
    const model::Plan center = bundled();
    const sim::LcopStartModel m(center, {});
    const std::size_t searches = m.searches();
    const std::vector<std::optional<double>> base = reference_lcops(center);
    // an outcome applied alone moves each LCOP by the term the model holds for it, to within the
    // two searches' tolerance (1e-10 USD/kg each)
    auto check_term = [&](std::size_t k, const policy::RiskOutcome& o, auto&& term) {
        const std::vector<std::optional<double>> moved = reference_lcops(policy::apply_outcome(center, [&] {
            policy::JointOutcome j;
            j.by_risk.resize(center.risks.size());
            j.by_risk[k] = o;
            return j;
        }()));
        bool any = false;
        for (std::size_t s = 0; s < searches; ++s) {
            INFO(center.risks[k].id << " " << lcop_column(center, s));
            REQUIRE(base[s]);
            REQUIRE(moved[s]);
            CHECK(std::abs(term(s) - (*moved[s] - *base[s])) <= 4e-9);
            any = any || std::abs(term(s)) > 1e-3;
        }
        return any;
    };
    std::size_t reversal = 0, shortage = 0, delay = 0;
    for (std::size_t k = 0; k < center.risks.size(); ++k) {
        const model::Risk& r = center.risks[k];
        if (r.kind == model::RiskKind::Reversal) reversal = k;
        if (r.kind == model::RiskKind::SupplyRestriction) shortage = k;
        if (r.kind == model::RiskKind::Delay) delay = k;
    }
    // the reversal at the second election (effective 2033): the floor of sep-1 ends
    std::vector<policy::RiskOutcome> dates;
    for (const auto& w : policy::enumerate_risk(center, center.risks[reversal]))
        if (w.outcome.occurs) dates.push_back(w.outcome);
    REQUIRE(dates.size() >= 2);
    CHECK(check_term(reversal, dates[1], [&](std::size_t s) { return m.risk_shift(reversal, s, 1); }));
    // a Dy/Tb shock starting in 2031: the magnet plants' LCOPs rise
    policy::RiskOutcome shock;
    shock.occurs = true;
    shock.event_years = {2031};
    const std::size_t e = static_cast<std::size_t>(2031 - static_cast<int>(center.project.base_year));
    CHECK(check_term(shortage, shock, [&](std::size_t s) { return m.risk_shift(shortage, s, e); }));
    CHECK(m.risk_shift(shortage, 2 * 3, e) > 0);  // mag-1, with supports
    // a delay: the change at each enumerated delay (here the median one)
    std::vector<policy::RiskOutcome> delays;
    for (const auto& w : policy::enumerate_risk(center, center.risks[delay]))
        if (w.outcome.occurs && w.outcome.delay_years > 0) delays.push_back(w.outcome);
    std::sort(delays.begin(), delays.end(), [](const auto& a, const auto& b) { return a.delay_years < b.delay_years; });
    REQUIRE(delays.size() >= 3);
    const std::size_t mid = delays.size() / 2;
    CHECK(check_term(delay, delays[mid], [&](std::size_t s) { return m.risk_shift(delay, s, mid); }));
    // a path's risk shifts are the sum of its outcomes' terms
    std::vector<policy::RiskOutcome> path(center.risks.size());
    path[reversal] = dates[1];
    path[shortage].occurs = true;
    path[shortage].event_years = {2030, 2031};
    path[delay] = delays[0];  // the first point: the line from no delay reaches its change
    std::vector<double> shifts(searches, 1.0);
    m.add_risk_shifts(path.data(), shifts.data());
    const std::size_t e0 = e - 1;
    for (std::size_t s = 0; s < searches; ++s)
        CHECK(shifts[s] == 1.0 + m.risk_shift(reversal, s, 1) + m.risk_shift(shortage, s, e0) + m.risk_shift(shortage, s, e) +
                               m.risk_shift(delay, s, 0));
    // between two points, the straight line between their changes
    path.assign(center.risks.size(), policy::RiskOutcome{});
    path[delay].occurs = true;
    path[delay].delay_years = 0.5 * (delays[mid].delay_years + delays[mid + 1].delay_years);
    std::fill(shifts.begin(), shifts.end(), 0.0);
    m.add_risk_shifts(path.data(), shifts.data());
    for (std::size_t s = 0; s < searches; ++s)
        CHECK(shifts[s] == Approx(0.5 * (m.risk_shift(delay, s, mid) + m.risk_shift(delay, s, mid + 1))).margin(1e-12));
}

TEST_CASE("where the LCOP searches begin changes no row beyond the searches' tolerance", "[sim][engine]") {
    const model::Plan base = bundled();
    const std::vector<sim::InputSpread> inputs{
        {"plant.sep-1.capex_musd", 783, 700, 830},
        {"materials.ndpr_oxide.market_price_usd_per_kg", 75, 60, 96},
        {"materials.dytb_oxide.market_price_usd_per_kg", 450, 380, 700},
    };
    model::Plan center = base;
    for (const auto& in : inputs) REQUIRE(sim::set_param(center, in.param, in.center));
    const sim::LcopStartModel m(center, inputs);
    sim::Evaluator plain(center, sim::EvalOptions{true});
    sim::Evaluator shifted(center, sim::EvalOptions{true});
    const std::vector<std::vector<double>> draws{{820, 52, 1400}, {560, 118, 330}, {783, 75, 450}, {864, 48, 1500}};
    policy::RiskOutcome reversal;  // the first election reverses the supports
    for (const policy::WeightedOutcome& w : policy::enumerate_risk(base, base.risks[0]))
        if (w.outcome.occurs) {
            reversal = w.outcome;
            break;
        }
    REQUIRE(base.risks[0].kind == model::RiskKind::Reversal);
    for (const bool reversed : {false, true}) {
        for (const auto& x : draws) {
            model::Plan plan = base;
            for (std::size_t j = 0; j < inputs.size(); ++j) REQUIRE(sim::set_param(plan, inputs[j].param, x[j]));
            if (reversed) policy::apply_risk_outcome(plan, plan.risks[0], reversal);
            const std::vector<double> a = row_of(plain, plan);
            std::vector<double> shifts(m.searches());
            m.shifts(x.data(), shifts.data());
            // the model's shifts, and shifts 40 USD/kg off either way
            for (const double off : {0.0, 40.0, -40.0}) {
                INFO("reversed " << reversed << ", off " << off);
                std::vector<double> moved = shifts;
                for (double& v : moved) v += off;
                std::vector<double> b(shifted.width());
                shifted.evaluate(plan, b.data(), moved.data());
                check_lcops(shifted, plan, b);
                for (std::size_t c = 0; c < a.size(); ++c) {  // everything else to the bit
                    const std::string& name = shifted.columns()[c];
                    if (name.find(".lcop") != std::string::npos) continue;
                    INFO(name);
                    CHECK(std::memcmp(&a[c], &b[c], sizeof(double)) == 0);
                }
            }
        }
    }
}

TEST_CASE("an Evaluator's rows do not depend on the order of evaluation", "[sim][engine]") {
    const model::Plan base = bundled();
    const std::vector<model::Plan> plans = paths(base);
    for (const bool lcop : {true, false}) {
        INFO("lcop " << lcop);
        sim::Evaluator forward(base, sim::EvalOptions{lcop});
        sim::Evaluator backward(base, sim::EvalOptions{lcop});
        std::vector<std::vector<double>> f, b(plans.size());
        for (const auto& plan : plans) f.push_back(row_of(forward, plan));
        for (std::size_t k = plans.size(); k-- > 0;) b[k] = row_of(backward, plans[k]);
        for (std::size_t k = 0; k < plans.size(); ++k) {
            INFO("plan " << k);
            CHECK(same_bytes(f[k], b[k]));
            sim::Evaluator fresh(base, sim::EvalOptions{lcop});
            CHECK(same_bytes(f[k], row_of(fresh, plans[k])));
        }
        // A then B then A again: the second A is the first to the bit
        CHECK(same_bytes(row_of(forward, plans[0]), f[0]));
    }
}

TEST_CASE("with the levelized costs, one thread and two give the same bytes", "[sim][engine]") {
    const model::Plan plan = bundled();
    auto run = [&](std::size_t first, std::size_t count, unsigned threads) {
        sim::SimOptions o;
        o.seed = 11;
        o.paths = 64;
        o.threads = threads;
        o.eval.lcop = true;
        const sim::Simulation s(plan, o);
        sim::Samples out;
        s.run(first, count, out);
        return std::vector<double>(out.values.begin(), out.values.end());
    };
    const std::vector<double> one = run(0, 64, 1);
    CHECK(same_bytes(one, run(0, 64, 2)));
    std::vector<double> split = run(0, 23, 2);
    const std::vector<double> rest = run(23, 41, 1);
    split.insert(split.end(), rest.begin(), rest.end());
    CHECK(same_bytes(one, split));
}
