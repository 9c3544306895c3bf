#pragma once
/// What `simulate`, `merge`, `sensitivity` and `solve` share on the command line: checking a
/// plan for simulation, naming metrics, the progress bar, and running paths to a precision.

#include "model/plan.hpp"
#include "report/render.hpp"
#include "sim/sim_result.hpp"
#include "sim/sensitivity.hpp"
#include "sim/simulate.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::cli {

/// sim::check_setup, its errors thrown as model::InputError at their place in the file and its
/// warnings printed (and returned, for the report).
std::vector<std::string> check_simulation_setup(const model::Plan& plan, bool repair);

/// Threads when --threads is not given: every core.
unsigned default_threads();

/// The simulate report in `format` (table, json, csv, markdown, svg).
std::string render_simulation(const sim::SimulationResult& r, const report::RunInfo& info, const std::string& format,
                              bool color);

/// Throws model::UsageError unless `metric` names a metric of the plan ("chain.npv_musd",
/// "plant.<id>.<metric>"), with a did-you-mean. `option` names the option in the message.
void check_metric(const model::Plan& plan, const std::string& metric, const std::string& option);

/// A whole finite number (std::from_chars), else model::UsageError naming `what`.
double parse_number(const std::string& text, const std::string& what);

/// `--vary PATH=LO:HI` (or PATH alone: sim::default_range). Throws model::UsageError for an
/// unknown path (did-you-mean), a bad number, LO ≥ HI, or a plan out of range at either end.
sim::VaryRange parse_vary(const model::Plan& plan, const std::string& text, const std::string& option);

/// A progress bar on stderr, drawn only when stderr is a terminal and `enabled`.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    void update(std::size_t done, std::size_t total);

private:
    bool on_ = false;
    int last_ = -1;
};

/// Paths per round of a run to a precision: the stopping rule is checked after each round.
inline constexpr std::size_t kPrecisionRound = 1000;

/// Runs `paths` paths of `sim` starting at `first`; with `precision`, in rounds of
/// kPrecisionRound paths from path 0 until the 95 % interval of the mean of `metric` is narrower
/// than it (or `paths` are done). Returns the rule's outcome when a precision was given.
std::optional<sim::PrecisionRule> run_paths(const sim::Simulation& sim, std::size_t first, std::size_t paths,
                                            std::optional<double> precision, const std::string& metric,
                                            sim::Samples& out, ProgressBar& bar);

}  // namespace reeplan::cli
