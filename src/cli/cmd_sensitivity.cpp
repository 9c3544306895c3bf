#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "model/error.hpp"
#include "report/sim_report.hpp"
#include "sim/sensitivity.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace reeplan::cli {

namespace {

struct SensitivityArgs : RunArgs, SamplingArgs {
    std::string metric = "chain.npv_musd";
    std::vector<std::string> vary;
    std::size_t points = 5;
    std::size_t paths = 1000;
};

}  // namespace

Runner add_sensitivity(CLI::App& app) {
    auto a = std::make_shared<SensitivityArgs>();
    CLI::App* sub = app.add_subcommand(
        "sensitivity", "Tornado and spider of a metric over parameter ranges, and rank correlations from a simulation");
    add_run_options(sub, *a, {"table", "json", "csv", "markdown", "svg"});
    sub->add_option("--metric", a->metric, "The metric, e.g. chain.npv_musd, plant.sep-1.lcop_usd_per_kg")
        ->capture_default_str();
    sub->add_option("--vary", a->vary,
                    "PATH=LO:HI (repeatable; PATH alone takes a default range); default: every [[uncertain]] "
                    "input over its 10th to 90th percentile");
    sub->add_option("--points", a->points, "Points on each spider line")
        ->check(CLI::Range(std::size_t{3}, std::size_t{41}))
        ->capture_default_str();
    sub->add_option("-n,--paths", a->paths, "Simulation paths for the rank correlations (0: none)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{10000000}))
        ->capture_default_str();
    add_sampling_options(sub, *a, "Seed of the simulation");
    a->checks_correlations = true;
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        check_metric(plan, a->metric, "--metric");
        sim::SensitivityOptions o;
        o.metric = a->metric;
        for (const auto& v : a->vary) o.vary.push_back(parse_vary(plan, v, "--vary"));
        if (o.vary.empty() && plan.uncertain.empty())
            throw model::UsageError("nothing to vary: the file has no [[uncertain]] inputs; give --vary PATH=LO:HI");
        if (a->paths == 1) throw model::UsageError("--paths: a rank correlation needs at least 2 paths (or 0 for none)");
        check_simulation_setup(plan, a->repair);
        o.spider_points = a->points;
        o.paths = a->paths;
        o.seed = a->seed;
        o.threads = a->threads ? a->threads : default_threads();
        o.repair_correlation = a->repair;
        const sim::SensitivityResult r = sim::sensitivity(plan, o);
        const report::RunInfo info = run_info(*a, plan);
        std::string text;
        if (a->format == "json") text = report::render_sensitivity_json(r, info);
        else if (a->format == "csv") text = report::render_sensitivity_csv(r, info);
        else if (a->format == "markdown") text = report::render_sensitivity_markdown(r, info);
        else if (a->format == "svg") text = report::render_sensitivity_svg(r, info);
        else text = report::render_sensitivity_table(r, info, report::TableOptions{a->color(), false});
        write_output(a->output, text);
        return Ok;
    };
}

}  // namespace reeplan::cli
