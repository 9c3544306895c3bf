#include "policy/policy.hpp"

#include "finance/ledger.hpp"
#include "finance/valuation.hpp"
#include "policy/hurdle.hpp"
#include "policy/premium.hpp"
#include "policy/shapley.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace reeplan::policy {

namespace {

/// A plant's operating cash flow after tax (FCFF + capex) and capex by year, from its ledger.
struct OperatingFlows {
    int first_year = 0;
    std::vector<double> ocf, capex;
    double wacc = 0;
};

OperatingFlows operating_flows(const model::Plan& plan, std::size_t i, const timeline::PhaseTimes<double>& t,
                               const chain::ChainBalance& balance) {
    finance::PlantLedger<double> pl(plan, i, t, &balance);
    const finance::Ledger<double> L = pl.run(finance::LedgerOptions<double>{});
    OperatingFlows f;
    f.first_year = L.first_year;
    f.wacc = L.capital.wacc;
    for (const auto& y : L.years) {
        f.ocf.push_back(y.fcff + y.capex);
        f.capex.push_back(y.capex);
    }
    return f;
}

/// PV at `rate` of the positive operating cash flows.
double positive_pv(const model::Project& project, const OperatingFlows& f, double rate) {
    const auto df = finance::discount_factors<double>(project, f.first_year, f.ocf.size(), rate);
    double s = 0;
    for (std::size_t k = 0; k < f.ocf.size(); ++k) s += std::max(f.ocf[k], 0.0) * df[k];
    return s;
}

double hazard_of(const model::Plan& plan, const model::Risk& r) {
    if (!r.has_elections) return annual_hazard(r.annual_probability);
    const double every = r.elections_every_years > 0 ? r.elections_every_years : plan.project.end_year - plan.project.base_year;
    return election_hazard(r.probability, every);
}

Coalition all_of(std::size_t n) { return n >= 64 ? ~Coalition{0} : (Coalition{1} << n) - 1; }

/// E[NPV] and premium from an NPV function of the premium and the expectations behind it.
Estimate make_estimate(const std::function<double(double)>& npv_at_premium, double base_npv, double expected, double se,
                       double lowest_rate) {
    Estimate e;
    e.npv_base_musd = base_npv;
    e.expected_npv_musd = expected;
    e.standard_error_musd = se;
    PremiumSolution s = solve_certainty_equivalent(npv_at_premium, expected, lowest_rate);
    e.premium = s.premium;
    e.premium_note = s.reason;
    if (e.premium && se > 0) {
        const double h = 1e-5;
        const double slope = (npv_at_premium(*e.premium + h) - npv_at_premium(*e.premium - h)) / (2 * h);
        if (std::abs(slope) > 0) e.premium_standard_error = se / std::abs(slope);
    }
    return e;
}

class Premia {
public:
    explicit Premia(RiskEngine& eng) : eng_(eng) {}

    Estimate plant(std::size_t i, Coalition s) {
        const auto& f = eng_.base(i);
        const PlantExpectation& x = eng_.expectation(i, s);
        const model::Project& project = eng_.plan().project;
        return make_estimate([&](double pi) { return finance::npv_at(project, f, f.wacc + pi); }, f.npv, x.mean,
                             x.standard_error, f.wacc);
    }

    Estimate chain(Coalition s) {
        const model::Project& project = eng_.plan().project;
        double base = 0, expected = 0, lowest = 1.0;
        std::vector<double> sums;
        for (std::size_t i = 0; i < eng_.plant_count(); ++i) {
            const auto& f = eng_.base(i);
            const PlantExpectation& x = eng_.expectation(i, s);
            base += f.npv;
            expected += x.mean;
            lowest = std::min(lowest, f.wacc);
            if (x.sampled) {
                if (sums.empty()) sums.assign(x.path_values.size(), 0.0);
                for (std::size_t p = 0; p < sums.size() && p < x.path_values.size(); ++p) sums[p] += x.path_values[p];
            }
        }
        double se = 0;
        if (sums.size() > 1) {
            double m = 0, ss = 0;
            for (double v : sums) m += v;
            m /= static_cast<double>(sums.size());
            for (double v : sums) ss += (v - m) * (v - m);
            const double n = static_cast<double>(sums.size());
            se = std::sqrt(ss / (n - 1) / n);
        }
        auto npv = [&](double pi) {
            double t = 0;
            for (std::size_t i = 0; i < eng_.plant_count(); ++i) t += finance::npv_at(project, eng_.base(i), eng_.base(i).wacc + pi);
            return t;
        };
        return make_estimate(npv, base, expected, se, lowest);
    }

