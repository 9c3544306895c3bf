#include "finance/solvers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace reeplan::finance {

namespace {

/// Rates at which NPV is evaluated to bracket roots: uniform in x = ln(1+r) piece by piece,
/// fine near r = 0 where project rates live, coarse towards −99 % and +1000 %.
const std::vector<double>& rate_grid() {
    static const std::vector<double> grid = [] {
        const double x_lo = std::log(0.01);  // r = −0.99
        const double x_hi = std::log(11.0);  // r = 10
        std::vector<double> xs;
        auto add_span = [&xs](double from, double to, double step) {
            const int n = static_cast<int>(std::ceil((to - from) / step - 1e-9));
            for (int i = 0; i < n; ++i) xs.push_back(from + (to - from) * i / n);
        };
        add_span(x_lo, -1.5, 0.05);
        add_span(-1.5, -0.4, 0.01);
        add_span(-0.4, 0.4, 0.002);
        add_span(0.4, 1.5, 0.01);
        add_span(1.5, x_hi, 0.05);
        xs.push_back(x_hi);
        std::vector<double> rates;
        rates.reserve(xs.size());
        for (double x : xs) rates.push_back(std::expm1(x));
        return rates;
    }();
    return grid;
}

/// The discount factor 1 / (1 + r) of each grid rate, computed as npv0 computes it.
const std::vector<double>& grid_discounts() {
    static const std::vector<double> v = [] {
        std::vector<double> out;
        for (double r : rate_grid()) out.push_back(1.0 / (1.0 + r));
        return out;
    }();
    return v;
}

/// Whether the discount factor 1 / (1 + r), computed as npv0 computes it, never increases along
/// the grid (the rates increase; checked once rather than assumed of the rounding).
bool grid_discounts_decrease() {
    static const bool ok = [] {
        const std::vector<double>& grid = rate_grid();
        const std::vector<double>& v = grid_discounts();
        for (std::size_t j = 1; j < grid.size(); ++j)
            if (!(grid[j] > grid[j - 1]) || v[j] > v[j - 1]) return false;
        return true;
    }();
    return ok;
}

/// "8.6631%": the rate in percent with at most four decimals, trailing zeros dropped.
std::string percent(double rate) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, rate * 100.0, std::chars_format::fixed, 4);
    std::string s(buf, res.ptr);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s + "%";
}

std::string count_word(std::size_t n) {
    static const char* const words[] = {"no", "one", "two", "three", "four", "five", "six"};
    if (n < sizeof words / sizeof words[0]) return words[n];
    return std::to_string(n);
}

/// Signs of the nonzero flows: how often they change, and the sign of the last (0: no nonzero
/// flow).
struct FlowSigns {
    int changes = 0;
    int last = 0;
};

FlowSigns flow_signs(const std::vector<double>& flows) {
    FlowSigns out;
    for (double x : flows) {
        const int s = x > 0 ? 1 : (x < 0 ? -1 : 0);
        if (s == 0) continue;
        if (out.last != 0 && s != out.last) ++out.changes;
        out.last = s;
    }
    return out;
}

/// What a grid scan reports to: a zero of f at a grid rate, and a sign change of f between
/// neighbouring rates a < b, with f(a) and f(b) or, where not `exact`, only their signs.
/// Refine refines each sign change with `brent` and hands every root to `found`, in grid order.
template <class F, class Found> struct Refine {
    F& f;
    Found& found;
    void zero(double r) { found(r); }
    void bracket(double a, double fa, bool a_exact, double b, double fb, bool b_exact) {
        const double xa = a_exact ? fa : f(a);
        const double xb = b_exact ? fb : f(b);
        if (auto root = brent_from(f, a, xa, b, xb, 1e-12, 200)) found(*root);
    }
    /// Whether the scan may stop (never: every root is wanted).
    bool enough() const { return false; }
    /// Refine wants the roots themselves, not how many there are at least.
    static constexpr bool counts_to_two = false;
    void at_least_two() {}
};

