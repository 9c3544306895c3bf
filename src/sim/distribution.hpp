#pragma once
/// The input distributions of the Monte Carlo simulation (`[[uncertain]]`, a delay risk's
/// `delay_years`): inverse CDFs, CDFs and closed-form moments of model::Distribution.
///
/// A path draws every input by inversion, x = F⁻¹(u), from a uniform u that the Gaussian copula
/// (sim/copula.hpp) has correlated, so one inverse CDF per input per path: these functions are
/// allocation-free and never throw. Continuous kinds are evaluated with Boost.Math under a
/// policy that ignores errors (an argument outside the domain gives NaN) and keeps double
/// arithmetic in double.
///
/// Parameters follow the input format: normal (mean, sd); lognormal (mean, sd) of the variable
/// itself, not of its logarithm; triangular and pert (min, mode, max); uniform (min, max);
/// discrete (values, probabilities, in any order); fixed (value). A degenerate distribution
/// (sd = 0, max ≤ min) is the point mass at its point value: mean for normal and lognormal, min
/// for triangular, pert and uniform.

#include "model/plan.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::sim {

/// The u-quantile F⁻¹(u) of `d`, u in (0, 1), in the units of the input:
///  - Normal: mean + sd·Φ⁻¹(u);
///  - Lognormal: exp(μ + σ·Φ⁻¹(u)) with σ² = ln(1 + s²/m²), μ = ln m − σ²/2 for the mean m
///    and sd s of the variable (the moments of the lognormal: N. L. Johnson, S. Kotz,
///    N. Balakrishnan, *Continuous Univariate Distributions*, vol. 1, 2nd ed., 1994, ch. 14);
///  - Triangular (a = min, c = mode, b = max): a + √(u(b − a)(c − a)) for u < (c − a)/(b − a),
///    else b − √((1 − u)(b − a)(b − c)) (S. Kotz, J. R. van Dorp, *Beyond Beta*, 2004, ch. 1);
///  - Pert: min + (max − min)·I⁻¹_u(α, β), the inverse regularized incomplete beta, with
///    α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min) (D. Vose,
///    *Risk Analysis*, 3rd ed., 2008, appendix III, "PERT"); below u = 1e-100 the closed form
///    of the far lower tail, x = (u·α·B(α, β))^(1/α) (DLMF 8.17.7; relative error of order x);
///  - Uniform: min + u·(max − min);
///  - Discrete: the smallest value whose cumulative probability (values ascending, equal values
///    merged, probabilities normalized by their sum) reaches u;
///  - Fixed: the value.
/// u at 0 or 1 gives the end of the support (±infinity for normal, 0 and +infinity for
/// lognormal); u outside [0, 1] or NaN, an empty discrete table or a lognormal with
/// mean ≤ 0 gives NaN (the input reader rejects all of these).
double draw(const model::Distribution& d, double u);

