#pragma once
/// The cash-flow ledger of one plant, written once as a template over the number type and run
/// in `model::Decimal` (plan: statements foot to the cent) and `double` (simulation, solvers).
///
/// Every rule here is stated with its source in man/reeplan-model.7 ("The plant ledger").
/// Money is in million nominal USD; quantities in tonnes; prices in USD/kg, so
/// t × USD/kg = 1e-3 × million USD.

#include "finance/affine.hpp"
#include "finance/build_up.hpp"
#include "chain/chain_result.hpp"
#include "finance/cost_of_capital.hpp"
#include "finance/debt.hpp"
#include "finance/depreciation.hpp"
#include "finance/ratings.hpp"
#include "finance/tax.hpp"
#include "model/decimal.hpp"
#include "model/plan.hpp"
#include "timeline/schedule.hpp"

#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::finance {

/// How one evaluation of the ledger differs from the plan as written.
template <class T> struct LedgerOptions {
    bool with_supports = true;               ///< false: every support removed (unsupported LCOP)
    std::optional<T> output_price_real;      ///< replaces the output's market price (real USD/kg)
    /// Only what project NPV needs (finance::project_npv): operations, unlevered taxes, FCFF,
    /// the debt's size and the rates of the cost of capital, the same to the bit as a whole
    /// run's. Of the years only FCFF and the unlevered tax are written (the other fields hold
    /// nothing meaningful): the debt schedules, levered taxes, FCFE, CFADS and debt service are
    /// not computed, the cost of capital has no steps and the ledger no notes.
    bool npv_only = false;
    /// With output_price_real, in double: also FCFF's derivative in that price, year by year,
    /// and the interval of prices on which every branch of the operations and the unlevered
    /// tax keeps its outcome (LedgerBuffers::fcff_slope and ::piece; finance/affine.hpp). The
    /// run is otherwise the same, to the bit.
    bool price_slope = false;
};

/// Project NPV near one constant real output price p0 (PlantLedger::npv_line): on [lo, hi], which
/// holds p0, NPV(p) = npv + slope × (p − p0) exactly, up to rounding.
struct NpvLine {
    double price = 0;  ///< p0, USD/kg real
    double npv = 0;    ///< million nominal USD: project_npv at p0, to the bit
    double slope = 0;  ///< million USD per USD/kg
    double lo = 0, hi = 0;
};

/// Project NPV near one constant real output price p0 where the cost of capital moves with the
/// price (PlantLedger::npv_model). On [lo, hi], which holds p0, every branch of the operations
/// and the unlevered tax keeps its outcome, so each line the debt, the cost of capital and NPV
/// read from the operations is affine in the price: FCFF by year, the lenders' CFADS over the
/// tenor, EBIT summed over the tenor, and the contracted and whole revenue legs. NPV at a price
/// on the piece is the debt's size, the cost of capital and the present value computed again
/// from those lines there (PlantLedger::model_npv).
struct NpvModel {
    double price = 0;  ///< p0, USD/kg real
    double npv = 0;    ///< million nominal USD: project_npv at p0, to the bit
    double lo = 0, hi = 0;
    bool with_supports = true;
    /// values at p0 and derivatives in the price
    std::vector<double> fcff, fcff_slope;    ///< [year]
    std::vector<double> cfads, cfads_slope;  ///< [year of the tenor]
    Affine ebit_tenor, pv_contracted, pv_revenue;
};

/// One calendar year of a plant's ledger. Positive costs are amounts; cash-flow lines use the
/// sign convention of input format §2.5.
template <class T> struct LedgerYear {
    int year = 0;
    T capex{0}, production{0}, revenue{0}, operating_cost{0}, input_cost{0}, price_support{0}, grants{0};
    T ebitda{0}, depreciation{0}, interest{0}, principal{0}, draws{0}, financing_fees{0}, public_equity{0};
    T taxable_grants{0};  ///< grants that count as taxable income
    T tax{0}, tax_credit{0}, credit_earned{0}, credit_cash{0}, wc_change{0};
    T tax_unlevered{0}, tax_credit_unlevered{0};
    T fcff{0}, fcfe{0}, cfads{0}, debt_balance{0}, debt_service{0};
};

