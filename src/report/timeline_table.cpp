// `reeplan timeline` (table): a terminal Gantt chart and the chain's year-by-year tables.

#include "report/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report {

namespace {

using namespace timeline_detail;

constexpr int page_width = 100;

struct Style {
    bool color;
    std::string wrap(const char* code, const std::string& s) const {
        return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    }
    std::string bold(const std::string& s) const { return wrap("1", s); }
    std::string dim(const std::string& s) const { return wrap("2", s); }
    /// Permitting yellow, construction blue, commissioning magenta, ramp green.
    std::string phase(timeline::Phase p, const std::string& s) const {
        static const char* codes[] = {"33", "34", "35", "32"};
        return wrap(codes[static_cast<std::size_t>(p)], s);
    }
};

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }
std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", 100.0 * *v) : "-"; }
std::string year_or_dash(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }
std::string shift(const std::optional<int>& v) { return v ? fmt::format("{:+d}", *v) : "-"; }

/// Left-filled eighths of a cell: ▏▎▍▌▋▊▉ (index 1..7), █ for 8.
const char* left_eighths(int n) {
    static const char* blocks[] = {" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
    return blocks[std::clamp(n, 0, 8)];
}

/// The cells of one bar [x0, x1) (in cells, 0 ≤ x0 ≤ x1 ≤ width) over a row of `width` cells.
/// A bar that ends inside a cell ends with a left-filled eighth block; one that starts inside a
/// cell starts with ▐ (from about half) or ▕ (an eighth), the only right-aligned blocks there are.
/// Returns the first and one-past-last cells drawn, or {0, 0} when none.
std::pair<int, int> draw_bar(std::vector<std::string>& cells, double x0, double x1) {
    const int width = static_cast<int>(cells.size());
    if (!(x1 > x0)) return {0, 0};
    const int i0 = std::clamp(static_cast<int>(std::floor(x0)), 0, width);
    const int i1 = std::clamp(static_cast<int>(std::ceil(x1)), 0, width);
    for (int i = i0; i < i1; ++i) {
        const double lo = std::max(x0, static_cast<double>(i)), hi = std::min(x1, static_cast<double>(i + 1));
        const bool from_left = near(lo, i), to_right = near(hi, i + 1);
        std::string& c = cells[static_cast<std::size_t>(i)];
        if (from_left && to_right) c = "█";
        else if (from_left) c = left_eighths(std::max(1, static_cast<int>(std::lround((hi - lo) * 8.0))));
        else if (to_right) c = hi - lo >= 0.875 ? "█" : hi - lo >= 0.375 ? "▐" : "▕";
        else c = (lo + hi) / 2 > i + 0.5 ? "▐" : "▌";
    }
    return {i0, i1};
}

void header(std::string& out, const ChainTimeline& tl, const RunInfo& info, const Style& st) {
    out += st.bold(fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("  [scenario: {}]\n", info.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    out += st.dim(fmt::format("final product {}; independence = {:.1f} % of demand fully domestic, target year {:.2f}",
                              tl.balance.final_product, 100.0 * tl.balance.independence_target,
                              tl.balance.independence_target_year)) +
           "\n";
}

void gantt(std::string& out, const model::Plan& plan, const ChainTimeline& tl, const Style& st) {
    const auto& net = tl.balance.schedule.network;
    out += "\n" + st.bold("Build-out schedule");
    if (net.activities.empty()) {
        out += "\n  no plants\n";
        return;
    }
    std::size_t id_w = 5;
    for (const auto& p : plan.plants) id_w = std::max(id_w, p.id.size());
    id_w = std::min<std::size_t>(id_w, 16);
    const int label_w = static_cast<int>(id_w) + 1 + 13 + 2;  // "id phase * "
    const int numbers_w = 24;                                  // "  start  finish  float"
    const int avail = page_width - label_w - numbers_w - 1;
    YearSpan span = gantt_span(tl);
    int per_year = 1;
    for (int c : {8, 4, 2, 1})
        if ((span.end - span.first) * c <= avail) {
            per_year = c;
            break;
        }
    bool clipped = false;
    if ((span.end - span.first) * per_year > avail) {
        span.end = span.first + avail / per_year;
        clipped = true;
    }
    const int width = (span.end - span.first) * per_year;
    out += st.dim(fmt::format("  (a cell is {} year; * on the critical path to {:.2f}{})", per_year == 1 ? std::string("one")
                                                                                    : fmt::format("1/{}", per_year),
                              net.deadline, clipped ? fmt::format("; chart cut at {}", span.end) : "")) +
           "\n";
    // year axis: a label wherever it fits with a space after it
    std::string axis(static_cast<std::size_t>(width), ' ');
    int step = 1;
    while (step * per_year < 5) ++step;
    for (int y = span.first; y < span.end; y += step) {
        const std::size_t at = static_cast<std::size_t>((y - span.first) * per_year);
        const std::string lab = std::to_string(y);
        if (at + lab.size() <= axis.size()) axis.replace(at, lab.size(), lab);
    }
    out += fmt::format("{:<{}} {:<13}  {}  {:>7} {:>7} {:>6}\n", "plant", id_w, "phase", axis, "start", "finish", "float");
    const std::vector<bool> crit = critical_activities(tl);
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        std::vector<std::string> cells(static_cast<std::size_t>(width), " ");
        for (int y = span.first; y < span.end; ++y) cells[static_cast<std::size_t>((y - span.first) * per_year)] = "·";
        const double x0 = std::clamp((a.earliest_start - span.first) * per_year, 0.0, static_cast<double>(width));
        const double x1 = std::clamp((a.earliest_finish - span.first) * per_year, 0.0, static_cast<double>(width));
        const auto [b0, b1] = draw_bar(cells, x0, x1);
        // three runs: the grid before the bar (dim), the bar (in the phase's colour), the grid after it
        auto run = [&](int from, int to) {
            std::string r;
            for (int k = from; k < to; ++k) r += cells[static_cast<std::size_t>(k)];
            return r;
        };
        const int bar_from = b1 > b0 ? b0 : width, bar_to = b1 > b0 ? b1 : width;
        std::string bar;
        if (bar_from > 0) bar += st.dim(run(0, bar_from));
        if (bar_to > bar_from) bar += st.phase(a.phase, run(bar_from, bar_to));
        if (width > bar_to) bar += st.dim(run(bar_to, width));
        std::string label = fmt::format("{:<{}.{}} {:<13}", plan.plants[a.plant].id, id_w, id_w, timeline::to_string(a.phase));
        if (crit[i]) label = st.bold(label);
        out += fmt::format("{} {} {}  {:>7.2f} {:>7.2f} {:>6.2f}\n", label, crit[i] ? "*" : " ", bar, a.earliest_start,
                           a.earliest_finish, a.total_float);
    }
}

/// Rows keyed by year; consecutive rows with the same text after the year merge ("2037–2047").
struct YearRows {
    int year_w = 9;
    std::vector<std::pair<std::pair<int, int>, std::string>> rows;
    void add(int year, std::string body) {
        if (!rows.empty() && rows.back().second == body && rows.back().first.second + 1 == year) rows.back().first.second = year;
        else rows.push_back({{year, year}, std::move(body)});
    }
    std::string str() const {
        std::string s;
        for (const auto& [span, body] : rows) s += fmt::format("{:<{}}{}\n", year_span(span.first, span.second), year_w, body);
        return s;
    }
};

void coverage(std::string& out, const ChainTimeline& tl, const Style& st) {
    const chain::ChainBalance& b = tl.balance;
    out += "\n" + st.bold("Coverage by year") + st.dim(fmt::format("  (t of {}; share = fully domestic / demand)", b.final_product)) +
           "\n" + st.dim("a stage's coverage = its output / what final demand needs of it; stranded = idle ramped capacity") +
           "\n";
    out += fmt::format("{:<9}{:>8} {:>8} {:>9} {:>6} {:>8} {:>8} {:>8}  {:<11} {:>8}\n", "year", "demand", "domestic",
                       "fully dom", "share", "refining", "alloying", "fabric.", "bottleneck", "stranded");
    YearRows rows;
    for (const auto& cy : b.years) {
        const auto& s = cy.stages;
        rows.add(cy.year, fmt::format("{:>8} {:>8} {:>9} {:>6} {:>8} {:>8} {:>8}  {:<11} {:>8}", grouped(cy.demand_t, 0),
                                      grouped(cy.domestic_final_t, 0), grouped(cy.fully_domestic_final_t, 0),
                                      pct(cy.fully_domestic_share), pct(s[0].coverage), pct(s[1].coverage),
                                      pct(s[2].coverage), cy.bottleneck ? model::to_string(*cy.bottleneck) : "-",
                                      grouped(cy.stranded_t, 0)));
    }
    out += rows.str();
}

void imports(std::string& out, const model::Plan& plan, const ChainTimeline& tl, const Style& st) {
    const chain::ChainBalance& b = tl.balance;
    if (b.imports.empty()) return;
    std::vector<std::size_t> mats;
    for (const auto& t : b.imports)
        for (std::size_t m = 0; m < b.materials.size(); ++m)
            if (b.materials[m] == t.material) mats.push_back(m);
    out += "\n" + st.bold("Imports by year") + st.dim("  (t; ° not critical: outside the domestic-content count)") + "\n";
    // as many material columns as fit in the page, then another table
    for (std::size_t from = 0; from < mats.size();) {
        std::size_t to = from, used = 9;
        std::vector<std::size_t> widths;
        while (to < mats.size()) {
            const std::size_t w = std::max<std::size_t>(10, b.materials[mats[to]].size() + 1) + 1;
            if (used + w > page_width && to > from) break;
            used += w;
            widths.push_back(w);
            ++to;
        }
        std::string head = fmt::format("{:<9}", "year");
        for (std::size_t k = from; k < to; ++k) {
            const model::Material* mat = plan.material(b.materials[mats[k]]);
            head += fmt::format(" {:>{}}{}", b.materials[mats[k]], widths[k - from] - 1, mat && !mat->critical ? "°" : "");
        }
        out += head + "\n";
        YearRows rows;
        for (const auto& cy : b.years) {
            std::string body;
            for (std::size_t k = from; k < to; ++k) {
                const auto& my = cy.materials[mats[k]];
                body += fmt::format(" {:>{}}", grouped(my.imports_t, 0), widths[k - from] - 1);
            }
            rows.add(cy.year, body);
        }
        out += rows.str();
        out += fmt::format("{:<9}", "total");
        for (std::size_t k = from; k < to; ++k) {
            const auto& t = b.imports[k];
            out += fmt::format(" {:>{}}", grouped(t.imports_t, 0), widths[k - from] - 1);
        }
        out += "\n" + fmt::format("{:<9}", "MUSD");
        for (std::size_t k = from; k < to; ++k)
            out += fmt::format(" {:>{}}", grouped(b.imports[k].imports_musd, 1), widths[k - from] - 1);
        out += "\n";
        from = to;
        if (from < mats.size()) out += "\n";
    }
}

void diagnostics(std::string& out, const model::Plan& plan, const ChainTimeline& tl, const Style& st) {
    out += "\n" + st.bold("Partial build-out") + "\n";
    const auto lines = timeline_diagnostics(plan, tl);
    if (lines.empty()) out += "  every stage runs on domestic supply throughout\n";
    for (const auto& l : lines) out += "  " + l + "\n";
}

void milestones(std::string& out, const model::Plan& plan, const ChainTimeline& tl, const Style& st) {
    const chain::ChainBalance& b = tl.balance;
    const auto& ms = b.schedule.milestone;
    out += "\n" + st.bold("Milestones") + "\n";
    std::string first = fmt::format("  first fully domestic output  {}", year_or_dash(b.first_domestic_output_year));
    if (!b.first_domestic_output_year) first += ": " + b.first_domestic_output_note;
    if (ms.year) {
        std::string driving;
        for (std::size_t k = 0; k < ms.driving.size(); ++k) driving += (k ? ", " : "") + plan.plants[ms.driving[k]].id;
        first += fmt::format("  (every stage operating from {:.2f}{})", *ms.year, driving.empty() ? "" : "; driven by " + driving);
    }
    out += first + "\n";
    std::string indep = fmt::format("  independence                 {}", year_or_dash(b.independence_year));
    const int target = static_cast<int>(std::floor(b.independence_target_year));
    if (b.independence_year) {
        const int d = target - *b.independence_year;
        indep += fmt::format("  (target {}: {})", target,
                             b.independence_on_time ? (d == 0 ? std::string("on time") : fmt::format("{} year{} early", d, d == 1 ? "" : "s"))
                                                    : fmt::format("{} year{} late", -d, d == -1 ? "" : "s"));
    } else {
        indep += fmt::format(": {} (target {})", b.independence_note, target);
    }
    out += indep + "\n";
}

void delays(std::string& out, const model::Plan& plan, const ChainTimeline& tl, const Style& st) {
    const chain::DelayEffects& d = tl.delays;
    if (d.phases.empty()) return;
    std::size_t id_w = 5;
    for (const auto& p : plan.plants) id_w = std::max(id_w, p.id.size());
    out += "\n" + st.bold("Delay economics") +
           st.dim(fmt::format("  (each phase {} year{} longer, one at a time; NPV in million nominal USD)",
                              d.phases.front().delay_years,
                              near(d.phases.front().delay_years, 1.0) ? "" : "s")) +
           "\n" +
           st.dim(fmt::format("base: first fully domestic output {}, independence {}; float against {:g}",
                              year_or_dash(d.base_first_domestic_output_year), year_or_dash(d.base_independence_year),
                              tl.balance.independence_target_year)) +
           "\n";
    const bool money = tl.delay_npv.size() == d.phases.size();
    out += fmt::format("{:<{}} {:<13} {:>7}  {:>12} {:>6}  {:>12} {:>6}", "plant", id_w, "phase", "float", "first output",
                       "shift", "independence", "shift");
    out += money ? fmt::format("  {:>9} {:>9}\n", "NPV Δ", "chain Δ") : "\n";
    for (std::size_t k = 0; k < d.phases.size(); ++k) {
        const auto& e = d.phases[k];
        std::string line = fmt::format("{:<{}} {:<13} {:>7.2f}  {:>12} {:>6}  {:>12} {:>6}", plan.plants[e.plant].id, id_w,
                                       timeline::to_string(e.phase), e.total_float_years,
                                       year_or_dash(e.first_domestic_output_year), shift(e.first_domestic_shift_years),
                                       year_or_dash(e.independence_year), shift(e.independence_shift_years));
        if (money)
            line += fmt::format("  {:>9} {:>9}", grouped(tl.delay_npv[k].plant_npv_change_musd, 1),
                                grouped(tl.delay_npv[k].chain_npv_change_musd, 1));
        const bool hurts = e.independence_shift_years.value_or(0) > 0 || e.first_domestic_shift_years.value_or(0) > 0 ||
                           (d.base_independence_year && !e.independence_year);
        out += (hurts ? st.bold(line) : line) + "\n";
    }
}

void deployment(std::string& out, const ChainTimeline& tl, const Style& st) {
    const chain::CapitalDeployment& d = tl.deployment;
    out += "\n" + st.bold("Capital deployment") + st.dim("  (million real base-year USD)") + "\n";
    out += fmt::format("{:<6} {:>10} {:>10} {:>11} {:>10} {:>11}\n", "year", "refining", "alloying", "fabrication", "total",
                       "cumulative");
    for (const auto& y : d.years) {
        if (!(std::abs(y.capex_musd) > 0.0)) continue;
        out += fmt::format("{:<6} {:>10} {:>10} {:>11} {:>10} {:>11}\n", y.year, grouped(y.by_stage_musd[0], 1),
                           grouped(y.by_stage_musd[1], 1), grouped(y.by_stage_musd[2], 1), grouped(y.capex_musd, 1),
                           grouped(y.cumulative_musd, 1));
    }
    out += fmt::format("peak annual need {} in {}; total {}", grouped(d.peak_musd, 1), year_or_dash(d.peak_year),
                       grouped(d.total_musd, 1));
    if (d.after_end_musd > 0.05) out += fmt::format(" ({} after the last year)", grouped(d.after_end_musd, 1));
    out += "\n";
}

}  // namespace

std::string render_timeline_table(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info,
                                  const TableOptions& opt) {
    Style st{opt.color};
    std::string out;
    header(out, tl, info, st);
    gantt(out, plan, tl, st);
    coverage(out, tl, st);
    imports(out, plan, tl, st);
    diagnostics(out, plan, tl, st);
    milestones(out, plan, tl, st);
    delays(out, plan, tl, st);
    deployment(out, tl, st);
    return out;
}

}  // namespace reeplan::report
