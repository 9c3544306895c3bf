#pragma once
// Implementation of finance/ledger.hpp (templates), part 1: preparing a plant for its runs —
// schedule, capex timing, production, prices, supports and what every run shares
// (PlantLedger::reset). Rules and sources: man/reeplan-model.7.

#include "finance/ledger.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace reeplan::finance {

namespace detail {

template <class T> int floor_int(const T& x) {
    using std::floor;
    return static_cast<int>(model::as_double(floor(x)));
}
template <class T> int ceil_int(const T& x) {
    using std::ceil;
    return static_cast<int>(model::as_double(ceil(x)));
}
template <class T> T pos(const T& x) { return x > T(0) ? x : T(0); }

/// Whether two schedules are the same to the bit.
inline bool same_times(const timeline::PhaseTimes<double>& a, const timeline::PhaseTimes<double>& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}
template <class T> bool same_times(const timeline::PhaseTimes<double>&, const timeline::PhaseTimes<T>&) {
    return false;
}

/// A plant's ramped capacity in a year of the balance, in T (used with T = double only).
template <class T> T ramped_of(const chain::PlantYear& flows) {
    if constexpr (std::is_same_v<T, double>) return flows.ramped_capacity_t;
    else return model::from_input<T>(flows.ramped_capacity_t);
}
/// The value of a number of the ledger, or of an Affine one (its value at the point).
template <class T> const T& value_of(const T& x) { return x; }
inline double value_of(const Affine& x) { return x.v; }

/// t × USD/kg → million USD
template <class T> T musd(const T& tonnes_times_usd_per_kg) { return tonnes_times_usd_per_kg / T(1000); }
inline Affine musd(const Affine& tonnes_times_usd_per_kg) { return tonnes_times_usd_per_kg / 1000.0; }

}  // namespace detail

template <class T>
PlantLedger<T>::PlantLedger(const model::Plan& plan, std::size_t plant_index, const timeline::PhaseTimes<T>& times,
                            const chain::ChainBalance* balance) {
    reset(plan, plant_index, times, balance);
}

template <class T> void PlantLedger<T>::price_terms(const std::string& material, PriceTerms& out) {
    out.material = plan_->material(material);
    out.tariff_begin = tariffs_.size();
    for (std::size_t k = 0; k < supports_.size(); ++k)
        if (supports_[k]->kind == model::SupportKind::Tariff && supports_[k]->material == material)
            tariffs_.push_back(k);
    out.tariff_end = tariffs_.size();
}

template <class T>
void PlantLedger<T>::map_flows(const chain::PlantYear& flows, const std::vector<std::string>& materials,
                               bool by_position) {
    flow_slot_.assign(flows.inputs.size(), none);
    if (by_position) {
        std::size_t f = 0, slot = 0;
        bool same = true;
        for (const auto& in : plant_->inputs) {
            if (in.second > 0) {
                same = same && f < flows.inputs.size() &&
                       std::bit_cast<std::uint64_t>(flows.inputs[f].kg_per_kg) == std::bit_cast<std::uint64_t>(in.second);
                if (!same) break;
                flow_slot_[f++] = slot;
            }
            ++slot;
        }
        if (same && f == flows.inputs.size()) return;
        flow_slot_.assign(flows.inputs.size(), none);
    }
    for (std::size_t f = 0; f < flows.inputs.size(); ++f) {
        std::size_t slot = 0;
        for (const auto& in : plant_->inputs) {
            if (in.first == materials[flows.inputs[f].material]) {
                flow_slot_[f] = slot;
                break;
            }
            ++slot;
        }
    }
}

