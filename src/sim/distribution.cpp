#include "sim/distribution.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/policies/policy.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace reeplan::sim {

namespace {

namespace bmp = boost::math::policies;

/// Every error is ignored (the result is NaN or ±infinity, as IEEE arithmetic would give), and
/// double stays double: Boost.Math's default promotes double to long double internally, which
/// costs a factor of several on x86-64 for no accuracy the inputs of a simulation can use.
using Policy = bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::pole_error<bmp::ignore_error>,
                           bmp::overflow_error<bmp::ignore_error>, bmp::underflow_error<bmp::ignore_error>,
                           bmp::denorm_error<bmp::ignore_error>, bmp::evaluation_error<bmp::ignore_error>,
                           bmp::rounding_error<bmp::ignore_error>,
                           bmp::indeterminate_result_error<bmp::ignore_error>, bmp::promote_float<false>,
                           bmp::promote_double<false>>;

using Normal = boost::math::normal_distribution<double, Policy>;
using Lognormal = boost::math::lognormal_distribution<double, Policy>;
using Triangular = boost::math::triangular_distribution<double, Policy>;
using Beta = boost::math::beta_distribution<double, Policy>;
using Uniform = boost::math::uniform_distribution<double, Policy>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Location μ and scale σ of ln X for a lognormal X with mean m > 0 and sd s > 0:
/// σ² = ln(1 + s²/m²), μ = ln m − σ²/2 (Johnson, Kotz and Balakrishnan 1994, ch. 14).
struct LogParams {
    double mu;
    double sigma;
};

LogParams log_params(double m, double s) {
    const double ratio = s / m;
    const double var = std::log1p(ratio * ratio);
    return {std::log(m) - 0.5 * var, std::sqrt(var)};
}

/// The shape parameters of the PERT beta (Vose 2008, appendix III).
struct PertShape {
    double alpha;
    double beta;
};

PertShape pert_shape(const model::Distribution& d) {
    const double range = d.max - d.min;
    return {1.0 + 4.0 * (d.mode - d.min) / range, 1.0 + 4.0 * (d.max - d.mode) / range};
}

/// The number of usable (value, probability) entries and the sum of their probabilities.
struct DiscreteTable {
    std::size_t n;
    double total;
};

DiscreteTable discrete_table(const model::Distribution& d) {
    const std::size_t n = std::min(d.values.size(), d.probabilities.size());
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) total += d.probabilities[i];
    return {n, total};
}

/// The largest value carrying positive probability: the answer when rounding leaves the
/// cumulative sum a few ulps short of u·total.
double discrete_top(const model::Distribution& d, std::size_t n) {
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i)
        if (d.probabilities[i] > 0) top = std::max(top, d.values[i]);
    return top;
}

double discrete_quantile(const model::Distribution& d, double u) {
    const auto [n, total] = discrete_table(d);
    if (n == 0 || !(total > 0) || !(u >= 0 && u <= 1)) return kNaN;
    const double target = u * total;
    if (std::is_sorted(d.values.begin(), d.values.begin() + static_cast<std::ptrdiff_t>(n))) {
        // Ascending: equal values are adjacent, and the first index at which the running sum
        // reaches the target carries the merged value.
        double cum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            cum += d.probabilities[i];
            if (cum >= target) return d.values[i];
        }
        return discrete_top(d, n);
    }
    // Any order, without sorting a copy: the smallest value v with P(X ≤ v) ≥ target.
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        const double v = d.values[i];
        if (!(v < best)) continue;
        double cum = 0;
        for (std::size_t k = 0; k < n; ++k)
            if (d.values[k] <= v) cum += d.probabilities[k];
        if (cum >= target) best = v;
    }
    return std::isinf(best) ? discrete_top(d, n) : best;
}

double discrete_cdf(const model::Distribution& d, double x) {
    const auto [n, total] = discrete_table(d);
    if (n == 0 || !(total > 0)) return kNaN;
    double cum = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (d.values[i] <= x) cum += d.probabilities[i];
    return std::min(1.0, cum / total);
}

Moments discrete_moments(const model::Distribution& d) {
    const auto [n, total] = discrete_table(d);
    if (n == 0 || !(total > 0)) return {kNaN, kNaN};
    double mean = 0;
    for (std::size_t i = 0; i < n; ++i) mean += d.probabilities[i] * d.values[i];
    mean /= total;
    double var = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = d.values[i] - mean;
        var += d.probabilities[i] * e * e;
    }
    return {mean, var / total};
}

/// A point mass at x0 as a CDF.
double step(double x, double x0) { return x >= x0 ? 1.0 : 0.0; }

/// True when a bounded kind (triangular, pert, uniform) has no width.
bool degenerate_range(const model::Distribution& d) { return !(d.max > d.min); }

}  // namespace

