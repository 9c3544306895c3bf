#include "sim/distribution.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>

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

/// Below this u a PERT draw takes the closed form of its lower tail (draw).
constexpr double kPertTailU = 1e-100;

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

// ---- the PERT table of InverseCdf -------------------------------------------------------------
//
// One half of the table maps τ in (0, 1/2] to z = I⁻¹_τ(a, b). Its pieces, in order: the lower and
// upper half of each binade [1/4, 1/2], [1/8, 1/4], [1/16, 1/8], where z is a polynomial in τ;
// then [0, 1/2] and [1/2, 1] of t = (16τ)^(1/a) (τ < 1/16), where z/t is a polynomial in t, so
// that z keeps its relative accuracy as τ → 0. Each polynomial has degree kDegree in
// s ∈ [−1, 1], the piece's variable mapped linearly.

constexpr int kBands = 3;  ///< binades of τ below 1/2 tabulated in τ
constexpr int kPiecesPerBand = 2;
constexpr int kBandPieces = kBands * kPiecesPerBand;
constexpr int kTailPieces = 2;
constexpr int kPieces = kBandPieces + kTailPieces;  ///< per half
constexpr int kDegree = 16;
constexpr int kCoefficients = kDegree + 1;
constexpr double kTailEnd = 1.0 / 16;  ///< 2^−(kBands + 1): where the tail pieces end

using Coefficients = std::array<double, kCoefficients>;
using WideCoefficients = std::array<long double, kCoefficients>;

/// The interpolant through values v_j at the Chebyshev points s_j = cos(π(j + 1/2)/n),
/// n = kCoefficients, as monomial coefficients: c_k = (2/n) Σ_j v_j cos(πk(j + 1/2)/n) (c_0
/// halved) are its Chebyshev coefficients, and T_0 = 1, T_1 = s, T_{k+1} = 2s·T_k − T_{k−1}
/// expands them (W. H. Press et al., *Numerical Recipes*, 3rd ed., 2007, sections 5.8 and 5.10;
/// Trefethen 2013, ch. 3). The sums run in long double and the coefficients are rounded once
/// at the end: in double, the rounding of the expansion (the coefficients of T_16 reach 2·10^5)
/// would be several times the error of the values.
Coefficients chebyshev_interpolant(const WideCoefficients& values) {
    constexpr long double pi = std::numbers::pi_v<long double>;
    WideCoefficients cheb{};
    for (int k = 0; k < kCoefficients; ++k) {
        long double sum = 0;
        for (int j = 0; j < kCoefficients; ++j) sum += values[j] * std::cos(pi * k * (j + 0.5L) / kCoefficients);
        cheb[k] = sum * (k == 0 ? 1.0L : 2.0L) / kCoefficients;
    }
    WideCoefficients wide{}, before{}, last{}, next{};
    before[0] = 1;  // T_0
    last[1] = 1;    // T_1
    wide[0] = cheb[0];
    wide[1] = cheb[1];
    for (int k = 2; k < kCoefficients; ++k) {
        for (int i = 0; i < kCoefficients; ++i) next[i] = (i > 0 ? 2 * last[i - 1] : 0.0L) - before[i];
        for (int i = 0; i < kCoefficients; ++i) wide[i] += cheb[k] * next[i];
        before = last;
        last = next;
    }
    Coefficients out{};
    for (int i = 0; i < kCoefficients; ++i) out[i] = static_cast<double>(wide[i]);
    return out;
}

/// Σ c_i s^i, i = 0 … 16, by Estrin's scheme: pairs c_i + c_{i+1}·s, then pairs of pairs with
/// s², s⁴ and s⁸ (D. E. Knuth, *The Art of Computer Programming*, vol. 2, 3rd ed., 1997,
/// section 4.6.4). Its chain of dependent operations is a third as long as Horner's rule, and
/// for |s| ≤ 1 and coefficients that fall with i it is as accurate; the construction checks the
/// result of this very function.
double polynomial(const double* c, double s) {
    static_assert(kDegree == 16, "the scheme below is written out for degree 16");
    const double s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
    const double q0 = (c[0] + c[1] * s) + (c[2] + c[3] * s) * s2;
    const double q1 = (c[4] + c[5] * s) + (c[6] + c[7] * s) * s2;
    const double q2 = (c[8] + c[9] * s) + (c[10] + c[11] * s) * s2;
    const double q3 = (c[12] + c[13] * s) + (c[14] + c[15] * s) * s2;
    return (q0 + q1 * s4) + ((q2 + q3 * s4) + c[16] * s8) * s8;
}

/// A point of a half's table: its piece, s ∈ [−1, 1] in the piece, and the factor the piece's
/// polynomial is multiplied by (t in the tail, else 1).
struct Place {
    int piece;
    double s;
    double factor;
};

/// The place of s in piece `piece`, and its τ, for shape a.
struct Point {
    Place place;
    double tau;
};

