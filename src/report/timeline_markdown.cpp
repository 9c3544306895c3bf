// `reeplan timeline --format markdown`: a Mermaid Gantt chart and tables, for CI job summaries.

#include "report/timeline.hpp"

#include <fmt/format.h>

#include <cmath>

namespace reeplan::report {

namespace {

using namespace timeline_detail;

std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:.1f} %", 100.0 * *v) : "–"; }
std::string year_or_dash(const std::optional<int>& v) { return v ? std::to_string(*v) : "–"; }
std::string shift(const std::optional<int>& v) { return v ? fmt::format("{:+d}", *v) : "–"; }

/// A table cell: `|` escaped, line breaks removed.
std::string cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

/// A Mermaid name: no `:`, `;` or `#` (they end or start a token in the gantt grammar).
std::string mermaid_name(const std::string& s) {
    std::string out;
    for (char c : s) out += (c == ':' || c == ';' || c == '#' || c == '\n') ? '_' : c;
    return out;
}

void mermaid(std::string& out, const model::Plan& plan, const ChainTimeline& tl) {
    const auto& net = tl.balance.schedule.network;
    if (net.activities.empty()) return;
    const std::vector<bool> crit = critical_activities(tl);
    out += "```mermaid\ngantt\n";
    out += "    title Build-out schedule (crit: on the critical path)\n";
    out += "    dateFormat YYYY-MM-DD\n    axisFormat %Y\n    todayMarker off\n";
    std::size_t plant = net.activities.size();
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        if (a.plant != plant) {
            plant = a.plant;
            out += fmt::format("    section {}\n", mermaid_name(plan.plants[a.plant].id));
        }
        const std::string start = year_to_date(a.earliest_start), end = year_to_date(a.earliest_finish);
        if (start == end) continue;  // a phase of no length has no bar
        out += fmt::format("    {} :{}{}, {}\n", timeline::to_string(a.phase), crit[i] ? "crit, " : "", start, end);
    }
    out += "```\n";
}

/// Year rows whose text after the year repeats merge into one row ("2036–2047").
void year_rows(std::string& out, const std::vector<std::pair<int, std::string>>& rows) {
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1].second == rows[i].second && rows[j + 1].first == rows[j].first + 1) ++j;
        out += fmt::format("| {} |{}\n", year_span(rows[i].first, rows[j].first), rows[i].second);
        i = j + 1;
    }
}

void coverage(std::string& out, const model::Plan& plan, const ChainTimeline& tl) {
    const chain::ChainBalance& b = tl.balance;
    std::vector<std::size_t> mats;
    for (const auto& t : b.imports)
        for (std::size_t m = 0; m < b.materials.size(); ++m)
            if (b.materials[m] == t.material) mats.push_back(m);
    out += fmt::format("\n### Coverage by year\n\nTonnes of {}; share = fully domestic / demand; a stage's coverage = its "
                       "output / what demand needs of it; imports in t (° not critical).\n\n",
                       cell(b.final_product));
    out += "| year | demand | domestic | fully domestic | share | refining | alloying | fabrication | bottleneck | stranded |";
    for (std::size_t m : mats) {
        const model::Material* mat = plan.material(b.materials[m]);
        out += fmt::format(" {}{} |", cell(b.materials[m]), mat && !mat->critical ? "°" : "");
    }
    out += "\n|---|---:|---:|---:|---:|---:|---:|---:|---|---:|";
    for (std::size_t k = 0; k < mats.size(); ++k) out += "---:|";
    out += "\n";
    std::vector<std::pair<int, std::string>> rows;
    for (const auto& cy : b.years) {
        const auto& s = cy.stages;
        std::string r = fmt::format(" {} | {} | {} | {} | {} | {} | {} | {} | {} |", grouped(cy.demand_t, 0),
                                    grouped(cy.domestic_final_t, 0), grouped(cy.fully_domestic_final_t, 0),
                                    pct(cy.fully_domestic_share), pct(s[0].coverage), pct(s[1].coverage), pct(s[2].coverage),
                                    cy.bottleneck ? model::to_string(*cy.bottleneck) : "–", grouped(cy.stranded_t, 0));
        for (std::size_t m : mats) r += fmt::format(" {} |", grouped(cy.materials[m].imports_t, 0));
        rows.emplace_back(cy.year, std::move(r));
    }
    year_rows(out, rows);
}

