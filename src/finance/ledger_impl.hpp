#pragma once
// Implementation of finance/ledger.hpp (templates), part 2: one run of the ledger
// (PlantLedger::run). Rules and sources: man/reeplan-model.7.

#include "finance/ledger_prepare.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace reeplan::finance {

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
template <class U, class Year>
void PlantLedger<T>::operations_pass(const Operations& ops, bool sup, const U* price_real, U* pv_contracted,
                                     U* pv_revenue, Year&& year) const {
    using model::from_input;
    using detail::value_of;
    const std::size_t n = infl_.size();
    const model::Finance& fin = plan_->finance;
    const T tax_rate = from_input<T>(fin.tax_rate);
    const T nol_limit = from_input<T>(fin.nol_limit);
    const bool monetized = fin.losses == model::Losses::Monetized;
    const T wc_share = from_input<T>(plant_->working_capital_days) / T(365);
    const std::size_t n_floors = floors_.size();
    U wc_prev(0);
    TaxState<U> unlevered;
    for (std::size_t i = 0; i < n; ++i) {
        const T Q = production_[i];
        const U p_out = price_real ? *price_real * price_index_[i] : U(ops.market_out[i]);
        // offtake volumes and revenue, and the price floors' terms, were prepared by reset
        const T contracted = sup ? contracted_[i] : T(0);
        const T contract_revenue = sup ? contract_revenue_[i] : T(0);
        const T merchant = Q - contracted;
        PriceLines<U> x;
        x.revenue = detail::musd(merchant * p_out) + contract_revenue;
        U contract_leg(0);
        if (sup) {
            for (std::size_t k = 0; k < n_floors; ++k) {
                const FloorYear& fy = floor_years_[i * n_floors + k];
                if (!fy.active) continue;
                // realized = max(market, floor) on `share` of merchant volume; `upside_share` of
                // any excess over the floor is paid back (MP–DoD price protection, [S1])
                const U protected_part = detail::musd(fy.covered * detail::pos(fy.floor_price - p_out));
                const U topup = detail::pos(fy.floor_price - p_out) - fy.upside_share * detail::pos(p_out - fy.floor_price);
                x.price_support += detail::musd(fy.covered * topup);
                contract_leg += protected_part;
            }
        }
        contract_leg += contract_revenue;
        x.ebitda = x.revenue + x.price_support - operating_cost_[i] - ops.input_cost[i];
        if (sup && pv_contracted) {
            *pv_contracted += contract_leg * unlevered_df_[i];
            *pv_revenue += (x.revenue + x.price_support) * unlevered_df_[i];
        }
        const T grants = sup ? grants_[i] : T(0);
        const T taxable_grants = sup ? taxable_grants_[i] : T(0);
        const T credit_earned = sup ? credit_earned_[i] : T(0);  // used below against tax, or carried forward
        const T credit_cash = sup ? credit_cash_[i] : T(0);
        // working capital: days of revenue, built with revenue, released in the last year
        const U wc = (i + 1 == n) ? U(0) : wc_share * x.revenue;
        x.wc_change = wc_prev - wc;
        wc_prev = wc;
        x.tax = tax_year<U, T>(unlevered, x.ebitda + taxable_grants - ops.depreciation[i], tax_rate, nol_limit, monetized,
                               credit_earned);
        x.fcff = x.ebitda + grants - x.tax.tax_before_credits + x.tax.credits_used + credit_cash - capex_[i] + x.wc_change;
        year(i, x);
    }
}

