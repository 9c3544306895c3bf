#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "policy/policy.hpp"
#include "report/render.hpp"

#include <memory>

namespace reeplan::cli {

namespace {

struct PlanArgs {
    std::string file;
    std::string format = "table";
    std::string output;
    std::string scenario;
    std::vector<std::string> sets;
    bool years = false;
    bool policy = false;
};

}  // namespace

Runner add_plan(CLI::App& app) {
    auto a = std::make_shared<PlanArgs>();
    CLI::App* sub = app.add_subcommand("plan", "Compute the financial plan of every plant and the chain totals");
    sub->add_option("FILE", a->file, "Input file (TOML, input format version 1)")->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-s,--scenario", a->scenario, "Apply the [[scenario]] with this id");
    sub->add_option("--set", a->sets, "Override one number: PATH=VALUE (repeatable), e.g. plant.sep-1.capex_musd=900");
    sub->add_flag("-y,--years", a->years, "Table format: add every plant's annual statements");
    sub->add_flag("-p,--policy", a->policy,
                  "Also compute the policy-risk premia: WACC + π in the table, the policy block in JSON");
    return [a]() {
        model::Plan plan = io::load_plan(a->file);
        if (!a->scenario.empty()) io::apply_scenario(plan, a->scenario);
        if (!a->sets.empty()) io::apply_sets(plan, a->sets);
        finance::PlanResult result = finance::compute_plan(plan);
        result.scenario = a->scenario.empty() ? "base" : a->scenario;
        report::RunInfo info{a->file, io::file_sha256(a->file), plan.project.name, result.scenario, a->sets};
        std::optional<policy::PolicyResult> pol;
        if (a->policy) pol = policy::compute_policy(plan);
        const policy::PolicyResult* p = pol ? &*pol : nullptr;
        std::string text;
        if (a->format == "json") text = report::render_json(result, info, p);
        else if (a->format == "csv") text = report::render_csv(result, info);
        else text = report::render_table(result, info, {a->output.empty() && stdout_wants_color(), a->years}, p);
        write_output(a->output, text);
        warn(result.warnings);
        return Ok;
    };
}

}  // namespace reeplan::cli
