#include "policy/shapley.hpp"

#include "policy/random.hpp"

#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

namespace reeplan::policy {

namespace {

std::string members(Coalition s, const std::vector<std::string>& names) {
    std::string out;
    for (int k = 0; k < 64; ++k) {
        if (!(s >> k & 1)) continue;
        const std::size_t i = static_cast<std::size_t>(k);
        out += (out.empty() ? "" : ", ") + (i < names.size() ? names[i] : std::to_string(k + 1));
    }
    return "{" + out + "}";
}

}  // namespace

finance::Outcome<std::vector<double>> shapley_exact(int n, const CoalitionValue& v, const std::vector<std::string>& names) {
    if (n < 0 || n > 20) return finance::failure<std::vector<double>>("exact Shapley values take at most 20 players");
    const Coalition all = (Coalition{1} << n);
    std::vector<double> value(all);
    for (Coalition s = 0; s < all; ++s) {
        auto x = v(s);
        if (!x) return finance::failure<std::vector<double>>("the subset of risks " + members(s, names) + " has no premium");
        value[s] = *x;
    }
    // weights |S|!(n − |S| − 1)!/n! through lgamma
    std::vector<double> w(static_cast<std::size_t>(std::max(n, 1)));
    for (int s = 0; s < n; ++s) w[static_cast<std::size_t>(s)] = std::exp(std::lgamma(s + 1.0) + std::lgamma(n - s + 0.0) - std::lgamma(n + 1.0));
    std::vector<double> phi(static_cast<std::size_t>(n), 0.0);
    for (Coalition s = 0; s < all; ++s) {
        const int size = std::popcount(s);
        for (int k = 0; k < n; ++k)
            if (!(s >> k & 1)) phi[static_cast<std::size_t>(k)] += w[static_cast<std::size_t>(size)] * (value[s | Coalition{1} << k] - value[s]);
    }
    return finance::success(phi);
}

finance::Outcome<std::vector<double>> shapley_sampled(int n, const CoalitionValue& v, int permutations, std::uint64_t seed,
                                                      const std::vector<std::string>& names) {
    if (n < 0 || n > 64) return finance::failure<std::vector<double>>("Shapley values take at most 64 players");
    std::map<Coalition, double> memo;
    std::string missing;
    auto value = [&](Coalition s) -> std::optional<double> {
        if (auto it = memo.find(s); it != memo.end()) return it->second;
        auto x = v(s);
        if (!x) {
            missing = members(s, names);
            return std::nullopt;
        }
        memo[s] = *x;
        return *x;
    };
    constexpr std::uint64_t stream = stream_key("shapley-permutations");
    std::vector<double> phi(static_cast<std::size_t>(n), 0.0);
    std::vector<int> order(static_cast<std::size_t>(n));
    const int m = std::max(permutations, 1);
    for (int p = 0; p < m; ++p) {
        std::iota(order.begin(), order.end(), 0);
        for (int i = n - 1; i > 0; --i) {  // Fisher–Yates
            const double u = counter_uniform(seed, static_cast<std::uint64_t>(p), stream, static_cast<std::uint64_t>(i));
            const int j = std::min(static_cast<int>(u * (i + 1)), i);
            std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
        }
        Coalition s = 0;
        auto before = value(s);
        if (!before) return finance::failure<std::vector<double>>("the subset of risks " + missing + " has no premium");
        for (int k : order) {
            s |= Coalition{1} << k;
            auto after = value(s);
            if (!after) return finance::failure<std::vector<double>>("the subset of risks " + missing + " has no premium");
            phi[static_cast<std::size_t>(k)] += (*after - *before) / m;
            before = after;
        }
    }
    return finance::success(phi);
}

}  // namespace reeplan::policy
