#pragma once
/// Renderers of `reeplan simulate`, `reeplan sensitivity` and `reeplan solve`. Each returns the
/// whole report as a string; only src/cli/ prints. Metric names and units are the output
/// contract's (../shared/spec/output-contract.md): `_musd` million USD, `irr` and shares plain
/// fractions, `_year` calendar years.
///
/// Every view reads a metric's unit from its name (the last component of a path such as
/// `chain.npv_musd` or `plant.sep-1.capex_musd`): money with one decimal and thousands
/// separators, rates and shares in percent, calendar years as integers (one decimal when a
/// statistic falls between years), DSCR with two decimals. JSON and CSV carry full precision.

#include "report/render.hpp"
#include "sim/sim_result.hpp"

#include <string>

namespace reeplan::report {

// ---- simulate -------------------------------------------------------------------------------

/// The terminal report, readable at 100 columns: the run (input, scenario, paths, seed, shard,
/// precision rule), the inputs drawn (param, dist, base, mean, p5, p95), the risks sampled, one
/// table of metric statistics per plant and for the chain (mean, sd, p5, p10, p50, p90, p95,
/// standard error; a metric missing on some paths is starred and counted below its table),
/// P(NPV < 0) per plant and for the chain, P(independent by the target year), then warnings and
/// notes. Bold headings only when opt.color.
std::string render_simulation_table(const sim::SimulationResult& result, const RunInfo& info, const TableOptions& opt);

/// JSON: the plan's header (reeplan_version, output_format, input, scenario, sets), then
/// `distribution` {paths, seed, requested_paths, shard (only for a slice), precision (only with
/// a rule), inputs, risks, plants, chain (metrics, p_npv_negative, p_independent_by_target,
/// target_year, fans), histograms}, `notes` and `warnings`. Each metric's statistics are
/// {mean, sd, p5, p10, p50, p90, p95, standard_error, min, max, count, missing}; with count 0
/// every statistic but count and missing is null (sd and standard_error also with count 1: the
/// sample standard deviation divides by n − 1), and so is any value that is not finite. Full
/// precision, keys in a fixed order: the same result gives the same bytes.
std::string render_simulation_json(const sim::SimulationResult& result, const RunInfo& info);

/// Long-format CSV `scope,metric,year,statistic,value`, full precision. scope is "run" (paths,
/// seed, requested_paths, shard, precision), a plant id, "chain", "input:<param>" (metrics dist,
/// base_value and drawn) or "histogram" (metric the histogram's; statistics lo, width, bin_<k>
/// as counts, mean, p5…p95); year is empty except on the fan rows (scope "chain", metric the
/// fan's series, statistics p5…p95 and mean). Metric statistics are mean, sd, p5…p95,
/// standard_error, min, max, count, missing; those that do not exist (no path has the metric,
/// or one path for sd and standard_error) are left out, count and missing always appear.
std::string render_simulation_csv(const sim::SimulationResult& result, const RunInfo& info);

/// Markdown for CI job summaries: heading, a summary line (paths, seed), the chain's metrics,
/// P(NPV < 0) and P(independent by the target year), a table per plant (mean, p10, p50, p90),
/// and the fans of the fully domestic share and cumulative capex by year (p10, p50, p90).
std::string render_simulation_markdown(const sim::SimulationResult& result, const RunInfo& info);

/// One self-contained SVG: a histogram per entry of result.histograms (one bar per bin, the mean
/// and p5/p50/p95 marked and labelled) and a fan chart per entry of chain.fans (p5–p95 band,
/// p10–p90 band, p50 line). No fonts, scripts or stylesheets from outside; two-decimal
/// coordinates; the same result gives the same bytes.
std::string render_simulation_svg(const sim::SimulationResult& result, const RunInfo& info);

// ---- sensitivity ----------------------------------------------------------------------------

/// The terminal report: the tornado (param, low → high input, metric at each, swing) in the
/// result's order, the spider as a table (param × change), and the rank correlations with a bar
/// of ±10 characters. Readable at 100 columns.
std::string render_sensitivity_table(const sim::SensitivityResult& result, const RunInfo& info, const TableOptions& opt);

/// JSON: the header, then `sensitivity` {metric, base_metric, tornado, spider,
/// rank_correlations, paths, seed} and `notes` (why a value is null).
std::string render_sensitivity_json(const sim::SensitivityResult& result, const RunInfo& info);

/// Long-format CSV `section,param,point,field,value`: section "run" (metric, base_metric, paths,
/// seed), "tornado" (base_value, lo_value, hi_value, metric_at_lo, metric_at_hi, swing),
/// "spider" (point = index; input_value, change, metric) and "rank" (spearman). A value that does
/// not exist is left out.
std::string render_sensitivity_csv(const sim::SensitivityResult& result, const RunInfo& info);

/// Markdown: the tornado, the spider and the rank correlations as tables.
std::string render_sensitivity_markdown(const sim::SensitivityResult& result, const RunInfo& info);

/// One self-contained SVG: the tornado (bars from the base metric to the metric at each input's
/// low and high value, in two colours), the spider (metric against change in percent, a line per
/// input) and, when there are any, the rank correlations as bars.
std::string render_sensitivity_svg(const sim::SensitivityResult& result, const RunInfo& info);

// ---- goal seek ------------------------------------------------------------------------------

/// The root, the metric there, the range and the metric at its ends, the evaluations; or "no
/// root in [lo, hi]" with the metric at both ends and the reason; or, for a step function (a
/// year), where the metric jumps across the target.
std::string render_solve_table(const sim::SolveResult& result, const RunInfo& info, const TableOptions& opt);

/// JSON: the header, then `solve` {param, metric, target, lo, hi, base_value, metric_at_lo,
/// metric_at_hi, root, metric_at_root, jump, evaluations, reason} and `notes` (why a value is
/// null). reason is null when there is a root.
std::string render_solve_json(const sim::SolveResult& result, const RunInfo& info);

}  // namespace reeplan::report
