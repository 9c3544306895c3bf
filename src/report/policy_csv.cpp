// `reeplan premium` as long-format CSV: entity,risk,metric,value.

#include "report/detail/csv_writer.hpp"
#include "report/detail/policy_text.hpp"

namespace reeplan::report::detail {

namespace {

/// The rows of the premium report, written by the shared CsvWriter.
struct PremiumRows {
    CsvWriter csv{"entity,risk,metric,value\n"};
    void put(const std::string& entity, const std::string& risk, const std::string& metric, const std::string& value) {
        csv.cells({entity, risk, metric}, value);
    }
    void num(const std::string& entity, const std::string& risk, const std::string& metric, double v) {
        csv.cells({entity, risk, metric}, v);
    }
    void opt(const std::string& entity, const std::string& risk, const std::string& metric, const std::optional<double>& v) {
        if (v) num(entity, risk, metric, *v);
    }
    void estimate(const std::string& entity, const std::string& risk, const std::string& prefix, const policy::Estimate& e) {
        num(entity, risk, prefix + "npv_base_musd", e.npv_base_musd);
        num(entity, risk, prefix + "expected_npv_musd", e.expected_npv_musd);
        num(entity, risk, prefix + "standard_error_musd", e.standard_error_musd);
        opt(entity, risk, prefix + "premium", e.premium);
        opt(entity, risk, prefix + "premium_standard_error", e.premium_standard_error);
    }
    void hazard(const std::string& entity, const std::vector<policy::HazardApproximation>& hs) {
        for (const auto& h : hs) {
            num(entity, h.risk, "lambda", h.lambda);
            num(entity, h.risk, "loss_share", h.loss_share);
            num(entity, h.risk, "lambda_l", h.lambda_l);
            num(entity, h.risk, "discrete_premium", h.discrete_premium);
        }
    }
    void continuity(const std::string& entity, const policy::Continuity& c) {
        for (const auto& [risk, e] : c.without_risk) estimate(entity, risk, "without_risk.", e);
        if (c.without_grandfathering) estimate(entity, "", "without_grandfathering.", *c.without_grandfathering);
    }
};

}  // namespace

std::string premium_csv(const policy::PolicyResult& r) {
    PremiumRows w;
    w.put("chain", "", "method", r.chain.method);
    w.num("chain", "", "outcomes", static_cast<double>(r.chain.outcomes));
    w.estimate("chain", "", "", r.chain.estimate);
    for (const auto& [risk, share] : r.chain.by_risk) w.num("chain", risk, "premium_share", share);
    w.hazard("chain", r.chain.hazard);
    w.continuity("chain", r.chain.continuity);
    for (const auto& p : r.plants) {
        w.put(p.id, "", "method", p.method);
        w.num(p.id, "", "outcomes", static_cast<double>(p.outcomes));
        w.num(p.id, "", "wacc", p.wacc);
        w.estimate(p.id, "", "", p.estimate);
        if (p.estimate.premium) w.num(p.id, "", "policy_adjusted_rate", p.wacc + *p.estimate.premium);
        for (const auto& [risk, share] : p.by_risk) w.num(p.id, risk, "premium_share", share);
        w.hazard(p.id, p.hazard);
        w.continuity(p.id, p.continuity);
        const auto& k = p.continuity;
        w.opt(p.id, "", "lcop_base_usd_per_kg", k.lcop_base_usd_per_kg);
        w.opt(p.id, "", "lcop_risk_adjusted_usd_per_kg", k.lcop_risk_adjusted_usd_per_kg);
        w.opt(p.id, "", "lcop_change_usd_per_kg", k.lcop_change_usd_per_kg);
        const auto& h = p.hurdle;
        w.opt(p.id, "", "hurdle.beta", h.beta);
        w.opt(p.id, "", "hurdle.trigger_multiple", h.trigger_multiple);
        w.opt(p.id, "", "hurdle.pv_to_capex", h.pv_to_capex);
        if (h.invest_now) w.num(p.id, "", "hurdle.invest_now", *h.invest_now ? 1.0 : 0.0);
        w.opt(p.id, "", "hurdle.value_of_waiting_musd", h.value_of_waiting_musd);
        w.num(p.id, "", "hurdle.pv_musd", h.pv_musd);
        w.num(p.id, "", "hurdle.capex_pv_musd", h.capex_pv_musd);
        w.num(p.id, "", "hurdle.cash_yield", h.cash_yield);
        w.num(p.id, "", "hurdle.volatility", h.volatility);
        w.num(p.id, "", "hurdle.lambda", h.lambda);
        w.num(p.id, "", "hurdle.loss_share", h.loss_share);
    }
    return w.csv.out;
}

}  // namespace reeplan::report::detail