/// One step of the grid scan, at rate r with f(r) = fr: a zero is reported as such, and a sign
/// change from the last finite, nonzero value as a bracket. `exact`: fr is f(r) itself, not
/// only its sign, so that f need not be computed there again.
template <class Sink> struct GridScan {
    Sink& sink;
    bool have_prev = false;
    bool prev_exact = false;
    double prev_r = 0, prev_f = 0;

    void step(double r, double fr, bool exact = true) {
        if (!std::isfinite(fr)) return;
        if (std::fpclassify(fr) == FP_ZERO) {
            sink.zero(r);
            have_prev = false;  // the zero separates brackets; do not count it twice
            return;
        }
        if (have_prev && ((prev_f > 0) != (fr > 0))) sink.bracket(prev_r, prev_f, prev_exact, r, fr, exact);
        have_prev = true;
        prev_exact = exact;
        prev_r = r;
        prev_f = fr;
    }
};

/// The scan of the rate grid: f at every grid rate, each zero and sign change between
/// neighbours reported to `sink`, in grid order, until the sink has enough.
template <class F, class Sink> void scan_grid(F&& f, Sink& sink) {
    GridScan<Sink> scan{sink};
    for (double r : rate_grid()) {
        if (sink.enough()) return;
        scan.step(r, f(r));
    }
}

/// npv0(r_t, cf) for t < count into out[t], several rates side by side, given their discount
/// factors discounts[t] = 1 / (1 + r_t) as npv0 computes them (grid_discounts): each value goes
/// through the operations of npv0 (the second-order Horner rule, detail::second_order_horner),
/// in its order, so it is npv0's to the bit.
void npv0_many(const std::vector<double>& cf, const double* discounts, std::size_t count, double* out) {
    constexpr std::size_t width = 8;
    const std::size_t n = cf.size();
    for (std::size_t b = 0; b < count; b += width) {
        const std::size_t k = std::min(width, count - b);
        double v[width], w[width], even[width], odd[width];
        for (std::size_t t = 0; t < width; ++t) {
            v[t] = discounts[b + std::min(t, k - 1)];
            w[t] = v[t] * v[t];
            even[t] = odd[t] = 0.0;
        }
        std::size_t i = n;
        if (n % 2 == 1) {
            --i;
            for (std::size_t t = 0; t < width; ++t) even[t] = cf[i];
        }
        while (i >= 2) {
            const double c_odd = cf[i - 1], c_even = cf[i - 2];
            for (std::size_t t = 0; t < width; ++t) {
                odd[t] = odd[t] * w[t] + c_odd;
                even[t] = even[t] * w[t] + c_even;
            }
            i -= 2;
        }
        for (std::size_t t = 0; t < k; ++t) out[b + t] = even[t] + v[t] * odd[t];
    }
}

