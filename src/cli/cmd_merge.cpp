#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "model/error.hpp"
#include "report/shard.hpp"
#include "sim/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

namespace reeplan::cli {

namespace {

struct MergeArgs {
    std::vector<std::string> shards;
    std::string format = "table";
    std::string output;
    unsigned threads = 0;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw model::InputError({model::Diagnostic{model::SourcePos{path, 0, 0}, "", what}});
}

report::DecodedShard read_shard(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot read the shard");
    std::ostringstream s;
    s << in.rdbuf();
    return report::decode_shard(s.str(), path);
}

/// The first field in which `b` differs from `a`, for the message; empty when they agree.
std::string mismatch(const report::ShardHeader& a, const report::ShardHeader& b) {
    if (a.version != b.version) return "reeplan version " + b.version + " against " + a.version;
    if (a.input_sha256 != b.input_sha256) return "another input file (SHA-256 differs)";
    if (a.scenario != b.scenario) return "scenario \"" + b.scenario + "\" against \"" + a.scenario + "\"";
    if (a.sets != b.sets) return "other --set overrides";
    if (a.seed != b.seed) return fmt::format("seed {} against {}", b.seed, a.seed);
    if (a.paths != b.paths) return fmt::format("--paths {} against {}", b.paths, a.paths);
    if (a.shards != b.shards) return fmt::format("{} slices against {}", b.shards, a.shards);
    if (a.metric != b.metric) return "--metric " + b.metric + " against " + a.metric;
    if (a.lcop != b.lcop) return "--no-lcop given to one and not the other";
    if (a.repair_correlation != b.repair_correlation) return "--repair-correlation given to one and not the other";
    if (a.columns != b.columns) return "other columns";
    return "";
}

}  // namespace

Runner add_merge(CLI::App& app) {
    auto a = std::make_shared<MergeArgs>();
    CLI::App* sub = app.add_subcommand(
        "merge", "Combine the slices of a sharded simulation (simulate, one shard K/N each) into the report of the whole run");
    sub->add_option("SHARD", a->shards, "Shard files, one per slice, in any order")->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "json", "csv", "markdown", "svg"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-j,--threads", a->threads, "Threads for the statistics (default: every core)")
        ->check(CLI::Range(1u, 1024u));
    return [a]() {
        std::vector<report::DecodedShard> parts;
        for (const auto& path : a->shards) parts.push_back(read_shard(path));
        std::vector<std::size_t> order(parts.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return parts[x].header.shard < parts[y].header.shard; });
        const report::ShardHeader& h = parts[order.front()].header;
        for (std::size_t i : order)
            if (std::string why = mismatch(h, parts[i].header); !why.empty())
                fail(a->shards[i], "does not belong with " + a->shards[order.front()] + ": " + why);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const report::ShardHeader& s = parts[order[k]].header;
            if (s.shard != k + 1) {
                const std::size_t expected = k + 1;
                if (s.shard == k) fail(a->shards[order[k]], fmt::format("repeats slice {}/{}", s.shard, s.shards));
                throw model::UsageError(fmt::format("slice {}/{} is missing; expected every slice 1 to {}", expected,
                                                    h.shards, h.shards));
            }
        }
        if (order.size() != h.shards)
            throw model::UsageError(fmt::format("slice {}/{} is missing; expected every slice 1 to {}", order.size() + 1,
                                                h.shards, h.shards));
        if (io::sha256_hex(h.input_text) != h.input_sha256)
            fail(a->shards[order.front()], "the input text it carries does not match its SHA-256");

        model::Plan plan = io::parse_plan(h.input_text, h.input_path);
        if (!h.scenario.empty()) io::apply_scenario(plan, h.scenario);
        if (!h.sets.empty()) io::apply_sets(plan, h.sets);
        const std::vector<std::string> setup_warnings = check_simulation_setup(plan, h.repair_correlation);

        sim::SimOptions so;
        so.seed = h.seed;
        so.paths = h.paths;
        so.threads = a->threads ? a->threads : default_threads();
        so.repair_correlation = h.repair_correlation;
        so.eval.lcop = h.lcop;
        const sim::Simulation simulation(plan, so);
        if (simulation.columns() != h.columns)
            fail(a->shards[order.front()], "its columns are not the ones this version computes for the input");

        sim::Samples all;
        all.width = h.columns.size();
        all.values.reserve(h.paths * all.width);
        for (std::size_t i : order) {
            const sim::Samples& s = parts[i].samples;
            if (s.first_path != all.paths)
                fail(a->shards[i], fmt::format("starts at path {}; expected {}", s.first_path, all.paths));
            all.values.insert(all.values.end(), s.values.begin(), s.values.end());
            all.paths += s.paths;
            parts[i].samples.values = {};
        }
        sim::SummaryOptions sum;
        sum.histogram_metric = h.metric;
        sum.requested_paths = h.paths;
        sim::SimulationResult result = sim::summarize(simulation, all, sum);
        result.warnings = setup_warnings;
        const report::RunInfo info{h.input_path, h.input_sha256, plan.project.name,
                                   h.scenario.empty() ? "base" : h.scenario, h.sets};
        write_output(a->output, render_simulation(result, info, a->format, a->output.empty() && stdout_wants_color()));
        return Ok;
    };
}

}  // namespace reeplan::cli
