#include "report/render.hpp"

#include "report/detail/policy_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace reeplan::report {

namespace {

using Json = nlohmann::ordered_json;

/// A finite number, or null (NaN and Infinity never appear in the output).
Json num(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }
template <class V> Json opt(const std::optional<V>& v) {
    if (!v) return Json(nullptr);
    if constexpr (std::is_floating_point_v<V>) return num(*v);
    else return Json(*v);
}

Json plant_json(const finance::PlantResult& p) {
    Json j;
    j["id"] = p.id;
    j["name"] = p.name;
    j["stage"] = model::to_string(p.stage);
    j["output"] = p.output;
    j["capex_musd"] = num(p.capex_musd);
    j["debt_musd"] = num(p.debt_musd);
    const auto& s = p.schedule;
    j["schedule"] = Json{{"permitting_start_year", num(s.permitting_start_year)},
                         {"construction_start_year", num(s.construction_start_year)},
                         {"commissioning_start_year", num(s.commissioning_start_year)},
                         {"operation_start_year", num(s.operation_start_year)},
                         {"nameplate_year", num(s.nameplate_year)},
                         {"end_of_life_year", num(s.end_of_life_year)}};
    const auto& c = p.cost_of_capital;
    j["cost_of_capital"] = Json{{"cost_of_equity", num(c.cost_of_equity)}, {"cost_of_debt", num(c.cost_of_debt)},
                                {"debt_share", num(c.debt_share)},         {"levered_beta", num(c.levered_beta)},
                                {"unlevered_beta", num(c.unlevered_beta)}, {"wacc", num(c.wacc)}};
    const auto& m = p.metrics;
    j["metrics"] = Json{{"npv_musd", opt(m.npv_musd)},
                        {"equity_npv_musd", opt(m.equity_npv_musd)},
                        {"irr", opt(m.irr)},
                        {"equity_irr", opt(m.equity_irr)},
                        {"mirr", opt(m.mirr)},
                        {"lcop_usd_per_kg", opt(m.lcop_usd_per_kg)},
                        {"lcop_unsupported_usd_per_kg", opt(m.lcop_unsupported_usd_per_kg)},
                        {"min_dscr", opt(m.min_dscr)},
                        {"min_dscr_year", opt(m.min_dscr_year)},
                        {"avg_dscr", opt(m.avg_dscr)},
                        {"payback_year", opt(m.payback_year)}};
    Json notes = Json::object();
    for (const auto& [k, v] : p.notes) notes[k] = v;
    j["notes"] = notes;
    Json years = Json::array();
    for (const auto& y : p.years) {
        years.push_back(Json{{"year", y.year},
                             {"capex_musd", num(y.capex_musd)},
                             {"production_t", num(y.production_t)},
                             {"revenue_musd", num(y.revenue_musd)},
                             {"operating_cost_musd", num(y.operating_cost_musd)},
                             {"input_cost_musd", num(y.input_cost_musd)},
                             {"ebitda_musd", num(y.ebitda_musd)},
                             {"depreciation_musd", num(y.depreciation_musd)},
                             {"interest_musd", num(y.interest_musd)},
                             {"tax_musd", num(y.tax_musd)},
                             {"tax_credit_musd", num(y.tax_credit_musd)},
                             {"support_musd", num(y.support_musd)},
                             {"working_capital_change_musd", num(y.working_capital_change_musd)},
                             {"fcff_musd", num(y.fcff_musd)},
                             {"fcfe_musd", num(y.fcfe_musd)},
                             {"debt_balance_musd", num(y.debt_balance_musd)},
                             {"dscr", opt(y.dscr)}});
    }
    j["years"] = years;
    return j;
}

}  // namespace

const char* version() { return REEPLAN_VERSION; }

std::string render_json(const finance::PlanResult& plan, const RunInfo& info, const policy::PolicyResult* policy) {
    Json j;
    j["reeplan_version"] = version();
    j["output_format"] = 1;
    j["input"] = Json{{"path", info.input_path}, {"sha256", info.input_sha256}};
    j["scenario"] = plan.scenario;
    j["sets"] = info.sets;
    Json plants = Json::array();
    for (const auto& p : plan.plants) plants.push_back(plant_json(p));
    j["plants"] = plants;
    Json chain;
    chain["capex_musd"] = num(plan.chain.capex_musd);
    chain["npv_musd"] = num(plan.chain.npv_musd);
    chain["first_domestic_output_year"] = opt(plan.chain.first_domestic_output_year);
    chain["independence_year"] = opt(plan.chain.independence_year);
    chain["independence_target_year"] = num(plan.chain.independence_target_year);
    Json chain_notes = Json::object();
    for (const auto& [k, v] : plan.chain.notes) chain_notes[k] = v;
    chain["notes"] = chain_notes;
    Json years = Json::array();
    for (const auto& y : plan.chain.years) {
        Json by_stage = Json::object(), prod = Json::object();
        for (const auto& [k, v] : y.capex_by_stage_musd) by_stage[k] = num(v);
        for (const auto& [k, v] : y.production_t) prod[k] = num(v);
        Json coverage = Json::object(), stranded = Json::object();
        for (const auto& [k, v] : y.coverage) coverage[k] = opt(v);
        for (const auto& [k, v] : y.stranded_capacity_t) stranded[k] = num(v);
        years.push_back(Json{{"year", y.year},
                             {"capex_musd", num(y.capex_musd)},
                             {"capex_by_stage_musd", by_stage},
                             {"production_t", prod},
                             {"demand_t", num(y.demand_t)},
                             {"coverage", coverage},
                             {"fully_domestic_share", opt(y.fully_domestic_share)},
                             {"stranded_capacity_t", stranded},
                             {"bottleneck_stage", y.bottleneck_stage ? Json(*y.bottleneck_stage) : Json(nullptr)},
                             {"imports_musd", num(y.imports_musd)}});
    }
    chain["years"] = years;
    j["chain"] = chain;
    if (policy) j["policy"] = detail::policy_block(*policy);
    j["warnings"] = plan.warnings;
    return j.dump(2) + "\n";
}

}  // namespace reeplan::report