/// scan_grid for f = npv0(·, cf), evaluating f only at the grid rates where the sign of the
/// computed NPV is not certain beforehand: the same roots, found by the same `brent` calls,
/// without the hundreds of NPVs in between. False, having found nothing, when the shortcut does
/// not apply (the caller then scans the whole grid).
///
/// Why it gives the same roots. At a grid rate r, npv0 computes P(v) = Σ cf_i v^i by the
/// second-order Horner rule at v = fl(1 / fl(1 + r)); the computed value differs from the exact
/// P(v) by at most γ_(2n+4) Σ |cf_i| v^i (n flows, γ_k = k·u / (1 − k·u); Horner's bound, N. J.
/// Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., 2002, eq. 5.3, applied to
/// each half in v²: detail::second_order_horner). Split the flows into runs of one sign and let
/// G_j(v) = Σ_{i in run j} |cf_i| v^i, so P = Σ_j ±G_j and the bound is γ_(2n+4) Σ_j G_j. Every
/// power in a later run exceeds every power in an earlier one, so for any run d the ratio G_j / G_d
/// never decreases with v for j > d and never increases for j < d: on the grid rates whose v lie in
/// [v_lo, v_hi] each ratio lies between its values at v_lo and v_hi. That bounds P / G_d from below
/// by L (the least ratio of each run of P's sign less the largest of each other run) and from above
/// by U, and the error bound over G_d by γ_(2n+4)·S, S the sum of the largest ratios. When L > δ·S
/// or U < −δ·S (δ = 1e-9, far above γ_(2n+4) and the rounding of L, U, S), the exact
/// |P| exceeds the error bound all over the stretch, and every computed NPV there is finite,
/// nonzero and of that sign. Stretches of the grid are certified so, halving those that are not
/// down to 8 steps; the scan logic of scan_grid then runs over the whole grid, NPVs computed
/// (by npv0_many) where no sign is certified, so brackets, zeros and `brent` calls are those of
/// the full scan. Guards keep the bound valid: at most 120 flows in at most 8 runs, nonzero flows
/// of magnitude ≥ 1e-60 (no underflow), Σ |cf_i| v^i below 1e300 at the largest v (no overflow
/// anywhere on the grid), and v not increasing along the grid.
template <class Sink> bool scan_npv0_certified(const std::vector<double>& cf, Sink& sink) {
    constexpr std::size_t max_runs = 8, max_points = 160, max_grid = 1024;
    constexpr double delta = 1e-9;
    const std::vector<double>& grid = rate_grid();
    const std::vector<double>& gv = grid_discounts();
    const std::size_t n = cf.size(), m = grid.size();
    if (n > 120 || m < 2 || m > max_grid || !grid_discounts_decrease()) return false;

    struct Run {
        std::size_t begin = 0, end = 0;  ///< flows [begin, end), zeros included
        int sign = 0;
    };
    std::array<Run, max_runs> runs{};
    std::size_t n_runs = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = cf[i];
        if (std::isnan(x)) return false;
        if (!(x > 0) && !(x < 0)) continue;
        if (!(std::fabs(x) >= 1e-60)) return false;
        const int si = x > 0 ? 1 : -1;
        if (n_runs > 0 && runs[n_runs - 1].sign == si) {
            runs[n_runs - 1].end = i + 1;
        } else {
            if (n_runs == max_runs) return false;
            runs[n_runs++] = Run{i, i + 1, si};
        }
    }
    if (n_runs < 2) return false;

    std::array<double, 120> mag;  // |cf_i|
    for (std::size_t i = 0; i < n; ++i) mag[i] = std::fabs(cf[i]);

    // G_j at grid points js[0, count), each into a fresh slot of `sums` (null when none is left),
    // four points side by side
    std::array<double, max_points * max_runs> sums;
    std::size_t used = 0;
    auto sums_many = [&](const std::size_t* js, std::size_t count, const double** out) {
        constexpr std::size_t width = 4;
        for (std::size_t b = 0; b < count; b += width) {
            const std::size_t k = std::min(width, count - b);
            double v[width], h[width];
            double* g[width];
            for (std::size_t t = 0; t < width; ++t) v[t] = gv[js[b + std::min(t, k - 1)]];
            for (std::size_t t = 0; t < k; ++t) {
                g[t] = used < max_points ? &sums[used++ * max_runs] : nullptr;
                out[b + t] = g[t];
            }
            for (std::size_t q = 0; q < n_runs; ++q) {
                for (std::size_t t = 0; t < width; ++t) h[t] = 0;
                for (std::size_t i = runs[q].end; i-- > runs[q].begin;)
                    for (std::size_t t = 0; t < width; ++t) h[t] = h[t] * v[t] + mag[i];
                for (std::size_t t = 0; t < k; ++t)
                    if (g[t]) g[t][q] = h[t] * detail::ipow(v[t], static_cast<int>(runs[q].begin));
            }
        }
    };
    auto sums_at = [&](std::size_t j) {
        const double* g = nullptr;
        sums_many(&j, 1, &g);
        return g;
    };
    // The sign certified on grid points [ja, jb] from G_j at both ends (`at_hi` at ja, the larger
    // v), or 0. Relative to a pivot run d, P / G_d = Σ_j ±G_j / G_d, each ratio between its
    // values at the two ends.
    auto certify = [&](const double* at_hi, const double* at_lo) -> int {
        if (!at_hi || !at_lo) return 0;
        for (std::size_t d = 0; d < n_runs; ++d) {
            const double inv_hi = 1.0 / at_hi[d], inv_lo = 1.0 / at_lo[d];
            double lower = 0, upper = 0, total = 0;
            for (std::size_t k = 0; k < n_runs; ++k) {
                double least = 1, most = 1;
                if (k < d) {
                    least = at_hi[k] * inv_hi;
                    most = at_lo[k] * inv_lo;
                } else if (k > d) {
                    least = at_lo[k] * inv_lo;
                    most = at_hi[k] * inv_hi;
                }
                lower += runs[k].sign > 0 ? least : -most;
                upper += runs[k].sign > 0 ? most : -least;
                total += most;
            }
            if (lower > delta * total) return 1;
            if (upper < -delta * total) return -1;
        }
        return 0;
    };

    // Certify stretches of the grid, halving those that are not; uncertain stretches of at most
    // 8 steps are left to be evaluated. Depth first, left half first: the stretches come out in
    // grid order, each starting where the one before ended.
    // (no member initializers: the arrays below are not cleared, only filled as far as used)
    struct Stretch {
        std::size_t from, to;
        const double *at_from, *at_to;
    };
    struct Piece {
        std::size_t from, to;
        int sign;             ///< certified sign, 0: evaluate
        std::size_t values;   ///< sign 0: where its NPVs start in `values`
    };
    std::array<Stretch, 64> todo;
    std::size_t n_todo = 0;
    // Most flows change sign once and have one root (Descartes), and the computed NPV can
    // disagree with its exact sign only close to it. When the NPVs at the ends of the grid differ
    // in sign, a search on the computed NPVs, eight rates a round, finds neighbours j, j + 1 of
    // opposite sign; the stretches left and right of a few steps around them are then offered for
    // certification first, instead of halving the whole grid down to the root. This only chooses
    // where stretches split: what is certified is certified as above, and what is not (a stretch
    // holding further roots) is halved as before, so the pieces and the scan are the same.
    std::size_t split_lo = 0, split_hi = m - 1;
    {
        // (a zero NPV is neither sign: (x > 0) != (x < 0) holds only for a nonzero x)
        auto signed_finite = [](double x) { return std::isfinite(x) && (x > 0) != (x < 0); };
        std::array<double, 8> at, npv;  // discount factors of grid rates, their NPVs
        at[0] = gv[0];
        at[1] = gv[m - 1];
        npv0_many(cf, at.data(), 2, npv.data());
        const double f_first = npv[0], f_last = npv[1];
        // A sink that only counts to two learns from a few NPVs already: along rates in grid
        // order whose computed NPVs are all finite and nonzero, every change of sign means a
        // zero or a sign change of the scan between them, so two changes settle the count.
        auto settles = [&](std::size_t k) {
            if constexpr (!Sink::counts_to_two) {
                return false;
            } else {
                double prev = f_first;
                int changes = 0;
                for (std::size_t t = 0; t <= k; ++t) {
                    const double x = t < k ? npv[t] : f_last;
                    if (!signed_finite(x)) return false;
                    changes += (x > 0) != (prev > 0);
                    prev = x;
                }
                return changes >= 2;
            }
        };
        // one round of the search below on grid points (a, b): k ≤ 8 rates evenly inside, their
        // indices into idx and their NPVs into npv, side by side (npv0_many)
        auto round = [&](std::size_t a, std::size_t b, std::size_t& k, std::array<std::size_t, 8>& idx) {
            const std::size_t span = b - a;
            k = std::min<std::size_t>(8, span - 1);
            for (std::size_t t = 0; t < k; ++t) {
                // (a division by the constant 9 is a multiplication; by k + 1 it is a division)
                idx[t] = a + (k == 8 ? span * (t + 1) / 9 : span * (t + 1) / (k + 1));
                at[t] = gv[idx[t]];
            }
            npv0_many(cf, at.data(), k, npv.data());
        };
        if constexpr (Sink::counts_to_two) {
            // NPV has the same sign at both ends: its zeros come in pairs, if any; the first
            // round's rates of the search below may show a pair
            if (signed_finite(f_first) && signed_finite(f_last) && (f_first > 0) == (f_last > 0) && m > 2) {
                std::size_t k = 0;
                std::array<std::size_t, 8> idx;
                round(0, m - 1, k, idx);
                if (settles(k)) {
                    sink.at_least_two();
                    return true;
                }
            }
        }
        if (signed_finite(f_first) && signed_finite(f_last) && (f_first > 0) != (f_last > 0)) {
            // eight rates at a time (npv0_many evaluates them side by side)
            std::size_t a = 0, b = m - 1;
            bool ok = true;
            while (ok && b - a > 1) {
                std::size_t k = 0;
                std::array<std::size_t, 8> idx;
                round(a, b, k, idx);
                if (a == 0 && b == m - 1 && settles(k)) {  // the first round, over the whole grid
                    sink.at_least_two();
                    return true;
                }
                std::size_t next_a = a, next_b = b;
                for (std::size_t t = 0; t < k; ++t) {
                    if (!std::isfinite(npv[t])) {
                        ok = false;
                        break;
                    }
                    if (signed_finite(npv[t]) && (npv[t] > 0) == (f_first > 0)) {
                        next_a = idx[t];
                    } else {
                        next_b = idx[t];
                        break;
                    }
                }
                a = next_a;
                b = next_b;
            }
            if (ok) {
                // three steps either side: a stretch of at most 8 steps is evaluated, not halved
                split_lo = a >= 3 ? a - 3 : 0;
                split_hi = std::min(b + 3, m - 1);
            }
        }
    }
    // G_j at both ends of the grid and at the split points, side by side
    std::array<std::size_t, 4> ends{0, m - 1, split_lo, split_hi};
    std::array<const double*, 4> at_ends{};
    const bool split = split_lo > 0 || split_hi < m - 1;
    sums_many(ends.data(), split ? 4 : 2, at_ends.data());
    const double* first = at_ends[0];  // the largest v: every sum is largest there
    const double* last = at_ends[1];
    {
        double total = 0;
        for (std::size_t k = 0; k < n_runs; ++k) total += first[k];
        if (!(total < 1e300)) return false;
    }
    if (split) {
        // pushed right to left: the stack hands them out left first, in grid order
        const double* at_lo = at_ends[2];
        const double* at_hi = at_ends[3];
        if (split_hi < m - 1) todo[n_todo++] = Stretch{split_hi, m - 1, at_hi, last};
        todo[n_todo++] = Stretch{split_lo, split_hi, at_lo, at_hi};
        if (split_lo > 0) todo[n_todo++] = Stretch{0, split_lo, first, at_lo};
    } else {
        todo[n_todo++] = Stretch{0, m - 1, first, last};
    }
    std::array<Piece, max_grid> pieces;
    std::size_t n_pieces = 0;
    std::array<double, 2 * max_grid> discounts, values;
    std::size_t n_eval = 0;
    while (n_todo > 0) {
        const Stretch st = todo[--n_todo];
        if (const int sg = certify(st.at_from, st.at_to)) {
            pieces[n_pieces++] = Piece{st.from, st.to, sg, 0};
        } else if (st.to - st.from > 8) {
            const std::size_t mid = st.from + (st.to - st.from) / 2;
            const double* at_mid = sums_at(mid);
            todo[n_todo++] = Stretch{mid, st.to, at_mid, st.at_to};
            todo[n_todo++] = Stretch{st.from, mid, st.at_from, at_mid};
        } else {
            pieces[n_pieces++] = Piece{st.from, st.to, 0, n_eval};
            for (std::size_t j = st.from; j <= st.to; ++j) discounts[n_eval++] = gv[j];
        }
    }
    // the NPVs of the uncertain stretches, side by side
    npv0_many(cf, discounts.data(), n_eval, values.data());

    // the scan of scan_grid, a certified stretch standing for the NPVs not computed
    GridScan<Sink> scan{sink};
    std::size_t next = 0;  // the first grid point not yet scanned
    for (std::size_t k = 0; k < n_pieces && !sink.enough(); ++k) {
        const Piece& pc = pieces[k];
        if (next > pc.to) continue;
        if (pc.sign != 0) {
            // the rest of a certified stretch changes nothing but the last rate
            scan.step(grid[next], static_cast<double>(pc.sign), false);
            scan.prev_r = grid[pc.to];
        } else {
            for (std::size_t j = next; j <= pc.to; ++j) scan.step(grid[j], values[pc.values + (j - pc.from)]);
        }
        next = pc.to + 1;
    }
    return true;
}

