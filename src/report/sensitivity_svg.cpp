// `reeplan sensitivity --format svg`: the tornado, the spider and the rank correlations.

#include "report/detail/chart.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reeplan::report {

namespace {

using namespace detail;

constexpr double page_w = 960;
constexpr double right = 50;

/// The data interval of the metric over the tornado, the spider and the base.
Domain metric_domain(const sim::SensitivityResult& r, bool tornado, bool spider) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    auto take = [&](const std::optional<double>& v) {
        if (v && std::isfinite(*v)) lo = std::min(lo, *v), hi = std::max(hi, *v);
    };
    take(r.base_metric);
    if (tornado)
        for (const auto& b : r.tornado) take(b.metric_at_lo), take(b.metric_at_hi);
    if (spider)
        for (const auto& l : r.spider)
            for (const auto& m : l.metric) take(m);
    if (!(hi >= lo)) lo = 0, hi = 1;
    // room at both ends for the labels at the ends of the bars
    const double pad = tornado ? 0.12 * (hi - lo) : 0;
    return nice_domain(lo - pad, hi + pad, 6);
}

/// Left edge of the plots: room for the longest parameter name.
double label_column(const sim::SensitivityResult& r) {
    double w = 0;
    for (const auto& b : r.tornado) w = std::max(w, label_px(b.param));
    for (const auto& c : r.ranks) w = std::max(w, label_px(c.param));
    return std::clamp(w * 12 / 11 + 24, 160.0, 460.0);  // the labels are 12 px, label_px measures 11 px
}

double tornado(std::string& out, const sim::SensitivityResult& r, double left, double top) {
    const Unit mu = unit_of(r.metric);
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">{}</text>\n", n2(top),
                       esc(fmt::format("Tornado: {} with each input at its low and its high value", r.metric)));
    const double x0 = left, x1 = page_w - right, ly = top + 20;
    out += fmt::format("<rect class=\"lo\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/><text x=\"{}\" y=\"{}\">input at its low value</text>\n",
                       n2(x0), n2(ly - 9), n2(x0 + 18), n2(ly));
    out += fmt::format("<rect class=\"hi\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/><text x=\"{}\" y=\"{}\">input at its high value</text>\n",
                       n2(x0 + 170), n2(ly - 9), n2(x0 + 188), n2(ly));
    out += fmt::format("<line class=\"base\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text x=\"{3}\" y=\"{4}\">{5}</text>\n",
                       n2(x0 + 347), n2(ly - 10), n2(ly + 1), n2(x0 + 354), n2(ly),
                       esc("base " + reading(r.base_metric, mu)));
    const double row_h = 24, plot_top = top + 32;
    const double plot_bottom = plot_top + std::max<double>(1, static_cast<double>(r.tornado.size())) * row_h;
    const Domain d = metric_domain(r, true, false);
    const Scale sx{d.lo, d.hi, x0, x1};
    x_axis(out, sx, ticks(d.lo, d.hi, d.step), d.step, mu, plot_top, plot_bottom);
    double y = plot_top;
    for (const auto& b : r.tornado) {
        const Unit pu = unit_of(b.param);
        out += fmt::format("<text class=\"lbl\" x=\"{}\" y=\"{}\">{}</text>\n", n2(x0 - 8), n2(y + 16), esc(b.param));
        auto bar = [&](const std::optional<double>& m, double input, const char* cls, double by) {
            if (!m || !std::isfinite(*m)) {
                out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">{}</text>\n", n2(x0 + 4), n2(by + 8),
                                   esc(fmt::format("no value at {}", reading(input, pu))));
                return;
            }
            const double base = r.base_metric ? sx.at(*r.base_metric) : sx.at(*m);
            const double end = sx.at(*m);
            const double a = std::min(base, end), w = std::max(std::abs(end - base), 1.0);
            out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"9\">", cls, n2(a), n2(by),
                               n2(w));
            out += fmt::format("<title>{}</title></rect>\n",
                               esc(fmt::format("{} = {}: {} {}", b.param, reading(input, pu), r.metric, reading(*m, mu))));
            const bool after = end >= base;
            out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\"{}>{}</text>\n", n2(after ? a + w + 3 : a - 3), n2(by + 8),
                               after ? "" : " text-anchor=\"end\"", esc(reading(input, pu)));
        };
        bar(b.metric_at_lo, b.lo_value, "lo", y + 2);
        bar(b.metric_at_hi, b.hi_value, "hi", y + 12);
        y += row_h;
    }
    if (r.tornado.empty()) out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">no inputs varied</text>\n", n2(x0 + 4), n2(plot_top + 14));
    if (r.base_metric && std::isfinite(*r.base_metric))
        out += fmt::format("<line class=\"base\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(sx.at(*r.base_metric)),
                           n2(plot_top - 4), n2(plot_bottom));
    const std::string cap = unit_caption(mu);
    out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2((x0 + x1) / 2), n2(plot_bottom + 32),
                       esc(cap.empty() ? r.metric : r.metric + " (" + cap + ")"));
    return plot_bottom + 60;
}