template <class T>
void PlantLedger<T>::reset(const model::Plan& plan, std::size_t plant_index, const timeline::PhaseTimes<T>& times,
                           const chain::ChainBalance* balance, bool balance_is_plans) {
    using model::from_input;
    plan_ = &plan;
    plant_ = &plan.plants[plant_index];
    times_ = times;
    const model::Plant& plant = *plant_;
    base_year_ = static_cast<int>(plan.project.base_year);
    supports_.clear();
    for (const auto& s : plan.supports)
        if (model::support_reaches(s, plant.id)) supports_.push_back(&s);

    offtakes_.clear();
    floors_.clear();
    grants_credits_.clear();
    for (std::size_t k = 0; k < supports_.size(); ++k) {
        const model::SupportKind kind = supports_[k]->kind;
        if (kind == model::SupportKind::Offtake) offtakes_.push_back(k);
        if (kind == model::SupportKind::PriceFloor) floors_.push_back(k);
        if (kind == model::SupportKind::Grant || kind == model::SupportKind::TaxCredit) grants_credits_.push_back(k);
    }

    first_year_ = detail::floor_int(times_.construction_start);
    op_year_ = detail::floor_int(times_.operation_start);
    repay_start_ = op_year_ + 1;
    last_year_ = std::max(op_year_, detail::ceil_int(times_.end_of_life) - 1);
    eol_year_ = last_year_;
    // the ledger spans construction to the end of life, and also every support's payment year
    // and the last year of debt service of every tranche
    const int tenor = static_cast<int>(plant.financing.tenor_years);
    if (plant.financing.debt_share > 0) last_year_ = std::max(last_year_, repay_start_ + tenor - 1);
    for (const auto* s : supports_) {
        if (s->kind == model::SupportKind::Grant || s->kind == model::SupportKind::Equity) {
            const int y = static_cast<int>(std::floor(s->year));
            first_year_ = std::min(first_year_, y);
            last_year_ = std::max(last_year_, y);
        }
        if (s->kind == model::SupportKind::Equity) last_year_ = std::max(last_year_, repay_start_ + tenor - 1);
        if (s->kind == model::SupportKind::Loan)
            last_year_ = std::max(last_year_, repay_start_ + static_cast<int>(s->tenor_years) - 1);
    }

    const std::size_t n = static_cast<std::size_t>(last_year_ - first_year_ + 1);
    const std::size_t n_sup = supports_.size();
    infl_.resize(n);
    price_index_.resize(n);
    esc_.resize(n);
    capex_.resize(n);
    production_.resize(n);
    op_time_.resize(n);
    windows_.assign(n * n_sup, Window{});

    // the recipe's prices, looked up once: materials, tariffs, supply shocks
    tariffs_.clear();
    inputs_.resize(plant.inputs.size());
    {
        std::size_t slot = 0;
        for (const auto& [mat, kg] : plant.inputs) {
            InputSlot& in = inputs_[slot++];
            price_terms(mat, in.price);
            in.kg_per_kg = from_input<T>(kg);
            in.shocked = false;
        }
    }
    price_terms(plant.output, output_);
    const std::size_t n_in = inputs_.size();
    shock_slot_.assign(plan.shocks.size(), none);
    for (std::size_t k = 0; k < plan.shocks.size(); ++k) {
        // a risk's shocks come one after another, on one material: the input found for the last
        if (k > 0 && plan.shocks[k].material == plan.shocks[k - 1].material) {
            shock_slot_[k] = shock_slot_[k - 1];
            continue;
        }
        std::size_t slot = 0;
        for (const auto& in : plant.inputs) {
            if (in.first == plan.shocks[k].material) {
                shock_slot_[k] = slot;
                inputs_[slot].shocked = true;
                break;
            }
            ++slot;
        }
    }
    // the balance's ramped capacities are the plant's own when the balance was computed in double
    // from this plan on these very phase times
    bool ramped_from_balance = false;
    if constexpr (std::is_same_v<T, double>)
        ramped_from_balance = balance_is_plans && balance && plant_index < balance->times.size() &&
                              detail::same_times(balance->times[plant_index], times_);
    shock_price_.assign(n * n_in, T(1));
    domestic_share_.assign(n * n_in, T(0));
    // supply restrictions on an input: imports of it cost more while they last, and production
    // is limited to the least available share. Each shock is visited over the years it overlaps
    // only: in another year w = 0, a factor of exactly 1 and a share of 1.
    shock_available_.assign(n, T(1));
    for (std::size_t k = 0; k < plan.shocks.size(); ++k) {
        if (shock_slot_[k] == none) continue;
        const model::SupplyShock& sh = plan.shocks[k];
        const timeline::YearSpan span = timeline::overlapped_years(sh.start_year, sh.end_year, first_year_, last_year_);
        for (int y = span.from; y <= span.to; ++y) {
            const std::size_t i = static_cast<std::size_t>(y - first_year_);
            const T w = timeline::overlap<T>(T(y), T(y + 1), from_input<T>(sh.start_year), from_input<T>(sh.end_year));
            const T a = T(1) - w * (T(1) - from_input<T>(sh.available_share));
            if (a < shock_available_[i]) shock_available_[i] = a;
            shock_price_[i * n_in + shock_slot_[k]] *= T(1) + w * (from_input<T>(sh.price_multiplier) - T(1));
        }
    }
    flow_slot_.clear();
    bool flows_mapped = false;

    // (1 + i)^(y − base) and (1 + e)^(y − base) by repeated multiplication from the base year
    // (input format §2.3); money stated nominal in the file is not inflated.
    const bool real = plan.project.dollars == model::Dollars::Real;
    const T g_infl = T(1) + (real ? from_input<T>(plan.project.inflation) : T(0));
    const T g_esc = T(1) + from_input<T>(plant.escalation);
    // the LCOP is a constant real price escalated by inflation whatever the file's dollars
    const T g_price = T(1) + from_input<T>(plan.project.inflation);
    T fi(1), fe(1), fp(1);
    for (int y = base_year_; y > first_year_; --y) {
        fi /= g_infl;
        fe /= g_esc;
        fp /= g_price;
    }
    for (int y = base_year_; y < first_year_; ++y) {
        fi *= g_infl;
        fe *= g_esc;
        fp *= g_price;
    }
    const T capex_real = from_input<T>(plant.capex_musd);
    capex_total_ = T(0);
    for (std::size_t i = 0; i < n; ++i) {
        const int y = first_year_ + static_cast<int>(i);
        const T y0(y), y1(y + 1);
        infl_[i] = fi;
        price_index_[i] = fp;
        esc_[i] = fe;
        capex_[i] = capex_real * timeline::capex_share_in<T>(plant, times_, y0, y1) * fi;
        capex_total_ += capex_[i];
        const chain::PlantYear* flows = nullptr;
        if (balance && y >= balance->first_year && y <= balance->last_year)
            flows = &balance->years[static_cast<std::size_t>(y - balance->first_year)].plants[plant_index];
        // ramped capacity: the balance's when it comes from this plan and schedule (the same call)
        const T ramped = flows && ramped_from_balance ? detail::ramped_of<T>(*flows)
                                                      : timeline::production_in<T>(plant, times_, y0, y1);
        production_[i] = ramped;
        T available = shock_available_[i];
        if (flows) {
            // the mass balance decides: production is what the scarcest input allows, and each
            // input is bought domestically first, imports filling the rest (the balance is in
            // tonnes, computed in double; its ratios enter T through their shortest text)
            available = from_input<T>(flows->fill);
            if (!flows_mapped || flow_slot_.size() != flows->inputs.size()) {
                map_flows(*flows, balance->materials, balance_is_plans);  // every year lists the same inputs
                flows_mapped = true;
            }
            for (std::size_t f = 0; f < flows->inputs.size(); ++f) {
                if (flow_slot_[f] == none) continue;
                const chain::InputFlow& in = flows->inputs[f];
                domestic_share_[i * n_in + flow_slot_[f]] =
                    in.consumed_t > 0 ? from_input<T>(in.domestic_t / in.consumed_t) : T(0);
            }
        }
        // without a balance, production is limited by the scarcest restricted input, pro rata to
        // the part of the year the restriction lasts
        production_[i] *= available;
        op_time_[i] = timeline::operating_time_in<T>(times_, y0, y1);
        for (std::size_t k = 0; k < n_sup; ++k) {
            const model::Support& s = *supports_[k];
            const T a = from_input<T>(s.start_year), b = from_input<T>(s.end_year);
            const T lo = a > y0 ? a : y0, hi = b < y1 ? b : y1;
            if (hi > lo) {
                Window& w = windows_[i * n_sup + k];
                w.time = hi - lo;
                const bool whole_year = !(a > y0) && !(b < y1);  // lo is y0 and hi is y1
                w.production = (whole_year ? ramped : timeline::production_in<T>(plant, times_, lo, hi)) * available;
            }
        }
        fi *= g_infl;
        fe *= g_esc;
        fp *= g_price;
    }
    prepare_operations();
}

