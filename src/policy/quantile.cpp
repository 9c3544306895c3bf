#include "policy/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace reeplan::policy {

double normal_quantile(double u) {
    if (!(u > 0.0)) return -std::numeric_limits<double>::infinity();
    if (!(u < 1.0)) return std::numeric_limits<double>::infinity();
    // P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
    // function" (2003): coefficients of the central and tail rational approximations.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x;
    if (u < low) {
        const double q = std::sqrt(-2.0 * std::log(u));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (u > 1.0 - low) {
        const double q = std::sqrt(-2.0 * std::log1p(-u));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else {
        const double q = u - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
    // one Halley step: e = Φ(x) − u, Φ(x) = erfc(−x/√2)/2
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - u;
    const double g = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
    return x - g / (1.0 + x * g / 2.0);
}

namespace {

// Continued fraction for I_x(a, b) (Numerical Recipes, 3rd ed., §6.4, `betacf`).
double beta_cf(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr double eps = 1e-16;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::abs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < 10000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1.0) < eps) break;
    }
    return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
    if (!(x > 0.0)) return 0.0;
    if (!(x < 1.0)) return 1.0;
    const double ln_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(ln_front);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_cf(a, b, x) / a;
    return 1.0 - front * beta_cf(b, a, 1.0 - x) / b;
}

double incomplete_beta_inverse(double a, double b, double u) {
    if (!(u > 0.0)) return 0.0;
    if (!(u < 1.0)) return 1.0;
    double lo = 0.0, hi = 1.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (incomplete_beta(a, b, mid) < u) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

double quantile(const model::Distribution& d, double u) {
    using model::DistKind;
    switch (d.kind) {
    case DistKind::Fixed: return d.value;
    case DistKind::Uniform: return d.max > d.min ? d.min + u * (d.max - d.min) : d.min;
    case DistKind::Triangular: {
        if (!(d.max > d.min)) return d.min;
        const double w = d.max - d.min;
        const double fc = (d.mode - d.min) / w;
        if (u < fc) return d.min + std::sqrt(u * w * (d.mode - d.min));
        return d.max - std::sqrt((1.0 - u) * w * (d.max - d.mode));
    }
    case DistKind::Pert: {
        if (!(d.max > d.min)) return d.min;
        const double w = d.max - d.min;
        const double alpha = 1.0 + 4.0 * (d.mode - d.min) / w;
        const double beta = 1.0 + 4.0 * (d.max - d.mode) / w;
        return d.min + w * incomplete_beta_inverse(alpha, beta, u);
    }
    case DistKind::Normal: return d.mean + d.sd * normal_quantile(u);
    case DistKind::Lognormal: {
        if (!(d.mean > 0.0)) return 0.0;
        const double s2 = std::log1p(d.sd * d.sd / (d.mean * d.mean));
        const double mu = std::log(d.mean) - s2 / 2.0;
        return std::exp(mu + std::sqrt(s2) * normal_quantile(u));
    }
    case DistKind::Discrete: {
        auto pts = enumeration_points(d);
        double cum = 0.0;
        for (const auto& [v, p] : pts) {
            cum += p;
            if (!(cum < u)) return v;
        }
        return pts.empty() ? 0.0 : pts.back().first;
    }
    }
    return d.value;
}

std::vector<std::pair<double, double>> enumeration_points(const model::Distribution& d) {
    using model::DistKind;
    std::vector<std::pair<double, double>> out;
    if (d.kind == DistKind::Fixed) {
        out.emplace_back(d.value, 1.0);
    } else if (d.kind == DistKind::Discrete) {
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            const double p = i < d.probabilities.size() ? d.probabilities[i] : 0.0;
            if (p > 0.0) out.emplace_back(d.values[i], p);
        }
        std::sort(out.begin(), out.end());
        std::vector<std::pair<double, double>> merged;
        for (const auto& pt : out) {
            if (!merged.empty() && !(merged.back().first < pt.first)) merged.back().second += pt.second;
            else merged.push_back(pt);
        }
        out = std::move(merged);
    } else {
        for (double u : {0.1, 0.3, 0.5, 0.7, 0.9}) out.emplace_back(quantile(d, u), 0.2);
    }
    return out;
}

}  // namespace reeplan::policy
