#pragma once
/// Debt service schedules (annuity, level principal, sculpted to CFADS) and debt sizing by a
/// target debt service coverage ratio.
///
/// Timing: the principal D is fully drawn at the start of year 0 of the schedule (interest during
/// construction is the caller's); interest = rate × opening balance and service are paid at the
/// end of each year. `tenor` is the whole life of the loan in years, of which the first `grace`
/// years pay interest only and the remaining tenor − grace years amortise. The last year repays
/// the whole remaining balance, so the closing balance of the last year is exactly zero (the
/// difference from the formula payment is rounding, below 1e-9 of D in double). Money in the
/// unit of D; nothing is rounded.

#include "finance/outcome.hpp"
#include "finance/solvers.hpp"
#include "model/plan.hpp"

#include <string>
#include <vector>

namespace reeplan::finance {

/// One year of a loan.
template <class T>
struct DebtYear {
    T opening{};    ///< balance at the start of the year
    T interest{};   ///< rate × opening
    T principal{};  ///< repaid this year (negative if sculpting capitalises interest)
    T closing{};    ///< opening − principal

    T service() const { return interest + principal; }
};

template <class T>
using DebtSchedule = std::vector<DebtYear<T>>;

namespace detail {

template <class T>
std::string check_loan(const T& principal, const T& rate, int tenor, int grace) {
    if (principal < T(0)) return "the loan principal is negative";
    if (!(rate > T(-1))) return "the loan rate is -100% or less";
    if (tenor < 1) return "the loan tenor must be at least one year, not " + std::to_string(tenor);
    if (grace < 0 || grace >= tenor)
        return "the interest-only years (" + std::to_string(grace) +
               ") must be at least 0 and fewer than the tenor (" + std::to_string(tenor) + ")";
    return {};
}

/// Interest-only years, then amortising years whose principal is `repay(year, opening,
/// interest)`; the last year repays what is left.
template <class T, class Repay>
DebtSchedule<T> build_schedule(const T& principal, const T& rate, int tenor, int grace, Repay&& repay) {
    DebtSchedule<T> out(static_cast<std::size_t>(tenor));
    T balance = principal;
    for (int y = 0; y < tenor; ++y) {
        DebtYear<T>& row = out[static_cast<std::size_t>(y)];
        row.opening = balance;
        row.interest = rate * balance;
        if (y == tenor - 1)
            row.principal = balance;
        else if (y >= grace)
            row.principal = repay(y, balance, row.interest);
        row.closing = row.opening - row.principal;
        balance = row.closing;
    }
    return out;
}

}  // namespace detail

/// Level payment D·CRF(rate, tenor − grace) in each amortising year (mortgage-style annuity;
/// CRF as in solvers.hpp).
template <class T>
Outcome<DebtSchedule<T>> annuity_schedule(const T& principal, const T& rate, int tenor, int grace = 0) {
    if (auto why = detail::check_loan(principal, rate, tenor, grace); !why.empty())
        return failure<DebtSchedule<T>>(why);
    const T payment = principal * crf(rate, tenor - grace);
    return success(detail::build_schedule(principal, rate, tenor, grace,
                                          [&](int, const T&, const T& interest) { return payment - interest; }));
}

/// Equal principal D/(tenor − grace) in each amortising year, interest on the opening balance.
template <class T>
Outcome<DebtSchedule<T>> level_principal_schedule(const T& principal, const T& rate, int tenor, int grace = 0) {
    if (auto why = detail::check_loan(principal, rate, tenor, grace); !why.empty())
        return failure<DebtSchedule<T>>(why);
    const T slice = principal / T(tenor - grace);
    return success(
        detail::build_schedule(principal, rate, tenor, grace, [&](int, const T&, const T&) { return slice; }));
}

/// Debt service sculpted to cash flow available for debt service (Bodmer, edbodmer.com, "Debt
/// to Capital Constraint and Constant DSCR"; finance-methods §1.5 item 4): in amortising year t,
///     DS_t = CFADS_t⁺ · D / Σ_amortising CFADS_s⁺ (1+rate)^−(s − grace + 1),
/// CFADS⁺ = max(CFADS, 0), so that the present value of the service at the loan rate is D and
/// the balance reaches zero at the end of the tenor; a year with CFADS ≤ 0 gets no service (its
/// interest is capitalised). `cfads[y]` belongs to schedule year y (entries for grace years are
/// not used; missing entries count as zero). With D = dscr_sized_debt the service is CFADS/DSCR.
/// A failure when no amortising year has positive CFADS.
template <class T>
Outcome<DebtSchedule<T>> sculpted_schedule(const T& principal, const T& rate, const std::vector<T>& cfads,
                                           int tenor, int grace = 0) {
    if (auto why = detail::check_loan(principal, rate, tenor, grace); !why.empty())
        return failure<DebtSchedule<T>>(why);
    auto positive = [&cfads](int y) {
        const auto i = static_cast<std::size_t>(y);
        return (i < cfads.size() && cfads[i] > T(0)) ? cfads[i] : T(0);
    };
    const T v = T(1) / (T(1) + rate);
    T pv(0), df(1);
    for (int y = grace; y < tenor; ++y) {
        df *= v;
        pv += positive(y) * df;
    }
    if (!(pv > T(0)))
        return failure<DebtSchedule<T>>("no repayment year has positive cash flow available for debt service");
    const T per_unit = principal / pv;
    return success(detail::build_schedule(principal, rate, tenor, grace, [&](int y, const T&, const T& interest) {
        return positive(y) * per_unit - interest;
    }));
}

/// The schedule `repayment` names; `cfads` is used by Sculpted only.
template <class T>
Outcome<DebtSchedule<T>> debt_schedule(model::Repayment repayment, const T& principal, const T& rate, int tenor,
                                       int grace, const std::vector<T>& cfads) {
    switch (repayment) {
    case model::Repayment::Annuity: return annuity_schedule(principal, rate, tenor, grace);
    case model::Repayment::LevelPrincipal: return level_principal_schedule(principal, rate, tenor, grace);
    case model::Repayment::Sculpted: return sculpted_schedule(principal, rate, cfads, tenor, grace);
    }
    return failure<DebtSchedule<T>>("unknown repayment profile");
}

/// The largest debt a constant DSCR supports when service is sculpted (Bodmer, as above):
///     D_max = Σ_t CFADS_t⁺ / DSCR / (1+k)^(t+1),   cfads[0] one year after the debt is drawn,
/// with CFADS⁺ = max(CFADS, 0). Oracle (finance-methods §1.5): CFADS 30, 32, 34, 36, 38, 40×5,
/// DSCR 1.35, k 7 % → 189.0627. dscr_target > 0, k > −1.
template <class T>
T dscr_sized_debt(const std::vector<T>& cfads, const T& dscr_target, const T& k) {
    // npv(k, serviceable) of serviceable_t = CFADS_t⁺ / DSCR, without storing the amounts
    auto serviceable = [&](std::size_t t) { return cfads[t] > T(0) ? cfads[t] / dscr_target : T(0); };
    return npv0_of(k, cfads.size(), serviceable) / (T(1) + k);
}

/// The largest debt a constant DSCR supports with a level annuity over the years of `cfads`:
/// min_t CFADS_t / DSCR × annuity_factor(k, n), zero when some CFADS ≤ 0 (finance-methods §1.5:
/// 156.0796 on the example above).
template <class T>
T annuity_sized_debt(const std::vector<T>& cfads, const T& dscr_target, const T& k) {
    if (cfads.empty()) return T(0);
    T lowest = cfads.front();
    for (const T& c : cfads)
        if (c < lowest) lowest = c;
    if (!(lowest > T(0))) return T(0);
    return lowest / dscr_target * annuity_factor(k, static_cast<int>(cfads.size()));
}

/// Loan life coverage ratio PV_k(CFADS over the loan life) / debt outstanding, cfads[0] one year
/// ahead (Bodmer; Yescombe, *Principles of Project Finance*, 2nd ed., §12.5). std::nullopt when
/// the debt is not positive.
template <class T>
Outcome<T> llcr(const std::vector<T>& cfads, const T& k, const T& debt) {
    if (!(debt > T(0))) return failure<T>("LLCR needs outstanding debt");
    return success(npv(k, cfads) / debt);
}

}  // namespace reeplan::finance
