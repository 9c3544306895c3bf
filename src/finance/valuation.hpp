#pragma once
/// Valuation of one plant from its ledger: NPV, equity NPV, IRR, equity IRR, MIRR, LCOP with and
/// without supports, DSCR and payback (input format §2.8, output contract `metrics`).
///
/// Root finding (IRR, LCOP) brackets in `double` and then polishes the root in the number type of
/// the valuation, so the `Decimal` plan and the `double` engine agree. A metric that does not
/// exist is std::nullopt with a sentence in `notes`.

#include "finance/ledger.hpp"
#include "finance/solvers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
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

/// Bounds of the reference LCOP search (lcop_root_from_scratch): it widens [0, 100] USD/kg
/// downwards at most to −100 × 2^39 and upwards at most to 100 × 2^40.
inline constexpr double kLcopLowest = -100.0 * 549755813888.0;    // 2^39
inline constexpr double kLcopHighest = 100.0 * 1099511627776.0;  // 2^40

/// Project NPV (million nominal USD) of one plant in the double engine as a function of the
/// constant real price of its output (USD/kg), for the LCOP searches. Each new price runs the
/// ledger as far as project NPV needs (LedgerOptions::npv_only), or after use_models() is
/// answered from an NPV model, into `ledger` and `buffers`, which the caller keeps between
/// searches so that no search allocates a ledger of its own. The last four prices asked for are
/// remembered: asking for one of them again (Brent evaluates the ends of the bracket it is
/// handed) returns the value already computed, the value asking anew would give, to the bit.
class LcopNpv {
public:
    LcopNpv(const PlantLedger<double>& plant, bool with_supports, Ledger<double>& ledger,
            LedgerBuffers<double>& buffers)
        : plant_(&plant), ledger_(&ledger), buffers_(&buffers), with_supports_(with_supports) {}

    double operator()(double price) {
        if (const double* known = recalled(price)) return *known;
        return remember(price, models_ ? modelled(price) : run(price));
    }

    /// From now on, a price on the piece of an NPV model this search built (at most the last
    /// three: LedgerBuffers::npv_models), and within 1 + 0.001 × |p0| USD/kg of the model's price
    /// p0, is answered from the model (PlantLedger::model_npv), and any other price by a run that
    /// builds its model (PlantLedger::npv_model; the run's NPV, to the bit). The reach keeps the
    /// rounding of the lines' extrapolation, which grows with the distance from p0, far below the
    /// searches' tolerance: NPV is a run's up to rounding, and a search that stays near one price
    /// runs the ledger once, where the cost of capital moves with the price too.
    void use_models() { models_ = true; }

    /// NPV at `price` by a run, never from a model (remembered as operator() remembers): for
    /// prices asked once, whose model would not be used again.
    double by_run(double price) {
        if (const double* known = recalled(price)) return *known;
        return remember(price, run(price));
    }

    /// Ledger runs so far.
    int runs() const { return runs_; }
    /// NPVs answered from a model so far.
    int modelled_count() const { return modelled_; }
    const PlantLedger<double>& plant() const { return *plant_; }
    bool with_supports() const { return with_supports_; }
    /// NPV at `price` with its derivative and the piece of prices on which it is affine
    /// (PlantLedger::npv_line): one ledger run, counted in runs(), not remembered.
    NpvLine line(double price) {
        ++runs_;
        return plant_->npv_line(with_supports_, price, *ledger_, *buffers_);
    }

private:
    /// NPV at `price` when it is one of the last prices asked for (to the bit), else null.
    const double* recalled(double price) const {
        const auto bits = std::bit_cast<std::uint64_t>(price);
        for (int k = 0; k < stored_; ++k)
            if (std::bit_cast<std::uint64_t>(price_[k]) == bits) return &npv_[k];
        return nullptr;
    }
    double remember(double price, double v) {
        price_[next_] = price;
        npv_[next_] = v;
        next_ = (next_ + 1) % kRemembered;
        if (stored_ < kRemembered) ++stored_;
        return v;
    }
    double run(double price) {
        LedgerOptions<double> o;
        o.with_supports = with_supports_;
        o.output_price_real = price;
        o.npv_only = true;
        plant_->run(o, *ledger_, *buffers_);
        ++runs_;
        return project_npv(*plant_, *ledger_);
    }
    double modelled(double price) {
        for (int k = 0; k < models_built_; ++k) {
            const NpvModel& m = buffers_->npv_models[static_cast<std::size_t>(k)];
            if (m.lo <= price && price <= m.hi && std::abs(price - m.price) <= 1.0 + 1e-3 * std::abs(m.price)) {
                ++modelled_;
                return plant_->model_npv(m, price, *ledger_, *buffers_);
            }
        }
        constexpr int kModels = static_cast<int>(std::tuple_size_v<decltype(buffers_->npv_models)>);
        NpvModel& m = buffers_->npv_models[static_cast<std::size_t>(next_model_)];
        next_model_ = (next_model_ + 1) % kModels;
        if (models_built_ < kModels) ++models_built_;
        plant_->npv_model(with_supports_, price, m, *ledger_, *buffers_);
        ++runs_;
        return m.npv;
    }