template <class T> void PlantLedger<T>::prepare_operations() {
    using model::from_input;
    using model::SupportKind;
    const model::Plant& plant = *plant_;
    const std::size_t n = infl_.size();
    const std::size_t n_sup = supports_.size();
    const T fixed = from_input<T>(plant.fixed_opex_musd);
    const T var = from_input<T>(plant.variable_opex_usd_per_kg);
    // the contracted share of revenue is weighed at the unlevered cost of capital (run)
    const model::Finance& fin = plan_->finance;
    const T r_u = from_input<T>(fin.risk_free) + from_input<T>(plant.unlevered_beta) * from_input<T>(fin.equity_risk_premium);
    discount_factors_into(plan_->project, first_year_, n, r_u, unlevered_df_);
    operating_cost_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const T cost_index = esc_[i] * infl_[i];
        operating_cost_[i] = fixed * op_time_[i] * cost_index + detail::musd(var * production_[i]) * cost_index;
    }
    input_costs(true, with_.input_cost);
    market_outs(true, with_.market_out);
    without_ready_ = false;

    // offtakes and price floors, with supports: what they take and cover does not depend on the
    // output's price
    contracted_.assign(n, T(0));
    contract_revenue_.assign(n, T(0));
    floor_years_.resize(n * floors_.size());
    for (std::size_t i = 0; i < n; ++i) {
        const T Q = production_[i];
        T& contracted = contracted_[i];
        T& contract_revenue = contract_revenue_[i];
        for (const std::size_t k : offtakes_) {
            const model::Support& s = *supports_[k];
            if (!(windows_[i * n_sup + k].time > T(0))) continue;
            const T vol = from_input<T>(s.share) * windows_[i * n_sup + k].production;
            T price(0);
            if (s.price_usd_per_kg) {
                price = from_input<T>(*s.price_usd_per_kg) * infl_[i];
            } else if (Q > T(0)) {
                // cost-plus: unit cash cost (operating + inputs, USD/kg) × (1 + margin)
                price = (operating_cost_[i] + with_.input_cost[i]) * T(1000) / Q * (T(1) + from_input<T>(*s.cost_plus_margin));
            }
            contracted += vol;
            contract_revenue += detail::musd(vol * price);
        }
        const T merchant = Q - contracted;
        for (std::size_t f = 0; f < floors_.size(); ++f) {
            const std::size_t k = floors_[f];
            const model::Support& s = *supports_[k];
            FloorYear& fy = floor_years_[i * floors_.size() + f];
            fy.active = Q > T(0) && windows_[i * n_sup + k].time > T(0);
            if (!fy.active) continue;
            fy.covered = from_input<T>(s.share) * windows_[i * n_sup + k].production * merchant / Q;
            fy.floor_price = from_input<T>(s.floor_usd_per_kg) * infl_[i];
            fy.upside_share = from_input<T>(s.upside_share);
        }
    }

    // whether a floor is in force or an offtake contracts output in some year: with supports,
    // w of the cost of capital then moves with the price (capital_independent_of_price)
    price_linked_supports_ = false;
    for (const FloorYear& fy : floor_years_) price_linked_supports_ = price_linked_supports_ || fy.active;
    for (const T& c : contracted_) price_linked_supports_ = price_linked_supports_ || c > T(0) || c < T(0);

    // grants and tax credits, with supports
    T basis = capex_total_;
    basis_reduced_ = false;
    grants_.assign(n, T(0));
    taxable_grants_.assign(n, T(0));
    credit_earned_.assign(n, T(0));
    credit_cash_.assign(n, T(0));
    // each grant's payment year, once (not per year of the ledger)
    grant_years_.resize(grants_credits_.size());
    for (std::size_t e = 0; e < grants_credits_.size(); ++e)
        grant_years_[e] = static_cast<int>(std::floor(supports_[grants_credits_[e]]->year));
    for (std::size_t i = 0; i < n; ++i) {
        const int y = first_year_ + static_cast<int>(i);
        for (std::size_t e = 0; e < grants_credits_.size(); ++e) {
            const std::size_t k = grants_credits_[e];
            const model::Support& s = *supports_[k];
            if (s.kind == SupportKind::Grant && grant_years_[e] == y) {
                const T g = from_input<T>(s.amount_musd) * infl_[i];
                grants_[i] += g;
                if (s.taxable) taxable_grants_[i] += g;  // grants are gross income (26 USC 118(b)(2))
                if (s.reduces_basis) {
                    basis -= g;
                    basis_reduced_ = true;
                }
            }
            if (s.kind == SupportKind::TaxCredit) {
                const T phase = series_at<T>(s.phase_out, y);
                T credit(0);
                if (s.basis == model::CreditBasis::ProductionCost && windows_[i * n_sup + k].time > T(0))
                    credit = from_input<T>(s.rate) * (operating_cost_[i] + with_.input_cost[i]) * windows_[i * n_sup + k].time * phase;
                else if (s.basis == model::CreditBasis::PerKg)
                    credit = detail::musd(from_input<T>(s.usd_per_kg) * windows_[i * n_sup + k].production) * infl_[i] * phase;
                else if (s.basis == model::CreditBasis::Capex && y == op_year_ && !(times_.operation_start < from_input<T>(s.start_year)) &&
                         times_.operation_start < from_input<T>(s.end_year))
                    credit = from_input<T>(s.rate) * capex_total_ * phase;
                if (s.transferable) credit_cash_[i] += credit * from_input<T>(s.transfer_price);
                else credit_earned_[i] += credit;  // used against tax, or carried forward
            }
        }
    }
    if (basis < T(0)) basis = T(0);
    depreciation_of(basis, with_.depreciation);
}

