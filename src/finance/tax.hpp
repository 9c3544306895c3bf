#pragma once
/// One year of US corporate income tax for a plant: net operating losses carried forward (or
/// monetized by an owner with tax capacity) and general business credits (§45X, §48C) applied
/// against the tax, with unused credits carried forward.
///
/// Money in the unit of the inputs (the engine uses million USD); tax is positive when paid,
/// negative when the owner receives it (monetized losses only). Nothing is rounded.

namespace reeplan::finance {

/// What carries from one tax year to the next. Both balances are ≥ 0.
template <class T>
struct TaxState {
    T nol{};           ///< net operating loss carried forward (IRC §172(b), indefinitely)
    T credit_carry{};  ///< general business credits not yet used (no expiry in the model)
};

/// The tax computation of one year.
template <class T>
struct TaxYear {
    T income_before_nol{};   ///< taxable income as given, before the NOL deduction
    T nol_used{};            ///< NOL deduction taken this year (≥ 0)
    T taxable_income{};      ///< income_before_nol − nol_used
    T tax_before_credits{};  ///< rate × taxable_income when positive; negative only if monetized
    T credits_used{};        ///< credits applied against tax this year (≥ 0)
    T tax_after_credits{};   ///< tax_before_credits − credits_used: the cash tax of the year
    T nol_added{};           ///< loss of this year added to the carryforward (≥ 0)
};

/// One year of corporate tax; updates `state` for the next year.
///
/// Carryforward (`monetized` false), IRC §172 as amended by the Tax Cuts and Jobs Act (P.L.
/// 115-97 §13302; finance-methods §3.2): a loss is added to the NOL balance, carried forward
/// without expiry and never back; in a profitable year the deduction is
/// min(NOL, nol_limit × taxable income before the NOL), nol_limit = 0.80 by statute.
/// Oracle: NOL 100, income 60, 80 %, 21 % → deduction 48, taxable 12, tax 2.52, NOL left 52.
///
/// Monetized (`monetized` true): the owner absorbs the plant's losses in its own return, so a
/// loss gives negative tax (a payment to the plant) of rate × loss and adds nothing to the NOL.
/// An NOL balance already in `state` is still deducted under the limit. Credits are treated as
/// in carryforward mode (only against positive tax); credits sold or paid out directly
/// (§6417/§6418) are the caller's, not this function's.
///
/// Credits (general business credit, IRC §38/§39): credits_earned plus the carried balance are
/// applied against positive tax, up to the tax; the rest carries forward. The model ignores the
/// §38(c) limitation (25 % of net income tax above $25 000) and the 20-year expiry of §39, and
/// does not order credits by vintage. credits_earned ≥ 0; 0 ≤ nol_limit ≤ 1.
/// R, the number type of the rate, the NOL limit and the credits earned, is T unless given: a
/// plain double beside an income that carries its derivative (T = Affine, finance/affine.hpp).
template <class T, class R = T>
TaxYear<T> tax_year(TaxState<T>& state, const T& taxable_income, const R& rate, const R& nol_limit,
                    bool monetized, const R& credits_earned) {
    TaxYear<T> y;
    y.income_before_nol = taxable_income;
    if (taxable_income > T(0)) {
        const T cap = nol_limit * taxable_income;
        y.nol_used = state.nol < cap ? state.nol : cap;
        state.nol -= y.nol_used;
    } else if (!monetized && taxable_income < T(0)) {
        y.nol_added = -taxable_income;
        state.nol += y.nol_added;
    }
    y.taxable_income = taxable_income - y.nol_used;
    if (monetized || y.taxable_income > T(0)) y.tax_before_credits = rate * y.taxable_income;

    const T available = state.credit_carry + credits_earned;
    if (y.tax_before_credits > T(0)) {
        y.credits_used = available < y.tax_before_credits ? available : y.tax_before_credits;
    }
    state.credit_carry = available - y.credits_used;
    y.tax_after_credits = y.tax_before_credits - y.credits_used;
    return y;
}

}  // namespace reeplan::finance