double draw(const model::Distribution& d, double u) {
    using model::DistKind;
    switch (d.kind) {
        case DistKind::Normal:
            if (!(d.sd > 0)) return d.mean;
            return quantile(Normal(d.mean, d.sd), u);
        case DistKind::Lognormal: {
            if (!(d.mean > 0)) return kNaN;
            if (!(d.sd > 0)) return d.mean;
            const LogParams p = log_params(d.mean, d.sd);
            return quantile(Lognormal(p.mu, p.sigma), u);
        }
        case DistKind::Triangular:
            if (degenerate_range(d)) return d.min;
            return quantile(Triangular(d.min, d.mode, d.max), u);
        case DistKind::Pert: {
            if (degenerate_range(d)) return d.min;
            const PertShape s = pert_shape(d);
            return d.min + (d.max - d.min) * quantile(Beta(s.alpha, s.beta), u);
        }
        case DistKind::Uniform:
            if (degenerate_range(d)) return d.min;
            return quantile(Uniform(d.min, d.max), u);
        case DistKind::Discrete: return discrete_quantile(d, u);
        case DistKind::Fixed: return d.value;
    }
    return kNaN;
}

double cdf(const model::Distribution& d, double x) {
    using model::DistKind;
    switch (d.kind) {
        case DistKind::Normal:
            if (!(d.sd > 0)) return step(x, d.mean);
            return cdf(Normal(d.mean, d.sd), x);
        case DistKind::Lognormal: {
            if (!(d.mean > 0)) return kNaN;
            if (!(d.sd > 0)) return step(x, d.mean);
            if (!(x > 0)) return 0.0;
            if (std::isinf(x)) return 1.0;
            const LogParams p = log_params(d.mean, d.sd);
            return cdf(Lognormal(p.mu, p.sigma), x);
        }
        case DistKind::Triangular:
        case DistKind::Pert:
        case DistKind::Uniform: {
            if (degenerate_range(d)) return step(x, d.min);
            if (x <= d.min) return 0.0;
            if (x >= d.max) return 1.0;
            if (d.kind == DistKind::Uniform) return cdf(Uniform(d.min, d.max), x);
            if (d.kind == DistKind::Triangular) return cdf(Triangular(d.min, d.mode, d.max), x);
            const PertShape s = pert_shape(d);
            return cdf(Beta(s.alpha, s.beta), (x - d.min) / (d.max - d.min));
        }
        case DistKind::Discrete: return discrete_cdf(d, x);
        case DistKind::Fixed: return step(x, d.value);
    }
    return kNaN;
}

Moments moments(const model::Distribution& d) {
    using model::DistKind;
    switch (d.kind) {
        case DistKind::Normal:
        case DistKind::Lognormal:
            if (!(d.sd > 0)) return {d.mean, 0.0};
            return {d.mean, d.sd * d.sd};
        case DistKind::Triangular: {
            if (degenerate_range(d)) return {d.min, 0.0};
            // Kotz and van Dorp 2004, ch. 1.
            const double a = d.min, b = d.max, c = d.mode;
            return {(a + b + c) / 3.0, (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0};
        }
        case DistKind::Pert: {
            if (degenerate_range(d)) return {d.min, 0.0};
            // Vose 2008, appendix III: the mean (a + 4c + b)/6 and the variance of the scaled beta.
            const PertShape s = pert_shape(d);
            const double range = d.max - d.min;
            const double sum = s.alpha + s.beta;
            return {(d.min + 4.0 * d.mode + d.max) / 6.0,
                    s.alpha * s.beta * range * range / (sum * sum * (sum + 1.0))};
        }
        case DistKind::Uniform: {
            if (degenerate_range(d)) return {d.min, 0.0};
            const double range = d.max - d.min;
            return {0.5 * (d.min + d.max), range * range / 12.0};
        }
        case DistKind::Discrete: return discrete_moments(d);
        case DistKind::Fixed: return {d.value, 0.0};
    }
    return {kNaN, kNaN};
}

double standard_normal_quantile(double u) { return quantile(Normal(0.0, 1.0), u); }

double standard_normal_cdf(double z) { return cdf(Normal(0.0, 1.0), z); }

std::string dist_name(model::DistKind kind) {
    using model::DistKind;
    switch (kind) {
        case DistKind::Normal: return "normal";
        case DistKind::Lognormal: return "lognormal";
        case DistKind::Triangular: return "triangular";
        case DistKind::Pert: return "pert";
        case DistKind::Uniform: return "uniform";
        case DistKind::Discrete: return "discrete";
        case DistKind::Fixed: return "fixed";
    }
    return "unknown";
}

}  // namespace reeplan::sim
