#pragma once
/// Renderers of `reeplan timeline`: the build-out schedule of every plant (a Gantt chart with the
/// critical path), the chain's coverage year by year, the partial build-out diagnostics, the
/// delay economics and the capital deployment. Each returns the whole report as a string; only
/// src/cli/ prints. Tonnes, real base-year million USD, decimal calendar years, as in
/// chain/chain_result.hpp.

#include "finance/plan_finance.hpp"
#include "chain/chain_result.hpp"
#include "model/plan.hpp"
#include "report/render.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::report {

/// What `reeplan timeline` computes (src/cli/cmd_timeline.cpp): the balance against the
/// independence target year (with its critical path), one year of delay per phase, and the
/// capital deployment.
struct ChainTimeline {
    chain::ChainBalance balance;
    chain::DelayEffects delays;
    chain::CapitalDeployment deployment;
    /// NPV changes of the same delays (finance::delay_npv_effects), aligned with delays.phases;
    /// empty when not computed.
    std::vector<finance::DelayNpv> delay_npv;
};

/// The terminal report: Gantt chart (█ and eighth blocks ▏▎▍▌▋▊▉, at least four cells a year;
/// critical phases marked `*`, and bold with colour), the CPM schedule, coverage by year,
/// imports by year, the diagnostics in words, the milestones, the delay economics and the capital
/// deployment. Readable at 100 columns; colour by phase only when opt.color.
std::string render_timeline_table(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info,
                                  const TableOptions& opt);

/// A self-contained SVG (no external fonts, scripts or stylesheets): the Gantt chart (critical
/// phases outlined) and the coverage chart (per stage, fully domestic share, the independence
/// target). Coordinates have two decimals; no timestamps, so the same input gives the same bytes.
std::string render_timeline_svg(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info);

/// Markdown for CI job summaries: a Mermaid `gantt` block (dates from decimal years by
/// year_to_date), tables of coverage by year and the diagnostics.
std::string render_timeline_markdown(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info);

/// JSON with the output contract's `chain` block (first_domestic_output_year, independence_year,
/// years[] with capex_musd, capex_by_stage_musd, production_t, coverage, fully_domestic_share,
/// stranded_capacity_t, bottleneck_stage) and extra fields: imports, dependence runs, the
/// critical path with floats, delay effects and deployment. Full precision, null for a value that
/// does not exist (with notes.<metric> for chain-level ones), never NaN.
std::string render_timeline_json(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info);

/// Long-format CSV `entity,year,metric,value`: entity is "chain", a stage, a material, a plant,
/// or "plant.phase" for a schedule activity; chain-level and activity metrics have an empty year.
/// bottleneck_stage carries the stage name as its value.
std::string render_timeline_csv(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info);

/// A decimal calendar year as an ISO date: day-of-year = round(fraction × 365) days after
/// 1 January (half away from zero), so 2026.25 is 2026-04-02 and 2026.999 is 2027-01-01.
std::string year_to_date(double year);

/// The partial build-out in sentences, in this order: import dependence runs by stage
/// ("alloying depends on imported ndpr_oxide 2028–2032: 8,460 t (634.5 MUSD)"), stranded
/// capacity runs by stage ("fabrication stranded 2028–2031: 5,069 t, peak idle capex
/// 512 MUSD"), critical inputs no plant produces. Empty when the chain is balanced throughout.
std::vector<std::string> timeline_diagnostics(const model::Plan& plan, const ChainTimeline& tl);

namespace timeline_detail {

/// Thousands separators: 1234567.8 → "1,234,567.8" (`decimals` after the point).
std::string grouped(double v, int decimals);

/// "2028–2032", or "2028" when first == last.
std::string year_span(int first, int last);

/// One flag per activity of tl.balance.schedule.network: on a critical path to the deadline.
std::vector<bool> critical_activities(const ChainTimeline& tl);

/// The Gantt chart's calendar span [first, end): from the floor of the earliest permitting
/// start to the ceiling of the last nameplate + 1 year. {0, 0} with no plants.
struct YearSpan {
    int first = 0;
    int end = 0;
};
YearSpan gantt_span(const ChainTimeline& tl);

/// The deployment year of `year`, or nullptr.
const chain::DeploymentYear* deployment_at(const chain::CapitalDeployment& d, int year);

/// Materials some plant of the plan produces, in balance order (indices into balance.materials).
std::vector<std::size_t> produced_materials(const model::Plan& plan, const chain::ChainBalance& b);

}  // namespace timeline_detail

}  // namespace reeplan::report
