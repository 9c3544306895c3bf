#pragma once
/// The build-up of one plant's cost of capital, step by step, so that a report can show where
/// each basis point comes from:
///
///   cost of equity  k_e = r_f + β_u·ERP + (β_asset − β_u)·ERP + (β_L − β_asset)·ERP + CRP + TP
///                         risk-free, business risk, contracted revenue, leverage, country, technology
///   cost of debt    k_d = r_f + commercial spread (+ loan guarantee blend) (+ public-loan blend)
///   WACC                = (E/V)·k_e + (D/V)·k_d − (D/V)·k_d·T
///
/// Each value is the running sum of its steps, so the steps add up to k_e, k_d and the WACC
/// exactly in `Decimal` (and to the last bit in `double`). Sources: CAPM with a country risk
/// premium (Sharpe 1964; Damodaran, *Country Risk*, 2024; finance-methods §1.1); relevering
/// (cost_of_capital.hpp, finance-methods §1.2); textbook after-tax WACC (Brealey, Myers & Allen,
/// *Principles of Corporate Finance*, ch. 19).
///
/// Contracted revenue. A plant's revenue has two legs: merchant sales, with the business risk of
/// the industry beta β_u, and contracted legs (offtake at contract prices, price-floor top-ups)
/// whose risk is the counterparty's. The asset beta is the value-weighted average of the betas
/// of the two legs, the portfolio-beta rule (Brealey, Myers & Allen, ch. 8 and 9):
///     β_asset = (1 − w)·β_u + w·β_contract,   w = PV(contracted legs) / PV(all revenue legs).
/// With the US Government as counterparty β_contract ≈ 0: such legs are discounted at about the
/// Treasury curve (finance-methods §1.5 item 1, split discounting by risk), which is what a beta
/// of zero does inside one blended rate. The shares are present values of the ledger's own lines
/// at the unlevered cost of capital r_f + β_u·ERP (see the ledger).

#include "finance/cost_of_capital.hpp"
#include "model/plan.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace reeplan::finance {

/// How the pre-tax cost of debt was found.
enum class DebtPricing {
    Explicit,   ///< financing.cost_of_debt as a number, one commercial tranche
    Synthetic,  ///< cost_of_debt = "synthetic": r_f + the spread of the rating interest cover earns
    Blended,    ///< commercial debt blended with a guaranteed share or public loans
};

/// "explicit" | "synthetic" | "blended".
inline const char* to_string(DebtPricing p) {
    switch (p) {
    case DebtPricing::Explicit: return "explicit";
    case DebtPricing::Synthetic: return "synthetic";
    case DebtPricing::Blended: return "blended";
    }
    return "?";
}

/// Which total a step builds up.
enum class CapitalPart { CostOfEquity, CostOfDebt, Wacc };

/// "cost_of_equity" | "cost_of_debt" | "wacc".
inline const char* to_string(CapitalPart p) {
    switch (p) {
    case CapitalPart::CostOfEquity: return "cost_of_equity";
    case CapitalPart::CostOfDebt: return "cost_of_debt";
    case CapitalPart::Wacc: return "wacc";
    }
    return "?";
}

/// One step of the waterfall: `delta` (a plain fraction; × 10 000 for basis points) added to
/// the running value of its part, which is then `after`.
template <class T> struct CapitalStep {
    const char* label = "";  ///< "risk-free", "leverage", … (static text)
    CapitalPart part = CapitalPart::CostOfEquity;
    T delta{0};
    T after{0};
};

/// The cost of capital of one plant (finance-methods §1.1–1.3, §1.5; man/reeplan-model.7).
/// Rates are plain fractions, nominal; betas pure numbers.
template <class T> struct CapitalCost {
    T levered_beta{0}, cost_of_equity{0}, cost_of_debt{0}, debt_share{0}, wacc{0};
    T asset_beta{0};        ///< β_u blended with β_contract by the contracted share
    T contracted_share{0};  ///< w, PV share of revenue that is contracted
    DebtPricing pricing = DebtPricing::Explicit;
    std::string rating;       ///< synthetic rating of the commercial debt ("Ba2/BB"), else empty
    std::string rating_note;  ///< why the synthetic rating is not a fixed point; else empty
    std::vector<CapitalStep<T>> steps;  ///< cost of equity, then cost of debt, then WACC
};

/// The contracted share w from the present values of the contracted legs (pv_contracted) and
/// of all revenue (pv_total): pv_contracted / pv_total held in [0, 1]; 0 when pv_total is not
/// positive.
template <class T> T contracted_share_of(const T& pv_contracted, const T& pv_total) {
    if (!(pv_total > T(0))) return T(0);
    const T w = pv_contracted / pv_total;
    if (w < T(0)) return T(0);
    if (w > T(1)) return T(1);
    return w;
}

/// β_asset = (1 − w)·β_u + w·β_contract (portfolio beta of the merchant and contracted legs;
/// exactly β_u at w = 0 and β_contract at w = 1).
template <class T> T contracted_asset_beta(const T& beta_u, const T& beta_contract, const T& w) {
    return (T(1) - w) * beta_u + w * beta_contract;
}