    static constexpr int kRemembered = 4;
    const PlantLedger<double>* plant_;
    Ledger<double>* ledger_;
    LedgerBuffers<double>* buffers_;
    bool with_supports_;
    double price_[kRemembered] = {}, npv_[kRemembered] = {};
    int stored_ = 0, next_ = 0;
    int runs_ = 0;
    bool models_ = false;
    int models_built_ = 0, next_model_ = 0, modelled_ = 0;
};

/// The reference LCOP search in double, from nothing but NPV as a function of the price
/// (`npv`: USD/kg → MUSD; input format §2.8): NPV at 0 and 100 USD/kg; if they are equal to 1e-9
/// relative the price does not matter. The bracket is widened downwards (−100, then doubling, at
/// most 40 times) while NPV at its lower end is positive, and upwards (doubling, at most 40 times)
/// while NPV at its upper end is negative; then Brent's method to 1e-10 USD/kg in at most 200
/// steps. Empty, with a sentence in `note`, when the price does not matter, when no price in
/// reach makes NPV zero, or when Brent fails (NPV not finite, or not continuous in price).
template <class F> std::optional<double> lcop_root_from_scratch(F&& npv, std::string& note) {
    double lo = 0.0, hi = 100.0;
    double f_lo = npv(lo), f_hi = npv(hi);
    if (std::abs(f_hi - f_lo) < 1e-9 * (1.0 + std::abs(f_lo))) {
        note = "the output's price does not change NPV (no merchant sales)";
        return std::nullopt;
    }
    int guard = 0;
    while (f_lo > 0 && guard++ < 40) {  // supports alone pay for the plant: look below zero
        hi = lo;
        f_hi = f_lo;
        lo = lo < 0.0 ? lo * 2 : -100.0;
        f_lo = npv(lo);
    }
    guard = 0;
    while (f_hi < 0 && guard++ < 40) {
        lo = hi;
        f_lo = f_hi;
        hi *= 2;
        f_hi = npv(hi);
    }
    if (f_lo > 0 || f_hi < 0) {
        note = "no price of the output between -1e14 and 1e14 USD/kg makes NPV zero";
        return std::nullopt;
    }
    std::optional<double> root = brent(npv, lo, hi, 1e-10, 200);
    if (!root) {
        note = "the price that makes NPV zero could not be found (NPV is not continuous in price)";
        return std::nullopt;
    }
    return root;
}

/// Where a warm-started LCOP search (lcop_root_near) begins: the LCOP of a plan like the one
/// being solved, and the slope of that plan's NPV in price there.
struct LcopStart {
    double price = 0;  ///< USD/kg, real
    double slope = 0;  ///< MUSD per USD/kg; 0 when unknown
    /// The plant is under a price floor, whose top-up can make NPV flat below the floor, or
    /// falling there (the contracted share of revenue falls as the price rises, and the WACC
    /// climbs), and rising above it. The search then first asks NPV at 0 and 100 USD/kg, as the
    /// reference search does, finds the price does not matter exactly when it does, and keeps
    /// to the side of those prices where it looks for the root.
    bool probe_reference_ends = false;
};

