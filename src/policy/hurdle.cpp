#include "policy/hurdle.hpp"

#include "policy/premium.hpp"

#include <cmath>

namespace reeplan::policy {

finance::Outcome<double> hurdle_beta(const HurdleInputs& in) {
    const double s2 = in.volatility * in.volatility;
    const double L = in.loss;
    auto g = [&](double b) {
        const double jump = in.lambda > 0 ? in.lambda * std::pow(1.0 - L, b) : 0.0;
        return 0.5 * s2 * b * (b - 1.0) + (in.risk_free - in.cash_yield + in.lambda * L) * b - (in.risk_free + in.lambda) + jump;
    };
    if (!(in.cash_yield > 0))
        return finance::failure<double>("the plant's cash yield is " + fixed(in.cash_yield * 100, 4) +
                                        " %, not positive, so waiting is never costly and no finite trigger exists");
    double lo = 1.0, hi = 100.0;
    if (!(g(hi) > 0))
        return finance::failure<double>("the option exponent β has no root in (1, 100] for these inputs");
    for (int i = 0; i < 400 && hi - lo > 1e-13; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (g(mid) > 0) hi = mid;
        else lo = mid;
    }
    return finance::success(0.5 * (lo + hi));
}

double trigger_multiple(double beta) { return beta / (beta - 1.0); }

double value_of_waiting(double value, double capex, double beta) {
    const double v_star = trigger_multiple(beta) * capex;
    if (!(value < v_star)) return 0.0;
    const double a = (v_star - capex) / std::pow(v_star, beta);
    const double f = value > 0 ? a * std::pow(value, beta) : 0.0;
    return f - (value - capex);
}

}  // namespace reeplan::policy
