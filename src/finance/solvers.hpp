#pragma once
/// Discounting and rate solvers: NPV, IRR (every root), MIRR, XNPV/XIRR, annuity factor,
/// capital recovery factor, Fisher relation.
///
/// Conventions (shared/reference/finance-methods.md §3.5–3.6):
///  - rates are plain fractions per year (0.08 = 8 %) and must exceed −1;
///  - `npv` follows Excel NPV (first flow one period from now), `npv0` puts the first flow at
///    t = 0 (the IRR convention);
///  - solvers bracket a sign change first and then refine with Brent (1973); a rate that does
///    not exist is std::nullopt and a one-sentence reason, never an exception or NaN.
///
/// The templates run in `double` and in `model::Decimal`; constants enter the number type as
/// integers or through `model::from_input`, never from a binary fraction.

#include "finance/outcome.hpp"
#include "model/decimal.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace reeplan::finance {

namespace detail {

/// Exact zero test that compiles without -Wfloat-equal for both number types.
template <class T>
bool is_zero(const T& x) {
    return !(x < T(0)) && !(x > T(0));
}

/// x^n for a whole n ≥ 0 by repeated squaring (Decimal `pow` is slow and goes through logs).
template <class T>
T ipow(const T& x, int n) {
    T result(1);
    T base = x;
    while (n > 0) {
        if (n & 1) result *= base;
        n >>= 1;
        if (n > 0) base *= base;
    }
    return result;
}

/// Σ c(k, i) v^i over i < n for k < K polynomials side by side, by the second-order Horner rule
/// (D. E. Knuth, *The Art of Computer Programming*, vol. 2, 3rd ed., 1997, §4.6.4): the even and
/// the odd terms as two polynomials in w = v², each by Horner's rule, then E(w) + v·O(w). Two
/// chains of n/2 dependent steps instead of one of n. Each value errs by at most
/// γ_(2n+4) Σ |c(k, i)| v^i (Higham's analysis of Horner's rule, applied to each half in the
/// rounded w and to the final sum; N. J. Higham, *Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., 2002, §5.1), γ_m = m·u / (1 − m·u).
template <std::size_t K, class C> std::array<double, K> second_order_horner(double v, std::size_t n, C&& c) {
    const double w = v * v;
    std::array<double, K> even{}, odd{};
    std::size_t i = n;
    if (n % 2 == 1) {  // the highest term is even
        --i;
        for (std::size_t k = 0; k < K; ++k) even[k] = c(k, i);
    }
    while (i >= 2) {
        for (std::size_t k = 0; k < K; ++k) {
            odd[k] = odd[k] * w + c(k, i - 1);
            even[k] = even[k] * w + c(k, i - 2);
        }
        i -= 2;
    }
    std::array<double, K> out;
    for (std::size_t k = 0; k < K; ++k) out[k] = even[k] + v * odd[k];
    return out;
}

}  // namespace detail