    std::optional<double> chain_premium(Coalition s) {
        if (auto it = chain_memo_.find(s); it != chain_memo_.end()) return it->second;
        return chain_memo_[s] = chain(s).premium;
    }
    std::optional<double> plant_premium(std::size_t i, Coalition s) {
        const Coalition key = s & eng_.touch(i);
        auto& memo = plant_memo_[i];
        if (auto it = memo.find(key); it != memo.end()) return it->second;
        return memo[key] = plant(i, key).premium;
    }

private:
    RiskEngine& eng_;
    std::map<Coalition, std::optional<double>> chain_memo_;
    std::map<std::size_t, std::map<Coalition, std::optional<double>>> plant_memo_;
};

/// Shapley shares over `players` (risk indices); v maps a subset of them (bit j: players[j])
/// to a premium.
finance::Outcome<std::vector<double>> attribute(const std::vector<std::size_t>& players, const std::vector<std::string>& names,
                                                const std::function<std::optional<double>(Coalition)>& premium_of,
                                                const PolicyOptions& opt, bool& exact) {
    auto v = [&](Coalition sub) -> std::optional<double> {
        Coalition full = 0;
        for (std::size_t j = 0; j < players.size(); ++j)
            if (sub >> j & 1) full |= Coalition{1} << players[j];
        return premium_of(full);
    };
    const int n = static_cast<int>(players.size());
    exact = n <= kExactShapleyRisks;
    if (exact) return shapley_exact(n, v, names);
    return shapley_sampled(n, v, opt.shapley_permutations, opt.seed, names);
}

std::vector<std::string> rule_notes(const PolicyOptions& opt, double sigma) {
    return {
        "Risks are independent and a plant's ledger sees only the risks that touch it, so each plant's E[NPV] is taken over "
        "the joint outcomes of its own risks: exactly when their number is at most " + fixed(opt.enumeration_limit, 0) +
            ", otherwise over " + std::to_string(opt.sample_paths) + " seeded paths (seed " + std::to_string(opt.seed) +
            ") whose draws are a pure function of (seed, path, risk id); the chain's E[NPV] is the sum over plants.",
        "A reversal decided at the election of year Y takes effect at Y + 1.0: the inauguration on 20 January is rounded "
        "down to 1 January; elections before the base year are taken as already decided.",
        "A reversal ends each named support not grandfathered (end_year = min(end_year, t)); a grant or public equity not "
        "yet paid at t is cancelled, and a loan or guarantee only if its start_year is at or after t.",
        "A supply restriction starts at the beginning of each year with its annual probability, independently, and lasts "
        "duration_years; a delay whose length is a distribution is enumerated at its 10/30/50/70/90 % quantiles with "
        "probability 1/5 each and drawn exactly when sampled.",
        "Premium: the π with NPV(base cash flows, WACC + π) = E[NPV], bracketed outward from zero to ±50 % and solved by "
        "Brent (finance-methods §2.3); the chain adds one π to every plant's WACC.",
        "λL: λ = −ln(1 − p)/every_years (or −ln(1 − q)); L = share of the PV at the WACC of the plant's positive operating "
        "cash flows (FCFF + capex) lost when the risk's supports are removed from the base year on; the discrete form is "
        "(1 + r)/(1 − pL) − 1 − r with p = 1 − e^−λ and r the WACC.",
        "Hurdle: V = PV at the WACC of operating cash flows (FCFF + capex), I = PV of capex, δ = operating cash flow of the "
        "first full-capacity year / V, r = risk_free, σ = " + fixed(sigma * 100, 1) +
            " %, λ and L from the plant's reversal risks (λ summed, L hazard-weighted); invest now when V/I ≥ β/(β − 1).",
        "Risk-adjusted LCOP: the constant real output price making E[NPV] zero over the same outcomes (a sampled plant "
        "uses its first " + std::to_string(opt.lcop_paths) + " paths).",
        "Shapley shares: exact over every subset of risks up to " + std::to_string(kExactShapleyRisks) + " risks, otherwise " +
            std::to_string(opt.shapley_permutations) + " seeded permutations; a subset's value is the premium with only those risks in force.",
    };
}

}  // namespace

