#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "policy/policy.hpp"
#include "report/wacc_report.hpp"

#include <memory>

namespace reeplan::cli {

Runner add_wacc(CLI::App& app) {
    auto a = std::make_shared<RunArgs>();
    CLI::App* sub = app.add_subcommand(
        "wacc", "Each plant's cost of capital step by step, from the risk-free rate to the WACC and WACC + policy premium");
    add_run_options(sub, *a, {"table", "json", "csv", "markdown"});
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        finance::PlanResult result = finance::compute_plan(plan);
        result.scenario = a->scenario_name();
        const policy::PolicyResult premia = policy::compute_policy(plan);
        write_output(a->output, report::render_wacc(result, premia, plan, run_info(*a, plan), a->format, a->color()));
        warn(result.warnings);
        return Ok;
    };
}

}  // namespace reeplan::cli
