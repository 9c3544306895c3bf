// `reeplan timeline --format json`: the output contract's `chain` block and its extra fields.

#include "report/timeline.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace reeplan::report {

namespace {

using Json = nlohmann::ordered_json;
using namespace timeline_detail;

/// A finite number, or null (NaN and Infinity never appear in the output).
Json num(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }
template <class V> Json opt(const std::optional<V>& v) {
    if (!v) return Json(nullptr);
    if constexpr (std::is_floating_point_v<V>) return num(*v);
    else return Json(*v);
}

Json by_stage(const std::array<double, chain::stage_count>& v) {
    Json j = Json::object();
    for (std::size_t s = 0; s < chain::stage_count; ++s) j[model::to_string(chain::stages[s])] = num(v[s]);
    return j;
}

Json year_json(const model::Plan& plan, const ChainTimeline& tl, const chain::ChainYear& cy,
               const std::vector<std::size_t>& produced) {
    const chain::ChainBalance& b = tl.balance;
    Json j;
    j["year"] = cy.year;
    const chain::DeploymentYear* d = deployment_at(tl.deployment, cy.year);
    j["capex_musd"] = num(d ? d->capex_musd : 0.0);
    j["capex_by_stage_musd"] = by_stage(d ? d->by_stage_musd : std::array<double, chain::stage_count>{});
    Json prod = Json::object();
    for (std::size_t m : produced) prod[b.materials[m]] = num(cy.materials[m].domestic_t);
    j["production_t"] = prod;
    Json cov = Json::object();
    for (std::size_t s = 0; s < chain::stage_count; ++s) cov[model::to_string(chain::stages[s])] = opt(cy.stages[s].coverage);
    j["coverage"] = cov;
    j["fully_domestic_share"] = opt(cy.fully_domestic_share);
    Json stranded = Json::object();
    for (std::size_t p = 0; p < plan.plants.size() && p < cy.plants.size(); ++p)
        stranded[plan.plants[p].id] = num(cy.plants[p].stranded_t);
    j["stranded_capacity_t"] = stranded;
    j["bottleneck_stage"] = cy.bottleneck ? Json(model::to_string(*cy.bottleneck)) : Json(nullptr);
    // extra fields
    j["demand_t"] = num(cy.demand_t);
    j["domestic_final_t"] = num(cy.domestic_final_t);
    j["fully_domestic_final_t"] = num(cy.fully_domestic_final_t);
    j["domestic_share"] = opt(cy.domestic_share);
    Json unclipped = Json::object(), req = Json::object();
    for (std::size_t s = 0; s < chain::stage_count; ++s) {
        const char* name = model::to_string(chain::stages[s]);
        unclipped[name] = opt(cy.stages[s].coverage_unclipped);
        req[name] = num(cy.stages[s].requirement_t);
    }
    j["coverage_unclipped"] = unclipped;
    j["stage_requirement_t"] = req;
    Json imports = Json::object(), imports_musd = Json::object(), unmet = Json::object();
    for (std::size_t m = 0; m < b.materials.size() && m < cy.materials.size(); ++m) {
        const auto& my = cy.materials[m];
        if (!(my.imports_t > 0) && !(my.unmet_t > 0)) continue;
        imports[b.materials[m]] = num(my.imports_t);
        imports_musd[b.materials[m]] = num(my.imports_musd);
        unmet[b.materials[m]] = num(my.unmet_t);
    }
    j["imports_t"] = imports;
    j["imports_by_material_musd"] = imports_musd;
    j["unmet_t"] = unmet;
    j["imports_musd"] = num(cy.imports_musd);
    j["stranded_t"] = num(cy.stranded_t);
    j["stranded_capex_musd"] = num(cy.stranded_capex_musd);
    return j;
}

std::string activity_name(const model::Plan& plan, const timeline::Activity& a) {
    return plan.plants[a.plant].id + "." + timeline::to_string(a.phase);
}

Json paths_json(const model::Plan& plan, const timeline::ActivityNetwork& net,
                const std::vector<timeline::ActivityPath>& paths) {
    Json out = Json::array();
    for (const auto& path : paths) {
        Json p = Json::array();
        for (std::size_t a : path) p.push_back(activity_name(plan, net.activities[a]));
        out.push_back(p);
    }
    return out;
}

Json schedule_json(const model::Plan& plan, const ChainTimeline& tl) {
    const timeline::CriticalPath& cp = tl.balance.schedule;
    const timeline::ActivityNetwork& net = cp.network;
    const std::vector<bool> crit = critical_activities(tl);
    Json j;
    j["deadline_year"] = num(net.deadline);
    j["earliest_completion_year"] = num(net.earliest_completion);
    j["min_total_float_years"] = net.activities.empty() ? Json(nullptr) : num(net.min_total_float);
    Json acts = Json::array();
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        acts.push_back(Json{{"plant", plan.plants[a.plant].id},
                            {"phase", timeline::to_string(a.phase)},
                            {"duration_years", num(a.duration)},
                            {"earliest_start_year", num(a.earliest_start)},
                            {"earliest_finish_year", num(a.earliest_finish)},
                            {"latest_start_year", num(a.latest_start)},
                            {"latest_finish_year", num(a.latest_finish)},
                            {"total_float_years", num(a.total_float)},
                            {"free_float_years", num(a.free_float)},
                            {"critical", static_cast<bool>(crit[i])}});
    }
    j["activities"] = acts;
    j["critical_paths"] = paths_json(plan, net, cp.to_deadline);
    Json ms;
    ms["year"] = opt(cp.milestone.year);
    Json plants = Json::array(), driving = Json::array();
    for (std::size_t p : cp.milestone.plants) plants.push_back(plan.plants[p].id);
    for (std::size_t p : cp.milestone.driving) driving.push_back(plan.plants[p].id);
    ms["plants"] = plants;
    ms["driving_plants"] = driving;
    ms["driving_paths"] = paths_json(plan, net, cp.to_milestone);
    Json notes = Json::object();
    if (!cp.milestone.year) notes["year"] = cp.milestone.reason;
    ms["notes"] = notes;
    j["first_domestic_milestone"] = ms;
    return j;
}

