// `reeplan timeline --format svg`: a self-contained chart of the build-out and the coverage.

#include "report/detail/svg.hpp"
#include "report/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report {

namespace {

using namespace timeline_detail;
using detail::esc;
using detail::n2;

constexpr double page_w = 960;
constexpr double left = 190;  // label column
constexpr double right = 30;
constexpr double row_h = 18;
constexpr double plant_gap = 6;

const char* phase_colors[] = {"#e3a33b", "#3b6fb6", "#9b59b6", "#3a9d5d"};  // permitting … ramp
const char* stage_colors[] = {"#d35400", "#2980b9", "#16a085"};             // refining, alloying, fabrication

struct Axis {
    double x0, x1;  ///< pixels
    double y0, y1;  ///< years
    double at(double year) const { return x0 + (year - y0) / (y1 - y0) * (x1 - x0); }
};

/// Years between labels so that labels are at least `min_px` apart.
int label_step(const Axis& ax, double min_px) {
    const double px_per_year = (ax.x1 - ax.x0) / (ax.y1 - ax.y0);
    for (int step : {1, 2, 5, 10, 20, 50})
        if (step * px_per_year >= min_px) return step;
    return 100;
}

double gantt(std::string& out, const model::Plan& plan, const ChainTimeline& tl, double top) {
    const auto& cp = tl.balance.schedule;
    const auto& net = cp.network;
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">Build-out schedule</text>\n", n2(top));
    if (net.activities.empty()) {
        out += fmt::format("<text x=\"10\" y=\"{}\">no plants</text>\n", n2(top + 20));
        return top + 30;
    }
    const YearSpan span = gantt_span(tl);
    const Axis ax{left, page_w - right, static_cast<double>(span.first), static_cast<double>(span.end)};
    const double axis_y = top + 22;
    const double rows_top = axis_y + 8;
    std::size_t n_plants = plan.plants.size();
    const double rows_bottom = rows_top + static_cast<double>(net.activities.size()) * row_h +
                               static_cast<double>(n_plants > 0 ? n_plants - 1 : 0) * plant_gap;
    // year grid
    out += "<g class=\"grid\">\n";
    const int step = label_step(ax, 44);
    for (int y = span.first; y <= span.end; ++y) {
        const double x = ax.at(y);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(x), n2(rows_top - 4), n2(rows_bottom));
    }
    out += "</g>\n";
    for (int y = span.first; y < span.end; y += step)
        out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2(ax.at(y + 0.5)), n2(axis_y), y);
    // bars
    const std::vector<bool> crit = critical_activities(tl);
    double y = rows_top;
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        if (i > 0 && net.activities[i - 1].plant != a.plant) y += plant_gap;
        const std::string& id = plan.plants[a.plant].id;
        if (a.phase == timeline::Phase::Permitting)
            out += fmt::format("<text class=\"plant\" x=\"10\" y=\"{}\">{}</text>\n", n2(y + 13), esc(id));
        out += fmt::format("<text class=\"phase\" x=\"{}\" y=\"{}\">{}</text>\n", n2(left - 8), n2(y + 13),
                           timeline::to_string(a.phase));
        const double x0 = std::clamp(ax.at(a.earliest_start), ax.x0, ax.x1);
        const double x1 = std::clamp(ax.at(a.earliest_finish), ax.x0, ax.x1);
        if (x1 > x0) {
            out += fmt::format("<rect id=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\"{}>", esc(id + "." + timeline::to_string(a.phase)),
                               n2(x0), n2(y + 3), n2(x1 - x0), phase_colors[static_cast<std::size_t>(a.phase)],
                               crit[i] ? " class=\"crit\"" : "");
            out += fmt::format("<title>{} {}: {} to {}, total float {} years{}</title></rect>\n", esc(id),
                               timeline::to_string(a.phase), n2(a.earliest_start), n2(a.earliest_finish),
                               n2(a.total_float), crit[i] ? " (critical)" : "");
        }
        y += row_h;
    }
    // the first fully domestic output, as the schedule gives it
    if (cp.milestone.year && *cp.milestone.year >= ax.y0 && *cp.milestone.year <= ax.y1) {
        const double x = ax.at(*cp.milestone.year);
        out += fmt::format("<line class=\"ms\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(x), n2(rows_top - 4),
                           n2(rows_bottom + 4));
        out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">every stage operating (first fully domestic "
                           "output) {:g}</text>\n",
                           n2(x + 4), n2(rows_bottom + 16), *cp.milestone.year);
    }
    // legend
    double lx = left;
    const double ly = rows_bottom + 34;
    for (std::size_t k = 0; k < timeline::phases_per_plant; ++k) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\"/>", n2(lx), n2(ly - 9), phase_colors[k]);
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n2(lx + 18), n2(ly), timeline::to_string(static_cast<timeline::Phase>(k)));
        lx += 120;
    }
    out += fmt::format("<rect class=\"crit\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"#ffffff\"/>", n2(lx), n2(ly - 9));
    out += fmt::format("<text x=\"{}\" y=\"{}\">critical path to {:g}</text>\n", n2(lx + 18), n2(ly), net.deadline);
    return ly + 16;
}

