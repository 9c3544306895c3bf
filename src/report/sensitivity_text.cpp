// `reeplan sensitivity` as a table readable at 100 columns, and as Markdown.

#include "report/detail/sim_text.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report {

namespace {

using namespace detail;

/// A change from the base as a signed percentage with one decimal, "+6.6%", "0.0%"; with `trim`,
/// a whole percentage without it ("+10%", "0%").
std::string change_label(double c, bool trim) {
    if (!std::isfinite(c)) return "-";
    std::string s = fmt::format("{:+.1f}", 100 * c);
    if (s == "+0.0" || s == "-0.0") s = "0.0";
    if (trim && s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s + "%";
}

/// True when every line of the spider has the same change points (they become the columns).
bool shared_changes(const std::vector<sim::SpiderLine>& lines) {
    for (const auto& l : lines) {
        if (l.change.size() != lines.front().change.size()) return false;
        for (std::size_t k = 0; k < l.change.size(); ++k)
            if (!(std::abs(l.change[k] - lines.front().change[k]) <= 1e-9)) return false;
    }
    return true;
}

/// ±10 characters around a centre bar, always 21 wide (so the column lines up under
/// "-1        0        +1"): ρ = −0.62 gives "    ██████|          ".
std::string rank_bar(double rho) {
    if (!std::isfinite(rho)) return std::string(21, ' ');
    const std::size_t n = static_cast<std::size_t>(std::clamp(std::lround(std::abs(rho) * 10), 0L, 10L));
    std::string bars;
    for (std::size_t k = 0; k < n; ++k) bars += "█";
    return rho < 0 ? std::string(10 - n, ' ') + bars + "|" + std::string(10, ' ')
                   : std::string(10, ' ') + "|" + bars + std::string(10 - n, ' ');
}

std::string rho_label(double rho) { return std::isfinite(rho) ? fmt::format("{:+.2f}", rho) : "-"; }

void heading(std::string& out, const sim::SensitivityResult& r, const RunInfo& info, const Style& st) {
    out += st.bold(title(info)) + fmt::format("  [scenario: {}]\n", info.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    const Unit u = unit_of(r.metric);
    const bool units = u == Unit::Money || u == Unit::UsdPerKg || u == Unit::Tonnes;
    out += r.base_metric ? fmt::format("Sensitivity of {}: {}{} at the base values\n", r.metric, reading(r.base_metric, u),
                                       units ? std::string(" ") + unit_caption(u) : "")
                         : fmt::format("Sensitivity of {}: it does not exist at the base values\n", r.metric);
}

std::vector<std::vector<std::string>> tornado_rows(const sim::SensitivityResult& r) {
    const Unit mu = unit_of(r.metric);
    std::vector<std::vector<std::string>> rows;
    for (const auto& b : r.tornado) {
        const Unit pu = unit_of(b.param);
        rows.push_back({b.param, reading(b.lo_value, pu) + " → " + reading(b.hi_value, pu), reading(b.metric_at_lo, mu),
                        reading(b.metric_at_hi, mu), b.metric_at_lo && b.metric_at_hi ? spread(b.swing, mu) : "-"});
    }
    return rows;
}

/// The spider as one row per input and one column per change point, or, when the inputs do
/// not share their change points, one row per point.
TextTable spider_table(const sim::SensitivityResult& r, bool wide) {
    const Unit mu = unit_of(r.metric);
    TextTable t;
    if (wide) {
        t.header = {"param"};
        for (double c : r.spider.front().change) t.header.push_back(change_label(c, true));
        for (const auto& l : r.spider) {
            std::vector<std::string> row{l.param};
            for (std::size_t k = 0; k < l.change.size(); ++k)
                row.push_back(k < l.metric.size() ? reading(l.metric[k], mu) : "-");
            t.rows.push_back(std::move(row));
        }
        return t;
    }
    t.header = {"param", "change", "input", r.metric};
    for (const auto& l : r.spider) {
        const Unit pu = unit_of(l.param);
        for (std::size_t k = 0; k < l.change.size(); ++k)
            t.rows.push_back({k == 0 ? l.param : "", change_label(l.change[k], false),
                              k < l.input_values.size() ? reading(l.input_values[k], pu) : "-",
                              k < l.metric.size() ? reading(l.metric[k], mu) : "-"});
    }
    return t;
}

/// Wide when the change points are shared and their columns fit in 100 with a 20-column label.
bool spider_wide(const sim::SensitivityResult& r) {
    if (r.spider.empty() || !shared_changes(r.spider)) return false;
    const TextTable t = spider_table(r, true);
    std::size_t used = 2 + 20;
    for (std::size_t k = 1; k < t.header.size(); ++k) {
        std::size_t w = display_width(t.header[k]);
        for (const auto& row : t.rows) w = std::max(w, display_width(row[k]));
        used += 1 + w;
    }
    return used <= 100;
}

}  // namespace

std::string render_sensitivity_table(const sim::SensitivityResult& r, const RunInfo& info, const TableOptions& opt) {
    const Style st{opt.color};
    std::string out;
    heading(out, r, info, st);
    out += "\n" + st.bold("Tornado") +
           st.dim("  (each input at its low and high value, the others at base; largest swing first)") + "\n";
    if (r.tornado.empty()) out += "  (no inputs varied)\n";
    else out += TextTable{{"param", "low → high", "at low", "at high", "swing"}, tornado_rows(r)}.render(st);
    if (!r.spider.empty()) {
        out += "\n" + st.bold("Spider") + st.dim(fmt::format("  ({} as each input moves from its base value)", r.metric)) + "\n";
        out += spider_table(r, spider_wide(r)).render(st);
    }
    if (!r.ranks.empty()) {
        out += "\n" + st.bold("Rank correlations") +
               st.dim(fmt::format("  (Spearman, with {} over {} paths, seed {})", r.metric, count(r.paths), r.seed)) + "\n";
        TextTable t{{"param", "ρ", "-1        0        +1"}, {}};
        for (const auto& c : r.ranks) t.rows.push_back({c.param, rho_label(c.spearman), rank_bar(c.spearman)});
        out += t.render(st);
    }
    if (!r.notes.empty()) {
        out += "\n" + st.bold("Notes") + "\n";
        for (const auto& [k, v] : r.notes) out += bullet(k + ": " + v);
    }
    return out;
}

std::string render_sensitivity_markdown(const sim::SensitivityResult& r, const RunInfo& info) {
    const Unit mu = unit_of(r.metric);
    std::string out;
    out += fmt::format("## reeplan sensitivity — {}\n\n", md_cell(info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("Scenario `{}`", info.scenario);
    for (const auto& s : info.sets) out += fmt::format(", `--set {}`", s);
    out += fmt::format("; `{}` at the base values: **{}**.\n\n", r.metric, reading(r.base_metric, mu));
    out += "### Tornado\n\nEach input at its low and high value, the others at base; largest swing first.\n\n";
    out += "| param | low | high | at low | at high | swing |\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& b : r.tornado) {
        const Unit pu = unit_of(b.param);
        out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", md_cell(b.param), reading(b.lo_value, pu), reading(b.hi_value, pu),
                           reading(b.metric_at_lo, mu), reading(b.metric_at_hi, mu),
                           b.metric_at_lo && b.metric_at_hi ? spread(b.swing, mu) : "-");
    }
    if (!r.spider.empty()) {
        out += fmt::format("\n### Spider\n\n`{}` as each input moves from its base value.\n\n", md_cell(r.metric));
        const TextTable t = spider_table(r, shared_changes(r.spider));
        out += "|";
        std::string rule = "|";
        for (std::size_t k = 0; k < t.header.size(); ++k) {
            out += " " + md_cell(t.header[k]) + " |";
            rule += k == 0 ? "---|" : "---:|";
        }
        out += "\n" + rule + "\n";
        for (const auto& row : t.rows) {
            out += "|";
            for (std::size_t k = 0; k < row.size(); ++k)
                out += " " + (k == 0 && !row[k].empty() ? "`" + md_cell(row[k]) + "`" : md_cell(row[k])) + " |";
            out += "\n";
        }
    }
    if (!r.ranks.empty()) {
        out += fmt::format("\n### Rank correlations\n\nSpearman's ρ with `{}` over {} paths (seed {}).\n\n| param | ρ |\n|---|---:|\n",
                           md_cell(r.metric), count(r.paths), r.seed);
        for (const auto& c : r.ranks) out += fmt::format("| `{}` | {} |\n", md_cell(c.param), rho_label(c.spearman));
    }
    if (!r.notes.empty()) {
        out += "\n### Notes\n\n";
        for (const auto& [k, v] : r.notes) out += fmt::format("- `{}`: {}\n", k, v);
    }
    return out;
}

}  // namespace reeplan::report
