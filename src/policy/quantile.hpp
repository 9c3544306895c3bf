#pragma once
/// Inverse cumulative distribution functions of the input distributions (model::Distribution),
/// used to draw a delay exactly on a sampled path and to place the enumeration points of a
/// delay whose length is uncertain.

#include "model/plan.hpp"

#include <utility>
#include <vector>

namespace reeplan::policy {

/// Standard normal quantile Φ⁻¹(u) for u in (0, 1): P. J. Acklam's rational approximation
/// (2003, relative error 1.15e-9) refined by one Halley step on std::erfc, which brings it to
/// about machine precision (the refinement Acklam recommends). Returns ±infinity at 0 and 1.
double normal_quantile(double u);

/// Regularized incomplete beta function I_x(a, b) for a, b > 0, x in [0, 1], by the continued
/// fraction of Press et al., *Numerical Recipes*, 3rd ed., §6.4 (modified Lentz), using the
/// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
double incomplete_beta(double a, double b, double x);

/// Inverse of I_x(a, b) in x for u in [0, 1], by bisection to 1e-15 (I is increasing in x).
double incomplete_beta_inverse(double a, double b, double u);

/// The u-quantile (u in (0, 1)) of a distribution, in its own units:
///  - Fixed: the value;
///  - Uniform: min + u·(max − min);
///  - Triangular (min, mode, max): the closed-form inverse of the piecewise-quadratic CDF;
///  - Pert: min + (max − min)·B⁻¹(u; α, β) with α = 1 + 4(mode − min)/(max − min),
///    β = 1 + 4(max − mode)/(max − min) (the classic PERT beta, D. Vose, *Risk Analysis*, 3rd
///    ed., 2008, §III.4);
///  - Normal (mean, sd): mean + sd·Φ⁻¹(u);
///  - Lognormal with the mean m and sd s of the variable itself: exp(μ + σ·Φ⁻¹(u)) with
///    σ² = ln(1 + s²/m²), μ = ln m − σ²/2;
///  - Discrete: the smallest value whose cumulative probability (values in ascending order)
///    reaches u.
/// A degenerate range (max ≤ min) gives min.
double quantile(const model::Distribution& d, double u);

/// The points that stand for a distribution in exact enumeration, as (value, probability):
/// Fixed: the value with probability 1; Discrete: its own values and probabilities (equal values
/// merged, ascending); every continuous kind: five equally likely points at its 10, 30, 50, 70
/// and 90 % quantiles (a five-point equal-weight discretization: it keeps the median and the
/// shape, and understates the tails slightly).
std::vector<std::pair<double, double>> enumeration_points(const model::Distribution& d);

}  // namespace reeplan::policy
