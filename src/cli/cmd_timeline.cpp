#include "chain/balance.hpp"
#include "chain/delay.hpp"
#include "cli/commands.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "report/timeline.hpp"

#include <memory>

namespace reeplan::cli {

namespace {

struct TimelineArgs {
    std::string file;
    std::string format = "table";
    std::string output;
    std::string scenario;
    std::vector<std::string> sets;
};

}  // namespace

Runner add_timeline(CLI::App& app) {
    auto a = std::make_shared<TimelineArgs>();
    CLI::App* sub = app.add_subcommand(
        "timeline", "Build-out schedule, critical path, chain coverage by year, delay economics and capital deployment");
    sub->add_option("FILE", a->file, "Input file (TOML, input format version 1)")->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "svg", "markdown", "json", "csv"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-s,--scenario", a->scenario, "Apply the [[scenario]] with this id");
    sub->add_option("--set", a->sets, "Override one number: PATH=VALUE (repeatable), e.g. plant.sep-1.capex_musd=900");
    return [a]() {
        model::Plan plan = io::load_plan(a->file);
        if (!a->scenario.empty()) io::apply_scenario(plan, a->scenario);
        if (!a->sets.empty()) io::apply_sets(plan, a->sets);
        const double target_year = plan.project.independence_target_year;
        report::ChainTimeline tl{chain::balance_chain(plan, target_year), chain::delay_effects(plan, target_year, 1.0),
                                 chain::capital_deployment(plan)};
        report::RunInfo info{a->file, io::file_sha256(a->file), plan.project.name,
                             a->scenario.empty() ? "base" : a->scenario, a->sets};
        std::string text;
        if (a->format == "json") text = report::render_timeline_json(plan, tl, info);
        else if (a->format == "csv") text = report::render_timeline_csv(plan, tl, info);
        else if (a->format == "svg") text = report::render_timeline_svg(plan, tl, info);
        else if (a->format == "markdown") text = report::render_timeline_markdown(plan, tl, info);
        else text = report::render_timeline_table(plan, tl, info, {a->output.empty() && stdout_wants_color(), false});
        write_output(a->output, text);
        return Ok;
    };
}

}  // namespace reeplan::cli
