// `reeplan timeline --format csv`: long format, entity,year,metric,value.

#include "report/detail/csv_writer.hpp"
#include "report/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report {

namespace {

using namespace timeline_detail;

using Writer = detail::CsvWriter;

}  // namespace

std::string render_timeline_csv(const model::Plan& plan, const ChainTimeline& tl, const RunInfo&) {
    const chain::ChainBalance& b = tl.balance;
    Writer w;
    w.out = "entity,year,metric,value\n";
    // chain-level
    w.row("chain", "", "first_domestic_output_year", b.first_domestic_output_year);
    w.row("chain", "", "independence_year", b.independence_year);
    w.row("chain", "", "independence_target", b.independence_target);
    w.row("chain", "", "independence_target_year", b.independence_target_year);
    w.row("chain", "", "independence_on_time", b.independence_on_time ? 1.0 : 0.0);
    w.row("chain", "", "capex_musd", tl.deployment.total_musd);
    w.row("chain", "", "capex_after_end_musd", tl.deployment.after_end_musd);
    w.row("chain", "", "peak_capex_musd", tl.deployment.peak_musd);
    w.row("chain", "", "peak_capex_year", tl.deployment.peak_year);
    // schedule activities and their delay effects
    const timeline::ActivityNetwork& net = b.schedule.network;
    const std::vector<bool> crit = critical_activities(tl);
    for (std::size_t i = 0; i < net.activities.size(); ++i) {
        const auto& a = net.activities[i];
        const std::string e = plan.plants[a.plant].id + "." + timeline::to_string(a.phase);
        w.row(e, "", "duration_years", a.duration);
        w.row(e, "", "earliest_start_year", a.earliest_start);
        w.row(e, "", "earliest_finish_year", a.earliest_finish);
        w.row(e, "", "latest_start_year", a.latest_start);
        w.row(e, "", "latest_finish_year", a.latest_finish);
        w.row(e, "", "total_float_years", a.total_float);
        w.row(e, "", "free_float_years", a.free_float);
        w.row(e, "", "critical", crit[i] ? 1.0 : 0.0);
    }
    for (const auto& d : tl.delays.phases) {
        const std::string e = plan.plants[d.plant].id + "." + timeline::to_string(d.phase);
        w.row(e, "", "delay_years", d.delay_years);
        w.row(e, "", "delayed_first_domestic_output_year", d.first_domestic_output_year);
        w.row(e, "", "delayed_first_domestic_shift_years", d.first_domestic_shift_years);
        w.row(e, "", "delayed_independence_year", d.independence_year);
        w.row(e, "", "delayed_independence_shift_years", d.independence_shift_years);
    }
    // by year
    const std::vector<std::size_t> produced = produced_materials(plan, b);
    for (const auto& cy : b.years) {
        const std::string y = std::to_string(cy.year);
        w.row("chain", y, "demand_t", cy.demand_t);
        w.row("chain", y, "domestic_final_t", cy.domestic_final_t);
        w.row("chain", y, "fully_domestic_final_t", cy.fully_domestic_final_t);
        w.row("chain", y, "domestic_share", cy.domestic_share);
        w.row("chain", y, "fully_domestic_share", cy.fully_domestic_share);
        if (cy.bottleneck) w.text("chain", y, "bottleneck_stage", model::to_string(*cy.bottleneck));
        w.row("chain", y, "imports_musd", cy.imports_musd);
        w.row("chain", y, "stranded_t", cy.stranded_t);
        w.row("chain", y, "stranded_capex_musd", cy.stranded_capex_musd);
        const chain::DeploymentYear* d = deployment_at(tl.deployment, cy.year);
        w.row("chain", y, "capex_musd", d ? d->capex_musd : 0.0);
        for (std::size_t s = 0; s < chain::stage_count; ++s) {
            const std::string st = model::to_string(chain::stages[s]);
            w.row(st, y, "capex_musd", d ? d->by_stage_musd[s] : 0.0);
            w.row(st, y, "requirement_t", cy.stages[s].requirement_t);
            w.row(st, y, "domestic_t", cy.stages[s].domestic_t);
            w.row(st, y, "coverage", cy.stages[s].coverage);
        }
        for (std::size_t m = 0; m < b.materials.size() && m < cy.materials.size(); ++m) {
            const auto& my = cy.materials[m];
            const bool made = std::find(produced.begin(), produced.end(), m) != produced.end();
            if (made) w.row(b.materials[m], y, "production_t", my.domestic_t);
            if (made) w.row(b.materials[m], y, "fully_domestic_t", my.fully_domestic_t);
            if (my.imports_t > 0 || my.unmet_t > 0) {
                w.row(b.materials[m], y, "imports_t", my.imports_t);
                w.row(b.materials[m], y, "imports_musd", my.imports_musd);
                w.row(b.materials[m], y, "unmet_t", my.unmet_t);
            }
        }
        for (std::size_t p = 0; p < plan.plants.size() && p < cy.plants.size(); ++p) {
            const auto& py = cy.plants[p];
            w.row(plan.plants[p].id, y, "ramped_capacity_t", py.ramped_capacity_t);
            w.row(plan.plants[p].id, y, "production_t", py.production_t);
            w.row(plan.plants[p].id, y, "stranded_capacity_t", py.stranded_t);
            w.row(plan.plants[p].id, y, "stranded_capex_musd", py.stranded_capex_musd);
        }
    }
    // deployment years outside the balance span (capex before base_year)
    for (const auto& d : tl.deployment.years) {
        if (!b.years.empty() && d.year >= b.years.front().year) break;
        w.row("chain", std::to_string(d.year), "capex_musd", d.capex_musd);
    }
    return w.out;
}

}  // namespace reeplan::report