double coverage(std::string& out, const ChainTimeline& tl, double top) {
    const chain::ChainBalance& b = tl.balance;
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">Coverage of {} demand by year</text>\n", n2(top), esc(b.final_product));
    if (b.years.empty()) return top + 10;
    const double plot_top = top + 16, plot_h = 220, plot_bottom = plot_top + plot_h;
    const Axis ax{left, page_w - right, static_cast<double>(b.first_year), static_cast<double>(b.last_year + 1)};
    auto ypx = [&](double share) { return plot_bottom - std::clamp(share, 0.0, 1.0) * plot_h; };
    // grid and axes
    out += "<g class=\"grid\">\n";
    for (int k = 0; k <= 4; ++k)
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(ax.x0), n2(ypx(k / 4.0)), n2(ax.x1));
    const int step = label_step(ax, 44);
    for (int y = b.first_year; y <= b.last_year; y += step)  // through the year's point, where its label is
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(ax.at(y + 0.5)), n2(plot_top),
                           n2(plot_bottom));
    out += "</g>\n";
    for (int k = 0; k <= 4; ++k)
        out += fmt::format("<text class=\"yl\" x=\"{}\" y=\"{}\">{} %</text>\n", n2(ax.x0 - 6), n2(ypx(k / 4.0) + 4), 25 * k);
    for (int y = b.first_year; y <= b.last_year; y += step)
        out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2(ax.at(y + 0.5)), n2(plot_bottom + 16), y);
    // independence target: the share and the year
    const double ty = ypx(b.independence_target);
    out += fmt::format("<line class=\"target\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(ax.x0), n2(ty), n2(ax.x1));
    out += fmt::format("<text class=\"note lab\" x=\"{}\" y=\"{}\">target {:g} %</text>\n", n2(ax.x0 + 4), n2(ty - 4),
                       100.0 * b.independence_target);
    // the target year counts (ChainBalance::independence_on_time): the line goes through its point
    const double target_year = std::floor(b.independence_target_year);
    if (target_year >= ax.y0 && target_year < ax.y1) {
        const double x = ax.at(target_year + 0.5);
        out += fmt::format("<line class=\"target\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(x), n2(plot_top),
                           n2(plot_bottom));
        out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"end\">target year {:g}</text>\n", n2(x - 4),
                           n2(plot_top + 12), target_year);
    }
    // one polyline per series, broken where a value does not exist
    auto series = [&](const char* cls, const char* color, auto value) {
        std::string pts;
        auto flush = [&] {
            if (!pts.empty())
                out += fmt::format("<polyline class=\"{}\" stroke=\"{}\" points=\"{}\"/>\n", cls, color, pts.substr(1));
            pts.clear();
        };
        for (const auto& cy : b.years) {
            const std::optional<double> v = value(cy);
            if (!v || !std::isfinite(*v)) {
                flush();
                continue;
            }
            pts += fmt::format(" {},{}", n2(ax.at(cy.year + 0.5)), n2(ypx(*v)));
        }
        flush();
    };
    for (std::size_t s = 0; s < chain::stage_count; ++s)
        series("line", stage_colors[s], [s](const chain::ChainYear& cy) { return cy.stages[s].coverage; });
    series("fd", "#222222", [](const chain::ChainYear& cy) { return cy.fully_domestic_share; });
    if (b.independence_year) {
        for (const auto& cy : b.years) {
            if (cy.year != *b.independence_year || !cy.fully_domestic_share) continue;
            const double x = ax.at(cy.year + 0.5), y = ypx(*cy.fully_domestic_share);
            out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#222222\"/>\n", n2(x), n2(y));
            out += fmt::format("<text class=\"note lab\" x=\"{}\" y=\"{}\">independence {}</text>\n", n2(x + 8),
                               n2(y + 16), cy.year);
        }
    }
    // legend
    double lx = left;
    const double ly = plot_bottom + 40;
    for (std::size_t s = 0; s < chain::stage_count; ++s) {
        out += fmt::format("<line class=\"line\" stroke=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>", stage_colors[s],
                           n2(lx), n2(ly - 4), n2(lx + 20));
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n2(lx + 26), n2(ly), model::to_string(chain::stages[s]));
        lx += 120;
    }
    out += fmt::format("<line class=\"fd\" stroke=\"#222222\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>", n2(lx), n2(ly - 4),
                       n2(lx + 20));
    out += fmt::format("<text x=\"{}\" y=\"{}\">fully domestic share of demand</text>\n", n2(lx + 26), n2(ly));
    lx += 230;
    out += fmt::format("<line class=\"target\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>", n2(lx), n2(ly - 4), n2(lx + 20));
    out += fmt::format("<text x=\"{}\" y=\"{}\">independence target</text>\n", n2(lx + 26), n2(ly));
    std::string note = b.independence_year ? fmt::format("Independence in {}; first fully domestic output in {}.", *b.independence_year,
                                                         b.first_domestic_output_year ? std::to_string(*b.first_domestic_output_year) : "-")
                                           : "No independence: " + b.independence_note + ".";
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n2(left), n2(ly + 22), esc(note));
    return ly + 36;
}

}  // namespace