Json delay_json(const model::Plan& plan, const ChainTimeline& tl) {
    const chain::DelayEffects& d = tl.delays;
    Json j;
    j["base_first_domestic_output_year"] = opt(d.base_first_domestic_output_year);
    j["base_independence_year"] = opt(d.base_independence_year);
    Json phases = Json::array();
    const bool money = tl.delay_npv.size() == d.phases.size();
    for (std::size_t k = 0; k < d.phases.size(); ++k) {
        const auto& e = d.phases[k];
        phases.push_back(Json{{"plant", plan.plants[e.plant].id},
                              {"plant_npv_change_musd", money ? num(tl.delay_npv[k].plant_npv_change_musd) : Json(nullptr)},
                              {"chain_npv_change_musd", money ? num(tl.delay_npv[k].chain_npv_change_musd) : Json(nullptr)},
                              {"phase", timeline::to_string(e.phase)},
                              {"delay_years", num(e.delay_years)},
                              {"total_float_years", num(e.total_float_years)},
                              {"first_domestic_output_year", opt(e.first_domestic_output_year)},
                              {"first_domestic_shift_years", opt(e.first_domestic_shift_years)},
                              {"independence_year", opt(e.independence_year)},
                              {"independence_shift_years", opt(e.independence_shift_years)}});
    }
    j["phases"] = phases;
    return j;
}