template <class T>
void PlantLedger<T>::run(const LedgerOptions<T>& opt, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    using model::from_input;
    using model::SupportKind;
    const std::size_t n = infl_.size();
    const bool sup = opt.with_supports;
    const model::Plant& plant = *plant_;

    L.first_year = first_year_;
    L.years.resize(n);
    // (a run for NPV writes FCFF and the unlevered tax; the other fields keep whatever they held.
    // A whole run writes every field of every year: the operations pass and the levered taxes
    // assign theirs, and the debt schedules add into the six cleared here.)
    if (!opt.npv_only)
        for (auto& r : L.years) r.interest = r.principal = r.draws = r.financing_fees = r.public_equity = r.debt_balance = T(0);
    L.capex_total = capex_total_;
    L.notes.clear();

    // ---- operations, unlevered taxes and free cash flow to the firm, year by year ------------
    // (operations_pass; each year's lines are stored once, so that no store to a row can make
    // the compiler read a line back)
    const Operations& ops = sup ? with_ : operations_without();
    // the contracted share of the cost of capital: the contracted revenue leg (offtake at
    // contract prices, price-floor top-ups) and the whole one (revenue plus price support, net),
    // in present value at the unlevered cost of capital (contracted_share_of)
    T pv_contracted(0), pv_revenue(0);
    // the lenders' view over the commercial tenor from repay_start_: CFADS before financing
    // (zero in years past the ledger) and the sum of EBIT, for sizing and pricing the debt below
    const model::Financing& f = plant.financing;
    const int tenor = static_cast<int>(f.tenor_years);
    std::vector<T>& cfads_unlev = buf.cfads_unlev;
    cfads_unlev.assign(tenor > 0 ? static_cast<std::size_t>(tenor) : 0, T(0));
    T ebit_tenor(0);
    const T* price_real = opt.output_price_real ? &*opt.output_price_real : nullptr;
    // (x: PriceLines<T>, or PriceLines<Affine> for a run carrying the derivative in price)
    const auto year = [&](std::size_t i, const auto& x) {
        using detail::value_of;
        const T credit_cash = sup ? credit_cash_[i] : T(0);
        const T depreciation = ops.depreciation[i];
        const T ebitda = value_of(x.ebitda), wc_change = value_of(x.wc_change);
        const T tax = value_of(x.tax.tax_before_credits), credits_used = value_of(x.tax.credits_used);
        const int y = first_year_ + static_cast<int>(i);
        if (y >= repay_start_ && y - repay_start_ < tenor) {
            cfads_unlev[static_cast<std::size_t>(y - repay_start_)] = ebitda - tax + credits_used + credit_cash + wc_change;
            ebit_tenor += ebitda - depreciation;
            if constexpr (std::is_same_v<std::decay_t<decltype(x.fcff)>, Affine>) {
                buf.cfads_slope[static_cast<std::size_t>(y - repay_start_)] =
                    x.ebitda.d - x.tax.tax_before_credits.d + x.tax.credits_used.d + x.wc_change.d;
                buf.ebit_tenor.d += x.ebitda.d;
            }
        }
        LedgerYear<T>& r = L.years[i];
        r.fcff = value_of(x.fcff);
        r.tax_unlevered = tax;
        if constexpr (std::is_same_v<std::decay_t<decltype(x.fcff)>, Affine>) buf.fcff_slope[i] = x.fcff.d;
        if (opt.npv_only) return;  // NPV reads FCFF alone
        r.year = y;
        r.capex = capex_[i];
        r.production = production_[i];
        r.operating_cost = operating_cost_[i];
        r.input_cost = ops.input_cost[i];
        r.depreciation = depreciation;
        r.revenue = value_of(x.revenue);
        r.price_support = value_of(x.price_support);
        r.ebitda = ebitda;
        r.grants = sup ? grants_[i] : T(0);
        r.taxable_grants = sup ? taxable_grants_[i] : T(0);
        r.credit_earned = sup ? credit_earned_[i] : T(0);
        r.credit_cash = credit_cash;
        r.wc_change = wc_change;
        r.tax_credit_unlevered = credits_used;
    };
    bool sloped = false;
    if constexpr (std::is_same_v<T, double>) {
        if (opt.price_slope && price_real) {
            // the same operations on the values, with the derivatives beside them and the
            // piece of prices their branches hold on recorded (finance/affine.hpp)
            buf.piece = AffinePiece{};
            buf.piece.at = *price_real;
            const AffineRecording recording(buf.piece);
            buf.fcff_slope.resize(n);
            buf.cfads_slope.assign(cfads_unlev.size(), 0.0);
            buf.ebit_tenor = Affine{};
            Affine pv_c(0), pv_r(0);
            const Affine price(*price_real, 1.0);
            operations_pass<Affine>(ops, sup, &price, &pv_c, &pv_r, year);
            pv_contracted = pv_c.v;
            pv_revenue = pv_r.v;
            buf.ebit_tenor.v = ebit_tenor;
            buf.pv_contracted = pv_c;
            buf.pv_revenue = pv_r;
            sloped = true;
        }
    }
    if (!sloped) operations_pass<T>(ops, sup, price_real, &pv_contracted, &pv_revenue, year);
    debt_and_capital(opt, ebit_tenor, pv_contracted, pv_revenue, L, buf);
}

