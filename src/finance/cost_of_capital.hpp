#pragma once
/// Cost of capital: levered beta under three debt policies, CAPM cost of equity, after-tax WACC.
/// Rates and shares are plain fractions (0.25 = 25 %); betas are pure numbers.
/// Worked example and oracle values: finance-methods §1.2 (β_u 1.01, D/E 0.5, T 25 %, r_f 4.5 %,
/// ERP 4.33 %, k_d 6.33 %).

#include "finance/outcome.hpp"
#include "model/plan.hpp"

namespace reeplan::finance {

/// Market leverage D/E from the debt share D/V: D/E = (D/V) / (1 − D/V).
/// A failure when D/V ≥ 1 (no equity) or D/V < 0.
template <class T>
Outcome<T> debt_to_equity(const T& debt_share) {
    if (debt_share < T(0)) return failure<T>("the debt share D/V is negative");
    if (!(debt_share < T(1)))
        return failure<T>("the debt share D/V is 100% or more, so there is no equity to lever");
    return success(debt_share / (T(1) - debt_share));
}

/// Levered (equity) beta from the unlevered (asset) beta `beta_u`, with debt beta `beta_d`
/// (0 for riskless debt), leverage D/E, tax rate T and pre-tax cost of debt k_d
/// (formulas as tabulated in P. Fernández, "Levered and Unlevered Beta", IESE/SSRN 303170, 2006):
///  - Hamada: β_L = β_u + (β_u − β_d)(1 − T)·D/E. With β_d = 0 this is Hamada (1972, *Journal of
///    Finance* 27(2)) / Modigliani–Miller (1963), β_u[1 + (1 − T)D/E]; with β_d it is the
///    risky-debt form of Conine (1980) and Fernández (2004). Oracle: 1.388750; β_d 0.15: 1.332500.
///  - HarrisPringle: β_L = β_u + (β_u − β_d)·D/E (Harris & Pringle 1985, *Journal of Financial
///    Research* 8(3); constant D/V rebalanced continuously). Oracle: 1.515; β_d 0.15: 1.44.
///  - MilesEzzell: β_L = β_u + (β_u − β_d)·D/E·[1 − T·k_d/(1 + k_d)] (Miles & Ezzell 1980,
///    *JFQA* 15(3); constant D/V rebalanced yearly). Oracle: 1.507484; β_d 0.15: 1.433600.
/// `cost_of_debt` is used by MilesEzzell only.
template <class T>
T levered_beta(model::BetaMethod method, const T& beta_u, const T& debt_to_equity_ratio, const T& tax_rate,
               const T& cost_of_debt, const T& beta_d = T(0)) {
    const T spread = beta_u - beta_d;
    switch (method) {
    case model::BetaMethod::Hamada: return beta_u + spread * (T(1) - tax_rate) * debt_to_equity_ratio;
    case model::BetaMethod::HarrisPringle: return beta_u + spread * debt_to_equity_ratio;
    case model::BetaMethod::MilesEzzell:
        return beta_u +
               spread * debt_to_equity_ratio * (T(1) - tax_rate * cost_of_debt / (T(1) + cost_of_debt));
    }
    return beta_u;
}

/// CAPM cost of equity with a country risk premium, k_e = r_f + β_L·ERP + CRP (Sharpe 1964;
/// Damodaran, *Country Risk*, 2024 edition, with the project's country-risk exposure λ folded
/// into `country_risk_premium`; finance-methods §1.1). Oracle (Hamada β_L): 10.5133 %.
template <class T>
T capm_cost_of_equity(const T& risk_free, const T& levered_beta_value, const T& equity_risk_premium,
                      const T& country_risk_premium = T(0)) {
    return risk_free + levered_beta_value * equity_risk_premium + country_risk_premium;
}

/// Textbook after-tax WACC = (E/V)·k_e + (D/V)·k_d·(1 − T) with E/V = 1 − D/V (Brealey, Myers &
/// Allen, *Principles of Corporate Finance*, ch. 19; finance-methods §1.2). Oracle: 8.5914 %.
/// Not internally consistent with Harris–Pringle or Miles–Ezzell betas (see §1.2); it is what
/// practitioners report.
template <class T>
T wacc(const T& debt_share, const T& cost_of_equity, const T& cost_of_debt, const T& tax_rate) {
    return (T(1) - debt_share) * cost_of_equity + debt_share * cost_of_debt * (T(1) - tax_rate);
}

}  // namespace reeplan::finance
