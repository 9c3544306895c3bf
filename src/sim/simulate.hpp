#pragma once
/// Monte Carlo over the `[[uncertain]]` inputs and the `[[risk]]` events: each path draws every
/// input (through the Gaussian copula of the `[[correlation]]` entries), samples every risk,
/// evaluates the whole model once (sim::Evaluator, double engine), and stores one row.
///
/// Reproducible however the work is split: every draw is a pure function of (seed, path, stream)
/// (policy::counter_uniform), where the stream of an input is stream_key("uncertain:" + param)
/// and the stream of a risk is its id (policy::sample_risk). Rows are written at their path's
/// place, and statistics are computed afterwards in path order, so the result does not depend on
/// the number of threads, and shards concatenated in order equal one run.

#include "model/plan.hpp"
#include "sim/distribution.hpp"
#include "sim/engine.hpp"
#include "sim/lcop_start.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace reeplan::sim {

/// A problem with the simulation's inputs that the reader cannot see (it needs the whole
/// correlation matrix), reported at `path` ("correlation[0].rank").
struct SetupProblem {
    std::string path;
    std::string message;
};

/// Whether the plan can be simulated: the rank correlations must form a positive definite
/// matrix after the transform to the copula's correlations (sim/copula.hpp). With `repair`, a
/// matrix that is not is replaced by the nearest valid one and the change is a warning instead.
struct SetupCheck {
    std::vector<SetupProblem> errors;
    std::vector<std::string> warnings;
};
SetupCheck check_setup(const model::Plan& plan, bool repair);

struct SimOptions {
    std::uint64_t seed = 1;
    std::size_t paths = 10000;
    unsigned threads = 1;
    bool repair_correlation = false;
    EvalOptions eval;
};

/// The allocator of stored rows: growing the storage leaves the new doubles unwritten, where
/// std::allocator would clear them. Every row is written in full by the thread that evaluates
/// its path, which so also maps the row's memory first, instead of one thread clearing all of
/// it before any path starts.
template <class T> struct RowAllocator : std::allocator<T> {
    using value_type = T;
    RowAllocator() = default;
    template <class U> RowAllocator(const RowAllocator<U>&) noexcept {}
    template <class U> struct rebind {
        using other = RowAllocator<U>;
    };
    /// Construction without arguments: none (default-initialization; a double stays unwritten).
    template <class U> void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... A> void construct(U* p, A&&... a) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
    }
};
template <class T, class U> bool operator==(const RowAllocator<T>&, const RowAllocator<U>&) { return true; }

/// Sampled values, paths × width, row-major.
using RowStorage = std::vector<double, RowAllocator<double>>;

/// Stored rows of a range of paths: path first_path + r is row r. Each row holds the
/// Evaluator's columns, then the value drawn for each `[[uncertain]]` input (file order).
struct Samples {
    std::size_t first_path = 0;
    std::size_t paths = 0;
    std::size_t width = 0;
    RowStorage values;  ///< paths × width, row-major; NaN where a metric does not exist
    const double* row(std::size_t r) const { return values.data() + r * width; }
};

/// Called after each block of paths with (paths done, paths in the run), from the calling thread.
using Progress = std::function<void(std::size_t, std::size_t)>;

class Simulation {
public:
    /// `plan` must have passed check_setup (with the same `repair`).
    Simulation(const model::Plan& plan, SimOptions options);
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    const model::Plan& plan() const { return plan_; }
    const SimOptions& options() const { return options_; }
    /// Names of a row's entries: the Evaluator's columns, then "input.<param>" per input.
    const std::vector<std::string>& columns() const { return columns_; }
    const Evaluator& evaluator() const { return layout_; }
    std::size_t width() const { return columns_.size(); }
    /// The value of each input in the plan as given (a series: its value in base_year).
    const std::vector<double>& base_values() const { return base_values_; }

    /// Evaluates paths [first, first + count) on options().threads threads and appends their rows
    /// to `out` (whose first_path + paths must equal `first`, or which must be empty).
    void run(std::size_t first, std::size_t count, Samples& out, const Progress& progress = {}) const;

    /// Draws the inputs of path `path` into `values` (one per input): for tests and sensitivity.
    void draw_inputs(std::size_t path, double* values) const;

private:
    struct Worker;
    void run_block(Worker& w, std::size_t first, std::size_t count, double* rows) const;
    /// Draws path `path`'s inputs into `values`, with `z` and `u` as scratch (one per input).
    void draw_into(std::size_t path, double* z, double* u, double* values) const;

    model::Plan plan_;
    SimOptions options_;
    Evaluator layout_;  ///< the columns (it evaluates nothing)
    /// The plan with every input at its median, and how the LCOP searches' starts follow the
    /// inputs from there (options.eval.lcop only: without it, no plan and no model)
    std::optional<model::Plan> center_;
    LcopStartModel lcop_starts_;
    std::vector<std::string> columns_;
    std::vector<double> base_values_;
    std::vector<std::uint64_t> streams_;
    std::vector<InverseCdf> inverse_cdfs_;  ///< per input, prepared once: draws read them from every thread
    struct CopulaHolder;
    std::unique_ptr<CopulaHolder> copula_;
};

/// Sets parameter `path` of `plan` to `value`, the way `[[scenario]].set` and `--set` do (input
/// format §3, "Parameter paths": one path names a number the same way everywhere): a number
/// takes the value, a series becomes the constant `value`. Returns false when the path names
/// nothing.
bool set_param(model::Plan& plan, const std::string& path, double value);

/// The value of parameter `path` in `plan` (a series: its base-year value); empty when unknown.
std::optional<double> get_param(const model::Plan& plan, const std::string& path);

}  // namespace reeplan::sim
