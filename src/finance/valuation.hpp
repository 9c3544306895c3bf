#pragma once
/// Valuation of one plant from its ledger: NPV, equity NPV, IRR, equity IRR, MIRR, LCOP with and
/// without supports, DSCR and payback (input format §2.8, output contract `metrics`).
///
/// Root finding (IRR, LCOP) brackets in `double` and then polishes the root in the number type of
/// the valuation, so the `Decimal` plan and the `double` engine agree. A metric that does not
/// exist is std::nullopt with a sentence in `notes`.

#include "finance/ledger.hpp"
#include "finance/solvers.hpp"

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace reeplan::finance {

/// Whether a year's debt service is service to cover: at least one US dollar (1e-6 million).
/// A smaller amount is the rounding residue of a loan already repaid (in `double`, an annuity
/// leaves about 1e-13 behind), and dividing CFADS by it would give a meaningless DSCR of 1e13.
template <class T> bool has_debt_service(const T& debt_service) {
    return debt_service > T(1) / T(1000000);
}

template <class T> struct Valuation {
    Ledger<T> ledger;
    T npv{0};
    T equity_npv{0};
    std::optional<T> irr, equity_irr, mirr, lcop, lcop_unsupported, min_dscr, avg_dscr;
    std::optional<int> min_dscr_year, payback_year;
    std::map<std::string, std::string> notes;
};

/// Σ flows × discount factors.
template <class T> T discounted_sum(const std::vector<T>& flows, const std::vector<T>& df) {
    T s(0);
    for (std::size_t i = 0; i < flows.size(); ++i) s += flows[i] * df[i];
    return s;
}

/// Project NPV (FCFF at the plant's after-tax WACC) of one ledger run.
template <class T> T project_npv(const PlantLedger<T>& pl, const Ledger<T>& L) {
    return present_value_of<T>(pl.project(), pl.first_year(), L.years.size(),
                               [&L](std::size_t i) -> const T& { return L.years[i].fcff; }, L.capital.wacc);
}

namespace detail {

template <class T> std::optional<T> irr_of(const std::vector<T>& flows, std::string& note) {
    std::vector<double> d;
    d.reserve(flows.size());
    for (const auto& v : flows) d.push_back(model::as_double(v));
    IrrResult r = irr(d);
    if (auto root = r.unique()) return polish_irr<T>(flows, *root);
    note = r.reason;
    return std::nullopt;
}

/// The constant real price of the output at which project NPV is zero (input format §2.8),
/// bracketed and solved in double, then refined by secant steps in T.
template <class T>
std::optional<T> solve_lcop(const PlantLedger<T>& pl, const PlantLedger<double>& pd, bool with_supports,
                            std::string& note) {
    Ledger<double> ledger_d;
    LedgerBuffers<double> buffers_d;
    auto npv_d = [&](double p) {
        LedgerOptions<double> o;
        o.with_supports = with_supports;
        o.output_price_real = p;
        pd.run(o, ledger_d, buffers_d);
        return project_npv(pd, ledger_d);
    };
    double lo = 0.0, hi = 100.0;
    double f_lo = npv_d(lo), f_hi = npv_d(hi);
    if (std::abs(f_hi - f_lo) < 1e-9 * (1.0 + std::abs(f_lo))) {
        note = "the output's price does not change NPV (no merchant sales)";
        return std::nullopt;
    }
    int guard = 0;
    while (f_lo > 0 && guard++ < 40) {  // supports alone pay for the plant: look below zero
        hi = lo;
        f_hi = f_lo;
        lo = lo < 0.0 ? lo * 2 : -100.0;
        f_lo = npv_d(lo);
    }
    guard = 0;
    while (f_hi < 0 && guard++ < 40) {
        lo = hi;
        f_lo = f_hi;
        hi *= 2;
        f_hi = npv_d(hi);
    }
    if (f_lo > 0 || f_hi < 0) {
        note = "no price of the output between -1e14 and 1e14 USD/kg makes NPV zero";
        return std::nullopt;
    }
    std::optional<double> root = brent([&](double p) { return npv_d(p); }, lo, hi, 1e-10, 200);
    if (!root) {
        note = "the price that makes NPV zero could not be found (NPV is not continuous in price)";
        return std::nullopt;
    }
    if constexpr (std::is_same_v<T, double>) {
        return *root;
    } else {
        Ledger<T> ledger_t;
        LedgerBuffers<T> buffers_t;
        auto npv_t = [&](const T& p) {
            LedgerOptions<T> o;
            o.with_supports = with_supports;
            o.output_price_real = p;
            pl.run(o, ledger_t, buffers_t);
            return project_npv(pl, ledger_t);
        };
        T x0 = model::decimal_from_input(*root);
        T x1 = x0 + model::decimal_from_input(1e-6);
        T f0 = npv_t(x0), f1 = npv_t(x1);
        const T start = x0;
        for (int k = 0; k < 3 && f1 != f0; ++k) {
            T x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
            x0 = x1;
            f0 = f1;
            x1 = x2;
            f1 = npv_t(x1);
        }
        // Polishing only refines the bracketed root. A step further than the bracket's tolerance
        // means NPV is not smooth there (a synthetic rating that changes with the price makes
        // NPV jump, and the root is the price of the jump): keep the bracketed root.
        const T moved = x1 - start;
        const T tol = model::decimal_from_input(1e-8) * (T(1) + (start < T(0) ? -start : start));
        if (moved > tol || -moved > tol) return start;
        return x1;
    }
}

}  // namespace detail

/// Values one plant. `pd` is the same plant in the double engine (the same object when T is
/// double), used to bracket roots quickly. Without `with_lcop` the two levelized costs are left
/// empty (each is a root search of several ledger runs), with no note.
template <class T>
Valuation<T> value_plant(const PlantLedger<T>& pl, const PlantLedger<double>& pd, bool with_lcop = true) {
    Valuation<T> v;
    v.ledger = pl.run(LedgerOptions<T>{});
    const Ledger<T>& L = v.ledger;
    std::vector<T> fcff, fcfe;
    fcff.reserve(L.years.size());
    fcfe.reserve(L.years.size());
    for (const auto& y : L.years) {
        fcff.push_back(y.fcff);
        fcfe.push_back(y.fcfe);
    }
    for (std::size_t k = 0; k < L.notes.size(); ++k) v.notes[k == 0 ? "debt" : "debt_" + std::to_string(k + 1)] = L.notes[k];
    v.npv = present_value(pl.project(), pl.first_year(), fcff, L.capital.wacc);
    v.equity_npv = present_value(pl.project(), pl.first_year(), fcfe, L.capital.cost_of_equity);

    std::string note;
    v.irr = detail::irr_of(fcff, note);
    if (!v.irr) v.notes["irr"] = note;
    v.equity_irr = detail::irr_of(fcfe, note);
    if (!v.equity_irr) v.notes["equity_irr"] = note;
    // MIRR (Excel definition): negative flows financed and positive flows reinvested at the WACC
    Outcome<T> m = mirr<T>(fcff, L.capital.wacc, L.capital.wacc);
    v.mirr = m.value;
    if (!m) v.notes["mirr"] = m.reason;

    if (with_lcop) {
        v.lcop = detail::solve_lcop(pl, pd, true, note);
        if (!v.lcop) v.notes["lcop_usd_per_kg"] = note;
        v.lcop_unsupported = detail::solve_lcop(pl, pd, false, note);
        if (!v.lcop_unsupported) v.notes["lcop_unsupported_usd_per_kg"] = note;
    }

    // DSCR = CFADS / (interest + principal) in years with scheduled debt service
    T sum(0);
    int count = 0;
    for (const auto& y : L.years) {
        if (!has_debt_service(y.debt_service)) continue;
        T d = y.cfads / y.debt_service;
        sum += d;
        ++count;
        if (!v.min_dscr || d < *v.min_dscr) {
            v.min_dscr = d;
            v.min_dscr_year = y.year;
        }
    }
    if (count > 0) {
        v.avg_dscr = sum / T(count);
    } else {
        v.notes["min_dscr"] = "the plant carries no debt, so there is no debt service to cover";
        v.notes["min_dscr_year"] = v.notes["min_dscr"];
    }

    // payback: the first year in which cumulative FCFF, undiscounted, is no longer negative
    T cum(0);
    bool was_negative = false;
    for (const auto& y : L.years) {
        cum += y.fcff;
        if (cum < T(0)) was_negative = true;
        if (was_negative && !(cum < T(0))) {
            v.payback_year = y.year;
            break;
        }
    }
    if (!v.payback_year) v.notes["payback_year"] = "cumulative free cash flow never turns positive over the plant's life";
    return v;
}

}  // namespace reeplan::finance
