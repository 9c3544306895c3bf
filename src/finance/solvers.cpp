#include "finance/solvers.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

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

/// The shared search of irr and xirr: `flows` for the sign test, `f` the NPV as a function of
/// the rate.
template <class F>
IrrResult find_rates(const std::vector<double>& flows, F&& f) {
    IrrResult out;
    if (flows.empty()) {
        out.reason = "there are no cash flows";
        return out;
    }
    int sign_changes = 0, last_sign = 0;
    for (double x : flows) {
        const int s = x > 0 ? 1 : (x < 0 ? -1 : 0);
        if (s == 0) continue;
        if (last_sign != 0 && s != last_sign) ++sign_changes;
        last_sign = s;
    }
    if (last_sign == 0) {
        out.reason = "cash flows are all zero, so every rate gives NPV zero";
        return out;
    }
    if (sign_changes == 0) {
        out.reason = "cash flows never change sign";
        return out;
    }

    const std::vector<double>& grid = rate_grid();
    bool have_prev = false;
    double prev_r = 0, prev_f = 0;
    for (double r : grid) {
        const double fr = f(r);
        if (!std::isfinite(fr)) continue;
        if (std::fpclassify(fr) == FP_ZERO) {
            out.roots.push_back(r);
            have_prev = false;  // the zero separates brackets; do not count it twice
            continue;
        }
        if (have_prev && ((prev_f > 0) != (fr > 0))) {
            if (auto root = brent(f, prev_r, r, 1e-12, 200)) out.roots.push_back(*root);
        }
        have_prev = true;
        prev_r = r;
        prev_f = fr;
    }
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

}  // namespace

IrrResult irr(const std::vector<double>& cf) {
    return find_rates(cf, [&cf](double r) { return npv0(r, cf); });
}

IrrResult xirr(const std::vector<double>& values, const std::vector<int>& day_numbers) {
    if (values.size() != day_numbers.size()) {
        IrrResult out;
        out.reason = "XIRR needs one date for each cash flow";
        return out;
    }
    return find_rates(values, [&](double r) { return xnpv(r, values, day_numbers); });
}

}  // namespace reeplan::finance
