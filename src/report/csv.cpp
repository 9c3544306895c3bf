#include "report/detail/csv_writer.hpp"
#include "report/render.hpp"

#include <fmt/format.h>

#include <cmath>

namespace reeplan::report {

namespace {

using Writer = detail::CsvWriter;

}  // namespace

std::string render_csv(const finance::PlanResult& plan, const RunInfo&) {
    Writer w;
    w.out = "plant,year,metric,value\n";
    for (const auto& p : plan.plants) {
        const auto& m = p.metrics;
        w.row(p.id, "", "capex_musd", p.capex_musd);
        w.row(p.id, "", "wacc", p.cost_of_capital.wacc);
        w.row(p.id, "", "cost_of_equity", p.cost_of_capital.cost_of_equity);
        w.row(p.id, "", "cost_of_debt", p.cost_of_capital.cost_of_debt);
        w.row(p.id, "", "npv_musd", m.npv_musd);
        w.row(p.id, "", "equity_npv_musd", m.equity_npv_musd);
        w.row(p.id, "", "irr", m.irr);
        w.row(p.id, "", "equity_irr", m.equity_irr);
        w.row(p.id, "", "mirr", m.mirr);
        w.row(p.id, "", "lcop_usd_per_kg", m.lcop_usd_per_kg);
        w.row(p.id, "", "lcop_unsupported_usd_per_kg", m.lcop_unsupported_usd_per_kg);
        w.row(p.id, "", "min_dscr", m.min_dscr);
        w.row(p.id, "", "min_dscr_year", m.min_dscr_year);
        w.row(p.id, "", "payback_year", m.payback_year);
        for (const auto& y : p.years) {
            const std::string yr = std::to_string(y.year);
            w.row(p.id, yr, "capex_musd", y.capex_musd);
            w.row(p.id, yr, "production_t", y.production_t);
            w.row(p.id, yr, "revenue_musd", y.revenue_musd);
            w.row(p.id, yr, "operating_cost_musd", y.operating_cost_musd);
            w.row(p.id, yr, "input_cost_musd", y.input_cost_musd);
            w.row(p.id, yr, "ebitda_musd", y.ebitda_musd);
            w.row(p.id, yr, "depreciation_musd", y.depreciation_musd);
            w.row(p.id, yr, "interest_musd", y.interest_musd);
            w.row(p.id, yr, "tax_musd", y.tax_musd);
            w.row(p.id, yr, "tax_credit_musd", y.tax_credit_musd);
            w.row(p.id, yr, "support_musd", y.support_musd);
            w.row(p.id, yr, "working_capital_change_musd", y.working_capital_change_musd);
            w.row(p.id, yr, "fcff_musd", y.fcff_musd);
            w.row(p.id, yr, "fcfe_musd", y.fcfe_musd);
            w.row(p.id, yr, "debt_balance_musd", y.debt_balance_musd);
            w.row(p.id, yr, "dscr", y.dscr);
        }
    }
    w.row("chain", "", "capex_musd", plan.chain.capex_musd);
    w.row("chain", "", "npv_musd", plan.chain.npv_musd);
    for (const auto& y : plan.chain.years) {
        const std::string yr = std::to_string(y.year);
        w.row("chain", yr, "capex_musd", y.capex_musd);
        for (const auto& [stage, v] : y.capex_by_stage_musd)
            w.row("chain", yr, ("capex_" + stage + "_musd").c_str(), v);
        for (const auto& [mat, v] : y.production_t) w.row("chain", yr, ("production_" + mat + "_t").c_str(), v);
    }
    return w.out;
}

}  // namespace reeplan::report
