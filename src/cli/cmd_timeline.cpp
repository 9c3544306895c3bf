#include "chain/balance.hpp"
#include "chain/delay.hpp"
#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "report/timeline.hpp"

#include <memory>

namespace reeplan::cli {

namespace {



}  // namespace

Runner add_timeline(CLI::App& app) {
    auto a = std::make_shared<RunArgs>();
    CLI::App* sub = app.add_subcommand(
        "timeline", "Build-out schedule, critical path, chain coverage by year, delay economics and capital deployment");
    add_run_options(sub, *a, {"table", "svg", "markdown", "json", "csv"});
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        const double target_year = plan.project.independence_target_year;
        report::ChainTimeline tl{chain::balance_chain(plan, target_year), chain::delay_effects(plan, target_year, 1.0),
                                 chain::capital_deployment(plan), finance::delay_npv_effects(plan, 1.0)};
        const report::RunInfo info = run_info(*a, plan);
        std::string text;
        if (a->format == "json") text = report::render_timeline_json(plan, tl, info);
        else if (a->format == "csv") text = report::render_timeline_csv(plan, tl, info);
        else if (a->format == "svg") text = report::render_timeline_svg(plan, tl, info);
        else if (a->format == "markdown") text = report::render_timeline_markdown(plan, tl, info);
        else text = report::render_timeline_table(plan, tl, info, {a->color(), false});
        write_output(a->output, text);
        return Ok;
    };
}

}  // namespace reeplan::cli