PolicyResult compute_policy(const model::Plan& plan, const PolicyOptions& opt) {
    PolicyResult out;
    out.seed = opt.seed;
    out.sample_paths = opt.sample_paths;
    out.enumeration_limit = opt.enumeration_limit;
    const double sigma = opt.value_volatility.value_or(kDefaultValueVolatility);
    out.notes = rule_notes(opt, sigma);
    if (plan.risks.size() > 64) out.notes.push_back("the plan has more than 64 risks; only the first 64 are valued");

    EngineOptions eo;
    eo.seed = opt.seed;
    eo.sample_paths = std::max<std::size_t>(opt.sample_paths, 2);
    eo.enumeration_limit = opt.enumeration_limit;
    eo.lcop_paths = std::max<std::size_t>(opt.lcop_paths, 2);
    auto cache = std::make_shared<RiskEngine::Cache>();
    RiskEngine eng(plan, eo, cache);
    Premia premia(eng);
    const std::size_t n_plants = eng.plant_count();
    const std::size_t n_risks = eng.risk_count();
    const Coalition all = all_of(n_risks);
    const model::Project& project = plan.project;

    std::vector<std::string> risk_ids;
    for (std::size_t k = 0; k < n_risks; ++k) risk_ids.push_back(plan.risks[k].id);

    // ---- E[NPV] and premium, per plant and for the chain -------------------------------------
    bool any_sampled = false;
    out.plants.resize(n_plants);
    for (std::size_t i = 0; i < n_plants; ++i) {
        PlantPolicy& pp = out.plants[i];
        pp.id = plan.plants[i].id;
        pp.wacc = eng.base(i).wacc;
        for (std::size_t k = 0; k < n_risks; ++k)
            if (eng.touch(i) >> k & 1) pp.risks.push_back(risk_ids[k]);
        const bool enumerated = eng.enumerated(i, all);
        any_sampled = any_sampled || !enumerated;
        pp.method = enumerated ? "enumeration" : "sampling";
        pp.outcomes = enumerated ? static_cast<std::size_t>(eng.outcome_count(i, all)) : eo.sample_paths;
        pp.estimate = premia.plant(i, all);
    }
    out.chain.method = any_sampled ? "sampling" : "enumeration";
    if (any_sampled) {
        out.chain.outcomes = eo.sample_paths;
    } else {
        double count = 1;
        for (std::size_t k = 0; k < n_risks; ++k) count *= outcome_count(plan, plan.risks[k]);
        out.chain.outcomes = count > 1e18 ? 0 : static_cast<std::size_t>(count);
    }
    out.chain.estimate = premia.chain(all);

    // ---- Shapley attribution ------------------------------------------------------------------
    {
        std::vector<std::size_t> players(n_risks);
        for (std::size_t k = 0; k < n_risks; ++k) players[k] = k;
        bool exact = true;
        auto phi = attribute(players, risk_ids, [&](Coalition s) { return premia.chain_premium(s); }, opt, exact);
        out.chain.by_risk_method = exact ? "exact" : "sampled permutations";
        if (phi) {
            for (std::size_t k = 0; k < n_risks; ++k) out.chain.by_risk[risk_ids[k]] = (*phi)[k];
        } else {
            out.chain.by_risk_note = phi.reason;
        }
    }
    for (std::size_t i = 0; i < n_plants; ++i) {
        PlantPolicy& pp = out.plants[i];
        std::vector<std::size_t> players;
        for (std::size_t k = 0; k < n_risks; ++k)
            if (eng.touch(i) >> k & 1) players.push_back(k);
        bool exact = true;
        auto phi = attribute(players, pp.risks, [&](Coalition s) { return premia.plant_premium(i, s); }, opt, exact);
        if (phi) {
            for (std::size_t j = 0; j < players.size(); ++j) pp.by_risk[pp.risks[j]] = (*phi)[j];
        } else {
            pp.by_risk_note = phi.reason;
        }
    }

    // ---- hazard approximations: λL and the discrete form per reversal risk -------------------
    std::vector<OperatingFlows> base_ops(n_plants);
    const auto times = timeline::schedule_plants<double>(plan);
    const chain::ChainBalance balance = finance::plan_balance(plan, times);  // supports do not move it
    std::vector<double> base_pv(n_plants);
    double chain_pv = 0, chain_rate = 0;
    for (std::size_t i = 0; i < n_plants; ++i) {
        base_ops[i] = operating_flows(plan, i, times[i], balance);
        base_pv[i] = positive_pv(project, base_ops[i], base_ops[i].wacc);
        chain_pv += base_pv[i];
        chain_rate += base_pv[i] * base_ops[i].wacc;
    }
    chain_rate = chain_pv > 0 ? chain_rate / chain_pv : 0;
    std::vector<std::vector<double>> loss(n_plants, std::vector<double>(n_risks, 0.0));  // L of plant i under risk k
    std::vector<double> lambda(n_risks, 0.0);
    for (std::size_t k = 0; k < n_risks; ++k) {
        const model::Risk& r = plan.risks[k];
        if (r.kind != model::RiskKind::Reversal) continue;
        lambda[k] = hazard_of(plan, r);
        JointOutcome today;
        today.by_risk.resize(n_risks);
        today.by_risk[k].occurs = true;
        today.by_risk[k].effective_year = project.base_year;
        const model::Plan removed = apply_outcome(plan, today);
        double chain_removed = 0;
        for (std::size_t i = 0; i < n_plants; ++i) {
            if (!(eng.touch(i) >> k & 1)) {
                chain_removed += base_pv[i];
                continue;
            }
            const double pv = positive_pv(project, operating_flows(removed, i, times[i], balance), base_ops[i].wacc);
            chain_removed += pv;
            loss[i][k] = base_pv[i] > 0 ? std::clamp(1.0 - pv / base_pv[i], 0.0, 1.0) : 0.0;
            HazardApproximation h;
            h.risk = r.id;
            h.lambda = lambda[k];
            h.loss_share = loss[i][k];
            h.lambda_l = h.lambda * h.loss_share;
            h.discrete_premium = discrete_premium(h.lambda, h.loss_share, base_ops[i].wacc);
            out.plants[i].hazard.push_back(h);
        }
        HazardApproximation h;
        h.risk = r.id;
        h.lambda = lambda[k];
        h.loss_share = chain_pv > 0 ? std::clamp(1.0 - chain_removed / chain_pv, 0.0, 1.0) : 0.0;
        h.lambda_l = h.lambda * h.loss_share;
        h.discrete_premium = discrete_premium(h.lambda, h.loss_share, chain_rate);
        out.chain.hazard.push_back(h);
    }

    // ---- continuity: each reversal switched off, grandfathering switched off, LCOP ------------
    for (std::size_t k = 0; k < n_risks; ++k) {
        if (plan.risks[k].kind != model::RiskKind::Reversal) continue;
        const Coalition without = all & ~(Coalition{1} << k);
        out.chain.continuity.without_risk[risk_ids[k]] = premia.chain(without);
        for (std::size_t i = 0; i < n_plants; ++i)
            if (eng.touch(i) >> k & 1) out.plants[i].continuity.without_risk[risk_ids[k]] = premia.plant(i, without);
    }
    bool grandfathers = false;
    for (std::size_t k = 0; k < n_risks; ++k) grandfathers = grandfathers || !plan.risks[k].grandfathered.empty();
    if (grandfathers) {
        model::Plan open = plan;
        for (auto& r : open.risks) r.grandfathered.clear();
        RiskEngine eng2(open, eo, cache);
        Premia premia2(eng2);
        out.chain.continuity.without_grandfathering = premia2.chain(all);
        for (std::size_t i = 0; i < n_plants; ++i) out.plants[i].continuity.without_grandfathering = premia2.plant(i, all);
    }
    for (std::size_t i = 0; i < n_plants; ++i) {
        Continuity& c = out.plants[i].continuity;
        std::string note;
        c.lcop_base_usd_per_kg = eng.lcop(i, 0, note);
        if (!c.lcop_base_usd_per_kg) {
            c.lcop_note = note;
            continue;
        }
        c.lcop_risk_adjusted_usd_per_kg = eng.touch(i) ? eng.lcop(i, all, note) : c.lcop_base_usd_per_kg;
        if (c.lcop_risk_adjusted_usd_per_kg) c.lcop_change_usd_per_kg = *c.lcop_risk_adjusted_usd_per_kg - *c.lcop_base_usd_per_kg;
        else c.lcop_note = note;
    }

    // ---- hurdle (Dixit–Pindyck with a Poisson policy jump) ------------------------------------
    for (std::size_t i = 0; i < n_plants; ++i) {
        Hurdle& h = out.plants[i].hurdle;
        const OperatingFlows& f = base_ops[i];
        const auto df = finance::discount_factors<double>(project, f.first_year, f.ocf.size(), f.wacc);
        for (std::size_t k = 0; k < f.ocf.size(); ++k) {
            h.pv_musd += f.ocf[k] * df[k];
            h.capex_pv_musd += f.capex[k] * df[k];
        }
        h.risk_free = plan.finance.risk_free;
        h.volatility = sigma;
        double lam = 0, lam_l = 0;
        for (std::size_t k = 0; k < n_risks; ++k) {
            if (plan.risks[k].kind != model::RiskKind::Reversal || !(eng.touch(i) >> k & 1)) continue;
            lam += lambda[k];
            lam_l += lambda[k] * loss[i][k];
        }
        h.lambda = lam;
        h.loss_share = lam > 0 && std::isfinite(lam) ? lam_l / lam : 0.0;
        const int y_full = static_cast<int>(std::ceil(times[i].nameplate));
        h.cash_yield_year = y_full;
        const long at = y_full - f.first_year;
        if (!(h.capex_pv_musd > 0)) {
            h.note = "the plant has no capex, so there is no investment to time";
            continue;
        }
        h.pv_to_capex = h.pv_musd / h.capex_pv_musd;
        if (at < 0 || at >= static_cast<long>(f.ocf.size())) {
            h.note = "the plant has no full-capacity year inside its ledger, so its cash yield is undefined";
            continue;
        }
        if (!(h.pv_musd > 0)) {
            h.invest_now = false;
            h.note = "the PV of the plant's operating cash flows is not positive, so there is no cash yield and no trigger";
            continue;
        }
        if (!std::isfinite(lam)) {
            h.note = "a reversal is certain at every election (probability 1), so the jump hazard is infinite";
            continue;
        }
        h.cash_yield = f.ocf[static_cast<std::size_t>(at)] / h.pv_musd;
        auto beta = hurdle_beta(HurdleInputs{h.risk_free, h.cash_yield, sigma, h.lambda, h.loss_share});
        if (!beta) {
            h.note = beta.reason;
            continue;
        }
        h.beta = *beta;
        h.trigger_multiple = trigger_multiple(*beta);
        h.invest_now = !(*h.pv_to_capex < *h.trigger_multiple);
        h.value_of_waiting_musd = value_of_waiting(h.pv_musd, h.capex_pv_musd, *beta);
    }
    return out;
}

}  // namespace reeplan::policy
