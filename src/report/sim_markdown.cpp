// `reeplan simulate --format markdown`: tables for CI job summaries.

#include "report/detail/sim_text.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace reeplan::report {

namespace {

using namespace detail;

/// A table of mean, p10, p50, p90 (and the paths lacking each metric when any does).
void metric_table(std::string& out, const std::vector<sim::MetricSummary>& ms) {
    if (ms.empty()) {
        out += "No metrics.\n";
        return;
    }
    const bool missing = std::any_of(ms.begin(), ms.end(), [](const auto& m) { return m.stats.missing > 0; });
    out += missing ? "| metric | mean | p10 | p50 | p90 | missing |\n|---|---:|---:|---:|---:|---:|\n"
                   : "| metric | mean | p10 | p50 | p90 |\n|---|---:|---:|---:|---:|\n";
    for (const auto& m : ms) {
        const Unit u = unit_of(m.name);
        const auto& s = m.stats;
        out += fmt::format("| `{}` | {} | {} | {} | {} |", md_cell(m.name), s.count ? reading(s.mean, u) : "-",
                           percentile(s, 1, u), percentile(s, 2, u), percentile(s, 3, u));
        if (missing) out += fmt::format(" {} |", count(s.missing));
        out += "\n";
    }
}

/// The fans of the fully domestic share and the cumulative capex (or, without them, the first
/// two fans) side by side by year: p10, p50, p90.
void fan_table(std::string& out, const std::vector<sim::Fan>& fans) {
    std::vector<const sim::Fan*> shown;
    for (const char* name : {"fully_domestic_share", "cumulative_capex_musd"})
        for (const auto& f : fans)
            if (f.series == name) shown.push_back(&f);
    for (const auto& f : fans)
        if (shown.size() < 2 && std::find(shown.begin(), shown.end(), &f) == shown.end()) shown.push_back(&f);
    if (shown.empty()) return;
    std::vector<int> years;
    for (const auto* f : shown) years.insert(years.end(), f->years.begin(), f->years.end());
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    out += "\n### By year\n\nPercentiles over the paths of each year's value";
    for (const auto* f : shown) out += fmt::format("; `{}` in {}", md_cell(f->series), f->unit == "share" ? "%" : md_cell(f->unit));
    out += ".\n\n| year |";
    std::string rule = "|---|";
    for (const auto* f : shown) {
        out += fmt::format(" {0} p10 | {0} p50 | {0} p90 |", md_cell(f->series));
        rule += "---:|---:|---:|";
    }
    out += "\n" + rule + "\n";
    for (int y : years) {
        out += fmt::format("| {} |", y);
        for (const auto* f : shown) {
            const auto it = std::find(f->years.begin(), f->years.end(), y);
            const auto i = static_cast<std::size_t>(it - f->years.begin());
            const Unit u = fan_unit(f->unit);
            for (std::size_t k : {1, 2, 3})
                out += fmt::format(" {} |", it != f->years.end() && i < f->bands.size() ? reading(f->bands[i][k], u) : "-");
        }
        out += "\n";
    }
}

}  // namespace

std::string render_simulation_markdown(const sim::SimulationResult& r, const RunInfo& info) {
    std::string out;
    out += fmt::format("## reeplan simulate — {}\n\n", md_cell(info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("Scenario `{}`", info.scenario);
    for (const auto& s : info.sets) out += fmt::format(", `--set {}`", s);
    out += fmt::format("; **{}** paths", count(r.paths));
    if (r.requested_paths != r.paths) out += fmt::format(" of {} requested", count(r.requested_paths));
    out += fmt::format(", seed {}", r.seed);
    if (r.shards > 0) out += fmt::format(", shard {}/{} from path {}", r.shard, r.shards, count(r.first_path));
    out += ".";
    if (r.precision) {
        const auto& p = *r.precision;
        const Unit u = unit_of(p.metric);
        out += fmt::format(" Precision: 95% interval of the mean of `{}` narrower than {}, achieved {} ({}).", p.metric,
                           spread(p.target, u), spread(p.achieved, u), p.met ? "met" : "not met");
    }
    out += "\n\n### Chain\n\n";
    metric_table(out, r.chain.metrics);
    out += fmt::format("\n- P(NPV < 0): **{}**\n", probability(r.chain.p_npv_negative));
    out += fmt::format("- P(independent by {}): **{}**\n", reading(r.chain.target_year, Unit::Year),
                       probability(r.chain.p_independent_by_target));
    for (const auto& p : r.plants) {
        out += fmt::format("\n### {} ({} → {}), P(NPV < 0) {}\n\n", md_cell(p.id), md_cell(p.stage), md_cell(p.output),
                           probability(p.p_npv_negative));
        metric_table(out, p.metrics);
    }
    fan_table(out, r.chain.fans);
    if (!r.warnings.empty()) {
        out += "\n### Warnings\n\n";
        for (const auto& w : r.warnings) out += "- " + w + "\n";
    }
    if (!r.notes.empty()) {
        out += "\n### Notes\n\n";
        for (const auto& [k, v] : r.notes) out += fmt::format("- `{}`: {}\n", k, v);
    }
    return out;
}

}  // namespace reeplan::report
