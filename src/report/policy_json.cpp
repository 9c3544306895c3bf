// The `policy` block of the JSON output, and `reeplan premium --format json`.

#include "report/detail/policy_json.hpp"
#include "report/policy_report.hpp"

#include <cmath>

namespace reeplan::report {

namespace detail {

using Json = nlohmann::ordered_json;

Json finite_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

namespace {

Json opt(const std::optional<double>& v) { return v ? finite_or_null(*v) : Json(nullptr); }

/// E[NPV] and π, with `notes` naming each null.
Json estimate_json(const policy::Estimate& e) {
    Json notes = Json::object();
    if (!e.premium) notes["premium"] = e.premium_note;
    if (!e.premium_standard_error)
        notes["premium_standard_error"] = e.premium ? (e.standard_error_musd > 0
                                                           ? "the NPV of the base cash flows does not move with the rate at π"
                                                           : "E[NPV] is exact (every outcome enumerated), so there is no sampling error")
                                                    : "there is no premium";
    return Json{{"npv_base_musd", finite_or_null(e.npv_base_musd)},
                {"expected_npv_musd", finite_or_null(e.expected_npv_musd)},
                {"standard_error_musd", finite_or_null(e.standard_error_musd)},
                {"premium", opt(e.premium)},
                {"premium_standard_error", opt(e.premium_standard_error)},
                {"notes", notes}};
}

Json hazard_json(const std::vector<policy::HazardApproximation>& hs) {
    Json out = Json::array();
    for (const auto& h : hs)
        out.push_back(Json{{"risk", h.risk},
                           {"lambda", finite_or_null(h.lambda)},
                           {"loss_share", finite_or_null(h.loss_share)},
                           {"lambda_l", finite_or_null(h.lambda_l)},
                           {"discrete_premium", finite_or_null(h.discrete_premium)}});
    return out;
}

Json continuity_json(const policy::Continuity& c, bool with_lcop) {
    Json j;
    Json without = Json::object();
    for (const auto& [risk, e] : c.without_risk) without[risk] = estimate_json(e);
    j["without_risk"] = without;
    j["without_grandfathering"] = c.without_grandfathering ? estimate_json(*c.without_grandfathering) : Json(nullptr);
    Json notes = Json::object();
    if (!c.without_grandfathering) notes["without_grandfathering"] = "no risk grandfathers a support";
    if (with_lcop) {
        j["lcop_base_usd_per_kg"] = opt(c.lcop_base_usd_per_kg);
        j["lcop_risk_adjusted_usd_per_kg"] = opt(c.lcop_risk_adjusted_usd_per_kg);
        j["lcop_change_usd_per_kg"] = opt(c.lcop_change_usd_per_kg);
        for (const char* k : {"lcop_base_usd_per_kg", "lcop_risk_adjusted_usd_per_kg", "lcop_change_usd_per_kg"})
            if (j[k].is_null()) notes[k] = c.lcop_note;
    }
    j["notes"] = notes;
    return j;
}

Json hurdle_json(const policy::Hurdle& h) {
    Json j{{"beta", opt(h.beta)},
           {"trigger_multiple", opt(h.trigger_multiple)},
           {"pv_to_capex", opt(h.pv_to_capex)},
           {"invest_now", h.invest_now ? Json(*h.invest_now) : Json(nullptr)},
           {"value_of_waiting_musd", opt(h.value_of_waiting_musd)},
           {"pv_musd", finite_or_null(h.pv_musd)},
           {"capex_pv_musd", finite_or_null(h.capex_pv_musd)},
           {"risk_free", finite_or_null(h.risk_free)},
           {"cash_yield", finite_or_null(h.cash_yield)},
           {"cash_yield_year", h.cash_yield_year},
           {"volatility", finite_or_null(h.volatility)},
           {"lambda", finite_or_null(h.lambda)},
           {"loss_share", finite_or_null(h.loss_share)}};
    Json notes = Json::object();
    for (const char* k : {"beta", "trigger_multiple", "pv_to_capex", "invest_now", "value_of_waiting_musd"})
        if (j[k].is_null()) notes[k] = h.note;
    j["notes"] = notes;
    return j;
}

/// π added to the WACC, when there is a π.
Json adjusted_rate(double wacc, const std::optional<double>& premium) {
    return premium ? finite_or_null(wacc + *premium) : Json(nullptr);
}

}  // namespace

Json policy_block(const policy::PolicyResult& r) {
    Json notes = Json::object();
    // ---- the contract's names ------------------------------------------------------------------
    Json premium;
    premium["chain"] = opt(r.chain.estimate.premium);
    if (!r.chain.estimate.premium) notes["premium.chain"] = r.chain.estimate.premium_note;
    Json plants = Json::object();
    for (const auto& p : r.plants) {
        plants[p.id] = opt(p.estimate.premium);
        if (!p.estimate.premium) notes["premium.plants." + p.id] = p.estimate.premium_note;
    }
    premium["plants"] = plants;
    Json by_risk = Json::object();
    for (const auto& [risk, share] : r.chain.by_risk) by_risk[risk] = finite_or_null(share);
    premium["by_risk"] = by_risk;
    if (!r.chain.by_risk_note.empty()) notes["premium.by_risk"] = r.chain.by_risk_note;
    Json hurdle = Json::object();
    for (const auto& p : r.plants) {
        const auto& h = p.hurdle;
        hurdle[p.id] = Json{{"trigger_multiple", opt(h.trigger_multiple)},
                            {"pv_to_capex", opt(h.pv_to_capex)},
                            {"invest_now", h.invest_now ? Json(*h.invest_now) : Json(nullptr)}};
        if (!h.trigger_multiple || !h.pv_to_capex || !h.invest_now) notes["hurdle." + p.id] = h.note;
    }
    Json j;
    j["premium"] = premium;
    j["hurdle"] = hurdle;
    j["notes"] = notes;

    // ---- the detail behind them ----------------------------------------------------------------
    j["method"] = r.chain.method;
    j["outcomes"] = r.chain.outcomes;
    j["seed"] = r.seed;
    j["sample_paths"] = r.sample_paths;
    j["enumeration_limit"] = finite_or_null(r.enumeration_limit);
    Json chain;
    chain["estimate"] = estimate_json(r.chain.estimate);
    chain["by_risk_method"] = r.chain.by_risk_method;
    chain["hazard"] = hazard_json(r.chain.hazard);
    chain["continuity"] = continuity_json(r.chain.continuity, false);
    j["chain"] = chain;
    Json detail = Json::array();
    for (const auto& p : r.plants) {
        Json pj;
        pj["id"] = p.id;
        pj["method"] = p.method;
        pj["outcomes"] = p.outcomes;
        pj["risks"] = p.risks;
        pj["wacc"] = finite_or_null(p.wacc);
        pj["policy_adjusted_rate"] = adjusted_rate(p.wacc, p.estimate.premium);
        pj["estimate"] = estimate_json(p.estimate);
        Json shares = Json::object();
        for (const auto& [risk, share] : p.by_risk) shares[risk] = finite_or_null(share);
        pj["by_risk"] = shares;
        pj["hazard"] = hazard_json(p.hazard);
        pj["continuity"] = continuity_json(p.continuity, true);
        pj["hurdle"] = hurdle_json(p.hurdle);
        Json pnotes = Json::object();
        if (!p.estimate.premium) pnotes["policy_adjusted_rate"] = p.estimate.premium_note;
        if (!p.by_risk_note.empty()) pnotes["by_risk"] = p.by_risk_note;
        pj["notes"] = pnotes;
        detail.push_back(pj);
    }
    j["plants"] = detail;
    j["rules"] = r.notes;
    return j;
}

}  // namespace detail

std::string render_premium_json(const policy::PolicyResult& result, const RunInfo& info) {
    detail::Json j;
    j["reeplan_version"] = version();
    j["output_format"] = 1;
    j["input"] = detail::Json{{"path", info.input_path}, {"sha256", info.input_sha256}};
    j["scenario"] = info.scenario;
    j["sets"] = info.sets;
    j["policy"] = detail::policy_block(result);
    return j.dump(2) + "\n";
}

}  // namespace reeplan::report
