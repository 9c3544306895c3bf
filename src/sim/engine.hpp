#pragma once
/// One evaluation of the whole model in the `double` engine — schedule, mass balance, every
/// plant's ledger and the chain totals — flattened into a row of numbers, the unit of work of
/// `simulate`, `sensitivity` and `solve`.
///
/// A row holds, in this order (Evaluator::columns names each entry):
///  1. per plant, in file order, the contract's plant metrics (kPlantMetrics);
///  2. the chain metrics (kChainMetrics);
///  3. per fan series (kFanSeries) one value per calendar year base_year … end_year.
/// A metric that does not exist (an IRR without a sign change, an independence year beyond
/// end_year, coverage with no requirement) is NaN in the row; NaN never leaves src/sim (the
/// statistics count it as missing).

#include "finance/plan_finance.hpp"
#include "model/plan.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reeplan::sim {

/// Plant metrics, output contract names (finance::Metrics).
inline constexpr std::array<std::string_view, 9> kPlantMetrics{
    "npv_musd", "equity_npv_musd", "irr",      "equity_irr", "mirr", "lcop_usd_per_kg", "lcop_unsupported_usd_per_kg",
    "min_dscr", "payback_year"};
/// Where the two levelized costs sit among kPlantMetrics.
inline constexpr std::size_t kLcopMetric = 5, kLcopUnsupportedMetric = 6;
static_assert(kPlantMetrics[kLcopMetric] == "lcop_usd_per_kg" &&
              kPlantMetrics[kLcopUnsupportedMetric] == "lcop_unsupported_usd_per_kg");
/// Chain metrics, output contract names (finance::ChainResult).
inline constexpr std::array<std::string_view, 4> kChainMetrics{"capex_musd", "npv_musd", "first_domestic_output_year",
                                                               "independence_year"};
/// Yearly series summarized as fans: the fully domestic share of final demand, each stage's
/// coverage (chain::StageYear::coverage), and capital spent to date (nominal MUSD, Σ ledger capex
/// of every plant up to and including the year; spending before base_year counts in base_year).
inline constexpr std::array<std::string_view, 5> kFanSeries{"fully_domestic_share", "coverage.refining",
                                                            "coverage.alloying", "coverage.fabrication",
                                                            "cumulative_capex_musd"};

struct EvalOptions {
    /// Solve the two levelized costs on every evaluation (each is a root search over the
    /// output price, several ledger runs per plant).
    bool lcop = true;
};

/// Evaluates plans that share the structure of the plan it was built from (same plants,
/// materials, supports, years): the same plan with other numbers. Keeps scratch space between
/// calls; use one Evaluator per thread.
///
/// A row depends only on the plan evaluated, the plans the Evaluator was built from and the
/// start shifts it is given, never on what it evaluated before: the levelized costs are searched
/// (finance::detail::lcop_near) from those of the plan it was built from (or `starts_from`),
/// solved once when it is built.
class Evaluator {
public:
    /// With options.lcop, solves the levelized costs of `plan` (the reference search,
    /// finance::detail::lcop_root_from_scratch) as the starts of later searches.
    ///
    /// The row's layout (plants, years) is `plan`'s. `starts_from`, when given, is a plan of the
    /// same plants whose levelized costs start the searches instead (sim::LcopStartModel's centre).
    Evaluator(const model::Plan& plan, EvalOptions options, const model::Plan* starts_from = nullptr);

    /// Full names of the row's entries: "plant.<id>.<metric>", "chain.<metric>",
    /// "fan.<series>.<year>".
    const std::vector<std::string>& columns() const { return columns_; }
    std::size_t width() const { return columns_.size(); }
    std::size_t scalar_count() const { return scalars_; }
    int first_year() const { return first_year_; }
    int last_year() const { return last_year_; }
    std::size_t year_count() const { return static_cast<std::size_t>(last_year_ - first_year_ + 1); }
    /// Index of a scalar metric's column ("chain.npv_musd", "plant.sep-1.irr"); empty when unknown.
    std::optional<std::size_t> index_of(std::string_view metric) const;
    /// The scalar metric names (what `--metric` accepts), in row order.
    std::vector<std::string> metric_names() const;
    /// Index of a fan series' first year.
    std::size_t fan_offset(std::size_t series) const { return scalars_ + series * year_count(); }

    /// Evaluates `plan` into `row` (width() entries). `start_shifts`, when given, holds per LCOP
    /// search (2 × plant + 0 with supports, 1 without) how far from the start solved when the
    /// Evaluator was built the search begins (sim::LcopStartModel); without it the supported
    /// search begins at that start and the unsupported one moves as far as the supported one
    /// moved. Where a search begins changes the runs it takes, not the root it finds beyond its
    /// tolerance.
    void evaluate(const model::Plan& plan, double* row, const double* start_shifts = nullptr);
    /// Convenience: one metric of `plan`; empty when it does not exist.
    std::optional<double> metric(const model::Plan& plan, std::size_t column);

private:
    /// One levelized cost of plant `plant` of the plan last evaluated (with or without supports),
    /// searched from `from`; the reference search when there is none.
    std::optional<double> lcop(std::size_t plant, bool with_supports, const std::optional<finance::detail::LcopStart>& from);

    EvalOptions options_;
    std::size_t plants_ = 0;
    std::size_t scalars_ = 0;
    int first_year_ = 0;
    int last_year_ = 0;
    std::vector<std::string> columns_;
    std::vector<double> scratch_row_;
    finance::PlanScratch scratch_;
    std::vector<double> cumulative_;
    /// Per plant, with supports then without: where its LCOP searches start (empty: the plan
    /// the Evaluator was built from has no LCOP there).
    std::vector<std::optional<finance::detail::LcopStart>> lcop_starts_;
    /// Storage of the LCOP searches' ledger runs.
    finance::Ledger<double> lcop_ledger_;
    finance::LedgerBuffers<double> lcop_buffers_;
};

/// The options that compute `metric` (a full metric path) and no more: the levelized costs only
/// for an LCOP metric.
EvalOptions options_for(std::string_view metric);

/// Whether a metric or parameter path counts calendar years (its name ends in "_year").
bool is_year_metric(std::string_view metric);

/// Plant metric index (into kPlantMetrics) of a name; empty when unknown.
std::optional<std::size_t> plant_metric_index(std::string_view name);

}  // namespace reeplan::sim