template <class T> const typename PlantLedger<T>::Operations& PlantLedger<T>::operations_without() const {
    if (without_ready_) return without_;
    // without supports no tariff is in force and no grant lowers the basis: only a tariffed
    // input or output, or a reduced basis, makes the lines differ from those with supports
    bool inputs_tariffed = false;
    for (const InputSlot& in : inputs_) inputs_tariffed = inputs_tariffed || in.price.tariff_end > in.price.tariff_begin;
    if (inputs_tariffed) input_costs(false, without_.input_cost);
    else without_.input_cost = with_.input_cost;
    if (output_.tariff_end > output_.tariff_begin) market_outs(false, without_.market_out);
    else without_.market_out = with_.market_out;
    if (basis_reduced_) depreciation_of(capex_total_ < T(0) ? T(0) : capex_total_, without_.depreciation);
    else without_.depreciation = with_.depreciation;
    without_ready_ = true;
    return without_;
}

// domestic tonnes at the market price, imports at the (restricted) import price
template <class T> void PlantLedger<T>::input_costs(bool sup, std::vector<T>& out) const {
    const std::size_t n = infl_.size();
    const std::size_t n_in = inputs_.size();
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int y = first_year_ + static_cast<int>(i);
        const T Q = production_[i];
        T cost(0);
        for (std::size_t j = 0; j < n_in; ++j) {
            const InputSlot& in = inputs_[j];
            const T market = market_price(in.price, i, y, sup);
            T imported = market;
            if (in.shocked) imported *= shock_price_[i * n_in + j];
            const T& dom = domestic_share_[i * n_in + j];
            cost += detail::musd(in.kg_per_kg * Q * (dom * market + (T(1) - dom) * imported));
        }
        out[i] = cost;
    }
}