template <class T>
void PlantLedger<T>::debt_and_capital(const LedgerOptions<T>& opt, const T& ebit_tenor, const T& pv_contracted,
                                      const T& pv_revenue, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    using model::from_input;
    using model::SupportKind;
    const std::size_t n = infl_.size();
    const bool sup = opt.with_supports;
    const model::Plant& plant = *plant_;
    const model::Finance& fin = plan_->finance;
    const T tax_rate = from_input<T>(fin.tax_rate);
    const T nol_limit = from_input<T>(fin.nol_limit);
    const bool monetized = fin.losses == model::Losses::Monetized;
    const T rf = from_input<T>(fin.risk_free);
    const model::Financing& f = plant.financing;
    const int tenor = static_cast<int>(f.tenor_years);
    const std::vector<T>& cfads_unlev = buf.cfads_unlev;
    L.debt_total = T(0);

    // ---- debt: sizing, tranches, schedules ---------------------------------------------------
    const T capex_real = from_input<T>(plant.capex_musd);
    const T nominal_per_real = capex_real > T(0) ? capex_total_ / capex_real : T(1);
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
        T ebit = ebit_tenor;
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
    if (opt.npv_only) {
        // the cost of capital needs the debt's size only: the tranches' amounts, added in the
        // order the schedules below add them
        for (const auto& tr : tranches)
            if (tr.tax_deductible) L.debt_total += tr.amount;
    } else {
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
    }

    // ---- levered taxes, free cash flow to equity, debt service cover ------------------------
    if (!opt.npv_only) {
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
        in.contracted_share = contracted_share_of<T>(pv_contracted, pv_revenue);
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
    build_up_into<T>(in, L.capital, !opt.npv_only);
    L.capital.rating_note = rating_note;
}

template <class T> bool PlantLedger<T>::capital_independent_of_price(bool with_supports) const {
    const model::Financing& f = plant_->financing;
    if (f.synthetic_cost_of_debt || f.debt_sizing == model::DebtSizing::Dscr) return false;
    return !with_supports || !price_linked_supports_;
}

template <class T>
void PlantLedger<T>::run_sloped(bool with_supports, double price_real, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    static_assert(std::is_same_v<T, double>, "NPV's derivative in price is taken in double");
    LedgerOptions<T> o;
    o.with_supports = with_supports;
    o.output_price_real = price_real;
    o.npv_only = true;
    o.price_slope = true;
    run(o, L, buf);
}

template <class T>
NpvLine PlantLedger<T>::npv_line(bool with_supports, double price_real, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    run_sloped(with_supports, price_real, L, buf);
    NpvLine line;
    line.price = price_real;
    line.npv = project_npv(*this, L);
    // the same present value of FCFF's slopes
    line.slope = present_value_of<T>(plan_->project, first_year_, L.years.size(),
                                     [&buf](std::size_t i) -> const T& { return buf.fcff_slope[i]; }, L.capital.wacc);
    line.lo = buf.piece.lo;
    line.hi = buf.piece.hi;
    return line;
}

template <class T>
void PlantLedger<T>::npv_model(bool with_supports, double price_real, NpvModel& model, Ledger<T>& L,
                               LedgerBuffers<T>& buf) const {
    run_sloped(with_supports, price_real, L, buf);
    model.price = price_real;
    model.npv = project_npv(*this, L);
    model.lo = buf.piece.lo;
    model.hi = buf.piece.hi;
    model.with_supports = with_supports;
    const std::size_t n = L.years.size();
    model.fcff.resize(n);
    for (std::size_t i = 0; i < n; ++i) model.fcff[i] = L.years[i].fcff;
    model.fcff_slope.assign(buf.fcff_slope.begin(), buf.fcff_slope.begin() + static_cast<std::ptrdiff_t>(n));
    model.cfads = buf.cfads_unlev;
    model.cfads_slope = buf.cfads_slope;
    model.ebit_tenor = buf.ebit_tenor;
    model.pv_contracted = buf.pv_contracted;
    model.pv_revenue = buf.pv_revenue;
}

template <class T>
double PlantLedger<T>::model_npv(const NpvModel& model, double price_real, Ledger<T>& L, LedgerBuffers<T>& buf) const {
    static_assert(std::is_same_v<T, double>, "NPV's model in price is taken in double");
    // every line at the price: value + derivative × (price − p0), exact on the piece up to rounding
    const double dp = price_real - model.price;
    auto at = [dp](double value, double slope) { return value + slope * dp; };
    const std::size_t n = model.fcff.size();
    L.years.resize(n);
    for (std::size_t i = 0; i < n; ++i) L.years[i].fcff = at(model.fcff[i], model.fcff_slope[i]);
    buf.cfads_unlev.resize(model.cfads.size());
    for (std::size_t t = 0; t < model.cfads.size(); ++t) buf.cfads_unlev[t] = at(model.cfads[t], model.cfads_slope[t]);
    LedgerOptions<T> o;
    o.with_supports = model.with_supports;
    o.npv_only = true;
    debt_and_capital(o, at(model.ebit_tenor.v, model.ebit_tenor.d), at(model.pv_contracted.v, model.pv_contracted.d),
                     at(model.pv_revenue.v, model.pv_revenue.d), L, buf);
    return project_npv(*this, L);
}

}  // namespace reeplan::finance
