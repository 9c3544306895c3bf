// `reeplan simulate --format svg`: histograms of the chosen metrics and fan charts by year.

#include "report/detail/chart.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reeplan::report {

namespace {

using namespace detail;

constexpr double page_w = 960;
constexpr double left = 90;  // y labels
constexpr double right = 30;
constexpr double label_row = 13;
constexpr int label_rows = 3;

/// "chain.npv_musd (million USD)".
std::string caption(const std::string& name, Unit u) {
    const std::string c = unit_caption(u);
    return c.empty() ? name : name + " (" + c + ")";
}

/// A vertical marker with its label above the plot, in the first label row where it does not
/// overlap the labels already placed.
struct Markers {
    double plot_top, plot_bottom, x0, x1;
    std::vector<double> row_end = std::vector<double>(label_rows, -1e9);
    void add(std::string& out, double x, const char* cls, const std::string& label) {
        if (!(x >= x0 - 0.5 && x <= x1 + 0.5)) return;
        out += fmt::format("<line class=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{1}\" y2=\"{3}\"/>\n", cls, n2(x), n2(plot_top),
                           n2(plot_bottom));
        const double w = label_px(label);
        const bool to_left = x + 3 + w > x1;
        const double a = to_left ? x - 3 - w : x + 3, b = a + w;
        std::size_t row = 0;
        for (std::size_t r = 0; r < row_end.size(); ++r) {
            if (row_end[r] + 6 < a) {
                row = r;
                break;
            }
            if (row_end[r] < row_end[row]) row = r;
        }
        row_end[row] = std::max(row_end[row], b);
        out += fmt::format("<text class=\"note lab\" x=\"{}\" y=\"{}\"{}>{}</text>\n", n2(to_left ? x - 3 : x + 3),
                           n2(plot_top - 5 - static_cast<double>(row) * label_row), to_left ? " text-anchor=\"end\"" : "",
                           esc(label));
    }
};

double histogram(std::string& out, const sim::Histogram& h, double top) {
    const Unit u = unit_of(h.metric);
    const std::size_t n = h.counts.size();
    const std::size_t total = std::accumulate(h.counts.begin(), h.counts.end(), std::size_t{0});
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">{}</text>\n", n2(top),
                       esc(fmt::format("Distribution of {} over {} paths", h.metric, count(total))));
    const double plot_top = top + 12 + label_rows * label_row, plot_h = 200, plot_bottom = plot_top + plot_h;
    const double x0 = left, x1 = page_w - right;
    if (n == 0) {
        out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">no path has this metric</text>\n", n2(x0), n2(plot_top + 14));
        return plot_top + 30;
    }
    // the bins' span; a histogram of equal values (width 0) is one bar in the middle
    const bool flat = !(h.width > 0) || !std::isfinite(h.width);
    const double pad = std::abs(h.lo) > 0 ? std::abs(h.lo) / 10 : 1;
    const double d0 = flat ? h.lo - pad : h.lo, d1 = flat ? h.lo + pad : h.lo + static_cast<double>(n) * h.width;
    const Scale sx{d0, d1, x0, x1};
    const double xstep = nice_step(d0, d1, 8);
    const std::size_t most = *std::max_element(h.counts.begin(), h.counts.end());
    const Domain yd = nice_domain(0, static_cast<double>(std::max<std::size_t>(most, 1)), 5);
    const double ystep = std::max(1.0, yd.step);
    const Scale sy{0, yd.hi, plot_bottom, plot_top};
    y_axis(out, sy, ticks(0, yd.hi, ystep), ystep, Unit::Plain, x0, x1);
    x_axis(out, sx, ticks(d0, d1, xstep), xstep, u, plot_top, plot_bottom);
    out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">paths</text>\n", n2(x0 - 40), n2(plot_top - 5 - 2 * label_row));
    for (std::size_t k = 0; k < n; ++k) {
        const double a = flat ? h.lo - pad / 20 : h.lo + static_cast<double>(k) * h.width;
        const double b = flat ? h.lo + pad / 20 : a + h.width;
        const double y = sy.at(static_cast<double>(h.counts[k]));
        out += fmt::format("<rect class=\"bin\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">", n2(sx.at(a)), n2(y),
                           n2(sx.at(b) - sx.at(a)), n2(plot_bottom - y));
        out += fmt::format("<title>{}</title></rect>\n",
                           esc(fmt::format("{} to {}: {} paths", reading(a, u), reading(b, u), count(h.counts[k]))));
    }
    out += fmt::format("<line class=\"frame\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(x0), n2(plot_bottom), n2(x1));
    Markers m{plot_top, plot_bottom, x0, x1};
    m.add(out, sx.at(h.mean), "mean", "mean " + reading(h.mean, u));
    for (std::size_t k : {0, 2, 4})
        m.add(out, sx.at(h.percentiles[k]), "mark", fmt::format("{} {}", kPercentileNames[k], reading(h.percentiles[k], u)));
    out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2((x0 + x1) / 2), n2(plot_bottom + 32),
                       esc(caption(h.metric, u)));
    return plot_bottom + 60;
}

/// Points of one band (p_hi forward, then p_lo back) or of one line, over a run of years.
std::string band_points(const sim::Fan& f, const Scale& sx, const Scale& sy, std::size_t from, std::size_t to,
                        std::size_t lo_k, std::size_t hi_k) {
    std::string pts;
    for (std::size_t i = from; i < to; ++i) pts += fmt::format(" {},{}", n2(sx.at(f.years[i])), n2(sy.at(f.bands[i][hi_k])));
    for (std::size_t i = to; i-- > from;) pts += fmt::format(" {},{}", n2(sx.at(f.years[i])), n2(sy.at(f.bands[i][lo_k])));
    return pts.substr(1);
}