template <class T> void PlantLedger<T>::market_outs(bool sup, std::vector<T>& out) const {
    const std::size_t n = infl_.size();
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = market_price(output_, i, first_year_ + static_cast<int>(i), sup);
}

// depreciation from the year operation starts (Pub. 946 Table A-1, half-year); what is left at
// the end of life is written off then
template <class T> void PlantLedger<T>::depreciation_of(const T& basis, std::vector<T>& out) const {
    out.assign(infl_.size(), T(0));
    const Outcome<std::vector<T>> sched = depreciation_schedule<T>(plant_->depreciation, basis);
    const std::size_t n_dep = sched ? sched->size() : 0;
    for (std::size_t j = 0; j < n_dep; ++j) {
        const int y = std::min(op_year_ + static_cast<int>(j), eol_year_);
        out[static_cast<std::size_t>(y - first_year_)] += (*sched)[j];
    }
}

template <class T>
T PlantLedger<T>::market_price(const PriceTerms& terms, std::size_t i, int y, bool with_supports) const {
    if (!terms.material) return T(0);
    T p = series_at<T>(terms.material->market_price_usd_per_kg, y) * infl_[i];
    if (with_supports) {
        // tariff: domestic price = import price × (1 + rate), for the part of the year in force
        const std::size_t n_sup = supports_.size();
        for (std::size_t t = terms.tariff_begin; t < terms.tariff_end; ++t) {
            const std::size_t k = tariffs_[t];
            p *= T(1) + model::from_input<T>(supports_[k]->rate) * windows_[i * n_sup + k].time;
        }
    }
    return p;
}

}  // namespace reeplan::finance
