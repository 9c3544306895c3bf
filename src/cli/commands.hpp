#pragma once
/// The subcommands of `reeplan`. Each file adds one subcommand to the app and returns the
/// function that runs it once the command line is parsed. Only this folder prints.

#include "model/plan.hpp"
#include "report/render.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace reeplan::cli {

/// Exit statuses (man/reeplan.1, EXIT STATUS).
enum Exit : int { Ok = 0, Failure = 1, Usage = 2, BadInput = 3, OutputFailed = 4 };

using Runner = std::function<int()>;

/// The options every report command shares: the input, its scenario and overrides, and where
/// and how the report goes.
struct RunArgs {
    std::string file;
    std::string format = "table";
    std::string output;
    std::string scenario;
    std::vector<std::string> sets;
    /// The command checks the [[correlation]] entries itself (it may repair them); otherwise
    /// load_run_plan rejects a set of rank correlations that cannot hold together.
    bool checks_correlations = false;
    std::string scenario_name() const { return scenario.empty() ? "base" : scenario; }
    /// Colour only on a terminal, never into a file, never with NO_COLOR.
    bool color() const;
};

/// FILE, --format (one of `formats`), --output, --scenario and --set.
void add_run_options(CLI::App* sub, RunArgs& a, const std::vector<std::string>& formats);

/// The options of the commands that sample paths (simulate, sensitivity): the seed, the
/// threads and whether an inconsistent set of rank correlations is repaired.
struct SamplingArgs {
    std::uint64_t seed = 1;
    unsigned threads = 0;  ///< 0: every core
    bool repair = false;
};

/// --seed (described by `seed_help`), -j/--threads and --repair-correlation.
void add_sampling_options(CLI::App* sub, SamplingArgs& a, const std::string& seed_help);

/// Reads FILE, then applies --scenario and every --set (model::InputError on any problem), and
/// checks that the rank correlations can hold together unless the command does.
model::Plan load_run_plan(const RunArgs& a);

/// What the report says of the run: path, SHA-256 of the input, project, scenario, overrides.
report::RunInfo run_info(const RunArgs& a, const model::Plan& plan);

Runner add_plan(CLI::App& app);
Runner add_validate(CLI::App& app);
Runner add_init(CLI::App& app);
Runner add_compare(CLI::App& app);
Runner add_timeline(CLI::App& app);
Runner add_wacc(CLI::App& app);
Runner add_premium(CLI::App& app);
Runner add_simulate(CLI::App& app);
Runner add_merge(CLI::App& app);
Runner add_sensitivity(CLI::App& app);
Runner add_solve(CLI::App& app);

/// Writes `text` to `path` atomically (a temporary file beside it, then rename), so a failed run
/// never leaves a partial file. "-" or empty writes to stdout. Throws std::runtime_error.
void write_output(const std::string& path, const std::string& text);

/// Prints each line to stderr as "reeplan: warning: ...".
void warn(const std::vector<std::string>& lines);

/// True when colour may be used on stdout: a terminal and NO_COLOR unset or empty.
bool stdout_wants_color();

}  // namespace reeplan::cli