template <class T> struct Ledger {
    int first_year = 0;
    std::vector<LedgerYear<T>> years;
    T capex_total{0};
    T debt_total{0};
    CapitalCost<T> capital;
    std::vector<std::string> notes;  ///< things the ledger could not do as the plan asks
};

namespace detail {

/// One tranche of debt: draws pro rata with capex, interest on the opening balance, then
/// repayment from the first full year after operation starts.
template <class T> struct Tranche {
    T amount{0};
    T rate{0};
    int tenor = 0;
    int grace = 0;
    model::Repayment repayment = model::Repayment::Annuity;
    bool tax_deductible = true;  ///< interest deductible (debt) or not (public equity returns)
    int draw_year = 0;           ///< public equity: the year it is paid in; debt draws follow capex
};

}  // namespace detail

/// Working storage of PlantLedger::run, kept between runs so that running ledgers again and
/// again does not allocate (one per thread). Holds no result: its contents between runs mean
/// nothing.
template <class T> struct LedgerBuffers {
    std::vector<T> cfads_unlev, draws;
    std::vector<T> fcff_slope;  ///< LedgerOptions::price_slope: d FCFF / d price, by year
    AffinePiece piece;          ///< LedgerOptions::price_slope: where FCFF is affine in price
    /// LedgerOptions::price_slope: the derivatives in price of CFADS over the tenor, and EBIT
    /// over the tenor and the revenue legs with theirs (NpvModel)
    std::vector<T> cfads_slope;
    Affine ebit_tenor, pv_contracted, pv_revenue;
    /// the NPV models an LCOP search keeps (LcopNpv::use_models, finance/valuation.hpp)
    std::array<NpvModel, 3> npv_models;
    std::vector<detail::Tranche<T>> tranches, equity_in;
};

