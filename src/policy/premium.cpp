#include "policy/premium.hpp"

#include "finance/solvers.hpp"

#include <cmath>
#include <sstream>

namespace reeplan::policy {

std::string fixed(double x, int digits) {
    std::ostringstream os;
    os.setf(std::ios::fixed);
    os.precision(digits);
    os << x;
    return os.str();
}

PremiumSolution solve_certainty_equivalent(const std::function<double(double)>& npv_at_premium, double target,
                                           double lowest_rate) {
    auto f = [&](double pi) { return npv_at_premium(pi) - target; };
    const double f0 = f(0.0);
    if (!std::isfinite(f0) || !std::isfinite(target)) return {std::nullopt, "the expected or base NPV is not a finite number"};
    if (std::fpclassify(f0) == FP_ZERO) return {0.0, ""};
    // E[NPV] below the base NPV asks for a positive premium, above it for a negative one
    const double sign = f0 > 0 ? 1.0 : -1.0;
    const double floor_premium = std::max(-kMaxPremium, -0.5 - lowest_rate);
    static constexpr double grid[] = {0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5};
    double prev = 0.0, f_prev = f0;
    for (double g : grid) {
        double pi = sign * g;
        if (pi < floor_premium) pi = floor_premium;
        const double fp = f(pi);
        if (std::isfinite(fp) && ((fp > 0) != (f_prev > 0) || std::fpclassify(fp) == FP_ZERO)) {
            const double lo = std::min(prev, pi), hi = std::max(prev, pi);
            if (auto root = finance::brent(f, lo, hi, 1e-12, 300)) return {*root, ""};
            return {std::nullopt, "the premium could not be refined between " + fixed(lo * 100, 2) + " % and " +
                                      fixed(hi * 100, 2) + " % (the NPV is not continuous in the rate there)"};
        }
        prev = pi;
        f_prev = fp;
        if (!(pi > floor_premium)) break;
    }
    if (sign > 0)
        return {std::nullopt, "no premium up to " + fixed(kMaxPremium * 100, 0) + " % lowers the base NPV to the expected NPV of " +
                                  fixed(target, 4) + " MUSD: at " + fixed(kMaxPremium * 100, 0) +
                                  " % the base cash flows are still worth " + fixed(npv_at_premium(kMaxPremium), 4) + " MUSD"};
    return {std::nullopt, "no discount of the rate down to " + fixed(-floor_premium * 100, 0) +
                              " % raises the base NPV to the expected NPV of " + fixed(target, 4) + " MUSD: the base cash flows are worth " +
                              fixed(npv_at_premium(floor_premium), 4) + " MUSD there"};
}

double npv0(const std::vector<double>& flows, double rate) {
    double s = 0.0, df = 1.0;
    const double v = 1.0 / (1.0 + rate);
    for (double cf : flows) {
        s += cf * df;
        df *= v;
    }
    return s;
}

PremiumSolution certainty_equivalent_premium(const std::vector<double>& flows, double rate, double expected_npv) {
    return solve_certainty_equivalent([&](double pi) { return npv0(flows, rate + pi); }, expected_npv, rate);
}

double election_hazard(double p, double every_years) {
    if (!(p < 1.0)) return INFINITY;
    return -std::log1p(-p) / every_years;
}

double annual_hazard(double q) {
    if (!(q < 1.0)) return INFINITY;
    return -std::log1p(-q);
}

double discrete_premium(double lambda, double loss_share, double rate) {
    const double p = -std::expm1(-lambda);
    return (1.0 + rate) / (1.0 - p * loss_share) - 1.0 - rate;
}

}  // namespace reeplan::policy
