#pragma once
/// What `reeplan plan` computes, in `double`, ready for the renderers in src/report/.
/// Names and units follow ../shared/spec/output-contract.md. Money in million nominal USD,
/// sign convention of input format §2.5 (into the plant positive). A metric that does not exist
/// is std::nullopt and `notes` says why in a sentence.

#include "model/plan.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::finance {

/// Phase boundaries of one plant, decimal calendar years.
struct ScheduleOut {
    double permitting_start_year = 0;
    double construction_start_year = 0;
    double commissioning_start_year = 0;
    double operation_start_year = 0;
    double nameplate_year = 0;  ///< utilization first reaches 1.0
    double end_of_life_year = 0;
};

/// One step of a plant's cost-of-capital waterfall (finance/build_up.hpp).
struct CapitalStepOut {
    std::string part;   ///< "cost_of_equity" | "cost_of_debt" | "wacc": the total it builds up
    std::string label;  ///< "risk-free", "business risk", "contracted revenue", "leverage", …
    double bp = 0;      ///< the step, basis points (0.0001)
    double value_after = 0;  ///< the running value of its part after the step, plain fraction
};

/// The cost of capital of one plant and its build-up (finance-methods §1.1–1.3, §1.5).
/// Rates are plain fractions, nominal.
struct CostOfCapital {
    double risk_free = 0;
    double equity_risk_premium = 0;
    double country_risk_premium = 0;
    double technology_premium = 0;  ///< plant.technology_premium, added to the cost of equity
    double unlevered_beta = 0;
    double contracted_share = 0;    ///< w: PV share of revenue that is contracted (offtake, floor top-ups)
    double asset_beta = 0;          ///< (1 − w)·β_u + w·β_contract
    double levered_beta = 0;
    double cost_of_equity = 0;
    double cost_of_debt = 0;     ///< pre-tax, blended over commercial, guaranteed and public debt
    std::string cost_of_debt_method;  ///< "explicit" | "synthetic" | "blended"
    std::string rating;          ///< synthetic rating of the commercial debt ("Ba2/BB"), else empty
    double debt_share = 0;       ///< D / V at financial close
    double tax_rate = 0;
    double wacc = 0;             ///< after-tax, nominal
    bool cost_of_equity_overridden = false;
    /// Cost of equity steps, then cost of debt steps, then WACC steps; each part's bp add up to
    /// its total (cost_of_equity, cost_of_debt, wacc).
    std::vector<CapitalStepOut> waterfall;
};

struct Metrics {
    std::optional<double> npv_musd;
    std::optional<double> equity_npv_musd;
    std::optional<double> irr;
    std::optional<double> equity_irr;
    std::optional<double> mirr;
    std::optional<double> lcop_usd_per_kg;
    std::optional<double> lcop_unsupported_usd_per_kg;
    std::optional<double> min_dscr;
    std::optional<int> min_dscr_year;
    std::optional<double> avg_dscr;
    std::optional<int> payback_year;
};

/// One calendar year of a plant's statements (output contract, `plants[].years[]`).
struct YearRow {
    int year = 0;
    double capex_musd = 0;               ///< spent in the year (positive number)
    double production_t = 0;
    double revenue_musd = 0;             ///< sales at market and contract prices
    double operating_cost_musd = 0;      ///< fixed and variable, positive number
    double input_cost_musd = 0;          ///< positive number
    double ebitda_musd = 0;              ///< revenue + price support - operating - input costs
    double depreciation_musd = 0;
    double interest_musd = 0;            ///< on all debt, positive number
    double tax_musd = 0;                 ///< actual tax paid (negative when refunded), before credits
    double tax_credit_musd = 0;          ///< credits realised in cash or against tax
    double support_musd = 0;             ///< price-floor payments net of upside share, grants
    double working_capital_change_musd = 0;  ///< cash-flow sign: build-up negative, release positive
    double fcff_musd = 0;                ///< free cash flow to the firm (unlevered taxes)
    double fcfe_musd = 0;                ///< free cash flow to the sponsor's equity
    double debt_balance_musd = 0;        ///< at year end
    std::optional<double> dscr;          ///< CFADS / debt service, in years with debt service
};

struct PlantResult {
    std::string id;
    std::string name;
    model::Stage stage = model::Stage::Refining;
    std::string output;
    ScheduleOut schedule;
    CostOfCapital cost_of_capital;
    Metrics metrics;
    std::map<std::string, std::string> notes;  ///< metric name -> why it is null, or a caveat
    std::vector<YearRow> years;
    double capex_musd = 0;                      ///< nominal, whole plant
    double debt_musd = 0;                       ///< commercial + public debt at close
};

struct ChainYear {
    int year = 0;
    double capex_musd = 0;
    std::map<std::string, double> capex_by_stage_musd;  ///< refining, alloying, fabrication
    std::map<std::string, double> production_t;         ///< by material (the plants' ledgers)
    std::map<std::string, std::optional<double>> coverage;  ///< by stage; null without requirement
    std::optional<double> fully_domestic_share;          ///< of final-product demand
    std::map<std::string, double> stranded_capacity_t;   ///< by plant
    std::optional<std::string> bottleneck_stage;
    double demand_t = 0;
    double imports_musd = 0;
};

struct ChainResult {
    double capex_musd = 0;
    double npv_musd = 0;
    std::optional<int> first_domestic_output_year;
    std::optional<int> independence_year;
    double independence_target_year = 0;
    std::map<std::string, std::string> notes;  ///< metric -> why it is null
    std::vector<ChainYear> years;  ///< base_year (or the first capex year) .. end_year
};

struct PlanResult {
    std::string scenario = "base";
    std::vector<PlantResult> plants;
    ChainResult chain;
    std::vector<std::string> warnings;  ///< things the user should know; printed on stderr
};

}  // namespace reeplan::finance
