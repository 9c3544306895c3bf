#pragma once
/// Mass balance of the chain, refining → alloying → fabrication, per calendar year.
///
/// For each year y from base_year to end_year (inclusive), in tonnes:
/// 1. Each plant's ramped capacity is timeline::production_in over [y, y+1) (input format §2.4).
/// 2. Plants are processed so that every producer of a material comes before its consumers:
///    stage order (refining, alloying, fabrication), file order within a stage, moved only where
///    a recipe needs it. A loop in the recipe graph is an input error naming it.
/// 3. For each material, the requirement of each consuming plant is ramped capacity × recipe.
///    Domestic output goes to the consumers first, pro rata to their requirement; imports fill
///    import_available × the remaining shortfall. import_available is the material's series at
///    y, times, for a SupplyShock on the material overlapping the year by a share w of it,
///    (1 − w·(1 − available_share)) (the smallest over several shocks); the import price is the
///    market price times (1 + w·(price_multiplier − 1)) per shock (the rules of the ledger,
///    finance/ledger_impl.hpp). A material no plant produces is all imports.
/// 4. A plant produces fill × ramped capacity, fill = min over inputs of offered / requirement
///    (the scarcest input). It consumes production × recipe of each input, domestic first;
///    the domestic tonnes it was offered and does not use stay with the producer (surplus), the
///    imports it does not need are not bought. Stranded = ramped capacity − production; the
///    capex standing idle is capex_musd × stranded / capacity_tpy.
/// 5. Fully domestic share of a plant's output = min over its critical inputs of the fully
///    domestic part of what it consumes. Imports carry 0; a critical input no plant produces
///    counts as imported; non-critical inputs are ignored. The domestic part carries its
///    producers' fully domestic tonnes, which go to the chain's own plants first (pro rata to
///    the domestic tonnes each uses) and only then to the surplus sold outside the chain: a
///    producer that tops up its own feed with imports to run a surplus dilutes what it sells
///    outside, not what it supplies to the chain. (The mass-balance model of chain of custody,
///    ISO 22095:2020: a characteristic is allocated among outputs so long as the quantities
///    balance. A purely proportional attribution
///    would let more imports upstream lower the chain's fully domestic output, and a delay
///    bring independence earlier.) The final product's fully domestic tonnes are those no
///    plant of the chain takes.
/// 6. Coverage: final demand D(y) is propagated up the recipes. The final product needs D; a
///    material's requirement is split between its producers pro rata to their ramped capacity
///    in the year (nameplate if none has any), and each producer's share q needs q × recipe of
///    each input. A stage's requirement is Σ q over its plants, its coverage Σ production / Σ q.
///
/// Everything is double: the balance is physical, not a money statement. Real base-year USD.

#include "chain/chain_result.hpp"
#include "model/plan.hpp"

#include <memory>
#include <vector>

namespace reeplan::chain {

/// Schedules the plants (timeline::schedule_plants<double>), balances every year and solves the
/// build-out network against `independence_target_year` (a decimal calendar year; the lead
/// passes project.independence_target_year, default end_year).
/// Throws model::InputError on a dependency cycle in `after` links or a loop in the recipes.
ChainBalance balance_chain(const model::Plan& plan, double independence_target_year);

/// The same balance for given phase times (indexed like plan.plants), without the critical
/// path (ChainBalance::schedule left empty): for delayed copies and risk paths.
ChainBalance balance_flows(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times,
                           double independence_target_year);

/// How much of a ChainBalance to fill: everything, or the flows alone (what a plant's ledger and
/// a Monte Carlo path read): every year's tonnes that the allocation, the domestic content and
/// the coverage are made of, the stages, the milestone years and `independence_on_time`. Flows
/// leaves at their defaults (0; `import_available` 1; empty) what reports alone read: each
/// material's imports, import terms, requirement, unmet and demand requirement, each year's
/// imports_musd, each plant's limiting_input, and `dependence`, `imports` and the two notes.
enum class BalanceDetail { Full, Flows };

/// Working storage of balance_flows_into (the recipe graph and per-year buffers), kept between
/// calls so that balancing plans of one shape again and again does not allocate. One per thread.
class BalanceScratch {
public:
    BalanceScratch();
    ~BalanceScratch();
    BalanceScratch(BalanceScratch&&) noexcept;
    BalanceScratch& operator=(BalanceScratch&&) noexcept;
    BalanceScratch(const BalanceScratch&) = delete;
    BalanceScratch& operator=(const BalanceScratch&) = delete;

    struct Impl;

private:
    friend void balance_flows_into(const model::Plan&, const std::vector<timeline::PhaseTimes<double>>&, double,
                                   ChainBalance&, BalanceScratch&, BalanceDetail);
    std::unique_ptr<Impl> impl_;
};

/// balance_flows written into `out`, every field replaced, reusing the storage `out` and
/// `scratch` hold from earlier calls: once they have held a plan of the same shape (plants,
/// inputs, materials, years), the call allocates nothing. The result is the same, to the bit, as
/// balance_flows' (with BalanceDetail::Flows, in the fields it fills). Throws model::InputError
/// like balance_flows (`out` is then unspecified).
void balance_flows_into(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times,
                        double independence_target_year, ChainBalance& out, BalanceScratch& scratch,
                        BalanceDetail detail = BalanceDetail::Full);

}  // namespace reeplan::chain