/// A start at `root` (an LCOP of `npv`), with NPV's slope there by a central difference over
/// ±1e-3 × (1 + |root|) USD/kg (Press et al., *Numerical Recipes*, 2nd ed., §5.7; two ledger
/// runs); the slope is left 0 unless it is positive.
template <class F> LcopStart lcop_start_at(F&& npv, double root, bool probe_reference_ends) {
    LcopStart s;
    s.price = root;
    s.probe_reference_ends = probe_reference_ends;
    const double h = 1e-3 * (1.0 + std::abs(root));
    const double slope = (npv(root + h) - npv(root - h)) / (2.0 * h);
    if (std::isfinite(slope) && slope > 0) s.slope = slope;
    return s;
}

/// NPV at one of the reference search's first two prices, which a search asks once: npv(price),
/// and for LcopNpv a run (LcopNpv::by_run), not a model to be used again.
template <class F> double reference_end(F& npv, double price) { return npv(price); }
inline double reference_end(LcopNpv& npv, double price) { return npv.by_run(price); }

/// The LCOP in double searched outwards from a nearby plan's (`start`), for repeated solves of
/// plans that differ in their numbers (Monte Carlo paths, goal seek). NPV rises with the price
/// wherever the output has merchant sales, so the search steps up from a negative NPV and down
/// from a positive one: first the Newton step with start.slope (Press et al., *Numerical
/// Recipes*, 2nd ed., §9.4; without a slope, 5 % of 1 + |price|), then secant steps through the
/// last two points (ibid., §9.2), each at least Brent's minimum step (R. P. Brent, 1973, ch. 4)
/// 2ε|price| + 0.5e-10 and at most 16 times the step before, until NPV changes sign; then
/// Brent's method to 1e-10 USD/kg on that bracket, as lcop_root_from_scratch. A root already
/// met to within the tolerance is so bracketed at the next step.
///
/// It gives lcop_root_from_scratch's answer: the same root to within the two searches'
/// tolerance when NPV changes sign once, and the reference search itself (its root or its note)
/// wherever the local search could disagree with it: NPV not finite, flat at the first step
/// (changing by less than 1e-6 × (1 + |NPV|) over 100 USD/kg), a bracket beyond the reference's
/// reach, no sign change in 100 steps, Brent failing, or (start.probe_reference_ends) NPV at 0
/// and 100 USD/kg flat to the reference's 1e-9, or a bracket on the other side of 0 or 100 than
/// the one the reference searches.
template <class F> std::optional<double> lcop_root_near(F&& npv, const LcopStart& start, std::string& note) {
    auto reference = [&] { return lcop_root_from_scratch(npv, note); };
    // where the reference looks for the root: anywhere in reach, or, once it knows NPV at 0 and
    // 100, below 0 (NPV positive at 0), in [0, 100], or above 100 (NPV negative at 100)
    double lowest = kLcopLowest, highest = kLcopHighest;
    double x = start.price;
    if (start.probe_reference_ends) {
        const double f0 = reference_end(npv, 0.0), f100 = reference_end(npv, 100.0);
        if (!std::isfinite(f0) || !std::isfinite(f100) || std::abs(f100 - f0) < 1e-9 * (1.0 + std::abs(f0)))
            return reference();
        if (f0 > 0) {
            highest = 0.0;
        } else if (f100 < 0) {
            lowest = 100.0;
        } else {
            lowest = 0.0;
            highest = 100.0;
        }
        x = std::clamp(x, lowest, highest);  // NPV at a bound is known already
    }
    if (!(x >= kLcopLowest && x <= kLcopHighest)) return reference();
    double fx = npv(x);
    if (!std::isfinite(fx)) return reference();
    auto uphill = [](double f) { return f < 0 ? 1.0 : -1.0; };  // towards the root
    auto min_step = [](double at) { return 2.0 * std::numeric_limits<double>::epsilon() * std::abs(at) + 0.5e-10; };
    double step = start.slope > 0 ? -fx / start.slope : uphill(fx) * 0.05 * (1.0 + std::abs(x));
    if (!(std::abs(step) >= min_step(x))) step = uphill(fx) * min_step(x);
    for (int k = 0; k < 100; ++k) {
        const double y = x + step;
        if (!(y >= kLcopLowest && y <= kLcopHighest)) return reference();
        const double fy = npv(y);
        if (!std::isfinite(fy)) return reference();
        if (k == 0 && 100.0 * std::abs(fy - fx) < 1e-6 * (1.0 + std::abs(fx)) * std::abs(y - x)) return reference();
        const bool up = x < y;
        const double f_lo = up ? fx : fy, f_hi = up ? fy : fx;
        if (!(f_lo > 0) && !(f_hi < 0)) {  // the reference's bracket condition
            const double a = std::max(up ? x : y, lowest), b = std::min(up ? y : x, highest);
            if (!(a < b)) return reference();  // a crossing on the side the reference does not search
            const std::optional<double> root = brent(npv, a, b, 1e-10, 200);
            if (!root) return reference();
            return root;
        }
        // one sign at both: the secant through them, in the direction NPV rises
        const double slope = (fy - fx) / (y - x);
        double next = 2.0 * step;
        if (slope > 0 && std::isfinite(slope)) next = -fy / slope;
        next = uphill(fy) * std::clamp(std::abs(next), min_step(y), 16.0 * std::abs(step));
        x = y;
        fx = fy;
        step = next;
    }
    return reference();
}