void schedule(std::string& out, const model::Plan& plan, const ChainTimeline& tl) {
    const auto& net = tl.balance.schedule.network;
    if (net.activities.empty()) return;
    const std::vector<bool> crit = critical_activities(tl);
    out += fmt::format("\n### Schedule\n\nCritical path method against {:.2f}; decimal years.\n\n", net.deadline);
    out += "| plant | phase | start | finish | latest start | latest finish | total float | critical |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---|\n";
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        out += fmt::format("| {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {} |\n", cell(plan.plants[a.plant].id),
                           timeline::to_string(a.phase), a.earliest_start, a.earliest_finish, a.latest_start,
                           a.latest_finish, a.total_float, crit[i] ? "yes" : "");
    }
}

void delays(std::string& out, const model::Plan& plan, const ChainTimeline& tl) {
    const chain::DelayEffects& d = tl.delays;
    if (d.phases.empty()) return;
    const double delay = d.phases.front().delay_years;
    out += fmt::format("\n### Delay economics\n\nEach phase {} year{} longer, one at a time; base: first fully domestic "
                       "output {}, independence {}.\n\n",
                       delay, std::abs(delay - 1.0) < 1e-9 ? "" : "s", year_or_dash(d.base_first_domestic_output_year),
                       year_or_dash(d.base_independence_year));
    out += "| plant | phase | total float | first output | shift | independence | shift |\n";
    out += "|---|---|---:|---:|---:|---:|---:|\n";
    for (const auto& e : d.phases)
        out += fmt::format("| {} | {} | {:.2f} | {} | {} | {} | {} |\n", cell(plan.plants[e.plant].id),
                           timeline::to_string(e.phase), e.total_float_years, year_or_dash(e.first_domestic_output_year),
                           shift(e.first_domestic_shift_years), year_or_dash(e.independence_year),
                           shift(e.independence_shift_years));
}

void deployment(std::string& out, const ChainTimeline& tl) {
    const chain::CapitalDeployment& d = tl.deployment;
    out += "\n### Capital deployment\n\nMillion real base-year USD.\n\n";
    out += "| year | refining | alloying | fabrication | total | cumulative |\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& y : d.years) {
        if (!(std::abs(y.capex_musd) > 0.0)) continue;
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", y.year, grouped(y.by_stage_musd[0], 1),
                           grouped(y.by_stage_musd[1], 1), grouped(y.by_stage_musd[2], 1), grouped(y.capex_musd, 1),
                           grouped(y.cumulative_musd, 1));
    }
    out += fmt::format("\nPeak annual need {} in {}; total {}.\n", grouped(d.peak_musd, 1), year_or_dash(d.peak_year),
                       grouped(d.total_musd, 1));
}

}  // namespace

std::string render_timeline_markdown(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info) {
    const chain::ChainBalance& b = tl.balance;
    std::string out;
    out += fmt::format("## reeplan timeline — {}\n\n", cell(info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("Scenario `{}`", info.scenario);
    for (const auto& s : info.sets) out += fmt::format(", `--set {}`", s);
    out += ".\n\n";
    const int target = static_cast<int>(std::floor(b.independence_target_year));
    out += fmt::format("- First fully domestic output: **{}**{}\n", year_or_dash(b.first_domestic_output_year),
                       b.first_domestic_output_year ? "" : " (" + b.first_domestic_output_note + ")");
    out += fmt::format("- Independence ({:.1f} % of demand fully domestic): **{}**, target year {}{}\n",
                       100.0 * b.independence_target, year_or_dash(b.independence_year), target,
                       b.independence_year ? (b.independence_on_time ? " (on time)" : " (late)")
                                           : " (" + b.independence_note + ")");
    out += fmt::format("- Capital: {} million real USD, peak {} in {}\n\n", grouped(tl.deployment.total_musd, 1),
                       grouped(tl.deployment.peak_musd, 1), year_or_dash(tl.deployment.peak_year));
    mermaid(out, plan, tl);
    out += "\n### Partial build-out\n\n";
    const auto lines = timeline_diagnostics(plan, tl);
    if (lines.empty()) out += "Every stage runs on domestic supply throughout.\n";
    for (const auto& l : lines) out += "- " + l + "\n";
    coverage(out, plan, tl);
    schedule(out, plan, tl);
    delays(out, plan, tl);
    deployment(out, tl);
    return out;
}

}  // namespace reeplan::report