std::string render_timeline_svg(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info) {
    std::string body;
    double y = gantt(body, plan, tl, 72);
    y = coverage(body, tl, y + 30);
    const double height = std::ceil(y);
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                       "font-family=\"sans-serif\" font-size=\"12\">\n",
                       n2(page_w), n2(height));
    out += "<style>\n"
           ".h{font-size:15px;font-weight:bold}\n"
           ".t{font-size:17px;font-weight:bold}\n"
           ".plant{font-weight:bold}\n"
           ".phase{text-anchor:end;fill:#444444}\n"
           ".ax{text-anchor:middle;fill:#444444;font-size:11px}\n"
           ".yl{text-anchor:end;fill:#444444;font-size:11px}\n"
           ".note{fill:#444444;font-size:11px}\n"
           ".lab{paint-order:stroke;stroke:#ffffff;stroke-width:3px}\n"
           ".grid line{stroke:#dddddd;stroke-width:1}\n"
           ".crit{stroke:#000000;stroke-width:2}\n"
           ".ms{stroke:#222222;stroke-width:1;stroke-dasharray:4 3}\n"
           ".target{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:6 4}\n"
           ".line{fill:none;stroke-width:2}\n"
           ".fd{fill:none;stroke-width:3.5}\n"
           "</style>\n";
    out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", n2(page_w), n2(height));
    out += fmt::format("<text class=\"t\" x=\"10\" y=\"24\">{}</text>\n",
                       esc(fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name)));
    std::string sub = fmt::format("scenario: {}", info.scenario);
    for (const auto& s : info.sets) sub += "; --set " + s;
    out += fmt::format("<text class=\"note\" x=\"10\" y=\"40\">{}</text>\n", esc(sub));
    out += body;
    out += "</svg>\n";
    return out;
}

}  // namespace reeplan::report