Point piece_point(int piece, double s, double a) {
    const double w = (s + 1) / 2;  // position in the piece, 0 to 1
    if (piece < kBandPieces) {
        const int band = piece / kPiecesPerBand, sub = piece % kPiecesPerBand;
        const double lo = std::ldexp(0.25, -band);  // the binade [lo, 2·lo]
        return {{piece, s, 1.0}, lo * (1 + (sub + w) / kPiecesPerBand)};
    }
    const double t = (piece - kBandPieces + w) / kTailPieces;
    return {{piece, s, t}, kTailEnd * std::pow(t, a)};
}

/// The place of τ ∈ (0, 1/2]; `inverse_a` is 1/a.
Place locate(double tau, double inverse_a) {
    if (tau >= kTailEnd) {
        int band = 0;
        double lo = 0.25;
        while (tau < lo) {
            lo *= 0.5;
            ++band;
        }
        const double pos = (tau / lo - 1) * kPiecesPerBand;  // exact: lo is a power of 2
        const int sub = std::min(static_cast<int>(pos), kPiecesPerBand - 1);
        return {band * kPiecesPerBand + sub, 2 * (pos - sub) - 1, 1.0};
    }
    const double t = std::pow(tau / kTailEnd, inverse_a);  // τ/kTailEnd is exact
    const double pos = t * kTailPieces;
    const int sub = std::min(static_cast<int>(pos), kTailPieces - 1);
    return {kBandPieces + sub, 2 * (pos - sub) - 1, t};
}

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
            // Far in the lower tail Boost's inverse incomplete beta can throw whatever the policy
            // (its Newton iteration finds "no root" below u ≈ 1e-200: boostorg/math #961, #1169).
            // There the leading term of I_x(α, β) = x^α / (α·B(α, β))·(1 + O(x)) (DLMF 8.17.7)
            // inverts in closed form, x = (u·α·B(α, β))^(1/α), with a relative error of order x
            // itself: below 1e-20 for u < 1e-100, as α ≤ 5.
            if (u > 0 && u < kPertTailU)
                return d.min + (d.max - d.min) * std::pow(u * s.alpha * boost::math::beta(s.alpha, s.beta, Policy()), 1.0 / s.alpha);
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

InverseCdf::InverseCdf(const model::Distribution& d, double tolerance) : dist_(d) {
    if (d.kind != model::DistKind::Pert || degenerate_range(d) || !std::isfinite(d.max - d.min)) return;
    const PertShape shape = pert_shape(d);
    // a mode at an end (α or β = 1) has Boost's closed form; a mode outside the range is not a PERT
    if (!(shape.alpha > 1 && shape.beta > 1)) return;
    coefficients_.resize(static_cast<std::size_t>(2 * kPieces * kCoefficients));
    exact_.assign(2 * kPieces, 0);
    for (int half = 0; half < 2; ++half) {
        // the lower half solves I_x(α, β) = u, the upper I_y(β, α) = 1 − u
        const double a = half == 0 ? shape.alpha : shape.beta;
        const double b = half == 0 ? shape.beta : shape.alpha;
        inverse_shape_[half] = 1 / a;
        auto inverse = [&](double tau) { return boost::math::ibeta_inv(a, b, tau, Policy()); };
        for (int piece = 0; piece < kPieces; ++piece) {
            WideCoefficients values{};
            for (int j = 0; j < kCoefficients; ++j) {
                const Point p = piece_point(piece, std::cos(std::numbers::pi * (j + 0.5) / kCoefficients), a);
                values[j] = static_cast<long double>(inverse(p.tau)) / p.place.factor;  // t > 0 at every node
            }
            const Coefficients c = chebyshev_interpolant(values);
            const std::size_t index = static_cast<std::size_t>(half * kPieces + piece);
            std::copy(c.begin(), c.end(), coefficients_.begin() + static_cast<std::ptrdiff_t>(index * kCoefficients));
            // the check points cos(πk/n), k = 0 … n, lie between the nodes and at both ends
            for (int k = 0; k <= kCoefficients; ++k) {
                const Point p = piece_point(piece, std::cos(std::numbers::pi * k / kCoefficients), a);
                const double error = p.place.factor * polynomial(c.data(), p.place.s) - inverse(p.tau);
                if (!(std::abs(error) <= tolerance)) exact_[index] = 1;
            }
        }
    }
}

double InverseCdf::operator()(double u) const {
    if (coefficients_.empty() || !(u > 0 && u < 1)) return draw(dist_, u);
    const int half = u < 0.5 ? 0 : 1;
    const double tau = half == 0 ? u : 1 - u;  // exact for u ≥ 1/2 (Sterbenz)
    const Place at = locate(tau, inverse_shape_[half]);
    const std::size_t index = static_cast<std::size_t>(half * kPieces + at.piece);
    if (exact_[index]) return draw(dist_, u);
    const double z = at.factor * polynomial(coefficients_.data() + index * kCoefficients, at.s);
    const double x = half == 0 ? z : 1 - z;
    return dist_.min + (dist_.max - dist_.min) * x;
}

std::size_t InverseCdf::exact_pieces() const {
    return static_cast<std::size_t>(std::count(exact_.begin(), exact_.end(), 1));
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
