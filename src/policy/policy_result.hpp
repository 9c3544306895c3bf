#pragma once
/// What `compute_policy` returns: plain values for the renderers (the `policy` block of the
/// output contract). Money in million USD (nominal, discounted to 1 January of the base year),
/// rates and shares as plain fractions, prices in real base-year USD/kg. A value that does not
/// exist is std::nullopt with a sentence in the nearest `notes`/`*_note`.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::policy {

/// An expected NPV over risk outcomes and the certainty-equivalent premium it implies.
struct Estimate {
    double npv_base_musd = 0;            ///< without risk, at the WACC
    double expected_npv_musd = 0;        ///< E[NPV] over the outcomes
    double standard_error_musd = 0;      ///< of E[NPV]; 0 when enumerated exactly
    std::optional<double> premium;       ///< π with NPV_base(WACC + π) = E[NPV]
    std::optional<double> premium_standard_error;  ///< standard error / |dNPV_base/dπ| at π (sampling only)
    std::string premium_note;            ///< why `premium` is absent
};

/// The hazard approximation of one reversal risk (finance-methods §2.3).
struct HazardApproximation {
    std::string risk;
    double lambda = 0;            ///< per year: −ln(1 − p)/every_years, or −ln(1 − q)
    double loss_share = 0;        ///< L: share of the PV of positive operating cash flows lost without its supports, in [0, 1]
    double lambda_l = 0;          ///< λ·L
    double discrete_premium = 0;  ///< (1 + r)/(1 − pL) − 1 − r with p = 1 − e^−λ, r the WACC
};

/// How the results move when a risk or a rule is switched off.
struct Continuity {
    /// reversal risk id → the estimate with that risk's probability set to zero
    std::map<std::string, Estimate> without_risk;
    /// every `grandfathered` list emptied; absent when no risk grandfathers anything
    std::optional<Estimate> without_grandfathering;
    std::optional<double> lcop_base_usd_per_kg;           ///< supported LCOP without risk
    std::optional<double> lcop_risk_adjusted_usd_per_kg;  ///< the price making E[NPV] = 0
    std::optional<double> lcop_change_usd_per_kg;         ///< risk-adjusted − base
    std::string lcop_note;
};

/// The Dixit–Pindyck investment-timing hurdle with a Poisson policy jump (finance-methods §2.2).
struct Hurdle {
    std::optional<double> beta;
    std::optional<double> trigger_multiple;  ///< V*/I = β/(β − 1)
    std::optional<double> pv_to_capex;       ///< V/I
    std::optional<bool> invest_now;          ///< V/I ≥ V*/I
    std::optional<double> value_of_waiting_musd;  ///< F(V) − (V − I), 0 when investing now
    double pv_musd = 0;          ///< V: PV of operating cash flows after tax (FCFF + capex) at the WACC
    double capex_pv_musd = 0;    ///< I: PV of capex at the WACC
    double risk_free = 0;        ///< r
    double cash_yield = 0;       ///< δ: operating cash flow of the first full-capacity year / V
    int cash_yield_year = 0;     ///< that year
    double volatility = 0;       ///< σ
    double lambda = 0;           ///< summed hazard of the plant's reversal risks
    double loss_share = 0;       ///< their hazard-weighted L
    std::string note;            ///< why the trigger is absent
};

struct PlantPolicy {
    std::string id;
    std::string method;        ///< "enumeration" | "sampling"
    std::size_t outcomes = 1;  ///< joint outcomes of the plant's risks, or paths
    std::vector<std::string> risks;  ///< ids of the risks that touch the plant
    double wacc = 0;
    Estimate estimate;
    std::map<std::string, double> by_risk;  ///< Shapley share of the plant's premium, per risk touching it
    std::string by_risk_note;
    std::vector<HazardApproximation> hazard;
    Continuity continuity;
    Hurdle hurdle;
};

struct ChainPolicy {
    std::string method;        ///< "enumeration" when every plant is enumerated, else "sampling"
    std::size_t outcomes = 1;  ///< joint outcomes of all risks when enumerated, else paths
    Estimate estimate;         ///< one π added to every plant's WACC: Σ NPV_i(WACC_i + π) = Σ E[NPV_i]
    std::map<std::string, double> by_risk;  ///< Shapley share of the chain premium, per risk
    std::string by_risk_method;  ///< "exact" | "sampled permutations"
    std::string by_risk_note;
    std::vector<HazardApproximation> hazard;  ///< L of the whole chain; r = value-weighted WACC
    Continuity continuity;     ///< without the LCOP fields
};

struct PolicyResult {
    ChainPolicy chain;
    std::vector<PlantPolicy> plants;  ///< indexed like plan.plants
    std::uint64_t seed = 0;
    std::size_t sample_paths = 0;
    double enumeration_limit = 0;
    /// the rules behind the numbers, one sentence each (derivations for the report)
    std::vector<std::string> notes;
};

}  // namespace reeplan::policy
