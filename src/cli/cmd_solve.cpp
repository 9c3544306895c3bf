#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "model/error.hpp"
#include "report/sim_report.hpp"
#include "sim/goal_seek.hpp"

#include <fmt/format.h>

#include <memory>

namespace reeplan::cli {

namespace {

struct SolveArgs : RunArgs {
    std::string vary;
    std::string target;
};

}  // namespace

Runner add_solve(CLI::App& app) {
    auto a = std::make_shared<SolveArgs>();
    CLI::App* sub = app.add_subcommand("solve", "Goal seek: the value of one parameter at which a metric meets a target");
    add_run_options(sub, *a, {"table", "json"});
    sub->add_option("--vary", a->vary, "PATH=LO:HI, the parameter and the range to search (PATH alone: a default range)")
        ->required();
    sub->add_option("--target", a->target, "METRIC=VALUE, e.g. plant.sep-1.irr=0.12 or chain.npv_musd=0")->required();
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        const std::size_t eq = a->target.rfind('=');
        if (eq == std::string::npos || eq == 0)
            throw model::UsageError(fmt::format("--target: \"{}\" is not METRIC=VALUE, e.g. chain.npv_musd=0", a->target));
        sim::SolveOptions o;
        o.metric = a->target.substr(0, eq);
        check_metric(plan, o.metric, "--target");
        o.target = parse_number(a->target.substr(eq + 1), "--target " + o.metric);
        const sim::VaryRange r = parse_vary(plan, a->vary, "--vary");
        o.param = r.param;
        o.lo = r.lo;
        o.hi = r.hi;
        const sim::SolveResult result = sim::solve(plan, o);
        const report::RunInfo info = run_info(*a, plan);
        write_output(a->output, a->format == "json" ? report::render_solve_json(result, info)
                                                    : report::render_solve_table(result, info,
                                                                                 report::TableOptions{a->color(), false}));
        return result.root ? Ok : Failure;
    };
}

}  // namespace reeplan::cli
