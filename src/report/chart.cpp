// Scales, ticks, axes and the document frame of the simulate and sensitivity charts.

#include "report/detail/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace reeplan::report::detail {

double nice_step(double lo, double hi, int target) {
    const double range = hi - lo;
    if (!(range > 0) || !std::isfinite(range) || target < 1) return 1;
    const double raw = range / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * mag >= raw * (1 - 1e-9)) return m * mag;
    return 10 * mag;
}

Domain nice_domain(double lo, double hi, int target) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    if (hi < lo) std::swap(lo, hi);
    if (!(hi > lo)) {
        const double pad = std::abs(lo) > 0 ? std::abs(lo) / 10 : 1;
        lo -= pad;
        hi += pad;
    }
    const double step = nice_step(lo, hi, target);
    return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step};
}

std::vector<double> ticks(double lo, double hi, double step) {
    std::vector<double> out;
    if (!(step > 0) || !(hi >= lo)) return out;
    const double first = std::ceil(lo / step - 1e-9);
    const double last = std::floor(hi / step + 1e-9);
    for (double k = first; k <= last && out.size() < 200; k += 1) out.push_back(k * step);
    return out;
}

namespace {

/// Decimals a step of 1, 2 or 5 × 10^k needs: max(0, −k).
int decimals(double step) {
    if (!(step > 0)) return 0;
    return std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
}

}  // namespace

std::string tick_label(double v, double step, Unit u) {
    switch (u) {
        case Unit::Share: return percent(v, decimals(100 * step));
        case Unit::Year: return fmt::format("{:.{}f}", v, decimals(step));  // no thousands separator
        default: return grouped(v, decimals(step));
    }
}

int year_step(double px_per_year, double min_px) {
    for (int step : {1, 2, 5, 10, 20, 50})
        if (step * px_per_year >= min_px) return step;
    return 100;
}

const char* palette(std::size_t i) {
    static constexpr std::array<const char*, 8> colors{"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                                       "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
    return colors[i % colors.size()];
}

void y_axis(std::string& out, const Scale& sy, const std::vector<double>& ys, double step, Unit u, double x0, double x1) {
    out += "<g class=\"grid\">\n";
    for (double v : ys) out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", n2(x0), n2(sy.at(v)), n2(x1));
    out += "</g>\n";
    for (double v : ys)
        out += fmt::format("<text class=\"yl\" x=\"{}\" y=\"{}\">{}</text>\n", n2(x0 - 6), n2(sy.at(v) + 4), esc(tick_label(v, step, u)));
}

void x_axis(std::string& out, const Scale& sx, const std::vector<double>& xs, double step, Unit u, double y0, double y1) {
    out += "<g class=\"grid\">\n";
    for (double v : xs) out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", n2(sx.at(v)), n2(y0), n2(y1));
    out += "</g>\n";
    for (double v : xs)
        out += fmt::format("<text class=\"ax\" x=\"{}\" y=\"{}\">{}</text>\n", n2(sx.at(v)), n2(y1 + 15), esc(tick_label(v, step, u)));
}

double label_px(const std::string& s) { return 6.4 * static_cast<double>(display_width(s)); }

std::string svg_document(double width, double height, const std::string& heading, const std::string& subtitle,
                         const std::string& body) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                       "font-family=\"sans-serif\" font-size=\"12\">\n",
                       n2(width), n2(height));
    out += "<style>\n"
           ".h{font-size:15px;font-weight:bold}\n"
           ".t{font-size:17px;font-weight:bold}\n"
           ".ax{text-anchor:middle;fill:#444444;font-size:11px}\n"
           ".yl{text-anchor:end;fill:#444444;font-size:11px}\n"
           ".lbl{text-anchor:end}\n"
           ".note{fill:#444444;font-size:11px}\n"
           ".lab{paint-order:stroke;stroke:#ffffff;stroke-width:3px}\n"
           ".grid line{stroke:#dddddd;stroke-width:1}\n"
           ".frame{fill:none;stroke:#999999;stroke-width:1}\n"
           ".bin{fill:#7fa7d1;stroke:#ffffff;stroke-width:0.5}\n"
           ".mark{stroke:#222222;stroke-width:1.5;stroke-dasharray:5 3}\n"
           ".mean{stroke:#c0392b;stroke-width:2}\n"
           ".band1{fill:#cfe0f1;stroke:none}\n"
           ".band2{fill:#8fb6de;stroke:none}\n"
           ".p50{fill:none;stroke:#174a7c;stroke-width:2.5}\n"
           ".avg{fill:none;stroke:#c0392b;stroke-width:1.5;stroke-dasharray:5 3}\n"
           ".lo{fill:#2e86c1}\n"
           ".hi{fill:#e67e22}\n"
           ".base{stroke:#222222;stroke-width:1.5}\n"
           ".line{fill:none;stroke-width:2}\n"
           ".pos{fill:#2e86c1}\n"
           ".neg{fill:#c0392b}\n"
           "</style>\n";
    out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", n2(width), n2(height));
    out += fmt::format("<text class=\"t\" x=\"10\" y=\"24\">{}</text>\n", esc(heading));
    out += fmt::format("<text class=\"note\" x=\"10\" y=\"40\">{}</text>\n", esc(subtitle));
    out += body;
    out += "</svg>\n";
    return out;
}

}  // namespace reeplan::report::detail
