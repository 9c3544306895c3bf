#include "cli/commands.hpp"
#include "finance/plan_finance.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "report/compare.hpp"

#include <memory>

namespace reeplan::cli {

namespace {
struct CompareArgs {
    std::string file;
    std::vector<std::string> scenarios;
    std::string format = "table";
    std::string output;
};
}  // namespace

Runner add_compare(CLI::App& app) {
    auto a = std::make_shared<CompareArgs>();
    CLI::App* sub = app.add_subcommand("compare", "Key metrics of several scenarios side by side, with deltas");
    sub->add_option("FILE", a->file, "Input file")->required();
    sub->add_option("-s,--scenario", a->scenarios, "A scenario id, or \"base\" (repeat; the first is the reference)")
        ->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    return [a]() {
        const model::Plan base = io::load_plan(a->file);
        std::vector<finance::PlanResult> runs;
        for (const auto& id : a->scenarios) {
            model::Plan plan = base;
            if (id != "base") io::apply_scenario(plan, id);
            runs.push_back(finance::compute_plan(plan));
            runs.back().scenario = id;
        }
        report::RunInfo info{a->file, io::file_sha256(a->file), base.project.name, "", {}};
        write_output(a->output, report::render_compare(runs, info, a->format));
        return Ok;
    };
}

}  // namespace reeplan::cli
