#include "sim/goal_seek.hpp"

#include "finance/solvers.hpp"
#include "sim/engine.hpp"
#include "sim/simulate.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace reeplan::sim {

namespace {

std::string num(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back v
    return std::string(buf, r.ptr);
}

}  // namespace

SolveResult solve(const model::Plan& plan, const SolveOptions& options) {
    SolveResult out;
    out.param = options.param;
    out.metric = options.metric;
    out.target = options.target;
    out.lo = options.lo;
    out.hi = options.hi;
    out.base_value = get_param(plan, options.param).value_or(0.0);

    Evaluator ev(plan, options_for(options.metric));
    const std::size_t column = *ev.index_of(options.metric);
    model::Plan work = plan;
    auto metric_at = [&](double x) {
        ++out.evaluations;
        work = plan;
        set_param(work, options.param, x);
        return ev.metric(work, column);
    };

    out.metric_at_lo = metric_at(options.lo);
    out.metric_at_hi = metric_at(options.hi);
    if (!out.metric_at_lo || !out.metric_at_hi) {
        out.reason = std::string("the metric does not exist at ") + (!out.metric_at_lo ? "the low" : "the high") +
                     " end of the range (" + options.param + " = " + num(!out.metric_at_lo ? options.lo : options.hi) +
                     "), so the range brackets no root";
        return out;
    }
    // A year is a whole number: the target is met where the metric crosses target + ½, which
    // puts the answer at the jump between "by the target" and "after it".
    const bool step = is_year_metric(options.metric);
    const double level = step ? options.target + 0.5 : options.target;
    const double f_lo = *out.metric_at_lo - level, f_hi = *out.metric_at_hi - level;
    if ((f_lo > 0 && f_hi > 0) || (f_lo < 0 && f_hi < 0)) {
        out.reason = "no root in [" + num(options.lo) + ", " + num(options.hi) + "]: " + options.metric + " is " +
                     num(*out.metric_at_lo) + " at " + num(options.lo) + " and " + num(*out.metric_at_hi) + " at " +
                     num(options.hi) + ", both on the same side of the target " + num(options.target);
        return out;
    }
    bool missing = false;
    double missing_at = 0;
    auto f = [&](double x) {
        const std::optional<double> m = metric_at(x);
        if (!m) {
            missing = true;
            missing_at = x;
            return std::numeric_limits<double>::quiet_NaN();
        }
        return *m - level;
    };
    const double tol = 1e-9 * std::abs(options.hi - options.lo);
    std::optional<double> root;
    if (step) {
        // bisection on the sign: the metric is flat between jumps, where Brent gains nothing
        double a = options.lo, b = options.hi, fa = f_lo;
        for (int k = 0; k < 200 && std::abs(b - a) > tol && !missing; ++k) {
            const double m = 0.5 * (a + b);
            const double fm = f(m);
            if (missing) break;
            if ((fm > 0) == (fa > 0)) {
                a = m;
                fa = fm;
            } else {
                b = m;
            }
        }
        // report the end of the final bracket on which the target is met (metric ≤ target)
        if (!missing) root = fa < 0 ? a : b;
    } else {
        root = finance::brent(f, options.lo, options.hi, tol, 200);
    }
    if (missing) {
        out.reason = "the metric does not exist at " + options.param + " = " + num(missing_at) +
                     " inside the range, so the search cannot continue";
        return out;
    }
    if (!root) {
        out.reason = "the search did not converge in 200 steps";
        return out;
    }
    out.root = *root;
    out.metric_at_root = metric_at(*root);
    const double scale = 1e-6 * std::max(1.0, std::abs(options.target));
    out.jump = step || !out.metric_at_root || std::abs(*out.metric_at_root - options.target) > scale;
    if (out.jump && !step) out.reason = "the metric jumps across the target at this value instead of meeting it";
    return out;
}

}  // namespace reeplan::sim