/// What the build-up needs: market inputs, the plant's betas and premia, and its debt prices.
template <class T> struct BuildUpInputs {
    T risk_free{0}, equity_risk_premium{0}, country_risk_premium{0}, technology_premium{0};
    T unlevered_beta{0}, contract_beta{0}, contracted_share{0}, debt_beta{0};
    T tax_rate{0};
    model::BetaMethod beta_method = model::BetaMethod::Hamada;
    T debt_share{0};                   ///< D / V, in [0, 1]
    T cost_of_equity_override{0};      ///< > 0 replaces the CAPM build-up (plant.cost_of_equity)
    // debt, pre-tax
    T commercial_rate{0};              ///< the commercial lender's rate (explicit or synthetic)
    bool synthetic = false;            ///< commercial_rate = r_f + spread of `rating`
    std::string rating;
    bool guaranteed = false;           ///< a guaranteed share of commercial debt is priced apart
    T commercial_after_guarantee{0};   ///< (1 − g)·commercial_rate + g·(r_f + guarantee spread)
    bool public_loans = false;         ///< public loans are part of the debt
    T all_debt_rate{0};                ///< (D_c·commercial_after_guarantee + Σ L·r_L) / D
};

namespace detail {

/// build_up_into, with or without the steps.
template <bool with_steps, class T> void build_up_into(const BuildUpInputs<T>& in, CapitalCost<T>& c) {
    c.contracted_share = in.contracted_share;
    c.asset_beta = contracted_asset_beta<T>(in.unlevered_beta, in.contract_beta, in.contracted_share);
    c.debt_share = in.debt_share;
    c.rating = in.rating;
    c.rating_note.clear();
    c.pricing = (in.guaranteed || in.public_loans) ? DebtPricing::Blended
                : in.synthetic                     ? DebtPricing::Synthetic
                                                   : DebtPricing::Explicit;
    c.steps.clear();
    T running(0);

    // cost of debt first: the Miles–Ezzell beta needs it; listed after equity below
    std::array<CapitalStep<T>, 4> debt_steps;
    std::size_t n_debt = 0;
    auto debt_step = [&](const char* label, const T& delta) {
        running += delta;
        debt_steps[n_debt++] = CapitalStep<T>{label, CapitalPart::CostOfDebt, delta, running};
    };
    debt_step("risk-free", in.risk_free);
    debt_step(in.synthetic ? "default spread" : "commercial spread", in.commercial_rate - in.risk_free);
    if (in.guaranteed) debt_step("loan guarantee", in.commercial_after_guarantee - running);
    if (in.public_loans) debt_step("public loans", in.all_debt_rate - running);
    c.cost_of_debt = running;

    auto step = [&](const char* label, CapitalPart part, const T& delta) {
        running += delta;
        if constexpr (with_steps) c.steps.push_back(CapitalStep<T>{label, part, delta, running});
    };
    const T de = in.debt_share < T(1) ? in.debt_share / (T(1) - in.debt_share) : T(0);
    c.levered_beta = levered_beta<T>(in.beta_method, c.asset_beta, de, in.tax_rate, c.cost_of_debt, in.debt_beta);
    running = T(0);
    step("risk-free", CapitalPart::CostOfEquity, in.risk_free);
    if (in.cost_of_equity_override > T(0)) {
        step("cost of equity given", CapitalPart::CostOfEquity, in.cost_of_equity_override - in.risk_free);
    } else {
        const T& erp = in.equity_risk_premium;
        step("business risk", CapitalPart::CostOfEquity, in.unlevered_beta * erp);
        step("contracted revenue", CapitalPart::CostOfEquity, (c.asset_beta - in.unlevered_beta) * erp);
        step("leverage", CapitalPart::CostOfEquity, (c.levered_beta - c.asset_beta) * erp);
        step("country risk premium", CapitalPart::CostOfEquity, in.country_risk_premium);
        step("technology premium", CapitalPart::CostOfEquity, in.technology_premium);
    }
    c.cost_of_equity = running;
    if constexpr (with_steps)
        for (std::size_t k = 0; k < n_debt; ++k) c.steps.push_back(debt_steps[k]);

    running = T(0);
    const T debt_part = in.debt_share * c.cost_of_debt;
    step("equity", CapitalPart::Wacc, (T(1) - in.debt_share) * c.cost_of_equity);
    step("debt", CapitalPart::Wacc, debt_part);
    step("tax shield", CapitalPart::Wacc, -(debt_part * in.tax_rate));
    c.wacc = running;
}

}  // namespace detail

/// The cost of capital and its waterfall. Steps of the cost of equity: "risk-free",
/// "business risk" (β_u·ERP), "contracted revenue" ((β_asset − β_u)·ERP, ≤ 0 when contracts
/// carry less risk than the business), "leverage" ((β_L − β_asset)·ERP, by `beta_method`),
/// "country risk premium", "technology premium"; with an override, "risk-free" then
/// "cost of equity given". Steps of the cost of debt: "risk-free", "commercial spread" or
/// "default spread" (synthetic), then "loan guarantee" and "public loans" when they apply, each
/// the change of the blended rate. Steps of the WACC: "equity" ((E/V)·k_e), "debt" ((D/V)·k_d),
/// "tax shield" (−(D/V)·k_d·T). Miles–Ezzell relevers with the blended k_d. Written into `c`,
/// every field replaced, reusing the storage of its steps; without `with_steps` the rates alone
/// (the same to the bit) and no steps.
template <class T> void build_up_into(const BuildUpInputs<T>& in, CapitalCost<T>& c, bool with_steps = true) {
    if (with_steps) detail::build_up_into<true>(in, c);
    else detail::build_up_into<false>(in, c);
}

/// build_up_into a new CapitalCost.
template <class T> CapitalCost<T> build_up(const BuildUpInputs<T>& in) {
    CapitalCost<T> c;
    c.steps.reserve(14);
    build_up_into(in, c);
    return c;
}

}  // namespace reeplan::finance