/// Root of `f` on [a, b] by Brent's method (R. P. Brent, *Algorithms for Minimization without
/// Derivatives*, 1973, ch. 4; the `zbrent` arrangement of Press et al., *Numerical Recipes*,
/// 2nd ed., §9.3). `tol` is the absolute tolerance on x.
/// Returns std::nullopt when f(a) and f(b) do not have opposite signs (an endpoint where f is
/// exactly zero is returned as the root), when f is not finite at a point it visits, or when
/// `max_iter` steps do not reach `tol`.
///
/// brent_from is the same search with f(a) and f(b) already known (`fa`, `fb`): the same
/// steps and the same root, to the bit, as brent(f, a, b, …) when they are f's values there.
template <class F>
std::optional<double> brent_from(F&& f, double a, double fa, double b, double fb, double tol = 1e-12,
                                 int max_iter = 200) {
    using std::abs;
    constexpr double eps = std::numeric_limits<double>::epsilon();
    if (!std::isfinite(fa) || !std::isfinite(fb)) return std::nullopt;
    if (std::fpclassify(fa) == FP_ZERO) return a;
    if (std::fpclassify(fb) == FP_ZERO) return b;
    if ((fa > 0) == (fb > 0)) return std::nullopt;

    double c = b, fc = fb;
    double d = b - a, e = d;
    bool c_is_a = false;  // c and a hold the same point (NR tests a == c)
    for (int iter = 0; iter < max_iter; ++iter) {
        if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
            c = a;  // the root lies between b and a: restart the contrapoint
            fc = fa;
            d = e = b - a;
            c_is_a = true;
        }
        if (abs(fc) < abs(fb)) {  // keep b the best estimate
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
            c_is_a = true;
        }
        const double tol1 = 2.0 * eps * abs(b) + 0.5 * tol;
        const double xm = 0.5 * (c - b);
        if (abs(xm) <= tol1 || std::fpclassify(fb) == FP_ZERO) return b;
        if (abs(e) >= tol1 && abs(fa) > abs(fb)) {
            const double s = fb / fa;
            double p, q;
            if (c_is_a) {  // secant step
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {  // inverse quadratic interpolation
                const double qq = fa / fc;
                const double r = fb / fc;
                p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0) q = -q;
            p = abs(p);
            const double min1 = 3.0 * xm * q - abs(tol1 * q);
            const double min2 = abs(e * q);
            if (2.0 * p < (min1 < min2 ? min1 : min2)) {
                e = d;  // accept interpolation
                d = p / q;
            } else {
                d = xm;  // fall back to bisection
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        c_is_a = false;
        b += (abs(d) > tol1) ? d : (xm > 0 ? tol1 : -tol1);
        fb = f(b);
        if (!std::isfinite(fb)) return std::nullopt;
    }
    return std::nullopt;
}

/// brent_from(f, a, f(a), b, f(b), tol, max_iter).
template <class F>
std::optional<double> brent(F&& f, double a, double b, double tol = 1e-12, int max_iter = 200) {
    const double fa = f(a);
    const double fb = f(b);
    return brent_from(f, a, fa, b, fb, tol, max_iter);
}

/// Net present value with the first flow at t = 0 of the flows flow(0), …, flow(count − 1):
/// Σ flow(t)·(1+rate)^−t by Horner's scheme, last flow first, without storing the flows.
/// `rate` > −1.
template <class T, class Flow> T npv0_of(const T& rate, std::size_t count, Flow&& flow) {
    const T v = T(1) / (T(1) + rate);
    T acc(0);
    for (std::size_t t = count; t-- > 0;) acc = acc * v + flow(t);
    return acc;
}

/// Net present value with the first flow at t = 0: Σ cf[t]·(1+rate)^−t, a polynomial in
/// v = 1/(1+rate): by Horner's scheme in Decimal, by the second-order Horner rule in double
/// (detail::second_order_horner; the IRR searches evaluate it most). `rate` > −1.
template <class T>
T npv0(const T& rate, const std::vector<T>& cf) {
    if constexpr (std::is_same_v<T, double>) {
        return detail::second_order_horner<1>(1.0 / (1.0 + rate), cf.size(),
                                              [&cf](std::size_t, std::size_t i) { return cf[i]; })[0];
    } else {
        return npv0_of(rate, cf.size(), [&cf](std::size_t t) -> const T& { return cf[t]; });
    }
}

/// Net present value with the first flow at the end of the first year, Σ cf[t]·(1+rate)^−(t+1):
/// the convention of Excel NPV (support.microsoft.com, "NPV function"). `rate` > −1.
template <class T>
T npv(const T& rate, const std::vector<T>& cf) {
    return npv0(rate, cf) / (T(1) + rate);
}

/// How many rates make the NPV zero.
enum class IrrStatus { One, None, Several };

/// Every internal rate of return found between −99 % and +1000 %, ascending.
struct IrrResult {
    IrrStatus status = IrrStatus::None;
    std::vector<double> roots;  ///< ascending, each refined to 1e-12
    std::string reason;         ///< one sentence: "two rates make NPV zero: 10% and 20%"

    /// The IRR when exactly one rate makes the NPV zero; otherwise std::nullopt.
    std::optional<double> unique() const {
        if (status == IrrStatus::One) return roots.front();
        return std::nullopt;
    }
};

/// All internal rates of return of `cf` (cf[0] at t = 0; the same roots as Excel IRR's
/// convention). NPV is scanned on a grid uniform in ln(1+r) from r = −0.99 to r = 10, with a
/// step of 0.002 in ln(1+r) for |ln(1+r)| ≤ 0.4 (about 0.2 % in the rate), 0.01 up to 1.5 and
/// 0.05 beyond; every sign change is refined with `brent` to 1e-12. Two roots closer together
/// than one grid step, or a root where the NPV only touches zero between grid points, can be
/// missed (finance-methods §3.6: at most as many positive roots as sign changes, Descartes).
/// Status `None` with "cash flows never change sign" when the nonzero flows have one sign.
IrrResult irr(const std::vector<double>& cf);

/// The rate when exactly one rate between −99 % and +1000 % makes the NPV zero, without the
/// reason and the list of roots (allocates nothing): each zero and each sign change of irr's
/// scan counts as a root before it is refined, so a second one (or two changes of sign along a
/// few of the grid's NPVs) ends the search; only a unique root's sign change is refined, as irr
/// refines it. irr(cf).unique() to the bit whenever `brent` refines every sign change.
std::optional<double> unique_irr(const std::vector<double>& cf);

/// irr by the search as specified above, the NPV computed at every rate of the grid. `irr`
/// skips the rates where the sign of the computed NPV is certain beforehand and returns the same
/// result to the bit; this is the reference it is tested against.
IrrResult irr_scanning_every_rate(const std::vector<double>& cf);

/// Newton steps in T from a `double` root of npv0(·, cf) (from `irr`), so that the Decimal
/// engine reports the rate to its own precision. Returns `root` converted to T when the
/// derivative vanishes or a step would not reduce |NPV|.
template <class T>
T polish_irr(const std::vector<T>& cf, double root) {
    using std::abs;
    T r = model::from_input<T>(root);
    // f(r) = Σ cf_t v^t, f'(r) = −Σ t·cf_t v^(t+1), v = 1/(1+r); both by Horner in v (in
    // double by the second-order rule, as npv0)
    auto eval = [&cf](const T& rate, T& f, T& df) {
        const T v = T(1) / (T(1) + rate);
        if constexpr (std::is_same_v<T, double>) {
            const std::array<double, 2> s = detail::second_order_horner<2>(v, cf.size(), [&cf](std::size_t k, std::size_t i) {
                return k == 0 ? cf[i] : static_cast<double>(i) * cf[i];
            });
            f = s[0];
            df = -s[1] * v;
        } else {
            f = T(0);
            df = T(0);
            for (std::size_t i = cf.size(); i-- > 0;) {
                df = df * v + T(static_cast<long long>(i)) * cf[i];
                f = f * v + cf[i];
            }
            df = -df * v;
        }
    };
    T f, df;
    eval(r, f, df);
    for (int step = 0; step < 8; ++step) {
        if (detail::is_zero(f) || detail::is_zero(df)) break;
        const T next = r - f / df;
        if (!(next > T(-1))) break;
        T fn, dfn;
        eval(next, fn, dfn);
        if (!(abs(fn) < abs(f))) break;
        r = next;
        f = fn;
        df = dfn;
    }
    return r;
}

/// Modified internal rate of return, Excel definition (support.microsoft.com, "MIRR function";
/// finance-methods §3.6): with n flows, cf[0] at t = 0,
///     MIRR = (FV at t = n−1 of the positive flows at `reinvest_rate`
///             / −PV at t = 0 of the negative flows at `finance_rate`)^(1/(n−1)) − 1.
/// std::nullopt and a reason when there are fewer than two flows, no negative or no positive
/// flow, or a rate ≤ −1.
template <class T>
Outcome<T> mirr(const std::vector<T>& cf, const T& finance_rate, const T& reinvest_rate) {
    using std::exp;
    using std::log;
    if (cf.size() < 2) return failure<T>("MIRR needs at least two cash flows");
    if (!(finance_rate > T(-1)) || !(reinvest_rate > T(-1)))
        return failure<T>("MIRR needs finance and reinvestment rates above -100%");
    const T vf = T(1) / (T(1) + finance_rate);
    const T gr = T(1) + reinvest_rate;
    T pv_neg(0), fv_pos(0);
    T df(1);
    for (const T& x : cf) {  // PV of negatives by discounting forward
        if (x < T(0)) pv_neg += x * df;
        df *= vf;
    }
    for (const T& x : cf) {  // FV of positives at t = n−1 by Horner
        fv_pos *= gr;
        if (x > T(0)) fv_pos += x;
    }
    if (!(pv_neg < T(0))) return failure<T>("cash flows have no negative value, so MIRR does not exist");
    if (!(fv_pos > T(0))) return failure<T>("cash flows have no positive value, so MIRR does not exist");
    const T periods(static_cast<long long>(cf.size() - 1));
    return success<T>(exp(log(fv_pos / -pv_neg) / periods) - T(1));
}

/// Net present value of flows at dated points, Excel XNPV (learn.microsoft.com,
/// WorksheetFunction.Xnpv; finance-methods §3.6): Σ values[i]·(1+rate)^−((d_i − d_0)/365),
/// actual days over 365 from the FIRST date, no leap-year adjustment. `day_numbers` are whole
/// day counts on any epoch (Excel serial numbers work); only the first
/// min(values, day_numbers) entries are used. `rate` > −1.
template <class T>
T xnpv(const T& rate, const std::vector<T>& values, const std::vector<int>& day_numbers) {
    using std::exp;
    using std::log;
    const std::size_t n = values.size() < day_numbers.size() ? values.size() : day_numbers.size();
    if (n == 0) return T(0);
    const T log_growth = log(T(1) + rate);
    const T year(365);
    T sum(0);
    for (std::size_t i = 0; i < n; ++i) {
        const T years = T(day_numbers[i] - day_numbers[0]) / year;
        sum += values[i] * exp(-years * log_growth);
    }
    return sum;
}

/// Every rate that makes `xnpv` zero, by the same scan-and-Brent search as `irr` (Excel XIRR
/// returns one root found by iteration from a guess and can miss the others).
IrrResult xirr(const std::vector<double>& values, const std::vector<int>& day_numbers);

/// Present value of 1 per year for n years, end-year: Σ_{t=1..n} (1+r)^−t = (1 − (1+r)^−n)/r
/// (Brealey–Myers–Allen, *Principles of Corporate Finance*, ch. 2). Equals n at r = 0; for
/// |r| < 1e-6 the sum is taken term by term to avoid cancellation. n < 1 gives 0; r > −1.
template <class T>
T annuity_factor(const T& r, int n) {
    using std::abs;
    if (n < 1) return T(0);
    const T v = T(1) / (T(1) + r);
    if (abs(r) < T(1) / T(1000000)) {
        T sum(0), df(1);
        for (int t = 1; t <= n; ++t) {
            df *= v;
            sum += df;
        }
        return sum;
    }
    return (T(1) - detail::ipow(v, n)) / r;
}

/// Capital recovery factor, the level end-year payment that repays 1 over n years at r:
/// CRF = r(1+r)^n / ((1+r)^n − 1) = 1 / annuity_factor (NREL, "Simple Levelized Cost of Energy
/// Calculation"; finance-methods §3.5: CRF(8 %, 20) = 0.101852). Equals 1/n at r = 0; for
/// |r| < 1e-6 it is taken as 1/annuity_factor. n < 1 gives 0 (there is no such payment).
template <class T>
T crf(const T& r, int n) {
    using std::abs;
    if (n < 1) return T(0);
    if (abs(r) < T(1) / T(1000000)) return T(1) / annuity_factor(r, n);
    const T g = detail::ipow(T(1) + r, n);
    return r * g / (g - T(1));
}

/// Real rate from a nominal rate and inflation by the Fisher relation (1+i) = (1+r)(1+π)
/// (I. Fisher, *The Theory of Interest*, 1930; finance-methods §3.5: 8 %, 2.5 % → 5.3659 %).
template <class T>
T fisher_real(const T& nominal, const T& inflation) {
    return (T(1) + nominal) / (T(1) + inflation) - T(1);
}

}  // namespace reeplan::finance