/// The LCOP of a plant whose cost of capital does not depend on the output's price
/// (PlantLedger::capital_independent_of_price). NPV is then continuous and piecewise affine in
/// the price, its pieces ending where a branch of the operations or the tax changes
/// (PlantLedger::npv_line, finance/affine.hpp). Newton's method from `start` (Press et al.,
/// *Numerical Recipes*, 2nd ed., §9.4) on each price's piece gives the root of that piece's line,
/// which is NPV's root when it lies on the piece: exact up to rounding, with no bracket to
/// narrow. One ledger run per piece (LcopNpv::line). Empty, for the bracketed
/// searches to decide, when NPV does not rise on a piece, or rises by less than
/// lcop_root_near's flatness test (1e-6 × (1 + |NPV|) over 100 USD/kg), when a root leaves the
/// reference search's reach, or when 8 pieces go by without one holding its root.
inline std::optional<double> lcop_on_pieces(LcopNpv& npv, double start) {
    double x = start;
    for (int k = 0; k < 8; ++k) {
        const NpvLine line = npv.line(x);
        if (!std::isfinite(line.npv) || !std::isfinite(line.slope) ||
            !(100.0 * line.slope >= 1e-6 * (1.0 + std::abs(line.npv))))
            return std::nullopt;
        const double root = x - line.npv / line.slope;
        if (!(root >= kLcopLowest && root <= kLcopHighest)) return std::nullopt;
        if (root >= line.lo && root <= line.hi) return root;
        x = root;
    }
    return std::nullopt;
}

/// The LCOP for repeated solves of plans like the one `start` comes from: lcop_on_pieces where
/// the plant's cost of capital does not depend on the price, else, or when that finds nothing,
/// lcop_root_near (where the cost of capital moves with the price, on NPV models:
/// LcopNpv::use_models). The same root as lcop_root_from_scratch, to within its tolerance, when
/// NPV changes sign once.
inline std::optional<double> lcop_near(LcopNpv& npv, const LcopStart& start, std::string& note) {
    if (npv.plant().capital_independent_of_price(npv.with_supports())) {
        if (std::optional<double> root = lcop_on_pieces(npv, start.price)) return root;
    } else {
        npv.use_models();
    }
    return lcop_root_near(npv, start, note);
}

/// The constant real price of the output at which project NPV is zero (input format §2.8),
/// bracketed and solved in double (lcop_root_from_scratch), then refined by secant steps in T.
template <class T>
std::optional<T> solve_lcop(const PlantLedger<T>& pl, const PlantLedger<double>& pd, bool with_supports,
                            std::string& note) {
    Ledger<double> ledger_d;
    LedgerBuffers<double> buffers_d;
    LcopNpv npv_d(pd, with_supports, ledger_d, buffers_d);
    std::optional<double> root = lcop_root_from_scratch(npv_d, note);
    if (!root) return std::nullopt;
    if constexpr (std::is_same_v<T, double>) {
        return *root;
    } else {
        Ledger<T> ledger_t;
        LedgerBuffers<T> buffers_t;
        auto npv_t = [&](const T& p) {
            LedgerOptions<T> o;
            o.with_supports = with_supports;
            o.output_price_real = p;
            o.npv_only = true;
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