/// Inputs of one plant that do not change between evaluations (schedule, capex timing,
/// production), prepared once per plan so solvers only redo the arithmetic that depends on price.
/// Keeps pointers to the plan (and reads its supports, materials and shocks on every run): the
/// plan must outlive it and not change shape while it is used.
template <class T> class PlantLedger {
public:
    /// With `balance`, production and the domestic/imported split of every input follow the
    /// chain's mass balance in the years it covers (man/reeplan-model.7, "Coupling to the chain");
    /// outside them, and without it, the plant runs at its ramped capacity on bought inputs.
    /// `balance` comes from chain::balance_flows (each year lists a plant's same inputs).
    PlantLedger(const model::Plan& plan, std::size_t plant_index, const timeline::PhaseTimes<T>& times,
                const chain::ChainBalance* balance = nullptr);

    /// Prepares the ledger again, as the constructor does, for this or another plant or plan,
    /// reusing the storage it holds: preparing plants of one shape again allocates nothing but
    /// the depreciation schedules.
    /// `balance_is_plans`: `balance` is the double balance of this very plan on these phase times
    /// (finance::plan_balance), so its ramped capacities are the plant's and need not be
    /// recomputed (the result is the same to the bit either way).
    void reset(const model::Plan& plan, std::size_t plant_index, const timeline::PhaseTimes<T>& times,
               const chain::ChainBalance* balance = nullptr, bool balance_is_plans = false);

    /// Runs the whole ledger for one set of options.
    Ledger<T> run(const LedgerOptions<T>& opt) const;

    /// The same run written into `out` (every field replaced), reusing the storage of `out` and
    /// `buffers`. The result is the same, to the bit, as run(opt)'s. Besides the debt schedules'
    /// few allocations, repeated runs allocate nothing.
    void run(const LedgerOptions<T>& opt, Ledger<T>& out, LedgerBuffers<T>& buffers) const;

    /// Whether the cost of capital of a run with these supports is the same at every output
    /// price: the debt is sized as a share of capex at a set cost of debt (not by DSCR, not by
    /// synthetic rating), and with supports no offtake contracts tonnes and no price floor is
    /// active (the contracted share w would move with the price).
    bool capital_independent_of_price(bool with_supports) const;

    /// Project NPV at the constant real output price `price_real`, by a run for NPV
    /// (LedgerOptions::npv_only, into `out` and `buffers`: the same NPV, to the bit), with its
    /// derivative in the price at the run's cost of capital and the interval of prices on which
    /// every branch of the operations and the unlevered tax (NOL use, credits, price-floor
    /// top-ups) keeps its outcome (LedgerOptions::price_slope). Where
    /// capital_independent_of_price(with_supports), NPV is affine on that interval: that line.
    /// T = double only.
    NpvLine npv_line(bool with_supports, double price_real, Ledger<T>& out, LedgerBuffers<T>& buffers) const;

    /// The NpvModel at `price_real` from one run (npv_line's, into `out` and `buffers`), into
    /// `model`. T = double only.
    void npv_model(bool with_supports, double price_real, NpvModel& model, Ledger<T>& out,
                   LedgerBuffers<T>& buffers) const;

    /// Project NPV at `price_real` on `model`'s piece: the lines affine in the price taken at
    /// that price, then the debt's size, the cost of capital and the present value as a run for
    /// NPV computes them from those lines (into `out` and `buffers`). A run's NPV there, up to the
    /// rounding of the lines' extrapolation. T = double only.
    double model_npv(const NpvModel& model, double price_real, Ledger<T>& out, LedgerBuffers<T>& buffers) const;

    const model::Plant& plant() const { return *plant_; }
    const model::Project& project() const { return plan_->project; }
    const timeline::PhaseTimes<T>& times() const { return times_; }
    int first_year() const { return first_year_; }
    int last_year() const { return last_year_; }
    /// Nominal index of year y for real base-year money: (1 + inflation)^(y − base_year).
    const T& inflation_index(int y) const { return infl_[static_cast<std::size_t>(y - first_year_)]; }
    /// Discount factor of a cash flow booked in year y at rate r (input format §2.2).
    std::vector<T> discount_factors(const T& r) const;

private:
    struct Window {  // a support's active share of one year
        T production{0};
        T time{0};
    };
    /// How a material of the plant is priced: its plan entry and the tariffs on it.
    struct PriceTerms {
        const model::Material* material = nullptr;  ///< null: not in the plan, priced 0
        std::size_t tariff_begin = 0, tariff_end = 0;  ///< its tariffs: tariffs_[begin, end)
    };
    /// One entry of the recipe (plant.inputs, in key order).
    struct InputSlot {
        PriceTerms price;
        T kg_per_kg{0};
        bool shocked = false;  ///< a supply shock names it: its imports cost shock_price_
    };
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    /// What every run of the prepared plant shares, with supports or without them: it does not
    /// depend on the output's price.
    struct Operations {
        std::vector<T> input_cost;    ///< [year]: the year's input cost (LedgerYear::input_cost)
        std::vector<T> market_out;    ///< [year]: the output's market price, nominal USD/kg
        std::vector<T> depreciation;  ///< [year]: the year's depreciation
    };

    /// The lines of one year that depend on the output's price (operations_pass).
    template <class U> struct PriceLines {
        U revenue{0}, price_support{0}, ebitda{0}, wc_change{0}, fcff{0};
        TaxYear<U> tax;  ///< the unlevered tax
    };
    /// Operations, unlevered tax and FCFF, year by year, in the number type U (T, or Affine for
    /// the derivative in price): at the constant real output price *price_real, or at market
    /// prices (null). Hands each year's lines to year(i, lines) in year order, and adds the
    /// contracted and the whole revenue leg at the unlevered cost of capital into *pv_contracted
    /// and *pv_revenue (with supports; not when they are null).
    template <class U, class Year>
    void operations_pass(const Operations& ops, bool sup, const U* price_real, U* pv_contracted, U* pv_revenue,
                         Year&& year) const;
    /// A run for NPV at `price_real` carrying derivatives in the price (npv_line, npv_model).
    void run_sloped(bool with_supports, double price_real, Ledger<T>& L, LedgerBuffers<T>& buf) const;
    /// The rest of a run after the operations pass: the debt's size, tranches and (unless
    /// opt.npv_only) schedules, the levered taxes, FCFE and CFADS, and the cost of capital, from
    /// the lenders' CFADS over the tenor (buffers.cfads_unlev), EBIT summed over the tenor and the
    /// contracted and whole revenue legs.
    void debt_and_capital(const LedgerOptions<T>& opt, const T& ebit_tenor, const T& pv_contracted,
                          const T& pv_revenue, Ledger<T>& L, LedgerBuffers<T>& buf) const;

    void price_terms(const std::string& material, PriceTerms& out);
    T market_price(const PriceTerms& terms, std::size_t i, int y, bool with_supports) const;
    /// Fills operating_cost_, with_, the offtakes' and floors' terms, the supports' grants and
    /// credits and unlevered_df_ (the end of reset).
    void prepare_operations();
    /// The lines of a run without supports: without_, filled on the first such run after reset
    /// (only the unsupported LCOP asks for them), the same as with_ where no support changes them.
    const Operations& operations_without() const;
    /// The year's input costs (sup: with the tariffs in force), into `out`.
    void input_costs(bool sup, std::vector<T>& out) const;
    /// The output's market price by year (sup: with the tariffs in force), into `out`.
    void market_outs(bool sup, std::vector<T>& out) const;
    /// Depreciation of `basis` by year, into `out`.
    void depreciation_of(const T& basis, std::vector<T>& out) const;
    /// Input slot of each entry of `flows` (by material id, `materials` the balance's), into
    /// flow_slot_. `by_position`: the balance is of this very plan, whose flows are the recipe's
    /// entries with kg_per_kg > 0 in recipe order (chain::PlantYear::inputs), matched so by
    /// position, each checked by its recipe, without comparing names.
    void map_flows(const chain::PlantYear& flows, const std::vector<std::string>& materials, bool by_position);

    const model::Plan* plan_ = nullptr;
    const model::Plant* plant_ = nullptr;
    timeline::PhaseTimes<T> times_;
    std::vector<const model::Support*> supports_;  // the supports naming this plant
    int base_year_ = 0;
    int first_year_ = 0, last_year_ = 0, eol_year_ = 0, op_year_ = 0, repay_start_ = 0;
    std::vector<T> infl_, price_index_, esc_, capex_, production_, op_time_;
    std::vector<Window> windows_;           // [year × supports + support]
    std::vector<InputSlot> inputs_;         // like plant.inputs
    PriceTerms output_;                     // the output's
    std::vector<std::size_t> tariffs_;      // indices into supports_
    // indices into supports_ by what run() does with them, in supports_ order: offtakes, price
    // floors, grants and tax credits
    std::vector<std::size_t> offtakes_, floors_, grants_credits_;
    std::vector<int> grant_years_;          // like grants_credits_: the floor of a grant's year
    bool price_linked_supports_ = false;    // a floor in force or output contracted in some year
    std::vector<std::size_t> shock_slot_;   // per plan.shocks: input slot, or none
    std::vector<std::size_t> flow_slot_;    // per input of the balance's PlantYear: input slot, or none
    std::vector<T> shock_price_;            // [year × inputs + input]: import price multiplier
    std::vector<T> shock_available_;        // [year]: least available share of a restricted input
    std::vector<T> domestic_share_;         // [year × inputs + input]: share bought domestically
    T capex_total_{0};
    std::vector<T> operating_cost_;         // [year]
    Operations with_;                       // with supports
    bool basis_reduced_ = false;            // a grant lowers the depreciable basis
    // without supports, prepared on first use: a PlantLedger belongs to one thread
    mutable Operations without_;
    mutable bool without_ready_ = false;
    /// A price floor's terms in one year (with supports): the merchant tonnes it covers and its
    /// nominal floor price; inactive outside its window and in years without production.
    struct FloorYear {
        bool active = false;
        T covered{0};
        T floor_price{0};
        T upside_share{0};
    };
    // [year], with supports: offtake tonnes and revenue at contract prices
    std::vector<T> contracted_, contract_revenue_;
    std::vector<FloorYear> floor_years_;    // [year × floors_ + floor]
    // [year], with supports: grants (all, taxable), tax credits earned and sold for cash
    std::vector<T> grants_, taxable_grants_, credit_earned_, credit_cash_;
    // [year]: discount factors at the unlevered cost of capital r_u = r_f + β_u·ERP
    std::vector<T> unlevered_df_;
};

