#pragma once
/// Ramp-up curves: utilization of nameplate capacity against time since operation started,
/// and its exact integral over any interval (input format §2.4: production in a year is
/// capacity × the integral of utilization over the year).
///
/// Shapes (man/reeplan-model.7, "Ramp-up"):
/// - linear: u(τ) = u0 + (1 − u0)·τ/Y for 0 ≤ τ < Y, then 1.
/// - s-curve: the logistic u(t) = 1/(1 + e^{−k(t − t0)}) used for plant ramp-ups
///   (finance-methods §4.1; McNulty 1998 ramp-up curves are of this shape), centred on the middle
///   of the ramp (t0 = Y/2) with k = 2·ln(99)/Y so the raw logistic runs from 1 % to 99 % over the
///   ramp, then rescaled so that u(0) = u0 and u(Y) = 1 exactly.
/// - table: u = table[i] during operating year i (i = 0, 1, …), then 1; held at table[0] for
///   Ramp::hold_years first (a delayed table: every later entry starts that much later).
/// All are templates over the number type; utilization is a plain fraction.

#include "model/decimal.hpp"
#include "model/plan.hpp"

#include <cmath>
#include <cstddef>

namespace reeplan::timeline {

namespace detail {

/// log(1 + e^z) without overflow for large z.
template <class T> T softplus(const T& z) {
    using std::exp;
    using std::log;
    if (z > T(30)) return z + log(T(1) + exp(-z));
    return log(T(1) + exp(z));
}

template <class T> T logistic(const T& z) {
    using std::exp;
    return T(1) / (T(1) + exp(-z));
}

/// Steepness of the s-curve in units of the whole ramp: 2·ln(99).
template <class T> T s_curve_k() {
    using std::log;
    return T(2) * log(T(99));
}

template <class T> T clamp_to(const T& x, const T& lo, const T& hi) { return x < lo ? lo : (x > hi ? hi : x); }

}  // namespace detail

/// Time from the start of operation to full utilization, years.
template <class T> T ramp_length(const model::Ramp& r) {
    if (r.shape == model::RampShape::Table)
        return T(static_cast<int>(r.table.size())) + model::from_input<T>(r.hold_years);
    return model::from_input<T>(r.years);
}

/// The level a table ramp holds before its table begins: its first entry (1 for an empty table).
template <class T> T table_hold_level(const model::Ramp& r) {
    return r.table.empty() ? T(1) : model::from_input<T>(r.table.front());
}

/// Utilization at τ years after operation starts (τ < 0 gives 0).
template <class T> T utilization(const model::Ramp& r, const T& tau) {
    if (tau < T(0)) return T(0);
    if (r.shape == model::RampShape::Table) {
        const T hold = model::from_input<T>(r.hold_years);
        if (tau < hold) return table_hold_level<T>(r);
        const T t = tau - hold;
        for (std::size_t i = 0; i < r.table.size(); ++i)
            if (t < T(static_cast<int>(i + 1))) return model::from_input<T>(r.table[i]);
        return T(1);
    }
    const T Y = model::from_input<T>(r.years);
    const T u0 = model::from_input<T>(r.start);
    if (!(tau < Y)) return T(1);
    const T x = tau / Y;
    if (r.shape == model::RampShape::Linear) return u0 + (T(1) - u0) * x;
    const T k = detail::s_curve_k<T>();
    const T half = T(1) / T(2);
    const T s0 = detail::logistic<T>(-k * half);
    const T s1 = detail::logistic<T>(k * half);
    return u0 + (T(1) - u0) * (detail::logistic<T>(k * (x - half)) - s0) / (s1 - s0);
}

/// ∫_a^b utilization(τ) dτ for times a ≤ b in years since operation starts (exact).
template <class T> T utilization_integral(const model::Ramp& r, T a, T b) {
    const T zero(0);
    if (a < zero) a = zero;
    if (!(b > a)) return zero;
    if (r.shape == model::RampShape::Table) {
        T total(0);
        // held at the first entry over [0, hold), then the table from hold on
        const T hold = model::from_input<T>(r.hold_years);
        if (hold > zero) {
            const T h = b < hold ? b : hold;
            if (h > a) total += table_hold_level<T>(r) * (h - a);
        }
        const T ta = a > hold ? a - hold : zero, tb = b - hold;
        if (!(tb > ta)) return total;
        for (std::size_t i = 0; i < r.table.size(); ++i) {
            const T lo(static_cast<int>(i)), hi(static_cast<int>(i + 1));
            const T l = ta > lo ? ta : lo, h = tb < hi ? tb : hi;
            if (h > l) total += model::from_input<T>(r.table[i]) * (h - l);
        }
        const T n(static_cast<int>(r.table.size()));
        const T l = ta > n ? ta : n;
        if (tb > l) total += tb - l;
        return total;
    }
    const T Y = model::from_input<T>(r.years);
    const T u0 = model::from_input<T>(r.start);
    T total(0);
    // the flat part at full utilization
    const T flat_from = a > Y ? a : Y;
    if (b > flat_from) total += b - flat_from;
    // the ramp part
    const T ra = a, rb = b < Y ? b : Y;
    if (rb > ra) {
        const T xa = ra / Y, xb = rb / Y;
        if (r.shape == model::RampShape::Linear) {
            // ∫ u0 + (1-u0)·τ/Y dτ
            total += u0 * (rb - ra) + (T(1) - u0) * (xb * xb - xa * xa) * Y / T(2);
        } else {
            const T k = detail::s_curve_k<T>();
            const T half = T(1) / T(2);
            const T s0 = detail::logistic<T>(-k * half);
            const T s1 = detail::logistic<T>(k * half);
            // ∫ σ(k(x − ½)) dx = softplus(k(x − ½)) / k, with dτ = Y dx
            const T sig_int = Y * (detail::softplus<T>(k * (xb - half)) - detail::softplus<T>(k * (xa - half))) / k;
            total += u0 * (rb - ra) + (T(1) - u0) * (sig_int - s0 * (rb - ra)) / (s1 - s0);
        }
    }
    return total;
}

}  // namespace reeplan::timeline