/// The sink of unique_irr. Each zero and each sign change of the scan is a root (a sign change
/// holds one by the intermediate value theorem), so a second of them settles that the root is
/// not unique, before any is refined; the first is kept, to be refined as Refine refines it.
struct CountToTwo {
    std::size_t count = 0;
    bool zero_at = false;
    double a = 0, fa = 0, b = 0, fb = 0;
    bool a_exact = false, b_exact = false;
    void zero(double r) {
        if (count++ == 0) {
            zero_at = true;
            a = r;
        }
    }
    void bracket(double ra, double xa, bool ea, double rb, double xb, bool eb) {
        if (count++ == 0) {
            a = ra, fa = xa, a_exact = ea, b = rb, fb = xb, b_exact = eb;
        }
    }
    bool enough() const { return count >= 2; }
    static constexpr bool counts_to_two = true;
    void at_least_two() { count = 2; }
};

/// The result of a search: the reasons and the sorted roots.
IrrResult describe(std::vector<double> roots) {
    IrrResult out;
    out.roots = std::move(roots);
    std::sort(out.roots.begin(), out.roots.end());

    if (out.roots.empty()) {
        out.status = IrrStatus::None;
        out.reason = "no rate between -99% and 1000% makes NPV zero";
        return out;
    }
    out.status = out.roots.size() == 1 ? IrrStatus::One : IrrStatus::Several;
    std::string list;
    for (std::size_t i = 0; i < out.roots.size(); ++i) {
        if (i > 0) list += (i + 1 == out.roots.size()) ? " and " : ", ";
        list += percent(out.roots[i]);
    }
    out.reason = count_word(out.roots.size()) + (out.roots.size() == 1 ? " rate makes" : " rates make") +
                 " NPV zero: " + list;
    return out;
}