double fan(std::string& out, const sim::Fan& f, double top) {
    const Unit u = fan_unit(f.unit);
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">{}</text>\n", n2(top),
                       esc(fmt::format("{} by year: percentiles over the paths", f.series)));
    const std::size_t n = std::min(f.years.size(), f.bands.size());
    const double plot_top = top + 34, plot_h = 220, plot_bottom = plot_top + plot_h;
    const double x0 = left, x1 = page_w - right;
    // legend
    double lx = x0;
    const double ly = top + 20;
    out += fmt::format("<rect class=\"band1\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/><text x=\"{}\" y=\"{}\">p5–p95</text>\n",
                       n2(lx), n2(ly - 9), n2(lx + 18), n2(ly));
    lx += 90;
    out += fmt::format("<rect class=\"band2\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/><text x=\"{}\" y=\"{}\">p10–p90</text>\n",
                       n2(lx), n2(ly - 9), n2(lx + 18), n2(ly));
    lx += 90;
    out += fmt::format("<line class=\"p50\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/><text x=\"{3}\" y=\"{4}\">p50</text>\n",
                       n2(lx), n2(ly - 4), n2(lx + 20), n2(lx + 26), n2(ly));
    lx += 70;
    out += fmt::format("<line class=\"avg\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/><text x=\"{3}\" y=\"{4}\">mean</text>\n",
                       n2(lx), n2(ly - 4), n2(lx + 20), n2(lx + 26), n2(ly));
    if (n == 0) {
        out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">no years</text>\n", n2(x0), n2(plot_top + 14));
        return plot_top + 30;
    }
    // scales: the years' span; shares from 0 to 100 % when they stay inside
    const double first = f.years.front(), last = f.years[n - 1];
    const Scale sx{last > first ? first : first - 0.5, last > first ? last : first + 0.5, x0, x1};
    double lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (double v : f.bands[i])
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    for (std::size_t i = 0; i < std::min(n, f.mean.size()); ++i)
        if (std::isfinite(f.mean[i])) lo = std::min(lo, f.mean[i]), hi = std::max(hi, f.mean[i]);
    if (u == Unit::Share && lo >= 0 && hi <= 1) hi = 1;
    const Domain yd = nice_domain(lo, hi, 5);
    const Scale sy{yd.lo, yd.hi, plot_bottom, plot_top};
    y_axis(out, sy, ticks(yd.lo, yd.hi, yd.step), yd.step, u, x0, x1);
    const int step = year_step((x1 - x0) / std::max(1.0, sx.d1 - sx.d0), 44);
    std::vector<double> xs;
    for (int y = static_cast<int>(std::ceil(sx.d0)); y <= static_cast<int>(std::floor(sx.d1)); ++y)
        if (y % step == 0 || step == 1) xs.push_back(y);
    x_axis(out, sx, xs, 1, Unit::Year, plot_top, plot_bottom);
    out += fmt::format("<line class=\"frame\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(x0), n2(plot_bottom), n2(x1));
    // bands and lines over each run of years whose values all exist
    auto finite = [&](std::size_t i) {
        return std::all_of(f.bands[i].begin(), f.bands[i].end(), [](double v) { return std::isfinite(v); });
    };
    for (std::size_t i = 0; i < n;) {
        if (!finite(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && finite(j)) ++j;
        out += fmt::format("<polygon class=\"band1\" points=\"{}\"/>\n", band_points(f, sx, sy, i, j, 0, 4));
        out += fmt::format("<polygon class=\"band2\" points=\"{}\"/>\n", band_points(f, sx, sy, i, j, 1, 3));
        std::string pts;
        for (std::size_t k = i; k < j; ++k) pts += fmt::format(" {},{}", n2(sx.at(f.years[k])), n2(sy.at(f.bands[k][2])));
        out += fmt::format("<polyline class=\"p50\" points=\"{}\"/>\n", pts.substr(1));
        i = j;
    }
    std::string pts;
    auto flush = [&] {
        if (!pts.empty()) out += fmt::format("<polyline class=\"avg\" points=\"{}\"/>\n", pts.substr(1));
        pts.clear();
    };
    for (std::size_t i = 0; i < std::min(n, f.mean.size()); ++i) {
        if (!std::isfinite(f.mean[i])) {
            flush();
            continue;
        }
        pts += fmt::format(" {},{}", n2(sx.at(f.years[i])), n2(sy.at(f.mean[i])));
    }
    flush();
    out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2((x0 + x1) / 2), n2(plot_bottom + 32),
                       esc(caption(f.series, u)));
    return plot_bottom + 60;
}

}  // namespace

std::string render_simulation_svg(const sim::SimulationResult& r, const RunInfo& info) {
    std::string body;
    double y = 72;
    for (const auto& h : r.histograms) y = histogram(body, h, y);
    for (const auto& f : r.chain.fans) y = fan(body, f, y);
    if (r.histograms.empty() && r.chain.fans.empty()) {
        body += "<text class=\"note\" x=\"10\" y=\"72\">nothing to chart: no histogram and no fan</text>\n";
        y = 90;
    }
    std::string sub = fmt::format("simulate: scenario {}; {} paths, seed {}", info.scenario, count(r.paths), r.seed);
    if (r.shards > 0) sub += fmt::format(", shard {}/{}", r.shard, r.shards);
    for (const auto& s : info.sets) sub += "; --set " + s;
    sub += fmt::format("; P(NPV < 0) {}; P(independent by {}) {}", probability(r.chain.p_npv_negative),
                       reading(r.chain.target_year, Unit::Year), probability(r.chain.p_independent_by_target));
    return svg_document(page_w, std::ceil(y), title(info), sub, body);
}

}  // namespace reeplan::report
