#pragma once
/// The whole plan: every plant valued in the `Decimal` engine (statements foot to the cent),
/// roots bracketed in the `double` engine, and the chain totals.

#include "chain/balance.hpp"
#include "finance/plan_result.hpp"
#include "finance/valuation.hpp"
#include "model/plan.hpp"

#include <optional>
#include <vector>

namespace reeplan::finance {

/// The deadline the chain is balanced against: project.independence_target_year, or end_year
/// when it is not set.
inline double independence_target_year(const model::Plan& plan) {
    return plan.project.independence_target_year > 0 ? plan.project.independence_target_year : plan.project.end_year;
}

/// The chain's mass balance for the plan's own schedule: the coupling of every plant's ledger
/// to its feed (production limited by inputs, domestic inputs before imports).
inline chain::ChainBalance plan_balance(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times) {
    return chain::balance_flows(plan, times, independence_target_year(plan));
}

/// Every plant of `plan` valued with the engine instantiated for T (indexed like plan.plants),
/// each ledger coupled to `balance`, the plan's own mass balance (plan_balance, or
/// chain::balance_chain, which adds the critical path to the same flows).
template <class T>
std::vector<Valuation<T>> value_plan(const model::Plan& plan, const chain::ChainBalance& balance) {
    auto times_t = timeline::schedule_plants<T>(plan);
    auto times_d = timeline::schedule_plants<double>(plan);
    std::vector<Valuation<T>> out;
    out.reserve(plan.plants.size());
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        PlantLedger<double> pd(plan, i, times_d[i], &balance);
        if constexpr (std::is_same_v<T, double>) {
            out.push_back(value_plant<double>(pd, pd));
        } else {
            PlantLedger<T> pl(plan, i, times_t[i], &balance);
            out.push_back(value_plant<T>(pl, pd));
        }
    }
    return out;
}

/// value_plan on the plan's own mass balance.
template <class T> std::vector<Valuation<T>> value_plan(const model::Plan& plan) {
    return value_plan<T>(plan, plan_balance(plan, timeline::schedule_plants<double>(plan)));
}

/// What a quick valuation keeps of one plant: its free cash flows to the firm and its WACC, so
/// NPV can be recomputed at any rate (policy premia, goal seek) without rerunning the ledger.
template <class T> struct PlantFlows {
    int first_year = 0;
    std::vector<T> fcff;
    T wacc{0};
    T npv{0};  ///< at `wacc`
};

/// NPV of a plant's free cash flows at rate r, discounted per input format §2.2.
template <class T> T npv_at(const model::Project& project, const PlantFlows<T>& f, const T& r) {
    return present_value(project, f.first_year, f.fcff, r);
}

/// Runs every plant's ledger once (no IRR, no LCOP): the fast path for repeated evaluations.
/// In `double` it is evaluate_plan_fast on a scratch kept per thread (plan_finance.cpp).
template <class T> std::vector<PlantFlows<T>> plant_flows(const model::Plan& plan) {
    auto times = timeline::schedule_plants<T>(plan);
    const chain::ChainBalance balance = plan_balance(plan, timeline::schedule_plants<double>(plan));
    std::vector<PlantFlows<T>> out(plan.plants.size());
    Ledger<T> L;
    LedgerBuffers<T> buffers;
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        PlantLedger<T> pl(plan, i, times[i], &balance);
        pl.run(LedgerOptions<T>{}, L, buffers);
        PlantFlows<T>& f = out[i];
        f.first_year = L.first_year;
        f.wacc = L.capital.wacc;
        f.fcff.reserve(L.years.size());
        for (const auto& y : L.years) f.fcff.push_back(y.fcff);
        f.npv = npv_at(plan.project, f, f.wacc);
    }
    return out;
}

/// plant_flows in `double`: the same numbers, from evaluate_plan_fast (plan_finance.cpp).
template <> std::vector<PlantFlows<double>> plant_flows<double>(const model::Plan& plan);