Json deployment_json(const ChainTimeline& tl) {
    const chain::CapitalDeployment& d = tl.deployment;
    Json j;
    j["total_musd"] = num(d.total_musd);
    j["after_end_musd"] = num(d.after_end_musd);
    j["peak_musd"] = num(d.peak_musd);
    j["peak_year"] = opt(d.peak_year);
    Json years = Json::array();
    for (const auto& y : d.years)
        years.push_back(Json{{"year", y.year},
                             {"capex_musd", num(y.capex_musd)},
                             {"capex_by_stage_musd", by_stage(y.by_stage_musd)},
                             {"cumulative_musd", num(y.cumulative_musd)}});
    j["years"] = years;
    return j;
}

}  // namespace

std::string render_timeline_json(const model::Plan& plan, const ChainTimeline& tl, const RunInfo& info) {
    const chain::ChainBalance& b = tl.balance;
    Json j;
    j["reeplan_version"] = version();
    j["output_format"] = 1;
    j["input"] = Json{{"path", info.input_path}, {"sha256", info.input_sha256}};
    j["scenario"] = info.scenario;
    j["sets"] = info.sets;
    Json ch;
    ch["capex_musd"] = num(tl.deployment.total_musd);
    ch["first_domestic_output_year"] = opt(b.first_domestic_output_year);
    ch["independence_year"] = opt(b.independence_year);
    Json notes = Json::object();
    if (!b.first_domestic_output_year) notes["first_domestic_output_year"] = b.first_domestic_output_note;
    if (!b.independence_year) notes["independence_year"] = b.independence_note;
    bool empty_share = false;
    for (const auto& cy : b.years) empty_share = empty_share || !cy.fully_domestic_share;
    if (empty_share) notes["fully_domestic_share"] = "null in a year without demand for " + b.final_product;
    ch["notes"] = notes;
    ch["final_product"] = b.final_product;
    ch["independence_target"] = num(b.independence_target);
    ch["independence_target_year"] = num(b.independence_target_year);
    ch["independence_on_time"] = b.independence_on_time;
    const std::vector<std::size_t> produced = produced_materials(plan, b);
    Json years = Json::array();
    for (const auto& cy : b.years) years.push_back(year_json(plan, tl, cy, produced));
    ch["years"] = years;
    Json imports = Json::array();
    for (const auto& t : b.imports)
        imports.push_back(Json{{"material", t.material}, {"imports_t", num(t.imports_t)}, {"imports_musd", num(t.imports_musd)}});
    ch["imports"] = imports;
    Json dep = Json::array();
    for (const auto& r : b.dependence)
        dep.push_back(Json{{"stage", model::to_string(r.stage)},
                           {"material", r.material},
                           {"first_year", r.first_year},
                           {"last_year", r.last_year},
                           {"imports_t", num(r.imports_t)},
                           {"imports_musd", num(r.imports_musd)},
                           {"unmet_t", num(r.unmet_t)},
                           {"stranded_t", num(r.stranded_t)},
                           {"stranded_capex_musd_peak", num(r.stranded_capex_musd_peak)}});
    ch["dependence"] = dep;
    ch["unproduced_critical_inputs"] = b.unproduced_critical_inputs;
    ch["diagnostics"] = timeline_diagnostics(plan, tl);
    Json sched = Json::array();
    for (std::size_t p = 0; p < plan.plants.size() && p < b.times.size(); ++p) {
        const auto& t = b.times[p];
        sched.push_back(Json{{"plant", plan.plants[p].id},
                             {"stage", model::to_string(plan.plants[p].stage)},
                             {"permitting_start_year", num(t.permitting_start)},
                             {"construction_start_year", num(t.construction_start)},
                             {"commissioning_start_year", num(t.commissioning_start)},
                             {"operation_start_year", num(t.operation_start)},
                             {"nameplate_year", num(t.nameplate)},
                             {"end_of_life_year", num(t.end_of_life)}});
    }
    ch["plants"] = sched;
    ch["critical_path"] = schedule_json(plan, tl);
    ch["delay_effects"] = delay_json(plan, tl);
    ch["deployment"] = deployment_json(tl);
    j["chain"] = ch;
    return j.dump(2) + "\n";
}

}  // namespace reeplan::report