double spider(std::string& out, const sim::SensitivityResult& r, double left, double top) {
    const Unit mu = unit_of(r.metric);
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">{}</text>\n", n2(top),
                       esc(fmt::format("Spider: {} as each input moves from its base value", r.metric)));
    const double x0 = left, x1 = page_w - right;
    const double plot_top = top + 16, plot_h = 240, plot_bottom = plot_top + plot_h;
    double clo = 0, chi = 0;
    for (const auto& l : r.spider)
        for (double c : l.change)
            if (std::isfinite(c)) clo = std::min(clo, c), chi = std::max(chi, c);
    const Domain dx = nice_domain(clo, chi, 8);
    const Domain dy = metric_domain(r, false, true);
    const Scale sx{dx.lo, dx.hi, x0, x1}, sy{dy.lo, dy.hi, plot_bottom, plot_top};
    y_axis(out, sy, ticks(dy.lo, dy.hi, dy.step), dy.step, mu, x0, x1);
    x_axis(out, sx, ticks(dx.lo, dx.hi, dx.step), dx.step, Unit::Share, plot_top, plot_bottom);
    if (r.base_metric && std::isfinite(*r.base_metric))
        out += fmt::format("<line class=\"mark\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(x0), n2(sy.at(*r.base_metric)),
                           n2(x1));
    for (std::size_t i = 0; i < r.spider.size(); ++i) {
        const auto& l = r.spider[i];
        const char* color = palette(i);
        std::string pts;
        auto flush = [&] {
            if (!pts.empty())
                out += fmt::format("<polyline class=\"line\" stroke=\"{}\" points=\"{}\"/>\n", color, pts.substr(1));
            pts.clear();
        };
        for (std::size_t k = 0; k < l.change.size(); ++k) {
            const std::optional<double> m = k < l.metric.size() ? l.metric[k] : std::nullopt;
            if (!m || !std::isfinite(*m) || !std::isfinite(l.change[k])) {
                flush();
                continue;
            }
            pts += fmt::format(" {},{}", n2(sx.at(l.change[k])), n2(sy.at(*m)));
        }
        flush();
        for (std::size_t k = 0; k < l.change.size(); ++k) {
            const std::optional<double> m = k < l.metric.size() ? l.metric[k] : std::nullopt;
            if (!m || !std::isfinite(*m) || !std::isfinite(l.change[k])) continue;
            out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>\n", n2(sx.at(l.change[k])), n2(sy.at(*m)), color);
        }
    }
    out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">change from the base value (%)</text>\n", n2((x0 + x1) / 2),
                       n2(plot_bottom + 32));
    // legend: entries side by side, a new line when the page is full
    double lx = x0, ly = plot_bottom + 54;
    for (std::size_t i = 0; i < r.spider.size(); ++i) {
        const double w = 30 + label_px(r.spider[i].param) + 16;
        if (lx > x0 && lx + w > page_w - 10) lx = x0, ly += 18;
        out += fmt::format("<line class=\"line\" stroke=\"{0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>", palette(i), n2(lx),
                           n2(ly - 4), n2(lx + 22));
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n2(lx + 28), n2(ly), esc(r.spider[i].param));
        lx += w;
    }
    return ly + 40;
}

double ranks(std::string& out, const sim::SensitivityResult& r, double left, double top) {
    out += fmt::format("<text class=\"h\" x=\"10\" y=\"{}\">{}</text>\n", n2(top),
                       esc(fmt::format("Rank correlation (Spearman) with {} over {} paths", r.metric, count(r.paths))));
    const double x0 = left, x1 = page_w - right, row_h = 20;
    const double plot_top = top + 14, plot_bottom = plot_top + static_cast<double>(r.ranks.size()) * row_h;
    const Scale sx{-1, 1, x0, x1};
    x_axis(out, sx, ticks(-1, 1, 0.5), 0.5, Unit::Plain, plot_top, plot_bottom);
    double y = plot_top;
    for (const auto& c : r.ranks) {
        out += fmt::format("<text class=\"lbl\" x=\"{}\" y=\"{}\">{}</text>\n", n2(x0 - 8), n2(y + 14), esc(c.param));
        if (std::isfinite(c.spearman)) {
            const double rho = std::clamp(c.spearman, -1.0, 1.0);
            const double a = std::min(sx.at(0), sx.at(rho)), w = std::abs(sx.at(rho) - sx.at(0));
            out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\"><title>{}</title></rect>\n",
                               rho < 0 ? "neg" : "pos", n2(a), n2(y + 4), n2(w),
                               esc(fmt::format("{}: ρ = {:+.2f}", c.param, c.spearman)));
            out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\"{}>{:+.2f}</text>\n", n2(rho < 0 ? a - 3 : a + w + 3), n2(y + 14),
                               rho < 0 ? " text-anchor=\"end\"" : "", c.spearman);
        }
        y += row_h;
    }
    out += fmt::format("<line class=\"base\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(sx.at(0)), n2(plot_top), n2(plot_bottom));
    return plot_bottom + 50;
}

}  // namespace

std::string render_sensitivity_svg(const sim::SensitivityResult& r, const RunInfo& info) {
    const double left = label_column(r);
    std::string body;
    double y = tornado(body, r, left, 72);
    if (!r.spider.empty()) y = spider(body, r, left, y);
    if (!r.ranks.empty()) y = ranks(body, r, left, y);
    std::string sub = fmt::format("sensitivity of {}: scenario {}", r.metric, info.scenario);
    for (const auto& s : info.sets) sub += "; --set " + s;
    return svg_document(page_w, std::ceil(y), title(info), sub, body);
}

}  // namespace reeplan::report