/// Why `flows` have no rate before any search, or empty.
const char* no_rate_reason(const std::vector<double>& flows, const FlowSigns& signs) {
    if (flows.empty()) return "there are no cash flows";
    if (signs.last == 0) return "cash flows are all zero, so every rate gives NPV zero";
    if (signs.changes == 0) return "cash flows never change sign";
    return nullptr;
}

}  // namespace

IrrResult irr(const std::vector<double>& cf) {
    const FlowSigns signs = flow_signs(cf);
    if (const char* why = no_rate_reason(cf, signs)) {
        IrrResult out;
        out.reason = why;
        return out;
    }
    auto f = [&cf](double r) { return npv0(r, cf); };
    std::vector<double> roots;
    auto found = [&roots](double r) { roots.push_back(r); };
    Refine<decltype(f), decltype(found)> sink{f, found};
    if (!scan_npv0_certified(cf, sink)) {
        roots.clear();
        scan_grid(f, sink);
    }
    return describe(std::move(roots));
}

IrrResult irr_scanning_every_rate(const std::vector<double>& cf) {
    const FlowSigns signs = flow_signs(cf);
    if (const char* why = no_rate_reason(cf, signs)) {
        IrrResult out;
        out.reason = why;
        return out;
    }
    std::vector<double> roots;
    auto f = [&cf](double r) { return npv0(r, cf); };
    auto found = [&roots](double r) { roots.push_back(r); };
    Refine<decltype(f), decltype(found)> sink{f, found};
    scan_grid(f, sink);
    return describe(std::move(roots));
}

