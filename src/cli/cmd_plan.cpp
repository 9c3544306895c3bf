#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "policy/policy.hpp"
#include "report/render.hpp"

#include <memory>

namespace reeplan::cli {

namespace {

struct PlanArgs : RunArgs {
    bool years = false;
    bool policy = false;
};

}  // namespace

Runner add_plan(CLI::App& app) {
    auto a = std::make_shared<PlanArgs>();
    CLI::App* sub = app.add_subcommand("plan", "Compute the financial plan of every plant and the chain totals");
    add_run_options(sub, *a, {"table", "json", "csv"});
    sub->add_flag("-y,--years", a->years, "Table format: add every plant's annual statements");
    sub->add_flag("-p,--policy", a->policy,
                  "Also compute the policy-risk premia: WACC + π in the table, the policy block in JSON");
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        finance::PlanResult result = finance::compute_plan(plan);
        result.scenario = a->scenario_name();
        const report::RunInfo info = run_info(*a, plan);
        std::optional<policy::PolicyResult> pol;
        if (a->policy) pol = policy::compute_policy(plan);
        const policy::PolicyResult* p = pol ? &*pol : nullptr;
        std::string text;
        if (a->format == "json") text = report::render_json(result, info, p);
        else if (a->format == "csv") text = report::render_csv(result, info);
        else text = report::render_table(result, info, {a->color(), a->years}, p);
        write_output(a->output, text);
        warn(result.warnings);
        return Ok;
    };
}

}  // namespace reeplan::cli
