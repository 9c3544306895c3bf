// `reeplan premium`: the choice of view, and the sentences that derive each number.

#include "report/detail/policy_text.hpp"
#include "report/detail/text.hpp"
#include "report/policy_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace reeplan::report {

namespace detail {

namespace {

std::string money(double v) { return grouped(v, 1); }

std::string estimate_sentence(const policy::ChainPolicy& c) {
    const auto& e = c.estimate;
    std::string how = c.method == "enumeration"
                          ? fmt::format("over {} joint outcomes of the risks, each with its probability, so it is exact",
                                        c.outcomes)
                          : fmt::format("as the mean over {} seeded paths, ± its standard error sd/√paths ({})", c.outcomes,
                                        money(e.standard_error_musd));
    return fmt::format("E[NPV] is the probability-weighted NPV, at each outcome's own WACC, of the cash flows that "
                       "outcome leaves; for the chain it is {} {} against {} without risk.",
                       money(e.expected_npv_musd), how, money(e.npv_base_musd));
}

std::string premium_sentence(const policy::ChainPolicy& c) {
    const auto& e = c.estimate;
    if (!e.premium)
        return fmt::format("π solves NPV_base(WACC + π) = E[NPV], the certainty-equivalent premium; the chain has none: {}.",
                           e.premium_note);
    return fmt::format("π solves NPV_base(WACC + π) = E[NPV], the certainty-equivalent premium: for the chain, one π "
                       "added to every plant's WACC, Σ NPV_i(WACC_i + {}) = {} = E[NPV], so π = {} bp and WACC + π is "
                       "the policy-adjusted discount rate.",
                       percent(*e.premium, 3), money(e.expected_npv_musd), basis_points(*e.premium));
}

std::string shapley_sentence(const policy::ChainPolicy& c) {
    double sum = 0;
    for (const auto& [risk, share] : c.by_risk) sum += share;
    std::string shares = c.by_risk.empty() ? "" : fmt::format(" (the chain's add up to {} bp)", basis_points(sum));
    return fmt::format("A risk's share of π is its Shapley value ({}): the change in π when the risk is switched on, "
                       "averaged over every order of switching the risks on, so the shares add up to π{}; % of π is "
                       "share / π.",
                       c.by_risk_method.empty() ? "exact" : c.by_risk_method, shares);
}

std::string hazard_sentence(const policy::ChainPolicy& c) {
    if (c.hazard.empty()) return "λ·L and its discrete form exist for reversal risks only; the plan has none.";
    const auto& h = c.hazard.front();
    return fmt::format("λ·L is the hazard approximation of a reversal's premium: for {} on the chain, λ = {:.4f}/yr "
                       "times L = {:.3f} (the share of the PV of positive operating cash flow lost without its supports) "
                       "is {} bp; the discrete form (1 + r)/(1 − pL) − 1 − r with p = 1 − e^−λ is {} bp.",
                       h.risk, h.lambda, h.loss_share, basis_points(h.lambda_l), basis_points(h.discrete_premium));
}

std::string continuity_sentence(const policy::ChainPolicy& c) {
    std::string s = "Continuity: \"without R\" values the same outcomes with R's probability set to zero";
    if (!c.continuity.without_risk.empty()) {
        const auto& [risk, e] = *c.continuity.without_risk.begin();
        if (e.premium && c.estimate.premium)
            s += fmt::format(" (without {} the chain's π is {} bp, {} bp from {} bp)", risk, basis_points(*e.premium),
                             basis_points(*e.premium - *c.estimate.premium, true), basis_points(*c.estimate.premium));
    }
    s += "; \"without grandfathering\" empties every grandfathered list, so a reversal ends those supports too; π "
         "moves continuously to these values as a probability goes to zero.";
    return s;
}

std::string lcop_sentence(const policy::PolicyResult& r) {
    for (const auto& p : r.plants) {
        const auto& c = p.continuity;
        if (!c.lcop_change_usd_per_kg) continue;
        return fmt::format("The base LCOP is the constant real price making NPV zero without risk, the risk-adjusted "
                           "LCOP the one making E[NPV] zero over the same outcomes; for {}: {} → {} USD/kg, a change "
                           "of {}.",
                           p.id, grouped(*c.lcop_base_usd_per_kg, 2), grouped(*c.lcop_risk_adjusted_usd_per_kg, 2),
                           (*c.lcop_change_usd_per_kg < 0 ? "" : "+") + grouped(*c.lcop_change_usd_per_kg, 2));
    }
    return "The base LCOP is the constant real price making NPV zero without risk, the risk-adjusted LCOP the one "
           "making E[NPV] zero over the same outcomes; no plant has both.";
}

std::string hurdle_sentence(const policy::PolicyResult& r) {
    std::string s = "The hurdle: β > 1 solves ½σ²β(β − 1) + (r − δ + λL)β − (r + λ) + λ(1 − L)^β = 0, the trigger is "
                    "V*/I = β/(β − 1), invest now when V/I ≥ V*/I, else the value of waiting is F(V) − (V − I) with "
                    "F(V) = A·V^β and A = (V* − I)/V*^β";
    for (const auto& p : r.plants) {
        const auto& h = p.hurdle;
        if (!h.beta || !h.trigger_multiple || !h.pv_to_capex) continue;
        s += fmt::format("; for {}: r = {}, δ = {}, σ = {}, λ = {:.4f}, L = {:.3f} give β = {:.4f}, V*/I = {:.3f} "
                         "against V/I = {} / {} = {:.3f}, so {}",
                         p.id, percent(h.risk_free), percent(h.cash_yield), percent(h.volatility, 1), h.lambda,
                         h.loss_share, *h.beta, *h.trigger_multiple, money(h.pv_musd), money(h.capex_pv_musd),
                         *h.pv_to_capex, h.invest_now.value_or(false) ? "invest now" : "wait");
        break;
    }
    return s + ".";
}

}  // namespace

std::vector<std::string> premium_derivations(const policy::PolicyResult& r) {
    return {
        estimate_sentence(r.chain),
        premium_sentence(r.chain),
        "± SE of π is the standard error of E[NPV] divided by |dNPV_base/dπ| at π; it exists only where E[NPV] is "
        "sampled.",
        shapley_sentence(r.chain),
        hazard_sentence(r.chain),
        continuity_sentence(r.chain),
        lcop_sentence(r),
        hurdle_sentence(r),
    };
}

}  // namespace detail

std::string render_premium(const policy::PolicyResult& result, const RunInfo& info, const std::string& format, bool color) {
    if (format == "json") return render_premium_json(result, info);
    if (format == "csv") return detail::premium_csv(result);
    if (format == "markdown") return detail::premium_markdown(result, info);
    if (format == "table") return detail::premium_table(result, info, color);
    throw std::invalid_argument("unknown report format \"" + format + "\"");
}

}  // namespace reeplan::report
