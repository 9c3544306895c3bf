// `reeplan wacc` as JSON and CSV, and the choice of view.

#include "report/detail/policy_json.hpp"
#include "report/detail/text.hpp"
#include "report/detail/wacc_views.hpp"
#include "report/wacc_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace reeplan::report {

namespace detail {

const char* beta_method_name(model::BetaMethod m) {
    switch (m) {
    case model::BetaMethod::Hamada: return "hamada";
    case model::BetaMethod::HarrisPringle: return "harris-pringle";
    case model::BetaMethod::MilesEzzell: return "miles-ezzell";
    }
    return "?";
}

PlantPremium premium_of(const policy::PolicyResult& policy, const std::string& id) {
    for (const auto& p : policy.plants)
        if (p.id == id) return {p.estimate.premium, p.estimate.premium ? "" : p.estimate.premium_note};
    return {std::nullopt, "no policy result for the plant"};
}

std::optional<double> spread_bp(const finance::CostOfCapital& c) {
    for (const auto& s : c.waterfall)
        if (s.part == "cost_of_debt" && (s.label == "commercial spread" || s.label == "default spread")) return s.bp;
    return std::nullopt;
}

namespace {

using Json = nlohmann::ordered_json;

Json plant_json(const finance::PlantResult& p, const PlantPremium& pi) {
    const auto& c = p.cost_of_capital;
    Json j;
    j["id"] = p.id;
    j["name"] = p.name;
    j["stage"] = model::to_string(p.stage);
    const auto spread = spread_bp(c);
    j["inputs"] = Json{{"risk_free", finite_or_null(c.risk_free)},
                       {"equity_risk_premium", finite_or_null(c.equity_risk_premium)},
                       {"country_risk_premium", finite_or_null(c.country_risk_premium)},
                       {"technology_premium", finite_or_null(c.technology_premium)},
                       {"unlevered_beta", finite_or_null(c.unlevered_beta)},
                       {"contracted_share", finite_or_null(c.contracted_share)},
                       {"asset_beta", finite_or_null(c.asset_beta)},
                       {"levered_beta", finite_or_null(c.levered_beta)},
                       {"cost_of_equity_overridden", c.cost_of_equity_overridden},
                       {"debt_share", finite_or_null(c.debt_share)},
                       {"cost_of_debt_method", c.cost_of_debt_method},
                       {"rating", c.rating.empty() ? Json(nullptr) : Json(c.rating)},
                       {"spread_bp", spread ? finite_or_null(*spread) : Json(nullptr)},
                       {"tax_rate", finite_or_null(c.tax_rate)}};
    j["cost_of_equity"] = finite_or_null(c.cost_of_equity);
    j["cost_of_debt"] = finite_or_null(c.cost_of_debt);
    j["wacc"] = finite_or_null(c.wacc);
    j["policy_premium"] = pi.premium ? finite_or_null(*pi.premium) : Json(nullptr);
    j["policy_adjusted_rate"] = pi.premium ? finite_or_null(c.wacc + *pi.premium) : Json(nullptr);
    Json steps = Json::array();
    for (const auto& s : c.waterfall)
        steps.push_back(Json{{"part", s.part}, {"label", s.label}, {"bp", finite_or_null(s.bp)},
                             {"value_after", finite_or_null(s.value_after)}});
    j["waterfall"] = steps;
    Json notes = Json::object();
    if (c.rating.empty()) notes["rating"] = "the cost of debt is not synthetic, so there is no rating";
    if (!spread) notes["spread_bp"] = "the waterfall has no commercial spread";
    if (auto it = p.notes.find("cost_of_debt"); it != p.notes.end()) notes["cost_of_debt"] = it->second;
    if (!pi.premium) {
        notes["policy_premium"] = pi.note;
        notes["policy_adjusted_rate"] = pi.note;
    }
    j["notes"] = notes;
    return j;
}

std::string wacc_json(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                      const RunInfo& info) {
    Json j;
    j["reeplan_version"] = version();
    j["output_format"] = 1;
    j["input"] = Json{{"path", info.input_path}, {"sha256", info.input_sha256}};
    j["scenario"] = plan.scenario;
    j["sets"] = info.sets;
    j["beta_method"] = beta_method_name(input.finance.beta_method);
    j["contract_beta"] = finite_or_null(input.finance.contract_beta);
    j["debt_beta"] = finite_or_null(input.finance.debt_beta);
    Json plants = Json::array();
    for (const auto& p : plan.plants) plants.push_back(plant_json(p, premium_of(policy, p.id)));
    j["plants"] = plants;
    return j.dump(2) + "\n";
}

std::string wacc_csv(const finance::PlanResult& plan, const policy::PolicyResult& policy) {
    std::string out = "plant,part,item,bp,value\n";
    auto row = [&](const std::string& plant, const std::string& part, const std::string& item, const std::string& bp,
                   const std::string& value) {
        out += fmt::format("{},{},{},{},{}\n", csv_field(plant), csv_field(part), csv_field(item), bp, csv_field(value));
    };
    auto num = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); };
    for (const auto& p : plan.plants) {
        const auto& c = p.cost_of_capital;
        row(p.id, "input", "unlevered_beta", "", num(c.unlevered_beta));
        row(p.id, "input", "contracted_share", "", num(c.contracted_share));
        row(p.id, "input", "asset_beta", "", num(c.asset_beta));
        row(p.id, "input", "levered_beta", "", num(c.levered_beta));
        row(p.id, "input", "debt_share", "", num(c.debt_share));
        row(p.id, "input", "cost_of_debt_method", "", c.cost_of_debt_method);
        if (!c.rating.empty()) row(p.id, "input", "rating", "", c.rating);
        row(p.id, "input", "tax_rate", "", num(c.tax_rate));
        for (const auto& s : c.waterfall) row(p.id, s.part, s.label, num(s.bp), num(s.value_after));
        const PlantPremium pi = premium_of(policy, p.id);
        if (pi.premium) row(p.id, "policy", "policy premium", num(1e4 * *pi.premium), num(c.wacc + *pi.premium));
    }
    return out;
}

}  // namespace

}  // namespace detail

std::string render_wacc(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                        const RunInfo& info, const std::string& format, bool color) {
    if (format == "json") return detail::wacc_json(plan, policy, input, info);
    if (format == "csv") return detail::wacc_csv(plan, policy);
    if (format == "markdown") return detail::wacc_markdown(plan, policy, input, info);
    if (format == "table") return detail::wacc_table(plan, policy, input, info, color);
    throw std::invalid_argument("unknown report format \"" + format + "\"");
}

}  // namespace reeplan::report
