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

#include <string>

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
///    *Risk Analysis*, 3rd ed., 2008, appendix III, "PERT");
///  - Uniform: min + u·(max − min);
///  - Discrete: the smallest value whose cumulative probability (values ascending, equal values
///    merged, probabilities normalized by their sum) reaches u;
///  - Fixed: the value.
/// u at 0 or 1 gives the end of the support (±infinity for normal, 0 and +infinity for
/// lognormal); u outside [0, 1] or NaN, an empty discrete table or a lognormal with
/// mean ≤ 0 gives NaN (the input reader rejects all of these).
double draw(const model::Distribution& d, double u);

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
