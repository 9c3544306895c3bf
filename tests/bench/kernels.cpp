// In-process timings of the kernels one simulated path runs, on the bundled chain (or the file
// given): a simulated path, a whole evaluation with and without the levelized costs, the mass balance, a plain
// ledger run and a run carrying the derivative in price per plant and support case, and the
// certified IRR of every plant's FCFF and FCFE.
//
// A simulated path (draws, risks, evaluation, no summary) is timed over batches of 4,000 paths of
// a 1-thread Simulation, which builds its evaluator (and solves the LCOP starts) per batch.
//
// Usage: build/release/tests/reeplan_bench_kernels [FILE] [TRIALS]   (default the bundled chain, 20)
// Each kernel is timed over a batch of calls TRIALS times; the fastest batch is reported, in
// microseconds per call. A shared host slows batches down, never up, so the minimum of short
// batches separates changes of a few per cent that whole-process timings cannot. Not a test:
// put the figures in the note.

#include "chain/balance.hpp"
#include "finance/plan_finance.hpp"
#include "finance/solvers.hpp"
#include "io/reader.hpp"
#include "sim/engine.hpp"
#include "sim/simulate.hpp"
#include "sim/summary.hpp"
#include "timeline/schedule.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace reeplan;

/// The fastest of `trials` batches of `calls` calls of `f`, in microseconds per call.
double fastest(int trials, int calls, const std::function<void()>& f) {
    double best = 1e300;
    for (int t = 0; t < trials; ++t) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int c = 0; c < calls; ++c) f();
        const auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::micro>(t1 - t0).count() / calls);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string file = argc > 1 ? argv[1] : std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml";
    const int trials = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    const model::Plan plan = io::load_plan(file);
    const std::size_t plants = plan.plants.size();
    double sink = 0;  // every result is summed, so that no call is left out

    sim::Evaluator with_lcop(plan, sim::EvalOptions{true});
    sim::Evaluator without_lcop(plan, sim::EvalOptions{false});
    std::vector<double> row(with_lcop.width());
    finance::PlanScratch scratch;
    finance::PlanEvalOptions returns;
    returns.returns = true;
    const finance::PlanEvaluation& e = finance::evaluate_plan_fast(plan, scratch, returns);
    const std::vector<timeline::PhaseTimes<double>> times = e.times;
    chain::ChainBalance balance;
    chain::BalanceScratch balance_scratch;
    finance::Ledger<double> ledger;
    finance::LedgerBuffers<double> buffers;
    std::vector<std::vector<double>> flows;
    for (const auto& p : e.plants) {
        flows.push_back(p.fcff);
        flows.push_back(p.fcfe);
    }

    std::printf("%s: %zu plants; fastest of %d batches, microseconds per call\n", file.c_str(), plants, trials);
    auto report = [](const char* what, double us) { std::printf("%-58s %10.3f\n", what, us); };
    for (const bool lcop : {true, false}) {
        sim::SimOptions o;
        o.seed = 5;
        o.threads = 1;
        o.eval.lcop = lcop;
        const sim::Simulation simulation(plan, o);
        constexpr std::size_t batch = 4000;
        std::size_t first = 0;
        report(lcop ? "simulated path, with LCOP, 1 thread (batches of 4,000)"
                    : "simulated path, without LCOP, 1 thread (batches of 4,000)",
               fastest(std::max(3, trials / 4), 1, [&] {
                   sim::Samples samples;
                   simulation.run(first, batch, samples);
                   first += batch;
                   sink += samples.values[0];
               }) / static_cast<double>(batch));
    }
    {
        // the statistics of a whole run's rows, as simulate summarizes them on 1 thread
        sim::SimOptions o;
        o.seed = 5;
        o.threads = 1;
        const sim::Simulation simulation(plan, o);
        constexpr std::size_t paths = 20000;
        sim::Samples samples;
        simulation.run(0, paths, samples);
        report("summary of 20,000 paths, per path, 1 thread", fastest(std::max(3, trials / 4), 1, [&] {
                   const sim::SimulationResult r = sim::summarize(simulation, samples, sim::SummaryOptions{});
                   sink += r.chain.metrics[0].stats.mean;
               }) / static_cast<double>(paths));
    }
    report("evaluation of the file's plan, with LCOP", fastest(trials, 200, [&] {
               with_lcop.evaluate(plan, row.data());
               sink += row[0];
           }));
    report("evaluation of the file's plan, without LCOP", fastest(trials, 200, [&] {
               without_lcop.evaluate(plan, row.data());
               sink += row[0];
           }));
    report("mass balance, flows (all years)", fastest(trials, 500, [&] {
               chain::balance_flows_into(plan, times, finance::independence_target_year(plan), balance, balance_scratch,
                                         chain::BalanceDetail::Flows);
               sink += balance.years.back().stages[0].domestic_t;
           }));
    report("ledger run at the market prices, per plant", fastest(trials, 500, [&] {
               for (std::size_t i = 0; i < plants; ++i) {
                   scratch.ledger(i).run(finance::LedgerOptions<double>{}, ledger, buffers);
                   sink += ledger.capital.wacc;
               }
           }) / static_cast<double>(plants));
    report("run carrying the price derivative, per plant and case", fastest(trials, 500, [&] {
               for (std::size_t i = 0; i < plants; ++i)
                   for (const bool with : {true, false}) sink += scratch.ledger(i).npv_line(with, 60.0, ledger, buffers).slope;
           }) / static_cast<double>(2 * plants));
    report("certified IRR, per FCFF or FCFE", fastest(trials, 500, [&] {
               for (const auto& cf : flows)
                   if (const auto r = finance::unique_irr(cf)) sink += *r;
           }) / static_cast<double>(flows.size()));
    report("certified IRR and Newton polish (the engine's), per FCFF or FCFE", fastest(trials, 500, [&] {
               for (const auto& cf : flows)
                   if (const auto r = finance::unique_irr(cf)) sink += finance::polish_irr<double>(cf, *r);
           }) / static_cast<double>(flows.size()));
    std::printf("(checksum %.6g)\n", sink);
    return 0;
}
