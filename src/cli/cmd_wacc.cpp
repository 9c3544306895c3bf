#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "policy/policy.hpp"
#include "report/wacc_report.hpp"

#include <memory>

namespace reeplan::cli {

namespace {

struct WaccArgs {
    std::string file;
    std::string format = "table";
    std::string output;
    std::string scenario;
    std::vector<std::string> sets;
};

}  // namespace

Runner add_wacc(CLI::App& app) {
    auto a = std::make_shared<WaccArgs>();
    CLI::App* sub = app.add_subcommand(
        "wacc", "Each plant's cost of capital step by step, from the risk-free rate to the WACC and WACC + policy premium");
    sub->add_option("FILE", a->file, "Input file (TOML, input format version 1)")->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-s,--scenario", a->scenario, "Apply the [[scenario]] with this id");
    sub->add_option("--set", a->sets, "Override one number: PATH=VALUE (repeatable), e.g. plant.sep-1.capex_musd=900");
    return [a]() {
        model::Plan plan = io::load_plan(a->file);
        if (!a->scenario.empty()) io::apply_scenario(plan, a->scenario);
        if (!a->sets.empty()) io::apply_sets(plan, a->sets);
        finance::PlanResult result = finance::compute_plan(plan);
        result.scenario = a->scenario.empty() ? "base" : a->scenario;
        const policy::PolicyResult premia = policy::compute_policy(plan);
        report::RunInfo info{a->file, io::file_sha256(a->file), plan.project.name, result.scenario, a->sets};
        write_output(a->output, report::render_wacc(result, premia, plan, info, a->format,
                                                    a->output.empty() && stdout_wants_color()));
        warn(result.warnings);
        return Ok;
    };
}

}  // namespace reeplan::cli