std::optional<double> unique_irr(const std::vector<double>& cf) {
    const FlowSigns signs = flow_signs(cf);
    if (no_rate_reason(cf, signs)) return std::nullopt;
    auto f = [&cf](double r) { return npv0(r, cf); };
    CountToTwo sink;
    if (!scan_npv0_certified(cf, sink)) {
        sink = CountToTwo{};
        scan_grid(f, sink);
    }
    if (sink.count != 1) return std::nullopt;
    if (sink.zero_at) return sink.a;
    std::optional<double> root;
    auto found = [&root](double r) { root = r; };
    Refine<decltype(f), decltype(found)> refine{f, found};
    refine.bracket(sink.a, sink.fa, sink.a_exact, sink.b, sink.fb, sink.b_exact);
    return root;
}

IrrResult xirr(const std::vector<double>& values, const std::vector<int>& day_numbers) {
    if (values.size() != day_numbers.size()) {
        IrrResult out;
        out.reason = "XIRR needs one date for each cash flow";
        return out;
    }
    const FlowSigns signs = flow_signs(values);
    if (const char* why = no_rate_reason(values, signs)) {
        IrrResult out;
        out.reason = why;
        return out;
    }
    std::vector<double> roots;
    auto f = [&](double r) { return xnpv(r, values, day_numbers); };
    auto found = [&roots](double r) { roots.push_back(r); };
    Refine<decltype(f), decltype(found)> sink{f, found};
    scan_grid(f, sink);
    return describe(std::move(roots));
}

}  // namespace reeplan::finance