/// The discount factor of year first_year at v = 1 / (1 + r): v end-year, √v mid-year, for
/// base_year (input format §2.2), then divided or multiplied by v once per year to first_year.
template <class T> T first_discount_factor(const model::Project& project, int first_year, const T& v) {
    using std::sqrt;
    const int base_year = static_cast<int>(project.base_year);
    T df = project.timing == model::Timing::MidYear ? sqrt(v) : v;  // year base_year
    for (int y = base_year; y > first_year; --y) df /= v;
    for (int y = base_year; y < first_year; ++y) df *= v;
    return df;
}

/// Discount factors of cash flows booked in years first_year, first_year + 1, … at rate r:
/// (1 + r)^−(y − base_year + 1) end-year, (1 + r)^−(y − base_year + 0.5) mid-year (input format
/// §2.2), by repeated multiplication, into `out` (resized to `count`).
template <class T>
void discount_factors_into(const model::Project& project, int first_year, std::size_t count, const T& r,
                           std::vector<T>& out) {
    const T v = T(1) / (T(1) + r);
    T df = first_discount_factor(project, first_year, v);
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        out[i] = df;
        df *= v;
    }
}

/// discount_factors_into, returned.
template <class T>
std::vector<T> discount_factors(const model::Project& project, int first_year, std::size_t count, const T& r) {
    std::vector<T> out;
    discount_factors_into(project, first_year, count, r, out);
    return out;
}