/// One plant as evaluate_plan_fast values it, in the `double` engine. Money in million nominal
/// USD, quantities in tonnes; the vectors are indexed by ledger year (first_year + i), like
/// Ledger::years. Every number is the one, to the bit, that plant_flows<double> and
/// value_plant<double> (value_plan<double>) give for the plan.
struct PlantEvaluation {
    int first_year = 0;
    std::vector<double> fcff;        ///< free cash flow to the firm (PlantFlows::fcff)
    std::vector<double> fcfe;        ///< free cash flow to the sponsor's equity
    std::vector<double> production;  ///< after the chain's feed (LedgerYear::production)
    std::vector<double> capex;       ///< spent in the year, nominal
    /// CFADS / debt service in years with debt service > 0 (YearRow::dscr), empty in the others.
    std::vector<std::optional<double>> dscr;
    double wacc = 0;            ///< after-tax, nominal (PlantFlows::wacc)
    double npv = 0;             ///< FCFF at `wacc` (PlantFlows::npv, Valuation::npv)
    double cost_of_equity = 0;  ///< nominal (CapitalCost::cost_of_equity)
    double equity_npv = 0;      ///< FCFE at `cost_of_equity` (Valuation::equity_npv)
    /// Over the years with debt service: lowest and mean DSCR, the year of the lowest (the first
    /// on a tie); empty without debt service (Valuation::min_dscr, avg_dscr, min_dscr_year).
    std::optional<double> min_dscr, avg_dscr;
    std::optional<int> min_dscr_year;
    /// First year cumulative FCFF, undiscounted, is no longer negative after having been
    /// (Valuation::payback_year); empty when it never is.
    std::optional<int> payback_year;
    /// With PlanEvalOptions::returns only (root searches): Valuation::irr, equity_irr, mirr,
    /// empty where those are. Without it, left empty.
    std::optional<double> irr, equity_irr, mirr;
    /// The whole ledger run (every line, the cost of capital, notes), for what the fields above
    /// leave out.
    Ledger<double> ledger;
};

/// What evaluate_plan_fast computes besides the NPV, FCFE, DSCR and the lines above.
struct PlanEvalOptions {
    bool returns = false;  ///< IRR, equity IRR and MIRR of every plant
};

/// The whole plan evaluated once: the schedule, the chain's mass balance and every plant.
struct PlanEvaluation {
    std::vector<timeline::PhaseTimes<double>> times;  ///< schedule_plants<double>, like plan.plants
    /// plan_balance on `times`, to the bit, with the flows alone (chain::BalanceDetail::Flows:
    /// no imports, import-dependence runs or notes)
    chain::ChainBalance balance;
    std::vector<PlantEvaluation> plants;  ///< like plan.plants
};

/// Storage for evaluate_plan_fast kept between calls, one per thread: the last result and the
/// working buffers of the schedule, the mass balance and the ledgers. Once it has evaluated a
/// plan, evaluating plans of the same shape (plants, inputs, materials, supports, years) again
/// allocates nothing but the few small vectors of each ledger's debt and depreciation
/// schedules.
class PlanScratch {
public:
    /// The last evaluation.
    const PlanEvaluation& result() const { return result_; }
    /// The ledger of plant `plant` (index into plan.plants) as the last evaluation prepared it:
    /// reset on that plan, its schedule (result().times) and mass balance (result().balance),
    /// so that running it again, with other options (LCOP trial prices), values that plant of
    /// that plan. Valid until the next evaluation; the plan it was given must still exist.
    const PlantLedger<double>& ledger(std::size_t plant) const { return ledgers_[plant]; }

private:
    friend const PlanEvaluation& evaluate_plan_fast(const model::Plan& plan, PlanScratch& scratch,
                                                    const PlanEvalOptions& options);
    PlanEvaluation result_;
    timeline::ScheduleScratch schedule_;
    chain::BalanceScratch balance_;
    std::vector<PlantLedger<double>> ledgers_;
    LedgerBuffers<double> buffers_;
};

/// Evaluates every plant of `plan` in `double`, as plant_flows<double> does (schedule, chain
/// balance, each plant's ledger coupled to it), and returns per plant what plant_flows returns
/// plus FCFE, cost of equity, equity NPV, DSCR by year and their summary, payback, production
/// and capex by year (and with `options.returns` IRR, equity IRR, MIRR), with the ChainBalance
/// and schedule it used. Results are written into `scratch` (the reference returned is
/// scratch.result(), valid until the next call) reusing its storage, so repeated evaluations of
/// one plan shape — a Monte Carlo's working copy with other numbers — do not allocate. No LCOP.
/// Throws model::InputError like plan_balance (a cycle in `after` links or in the recipes).
const PlanEvaluation& evaluate_plan_fast(const model::Plan& plan, PlanScratch& scratch,
                                         const PlanEvalOptions& options = {});

/// What one year of delay of one phase does to the money: the delayed plant's NPV and the
/// chain's summed NPV against the plan as given (double engine, million nominal USD).
struct DelayNpv {
    std::size_t plant = 0;  ///< index into plan.plants
    timeline::Phase phase = timeline::Phase::Permitting;
    double plant_npv_change_musd = 0;
    double chain_npv_change_musd = 0;
};

/// For each plant and phase (plant-major, like chain::delay_effects): the NPV changes of a
/// `delay_years` longer phase, every plant revalued on the delayed plan (a delay upstream moves
/// the feed of the plants downstream through the mass balance).
std::vector<DelayNpv> delay_npv_effects(const model::Plan& plan, double delay_years = 1.0);

/// `reeplan plan`: the plan valued in `Decimal`, converted for the renderers.
PlanResult compute_plan(const model::Plan& plan);

}  // namespace reeplan::finance
