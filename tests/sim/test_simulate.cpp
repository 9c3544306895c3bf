// The Monte Carlo run: reproducible however it is split, agreeing with the exact enumeration of
// the policy premia, and drawing the inputs it is given.

#include "io/reader.hpp"
#include "policy/expectation.hpp"
#include "policy/outcomes.hpp"
#include "sim/engine.hpp"
#include "sim/distribution.hpp"
#include "sim/simulate.hpp"
#include "sim/stats.hpp"
#include "sim/summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

sim::SimOptions options(unsigned threads, std::uint64_t seed, bool lcop = false) {
    sim::SimOptions o;
    o.seed = seed;
    o.threads = threads;
    o.eval.lcop = lcop;
    return o;
}

sim::Samples run(const model::Plan& plan, std::size_t first, std::size_t count, unsigned threads, std::uint64_t seed = 7) {
    sim::SimOptions o = options(threads, seed);
    o.paths = count;
    const sim::Simulation s(plan, o);
    sim::Samples out;
    s.run(first, count, out);
    return out;
}

bool same_bytes(const sim::RowStorage& a, const sim::RowStorage& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("one thread and two give the same bytes", "[sim][simulate]") {
    const model::Plan plan = bundled();
    const sim::Samples one = run(plan, 0, 600, 1);
    const sim::Samples two = run(plan, 0, 600, 2);
    REQUIRE(one.paths == 600);
    CHECK(one.width == two.width);
    CHECK(same_bytes(one.values, two.values));
    // a different seed gives different paths
    CHECK_FALSE(same_bytes(one.values, run(plan, 0, 600, 2, 8).values));
}

TEST_CASE("slices run apart and put together equal one run", "[sim][simulate]") {
    const model::Plan plan = bundled();
    const sim::Samples whole = run(plan, 0, 500, 2);
    sim::Samples a = run(plan, 0, 180, 1);
    const sim::Samples b = run(plan, 180, 320, 2);
    CHECK(b.first_path == 180);
    a.values.insert(a.values.end(), b.values.begin(), b.values.end());
    a.paths += b.paths;
    CHECK(same_bytes(a.values, whole.values));

    const sim::Simulation s(plan, options(1, 7));
    const auto r1 = sim::summarize(s, whole, {});
    const auto r2 = sim::summarize(s, a, {});
    CHECK(r1.chain.metrics[1].stats.mean == r2.chain.metrics[1].stats.mean);
    CHECK(r1.chain.metrics[1].stats.percentiles == r2.chain.metrics[1].stats.percentiles);
}

TEST_CASE("the simulated mean NPV agrees with the exact enumeration of the risks", "[sim][simulate]") {
    // Only the risks are uncertain: the policy engine enumerates a plant's outcomes exactly, the
    // simulation samples them; the two means must agree within 3 standard errors.
    model::Plan plan = bundled();
    plan.uncertain.clear();
    plan.correlations.clear();
    policy::RiskEngine engine(plan, policy::EngineOptions{});
    const policy::Coalition all = (policy::Coalition{1} << plan.risks.size()) - 1;
    const std::size_t sep = 0;  // sep-1, the refinery: no plant upstream of it
    REQUIRE(plan.plants[sep].id == "sep-1");
    REQUIRE(engine.enumerated(sep, all));
    const double exact = engine.expectation(sep, all).mean;

    const std::size_t n = 3000;
    const sim::Samples samples = run(plan, 0, n, 2, 11);
    std::vector<double> scratch;
    const sim::MetricStats s = sim::column_stats(samples.values.data() + 0, samples.width, n, scratch);  // plant.sep-1.npv_musd
    INFO("exact " << exact << ", simulated " << s.mean << " ± " << s.standard_error);
    REQUIRE(s.standard_error > 0);
    CHECK(std::abs(s.mean - exact) < 3 * s.standard_error);
    // and the risks matter: the mean is not the riskless NPV
    CHECK(std::abs(engine.base(sep).npv - exact) > 3 * s.standard_error);
}

TEST_CASE("the inputs are drawn from their distributions, correlated by rank", "[sim][simulate]") {
    const model::Plan plan = bundled();
    const sim::Simulation s(plan, options(1, 3));
    const std::size_t n = 100000, k = plan.uncertain.size();
    std::vector<double> draws(n * k);
    for (std::size_t p = 0; p < n; ++p) s.draw_inputs(p, draws.data() + p * k);
    std::vector<double> scratch;
    for (std::size_t j = 0; j < k; ++j) {
        const sim::MetricStats st = sim::column_stats(draws.data() + j, k, n, scratch);
        const sim::Moments m = sim::moments(plan.uncertain[j].dist);
        INFO(plan.uncertain[j].param);
        CHECK(std::abs(st.mean - m.mean) < 4 * std::sqrt(m.variance / static_cast<double>(n)));
        CHECK(st.sd == Approx(std::sqrt(m.variance)).epsilon(0.02));
    }
    // every [[correlation]] is met within 0.02 in rank at 100,000 paths
    for (const auto& c : plan.correlations) {
        std::size_t a = k, b = k;
        for (std::size_t j = 0; j < k; ++j) {
            if (plan.uncertain[j].param == c.params[0]) a = j;
            if (plan.uncertain[j].param == c.params[1]) b = j;
        }
        REQUIRE(a < k);
        REQUIRE(b < k);
        std::vector<double> x(n), y(n);
        for (std::size_t p = 0; p < n; ++p) {
            x[p] = draws[p * k + a];
            y[p] = draws[p * k + b];
        }
        INFO(c.params[0] << " ~ " << c.params[1]);
        CHECK(std::abs(sim::spearman(x, y) - c.rank) < 0.02);
    }
}

TEST_CASE("each row is the path's plan evaluated, also when an input moves the plan's years", "[sim][simulate]") {
    model::Plan plan = bundled();
    // the median end year, 2057, lies beyond the file's 2055: the LCOP searches start from a plan
    // whose years differ from the rows' layout
    model::Distribution years;
    years.kind = model::DistKind::Uniform;
    years.min = 2050;
    years.max = 2064;
    plan.uncertain.push_back(model::Uncertain{"project.end_year", years});
    const sim::SimOptions o = options(2, 5, true);
    const sim::Simulation s(plan, o);
    sim::Samples out;
    const std::size_t paths = 12;
    s.run(0, paths, out);
    REQUIRE(out.width == s.width());
    sim::Evaluator fresh(plan, sim::EvalOptions{true});
    REQUIRE(fresh.width() + plan.uncertain.size() == s.width());
    std::vector<double> inputs(plan.uncertain.size()), row(fresh.width());
    for (std::size_t path = 0; path < paths; ++path) {
        // the path's plan: its inputs drawn, then its risks
        model::Plan p = plan;
        s.draw_inputs(path, inputs.data());
        for (std::size_t j = 0; j < inputs.size(); ++j) REQUIRE(sim::set_param(p, plan.uncertain[j].param, inputs[j]));
        for (const model::Risk& risk : plan.risks) policy::apply_risk_outcome(p, risk, policy::sample_risk(p, risk, o.seed, path));
        fresh.evaluate(p, row.data());
        const double* got = out.row(path);
        for (std::size_t c = 0; c < fresh.width(); ++c) {
            const std::string& name = fresh.columns()[c];
            INFO("path " << path << " " << name);
            if (name.find(".lcop") != std::string::npos) {  // searched from other starts: to their tolerance
                REQUIRE(std::isnan(got[c]) == std::isnan(row[c]));
                if (!std::isnan(row[c])) CHECK(std::abs(got[c] - row[c]) <= 1e-9);
            } else {
                CHECK(std::memcmp(&got[c], &row[c], sizeof(double)) == 0);
            }
        }
        for (std::size_t j = 0; j < inputs.size(); ++j) CHECK(got[fresh.width() + j] == inputs[j]);
    }
}

TEST_CASE("a drawn series becomes the constant drawn, as --set makes it", "[sim][simulate]") {
    model::Plan plan = bundled();
    const std::string path = "materials.ndpr_oxide.market_price_usd_per_kg";  // {2026 = 104, 2028 = 75}
    REQUIRE(sim::get_param(plan, path) == Approx(104));
    REQUIRE(sim::set_param(plan, path, 52));
    const model::Material* m = nullptr;
    for (const auto& mat : plan.materials)
        if (mat.id == "ndpr_oxide") m = &mat;
    REQUIRE(m);
    CHECK(m->market_price_usd_per_kg.is_constant());
    CHECK(m->market_price_usd_per_kg.at(2026) == 52);
    CHECK(m->market_price_usd_per_kg.at(2040) == 52);
    CHECK(sim::set_param(plan, "plant.sep-1.capex_musd", 700));
    CHECK(sim::get_param(plan, "plant.sep-1.capex_musd") == 700);
    CHECK_FALSE(sim::set_param(plan, "plant.nope.capex_musd", 1));
    CHECK_FALSE(sim::get_param(plan, "plant.nope.capex_musd"));
}

TEST_CASE("the summary counts the probabilities the contract names", "[sim][simulate]") {
    const model::Plan plan = bundled();
    const sim::Simulation s(plan, options(2, 5));
    sim::Samples samples;
    s.run(0, 400, samples);
    const sim::SimulationResult r = sim::summarize(s, samples, {});
    REQUIRE(r.plants.size() == plan.plants.size());
    const std::size_t npv = *s.evaluator().index_of("chain.npv_musd");
    const std::size_t ind = *s.evaluator().index_of("chain.independence_year");
    std::size_t negative = 0, on_time = 0;
    for (std::size_t p = 0; p < 400; ++p) {
        if (samples.row(p)[npv] < 0) ++negative;
        if (!std::isnan(samples.row(p)[ind]) && samples.row(p)[ind] <= r.chain.target_year) ++on_time;
    }
    CHECK(r.chain.p_npv_negative == static_cast<double>(negative) / 400.0);
    CHECK(r.chain.p_independent_by_target == static_cast<double>(on_time) / 400.0);
    CHECK(r.chain.fans.size() == 5);
    CHECK(r.inputs.size() == plan.uncertain.size());
    // the LCOPs were not asked for: missing on every path
    CHECK(r.plants[0].metrics[5].stats.count == 0);
    CHECK(r.plants[0].metrics[5].stats.missing == 400);
}