/// Σ flow(i) × the discount factor at r of year first_year + i over i < count: the sum
/// Σ flows × discount_factors(project, first_year, count, r) taken in the same order, to the
/// bit, without storing the factors. `flow(i)` gives the i-th flow.
template <class T, class Flow>
T present_value_of(const model::Project& project, int first_year, std::size_t count, const Flow& flow, const T& r) {
    const T v = T(1) / (T(1) + r);
    T df = first_discount_factor(project, first_year, v);
    T s(0);
    for (std::size_t i = 0; i < count; ++i) {
        s += flow(i) * df;
        df *= v;
    }
    return s;
}

/// present_value_of the flows of years first_year, first_year + 1, … at r.
template <class T>
T present_value(const model::Project& project, int first_year, const std::vector<T>& flows, const T& r) {
    auto flow = [&flows](std::size_t i) -> const T& { return flows[i]; };
    return present_value_of<T>(project, first_year, flows.size(), flow, r);
}

/// Value of a series in calendar year y, interpolated in the number type T (input format §1).
template <class T> T series_at(const model::Series& s, int y) {
    using model::from_input;
    if (s.points.empty()) return from_input<T>(s.constant);
    const double yd = static_cast<double>(y);
    if (!(yd > s.points.front().first)) return from_input<T>(s.points.front().second);
    if (!(yd < s.points.back().first)) return from_input<T>(s.points.back().second);
    for (std::size_t i = 1; i < s.points.size(); ++i) {
        if (!(yd > s.points[i].first)) {
            const T x0 = from_input<T>(s.points[i - 1].first), x1 = from_input<T>(s.points[i].first);
            const T y0 = from_input<T>(s.points[i - 1].second), y1 = from_input<T>(s.points[i].second);
            return y0 + (y1 - y0) * (T(y) - x0) / (x1 - x0);
        }
    }
    return from_input<T>(s.points.back().second);
}

/// Project NPV (FCFF at the plant's after-tax WACC) of one ledger run.
template <class T> T project_npv(const PlantLedger<T>& pl, const Ledger<T>& L) {
    return present_value_of<T>(pl.project(), pl.first_year(), L.years.size(),
                               [&L](std::size_t i) -> const T& { return L.years[i].fcff; }, L.capital.wacc);
}

}  // namespace reeplan::finance

#include "finance/ledger_impl.hpp"
