#pragma once
// Implementation of finance/ledger.hpp (templates). Rules and sources: man/reeplan-model.7.

#include "finance/ledger.hpp"

#include <algorithm>
#include <cmath>
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
/// t × USD/kg → million USD
template <class T> T musd(const T& tonnes_times_usd_per_kg) { return tonnes_times_usd_per_kg / T(1000); }

inline bool applies_to(const model::Support& s, const std::string& plant) {
    return std::find(s.plants.begin(), s.plants.end(), plant) != s.plants.end();
}

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

template <class T> void PlantLedger<T>::map_flows(const chain::PlantYear& flows) {
    flow_slot_.assign(flows.inputs.size(), none);
    for (std::size_t f = 0; f < flows.inputs.size(); ++f) {
        std::size_t slot = 0;
        for (const auto& in : plant_->inputs) {
            if (in.first == flows.inputs[f].material) {
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
    // a tariff sets the domestic price of its material for every plant unless it names plants
    supports_.clear();
    for (const auto& s : plan.supports)
        if (detail::applies_to(s, plant.id) || (s.kind == model::SupportKind::Tariff && s.plants.empty()))
            supports_.push_back(&s);

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
        if (!(sh.end_year > sh.start_year)) continue;
        const int from = std::max(first_year_, static_cast<int>(std::floor(sh.start_year)));
        const int to = std::min(last_year_, static_cast<int>(std::ceil(sh.end_year)) - 1);
        for (int y = from; y <= to; ++y) {
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
                map_flows(*flows);  // every year of a balance lists the same inputs
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

template <class T> std::vector<T> PlantLedger<T>::discount_factors(const T& r) const {
    return finance::discount_factors<T>(plan_->project, first_year_, infl_.size(), r);
}

template <class T> Ledger<T> PlantLedger<T>::run(const LedgerOptions<T>& opt) const {
    Ledger<T> L;
    LedgerBuffers<T> buffers;
    run(opt, L, buffers);
    return L;
}

template <class T>
void PlantLedger<T>::run(const LedgerOptions<T>& opt, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    using model::from_input;
    using model::SupportKind;
    const std::size_t n = infl_.size();
    const bool sup = opt.with_supports;
    const model::Plant& plant = *plant_;
    const std::size_t n_sup = supports_.size();
    const std::size_t n_in = inputs_.size();
    const model::Finance& fin = plan_->finance;
    const T tax_rate = from_input<T>(fin.tax_rate);
    const T nol_limit = from_input<T>(fin.nol_limit);
    const bool monetized = fin.losses == model::Losses::Monetized;
    const T rf = from_input<T>(fin.risk_free);

    L.first_year = first_year_;
    L.years.resize(n);
    for (auto& r : L.years) r = LedgerYear<T>{};
    L.capex_total = capex_total_;
    L.debt_total = T(0);
    L.notes.clear();

    // ---- operations: everything that does not depend on financing --------------------------
    T basis = capex_total_;
    T wc_prev(0);
    const T wc_days = from_input<T>(plant.working_capital_days);
    const T fixed = from_input<T>(plant.fixed_opex_musd);
    const T var = from_input<T>(plant.variable_opex_usd_per_kg);
    // revenue legs for the contracted share of the cost of capital: contracted (offtake at
    // contract prices, price-floor top-ups) and all (revenue plus price support, net)
    std::vector<T>& contract_leg = buf.contract_leg;
    std::vector<T>& revenue_leg = buf.revenue_leg;
    contract_leg.assign(n, T(0));
    revenue_leg.assign(n, T(0));
    for (std::size_t i = 0; i < n; ++i) {
        LedgerYear<T>& r = L.years[i];
        const int y = first_year_ + static_cast<int>(i);
        r.year = y;
        r.capex = capex_[i];
        r.production = production_[i];
        const T Q = production_[i];
        const T cost_index = esc_[i] * infl_[i];
        r.operating_cost = fixed * op_time_[i] * cost_index + detail::musd(var * Q) * cost_index;
        for (std::size_t j = 0; j < n_in; ++j) {
            // domestic tonnes at the market price, imports at the (restricted) import price
            const InputSlot& in = inputs_[j];
            const T market = market_price(in.price, i, y, sup);
            T imported = market;
            if (in.shocked) imported *= shock_price_[i * n_in + j];
            const T& dom = domestic_share_[i * n_in + j];
            r.input_cost += detail::musd(in.kg_per_kg * Q * (dom * market + (T(1) - dom) * imported));
        }

        const T p_out = opt.output_price_real ? *opt.output_price_real * price_index_[i] : market_price(output_, i, y, sup);
        T contracted(0), contract_revenue(0);
        if (sup) {
            for (const std::size_t k : offtakes_) {
                const model::Support& s = *supports_[k];
                if (!(windows_[i * n_sup + k].time > T(0))) continue;
                const T vol = from_input<T>(s.share) * windows_[i * n_sup + k].production;
                T price(0);
                if (s.price_usd_per_kg) {
                    price = from_input<T>(*s.price_usd_per_kg) * infl_[i];
                } else if (Q > T(0)) {
                    // cost-plus: unit cash cost (operating + inputs, USD/kg) × (1 + margin)
                    price = (r.operating_cost + r.input_cost) * T(1000) / Q * (T(1) + from_input<T>(*s.cost_plus_margin));
                }
                contracted += vol;
                contract_revenue += detail::musd(vol * price);
            }
        }
        const T merchant = Q - contracted;
        r.revenue = detail::musd(merchant * p_out) + contract_revenue;
        if (sup && Q > T(0)) {
            for (const std::size_t k : floors_) {
                const model::Support& s = *supports_[k];
                if (!(windows_[i * n_sup + k].time > T(0))) continue;
                // realized = max(market, floor) on `share` of merchant volume; `upside_share` of
                // any excess over the floor is paid back (MP–DoD price protection, [S1])
                const T covered = from_input<T>(s.share) * windows_[i * n_sup + k].production * merchant / Q;
                const T floor_price = from_input<T>(s.floor_usd_per_kg) * infl_[i];
                const T protected_part = detail::musd(covered * detail::pos(floor_price - p_out));
                const T topup = detail::pos(floor_price - p_out) - from_input<T>(s.upside_share) * detail::pos(p_out - floor_price);
                r.price_support += detail::musd(covered * topup);
                contract_leg[i] += protected_part;
            }
        }
        contract_leg[i] += contract_revenue;
        revenue_leg[i] = r.revenue + r.price_support;
        r.ebitda = r.revenue + r.price_support - r.operating_cost - r.input_cost;

        if (sup) {
            for (const std::size_t k : grants_credits_) {
                const model::Support& s = *supports_[k];
                if (s.kind == SupportKind::Grant && static_cast<int>(std::floor(s.year)) == y) {
                    const T g = from_input<T>(s.amount_musd) * infl_[i];
                    r.grants += g;
                    if (s.taxable) r.taxable_grants += g;  // grants are gross income (26 USC 118(b)(2))
                    if (s.reduces_basis) basis -= g;
                }
                if (s.kind == SupportKind::TaxCredit) {
                    const T phase = series_at<T>(s.phase_out, y);
                    T credit(0);
                    if (s.basis == model::CreditBasis::ProductionCost && windows_[i * n_sup + k].time > T(0))
                        credit = from_input<T>(s.rate) * (r.operating_cost + r.input_cost) * windows_[i * n_sup + k].time * phase;
                    else if (s.basis == model::CreditBasis::PerKg)
                        credit = detail::musd(from_input<T>(s.usd_per_kg) * windows_[i * n_sup + k].production) * infl_[i] * phase;
                    else if (s.basis == model::CreditBasis::Capex && y == op_year_ && !(times_.operation_start < from_input<T>(s.start_year)) &&
                             times_.operation_start < from_input<T>(s.end_year))
                        credit = from_input<T>(s.rate) * capex_total_ * phase;
                    if (s.transferable) r.credit_cash += credit * from_input<T>(s.transfer_price);
                    else r.credit_earned += credit;  // used below against tax, or carried forward
                }
            }
        }
        // working capital: days of revenue, built with revenue, released in the last year
        const T wc = (i + 1 == n) ? T(0) : wc_days / T(365) * r.revenue;
        r.wc_change = wc_prev - wc;
        wc_prev = wc;
    }
    if (basis < T(0)) basis = T(0);

    // ---- depreciation from the year operation starts (Pub. 946 Table A-1, half-year) --------
    {
        const Outcome<std::vector<T>> sched = depreciation_schedule<T>(plant.depreciation, basis);
        const std::size_t n_dep = sched ? sched->size() : 0;
        for (std::size_t j = 0; j < n_dep; ++j) {
            const T& dep_j = (*sched)[j];
            const int y = op_year_ + static_cast<int>(j);
            if (y > eol_year_) {  // depreciation left at the end of life is written off then
                L.years[static_cast<std::size_t>(eol_year_ - first_year_)].depreciation += dep_j;
            } else {
                L.years[static_cast<std::size_t>(y - first_year_)].depreciation += dep_j;
            }
        }
    }

    // ---- unlevered taxes and free cash flow to the firm --------------------------------------
    {
        TaxState<T> st;
        for (std::size_t i = 0; i < n; ++i) {
            LedgerYear<T>& r = L.years[i];
            TaxYear<T> t = tax_year<T>(st, r.ebitda + r.taxable_grants - r.depreciation, tax_rate, nol_limit, monetized,
                                       r.credit_earned);
            r.tax_unlevered = t.tax_before_credits;
            r.tax_credit_unlevered = t.credits_used;
            r.fcff = r.ebitda + r.grants - r.tax_unlevered + r.tax_credit_unlevered + r.credit_cash - r.capex + r.wc_change;
        }
    }

    // ---- debt: sizing, tranches, schedules ---------------------------------------------------
    const model::Financing& f = plant.financing;
    const T capex_real = from_input<T>(plant.capex_musd);
    const T nominal_per_real = capex_real > T(0) ? capex_total_ / capex_real : T(1);
    const int tenor = static_cast<int>(f.tenor_years);
    std::vector<detail::Tranche<T>>& tranches = buf.tranches;
    tranches.clear();
    T public_debt(0), public_cost(0);
    T fees(0);
    T guaranteed_share(0), guarantee_spread(0), guarantee_fee(0);
    std::vector<detail::Tranche<T>>& equity_in = buf.equity_in;
    equity_in.clear();
    if (sup) {
        for (const auto* s : supports_) {
            if (s->kind == SupportKind::Loan) {
                detail::Tranche<T> tr;
                tr.amount = from_input<T>(s->amount_musd) * nominal_per_real;
                tr.rate = s->has_rate ? from_input<T>(s->rate) : rf + from_input<T>(s->spread_over_risk_free);
                tr.tenor = static_cast<int>(s->tenor_years);
                tr.grace = static_cast<int>(s->grace_years);
                fees += tr.amount * from_input<T>(s->fee_share);
                public_debt += tr.amount;
                public_cost += tr.amount * tr.rate;
                tranches.push_back(tr);
            } else if (s->kind == SupportKind::LoanGuarantee) {
                guaranteed_share = from_input<T>(s->share);
                guarantee_spread = from_input<T>(s->spread_over_risk_free);
                guarantee_fee = from_input<T>(s->fee_share);
            } else if (s->kind == SupportKind::Equity) {
                // public equity: paid in at its year, repaid with its required return as a level
                // annuity over the tenor; returns are not deductible
                detail::Tranche<T> tr;
                tr.draw_year = static_cast<int>(std::floor(s->year));
                tr.amount = from_input<T>(s->amount_musd) * infl_[static_cast<std::size_t>(tr.draw_year - first_year_)];
                tr.rate = from_input<T>(s->required_return);
                tr.tenor = tenor;
                tr.tax_deductible = false;
                equity_in.push_back(tr);
            }
        }
    }
    // commercial debt: debt_share of capex less public loans; with debt_sizing = "dscr" the lesser
    // of that and Σ CFADS_t / DSCR / (1 + k)^t over the tenor (Bodmer; finance-methods §1.5)
    std::vector<T>& cfads_unlev = buf.cfads_unlev;
    cfads_unlev.clear();
    for (int y = repay_start_; y < repay_start_ + tenor; ++y) {
        if (y > last_year_) {
            cfads_unlev.push_back(T(0));
            continue;
        }
        const LedgerYear<T>& r = L.years[static_cast<std::size_t>(y - first_year_)];
        cfads_unlev.push_back(r.ebitda - r.tax_unlevered + r.tax_credit_unlevered + r.credit_cash + r.wc_change);
    }
    const T guaranteed_rate = rf + guarantee_spread;
    const T commercial_cap = detail::pos(from_input<T>(f.debt_share) * capex_total_ - public_debt);
    // the guaranteed share is priced at r_f + the guarantee's spread (LPO / FFB practice,
    // finance-methods §1.5 item 3); the guarantee fee is paid in cash at first draw (financing
    // fees, equity cash flow), not folded into k_d
    auto blend = [&](const T& k) { return (T(1) - guaranteed_share) * k + guaranteed_share * guaranteed_rate; };
    auto size_commercial = [&](const T& k_comm) {
        T amount = commercial_cap;
        if (f.debt_sizing == model::DebtSizing::Dscr) {
            // sculpted service can follow CFADS; level service must be covered in the weakest year
            const T sized = f.repayment == model::Repayment::Sculpted
                                ? dscr_sized_debt<T>(cfads_unlev, from_input<T>(f.target_dscr), k_comm)
                                : annuity_sized_debt<T>(cfads_unlev, from_input<T>(f.target_dscr), k_comm);
            const T cap = detail::pos(sized - public_debt);
            if (cap < amount) amount = cap;
        }
        return amount;
    };
    // cost_of_debt = "synthetic": k = r_f + spread(EBIT / interest(k)), Damodaran's synthetic
    // rating (finance-methods §1.3). EBIT is the average of EBITDA − depreciation over the
    // commercial tenor (the years the lender is exposed); interest is a full year on all debt at
    // close: the unguaranteed commercial share at k, the guaranteed share at its rate, public
    // loans at theirs, with commercial debt resized at each k when sized by DSCR.
    T kd_plain = from_input<T>(f.cost_of_debt);
    std::string rating, rating_note;
    if (f.synthetic_cost_of_debt) {
        T ebit(0);
        for (int y = repay_start_; y < repay_start_ + tenor && y <= last_year_; ++y) {
            const LedgerYear<T>& r = L.years[static_cast<std::size_t>(y - first_year_)];
            ebit += r.ebitda - r.depreciation;
        }
        if (tenor > 0) ebit /= T(tenor);
        const RatingTable& table = rating_table(fin.rating_table);
        SyntheticRate<T> sr = synthetic_rate<T>(table, rf, ebit, [&](const T& k) {
            const T k_comm = blend(k);
            return size_commercial(k_comm) * k_comm + public_cost;
        });
        kd_plain = sr.rate;
        rating = table.bands[sr.band].rating;
        rating_note = sr.note;
    }
    const T kd_comm = blend(kd_plain);
    const T commercial = size_commercial(kd_comm);
    fees += commercial * guaranteed_share * guarantee_fee;
    if (commercial > T(0)) {
        detail::Tranche<T> tr;
        tr.amount = commercial;
        tr.rate = kd_comm;
        tr.tenor = tenor;
        tr.repayment = f.repayment;
        tranches.insert(tranches.begin(), tr);
    }
    for (const auto& tr : equity_in) tranches.push_back(tr);

    // draws pro rata with capex (equity tranches at their year), then service from repay_start_
    bool fee_paid = false;
    for (const auto& tr : tranches) {
        const bool is_equity = !tr.tax_deductible;
        std::vector<T>& draws = buf.draws;
        draws.assign(n, T(0));
        if (is_equity) {
            draws[static_cast<std::size_t>(tr.draw_year - first_year_)] = tr.amount;
        } else {
            for (std::size_t i = 0; i < n; ++i) draws[i] = capex_total_ > T(0) ? tr.amount * capex_[i] / capex_total_ : T(0);
        }
        // (only a sculpted schedule reads the cash flows)
        const Outcome<DebtSchedule<T>> planned =
            debt_schedule<T>(tr.repayment, tr.amount, tr.rate, tr.tenor, tr.grace, cfads_unlev);
        if (!planned) L.notes.push_back("a debt tranche cannot be repaid as planned (" + planned.reason + "); it is drawn but not serviced");
        const std::size_t n_sched = planned ? planned->size() : 0;
        T balance(0);
        for (std::size_t i = 0; i < n; ++i) {
            LedgerYear<T>& r = L.years[i];
            const int y = first_year_ + static_cast<int>(i);
            const int k = y - repay_start_;
            T interest(0), principal(0);
            if (k < 0) {
                interest = balance * tr.rate;  // on the opening balance, paid in cash
            } else if (k < static_cast<int>(n_sched)) {
                interest = (*planned)[static_cast<std::size_t>(k)].interest;
                principal = (*planned)[static_cast<std::size_t>(k)].principal;
            }
            balance += draws[i] - principal;
            if (is_equity) {
                r.public_equity += draws[i] - interest - principal;
            } else {
                r.interest += interest;
                r.principal += principal;
                r.draws += draws[i];
                r.debt_balance += balance;
                if (!fee_paid && draws[i] > T(0) && fees > T(0)) {
                    r.financing_fees += fees;
                    fee_paid = true;
                }
            }
        }
        if (!is_equity) L.debt_total += tr.amount;
    }

    // ---- levered taxes, free cash flow to equity, debt service cover ------------------------
    {
        TaxState<T> st;
        for (std::size_t i = 0; i < n; ++i) {
            LedgerYear<T>& r = L.years[i];
            TaxYear<T> t = tax_year<T>(st, r.ebitda + r.taxable_grants - r.depreciation - r.interest, tax_rate, nol_limit,
                                       monetized, r.credit_earned);
            r.tax = t.tax_before_credits;
            r.tax_credit = t.credits_used;
            r.fcfe = r.ebitda + r.grants - r.tax + r.tax_credit + r.credit_cash - r.capex + r.wc_change - r.interest -
                     r.principal + r.draws - r.financing_fees + r.public_equity;
            r.cfads = r.ebitda - r.tax + r.tax_credit + r.credit_cash + r.wc_change;
            r.debt_service = r.year >= repay_start_ ? r.interest + r.principal : T(0);
        }
    }

    // ---- cost of capital (finance-methods §1.1–1.3, §1.5; build_up.hpp) -------------------
    // D/V from book debt at close over nominal capex; k_d blended over every debt tranche; the
    // contracted share w from the revenue legs discounted at the unlevered cost of capital
    // r_u = r_f + β_u·ERP (the rate of the business before contracts and leverage). Without
    // supports there is no contract, so w = 0.
    BuildUpInputs<T> in;
    in.risk_free = rf;
    in.equity_risk_premium = from_input<T>(fin.equity_risk_premium);
    in.country_risk_premium = from_input<T>(fin.country_risk_premium);
    in.technology_premium = from_input<T>(plant.technology_premium);
    in.unlevered_beta = from_input<T>(plant.unlevered_beta);
    in.contract_beta = from_input<T>(fin.contract_beta);
    in.debt_beta = from_input<T>(fin.debt_beta);
    in.tax_rate = tax_rate;
    in.beta_method = fin.beta_method;
    if (sup) {
        const T r_u = rf + in.unlevered_beta * in.equity_risk_premium;
        discount_factors_into(plan_->project, first_year_, n, r_u, buf.df);
        in.contracted_share = contracted_share<T>(contract_leg, revenue_leg, buf.df);
    }
    const T debt = L.debt_total;
    in.debt_share = capex_total_ > T(0) ? debt / capex_total_ : T(0);
    if (in.debt_share > T(1)) in.debt_share = T(1);
    if (plant.cost_of_equity > 0) in.cost_of_equity_override = from_input<T>(plant.cost_of_equity);
    in.commercial_rate = kd_plain;
    in.synthetic = f.synthetic_cost_of_debt;
    in.rating = rating;
    in.guaranteed = guaranteed_share > T(0) && commercial > T(0);
    in.commercial_after_guarantee = kd_comm;
    in.public_loans = public_debt > T(0);
    in.all_debt_rate = debt > T(0) ? (commercial * kd_comm + public_cost) / debt : kd_comm;
    L.capital = build_up<T>(in);
    L.capital.rating_note = rating_note;
}

}  // namespace reeplan::finance
