#pragma once
/// Chart pieces shared by the SVG renderers of `simulate` and `sensitivity` (private to
/// src/report/): linear scales, "nice" ticks (steps of 1, 2 or 5 × 10^k), axes with readable
/// labels, a colour palette and the document frame. Every coordinate goes through n2 (two
/// decimals), so the same data give the same bytes.

#include "report/detail/sim_text.hpp"
#include "report/detail/svg.hpp"
#include "report/render.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::report::detail {

/// Maps the data interval [d0, d1] onto the pixel interval [p0, p1] (p1 < p0 for a y axis).
struct Scale {
    double d0 = 0, d1 = 1;
    double p0 = 0, p1 = 1;
    double at(double v) const { return d1 > d0 ? p0 + (v - d0) / (d1 - d0) * (p1 - p0) : (p0 + p1) / 2; }
};

/// The step of about `target` intervals over [lo, hi]: 1, 2 or 5 × 10^k; 1 when hi ≤ lo.
double nice_step(double lo, double hi, int target);

/// [lo, hi] widened to whole multiples of nice_step(lo, hi, target); an empty interval is
/// widened first (by 1, or by a tenth of the value).
struct Domain {
    double lo = 0, hi = 1, step = 1;
};
Domain nice_domain(double lo, double hi, int target);

/// The multiples of `step` within [lo, hi] (with a little slack for rounding).
std::vector<double> ticks(double lo, double hi, double step);

/// A tick label in the unit, with as many decimals as the step needs ("1,250", "2.5", "40%").
std::string tick_label(double v, double step, Unit u);

/// Years between labels so that labels at `px_per_year` are at least `min_px` apart.
int year_step(double px_per_year, double min_px);

/// The i-th colour of a palette readable on white (it repeats after eight).
const char* palette(std::size_t i);

/// Horizontal grid lines and labels at `ys` (data values) across [x0, x1] of the scale `sy`.
void y_axis(std::string& out, const Scale& sy, const std::vector<double>& ys, double step, Unit u, double x0, double x1);

/// Vertical grid lines at `xs` from y0 to y1, and their labels below y1.
void x_axis(std::string& out, const Scale& sx, const std::vector<double>& xs, double step, Unit u, double y0, double y1);

/// Width in pixels of `s` at the 11 px label size (an estimate: no fonts are measured).
double label_px(const std::string& s);

/// The whole document: XML prolog, the svg element sized `width` × `height`, the shared style,
/// a white background, the heading and a sub-title (both escaped here), then `body` (already
/// SVG). Charts in `body` start below y = 60.
std::string svg_document(double width, double height, const std::string& heading, const std::string& subtitle,
                         const std::string& body);

}  // namespace reeplan::report::detail