/// The inverse CDF of one input, prepared once for the many draws of a simulation.
///
/// For every kind but PERT it is `draw(d, u)`, bit for bit. For a PERT with α > 1 and β > 1
/// (mode strictly inside (min, max)), whose Boost inverse costs microseconds per call, it holds
/// the quantile as piecewise polynomials, so that a draw is a table look-up and a polynomial
/// (and a power in the tails):
///  - the lower half, u < 1/2, solves I_x(α, β) = u and the upper half I_y(β, α) = 1 − u
///    (exact for u ≥ 1/2), x = 1 − y, by the symmetry I_x(α, β) = 1 − I_{1−x}(β, α) (NIST
///    *Digital Library of Mathematical Functions*, eq. 8.17.4); below, (a, b) is (α, β) or
///    (β, α) and τ the half's target in (0, 1/2];
///  - for τ in [1/16, 1/2] the pieces are the halves of the binades [1/4, 1/2], [1/8, 1/4] and
///    [1/16, 1/8], with τ itself as the variable: each piece is at least twice its width away from
///    the quantile's branch points at τ = 0 and τ = 1;
///  - for τ < 1/16 the variable is t = (16τ)^(1/a) on two pieces of [0, 1]: B_x(a, b) =
///    (x^a/a)·F(a, 1 − b; a + 1; x) (DLMF eq. 8.17.7) makes x analytic in τ^(1/a) at τ = 0,
///    so the tail x ~ (a·B(a, b)·τ)^(1/a) is a polynomial in t like any other piece, down to the
///    smallest τ;
///  - each piece is the degree-16 Chebyshev interpolant of Boost's I⁻¹ at the 17 Chebyshev
///    points of its variable, stored as monomial coefficients and evaluated by Estrin's scheme;
///    for a function analytic around the piece it converges geometrically in the degree
///    (L. N. Trefethen, *Approximation Theory and Approximation Practice*, SIAM, 2013, ch. 8),
///    here to within a few units in the last place of Boost's own values;
///  - each piece is checked on construction against Boost's I⁻¹ at the 18 points between and
///    beyond its nodes; a piece off by more than `tolerance` (in units of max − min) is not
///    used, and draws that fall in it are `draw(d, u)`.
/// Agrees with `draw(d, u)` to within 1.5e-15·(max − min) at every u in (0, 1) for every mode
/// tried (tests/sim/test_distribution.cpp requires 1e-13), and is as close to the exact quantile
/// as Boost's own double result; not bit for bit, since Boost's iteration ends within a few ulps
/// of the root and the table within a few ulps of Boost. u at 0 or 1, outside [0, 1] or NaN, a
/// degenerate range and α = 1 or β = 1 (a mode at an end: Boost's closed form) are `draw(d, u)`.
///
/// Construction costs 560 evaluations of Boost's I⁻¹ (a few milliseconds); a draw is
/// allocation-free, never throws, and reads only constant data, so one object serves any number
/// of threads, with the same bits for the same u.
class InverseCdf {
public:
    /// Largest error, in units of max − min, a table piece may show at its check points.
    static constexpr double kDefaultTolerance = 1e-14;

    explicit InverseCdf(const model::Distribution& d, double tolerance = kDefaultTolerance);

    /// F⁻¹(u) in the units of the input, as `draw(distribution(), u)` (see above).
    double operator()(double u) const;

    const model::Distribution& distribution() const { return dist_; }
    /// True when draws come from the PERT table.
    bool tabulated() const { return !coefficients_.empty(); }
    /// Table pieces that failed their check and whose draws are `draw(d, u)` (0 without a table).
    std::size_t exact_pieces() const;

private:
    model::Distribution dist_;
    double inverse_shape_[2] = {1.0, 1.0};  ///< 1/α and 1/β: the tail exponents of the halves
    std::vector<double> coefficients_;      ///< per half, per piece: the polynomial's coefficients
    std::vector<unsigned char> exact_;      ///< per half, per piece: 1 when the piece is not used
};

/// The cumulative distribution function P(X ≤ x) of `d`; a point mass (fixed, degenerate)
/// steps from 0 to 1 at its point value. The inverse of `draw` on the support of continuous kinds.
double cdf(const model::Distribution& d, double x);

/// Mean and variance of a distribution, in the units of the input and their square.
struct Moments {
    double mean = 0;
    double variance = 0;
};

/// Closed-form moments:
///  - Normal: mean, sd²; Lognormal: m, s² (the parameters are the moments);
///  - Triangular (a, c, b): (a + b + c)/3 and (a² + b² + c² − ab − ac − bc)/18 (Kotz and
///    van Dorp 2004, ch. 1);
///  - Pert: (a + 4c + b)/6 and αβ(b − a)²/((α + β)²(α + β + 1)), the variance of the scaled
///    beta (Vose 2008, appendix III);
///  - Uniform: (a + b)/2 and (b − a)²/12;
///  - Discrete: Σ pᵢvᵢ and Σ pᵢ(vᵢ − mean)², probabilities normalized by their sum;
///  - Fixed and degenerate: the point value and 0.
Moments moments(const model::Distribution& d);

/// Φ⁻¹(u), the standard normal quantile, for u in (0, 1): Boost.Math's
/// −√2·erfc⁻¹(2u) (rational approximations accurate to double precision). ±infinity at 0 and 1.
double standard_normal_quantile(double u);

/// Φ(z) = erfc(−z/√2)/2, the standard normal CDF (Boost.Math erfc; no cancellation in either tail).
double standard_normal_cdf(double z);

/// The input format's name of a kind: "normal", "lognormal", "triangular", "pert", "uniform",
/// "discrete", "fixed".
std::string dist_name(model::DistKind kind);

}  // namespace reeplan::sim
