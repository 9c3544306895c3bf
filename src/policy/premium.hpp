#pragma once
/// Discount-rate premia for policy risk (finance-methods §2.3): the certainty-equivalent premium
/// solved from base cash flows, and the practitioner reduced forms λL and (1 + r)/(1 − pL) − 1 − r.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::policy {

/// A premium on the discount rate (plain fraction per year), or the sentence that says why none
/// exists.
struct PremiumSolution {
    std::optional<double> premium;
    std::string reason;  ///< empty when `premium` is present
};

/// The largest premium searched on either side of zero, per finance-methods §2.3 ("bracketing
/// plus Brent on [0, 0.5]"); a negative premium (risks that raise expected value) is searched on
/// [−0.5, 0] as long as every discount rate stays above −50 %.
inline constexpr double kMaxPremium = 0.5;

/// The certainty-equivalent premium π: the root of npv_at_premium(π) = target nearest zero.
/// `npv_at_premium(π)` is the NPV of the base (riskless) cash flows with π added to the
/// discount rate(s); `target` is E[NPV] over the risk outcomes; `lowest_rate` is the smallest
/// base discount rate, which bounds a negative premium. The sign change is bracketed on a grid
/// from zero outward (0.25 %, 0.5 %, 1 %, 2 %, 3 %, 5 %, 7.5 %, 10 %, 15 %, 20 %, 30 %, 40 %,
/// 50 %), then Brent (finance::brent, tolerance 1e-12). target equal to the base NPV gives
/// exactly 0. No root in the range is std::nullopt with a reason (NPV can be non-monotone in the
/// rate, and a target below every NPV the base flows reach has no premium).
PremiumSolution solve_certainty_equivalent(const std::function<double(double)>& npv_at_premium, double target,
                                           double lowest_rate);

/// NPV of `flows` at rate r with the first flow at t = 0 (the worked example of
/// finance-methods §2.3: I at t = 0, then one flow a year).
double npv0(const std::vector<double>& flows, double rate);

/// The certainty-equivalent premium of pure cash flows at t = 0, 1, … (finance-methods §2.3):
/// π with npv0(flows, rate + π) = expected_npv. Oracle: −1000 then 180 for 15 years at 9 %:
/// base 450.9239; E[NPV] 219.1494 → 3.1044 %; 346.7910 → 1.2891 %.
PremiumSolution certainty_equivalent_premium(const std::vector<double>& flows, double rate, double expected_npv);

/// Poisson hazard of a reversal with probability p at elections every `every_years`:
/// λ = −ln(1 − p)/every_years (finance-methods §2.3; p = 30 %, 4 years → 0.089169 per year).
/// p ≥ 1 gives +infinity.
double election_hazard(double p, double every_years);

/// Poisson hazard of an event with annual probability q: λ = −ln(1 − q).
double annual_hazard(double q);

/// The discrete annual form of the hazard premium (finance-methods §2.3, after Duffie &
/// Singleton 1999): with p = 1 − e^−λ the annual event probability and L the loss share,
/// π = (1 + r)/(1 − pL) − 1 − r. Oracle: λ 0.089169, L 40 %, r 9 % → 3.8509 %.
double discrete_premium(double lambda, double loss_share, double rate);

/// A number in fixed notation with `digits` decimals (for notes; the core has no fmt).
std::string fixed(double x, int digits);

}  // namespace reeplan::policy
