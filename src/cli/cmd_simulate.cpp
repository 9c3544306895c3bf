#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "model/error.hpp"
#include "report/shard.hpp"
#include "report/sim_report.hpp"
#include "sim/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

namespace reeplan::cli {

namespace {

struct SimulateArgs : RunArgs, SamplingArgs {
    std::size_t paths = 10000;
    std::string shard;
    std::optional<double> precision;
    std::string metric = "chain.npv_musd";
    bool no_lcop = false;
    bool quiet = false;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw model::InputError({model::Diagnostic{model::SourcePos{path, 0, 0}, "", "cannot read the file"}});
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// "K/N" with 1 ≤ K ≤ N ≤ paths.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text, std::size_t paths) {
    std::size_t k = 0, n = 0;
    char slash = 0, extra = 0;
    std::istringstream in(text);
    if (!(in >> k >> slash >> n) || slash != '/' || (in >> extra) || k < 1 || n < 1 || k > n)
        throw model::UsageError(fmt::format("--shard: \"{}\" is not a slice; expected K/N with 1 <= K <= N, e.g. 2/8", text));
    if (n > paths)
        throw model::UsageError(fmt::format("--shard: {} slices of {} paths leave some empty; expected N <= --paths", n, paths));
    return {k, n};
}

}  // namespace

Runner add_simulate(CLI::App& app) {
    auto a = std::make_shared<SimulateArgs>();
    CLI::App* sub = app.add_subcommand(
        "simulate", "Monte Carlo over the [[uncertain]] inputs and the [[risk]] events: distributions of every metric");
    add_run_options(sub, *a, {"table", "json", "csv", "markdown", "svg"});
    sub->add_option("-n,--paths", a->paths, "Paths to evaluate (with --precision: at most this many)")
        ->check(CLI::Range(std::size_t{2}, std::size_t{100000000}))
        ->capture_default_str();
    add_sampling_options(sub, *a, "Seed: the same seed gives the same result, on any number of threads");
    sub->add_option("--shard", a->shard, "Run only slice K of N of the paths and write it for `reeplan merge`");
    sub->add_option("--precision", a->precision,
                    "Stop once the 95 % interval of the mean of --metric is narrower than this (in its units)")
        ->check(CLI::PositiveNumber);
    sub->add_option("--metric", a->metric, "Metric of --precision and of the second histogram, e.g. plant.sep-1.irr")
        ->capture_default_str();
    sub->add_flag("--no-lcop", a->no_lcop, "Skip the levelized costs (two root searches per plant and path)");
    sub->add_flag("-q,--quiet", a->quiet, "No progress bar");
    a->checks_correlations = true;
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        check_metric(plan, a->metric, "--metric");
        if (!a->shard.empty() && a->precision)
            throw model::UsageError("--shard and --precision cannot be combined: a slice cannot know when the whole run is precise enough");
        if (!a->shard.empty() && a->format != "table")
            throw model::UsageError("--shard writes a slice for `reeplan merge`, not a report; leave out --format");
        const std::vector<std::string> setup_warnings = check_simulation_setup(plan, a->repair);

        sim::SimOptions so;
        so.seed = a->seed;
        so.paths = a->paths;
        so.threads = a->threads ? a->threads : default_threads();
        so.repair_correlation = a->repair;
        so.eval.lcop = !a->no_lcop;
        const sim::Simulation simulation(plan, so);

        std::size_t first = 0, count = a->paths, k = 0, n = 0;
        if (!a->shard.empty()) {
            std::tie(k, n) = parse_shard(a->shard, a->paths);
            first = (k - 1) * a->paths / n;
            count = k * a->paths / n - first;
        }
        sim::Samples samples;
        std::optional<sim::PrecisionRule> rule;
        {
            ProgressBar bar(!a->quiet);
            rule = run_paths(simulation, first, count, a->precision, a->metric, samples, bar);
        }
        if (!a->shard.empty()) {
            report::ShardHeader h;
            h.version = report::version();
            h.input_path = a->file;
            h.input_text = read_file(a->file);
            h.input_sha256 = io::sha256_hex(h.input_text);
            h.scenario = a->scenario;
            h.sets = a->sets;
            h.seed = a->seed;
            h.paths = a->paths;
            h.shard = k;
            h.shards = n;
            h.metric = a->metric;
            h.lcop = so.eval.lcop;
            h.repair_correlation = a->repair;
            h.columns = simulation.columns();
            write_output(a->output, report::encode_shard(h, samples));
            return Ok;
        }
        sim::SummaryOptions sum;
        sum.histogram_metric = a->metric;
        sum.precision = rule;
        sum.requested_paths = a->paths;
        sim::SimulationResult result = sim::summarize(simulation, samples, sum);
        result.warnings = setup_warnings;
        write_output(a->output, render_simulation(result, run_info(*a, plan), a->format, a->color()));
        return Ok;
    };
}

}  // namespace reeplan::cli
