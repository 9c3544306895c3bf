#pragma once
/// The investment-timing hurdle of Dixit & Pindyck with a Poisson policy jump
/// (finance-methods §2.2; A. Dixit and R. Pindyck, *Investment under Uncertainty*, 1994,
/// ch. 5–6 and §5.5).
///
/// Project value V follows a geometric Brownian motion with cash yield δ and volatility σ under
/// the risk-neutral measure, and at Poisson rate λ jumps to (1 − L)·V (a reversal of support).
/// The option to invest, F(V) = A·V^β, has β > 1 solving
///     ½σ²β(β − 1) + (r − δ + λL)β − (r + λ) + λ(1 − L)^β = 0,
/// and investing is optimal when V ≥ V* = β/(β − 1)·I.

#include "finance/outcome.hpp"

namespace reeplan::policy {

/// Inputs of the hurdle, plain fractions per year.
struct HurdleInputs {
    double risk_free = 0;   ///< r
    double cash_yield = 0;  ///< δ = cash flow / V
    double volatility = 0;  ///< σ of V
    double lambda = 0;      ///< Poisson rate of the policy jump
    double loss = 0;        ///< L in [0, 1]: share of V lost at a jump
};

/// β of the fundamental equation above, by bisection on (1, 100] to 1e-13 (finance-methods
/// §2.2). The left side is −δ at β = 1, so a root above 1 needs δ > 0; no root up to 100 (or
/// δ ≤ 0) is a failure with its reason. Oracles: r = δ = 4 %, σ = 20 %, λ = 0 → 2;
/// r 6 %, δ 5 %, σ 35 % → 1.492901; with λ = 0.0892, L = 1 → 1.281396; L = 0.40 → 1.453340.
finance::Outcome<double> hurdle_beta(const HurdleInputs& in);

/// V*/I = β/(β − 1).
double trigger_multiple(double beta);

/// The value of waiting F(V) − (V − I) for V < V*, with F(V) = A·V^β and
/// A = (V* − I)/V*^β (value matching at V*); 0 when V ≥ V* (invest now). Million USD.
double value_of_waiting(double value, double capex, double beta);

}  // namespace reeplan::policy
