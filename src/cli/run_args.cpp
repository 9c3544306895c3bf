#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"

namespace reeplan::cli {

void add_run_options(CLI::App* sub, RunArgs& a, const std::vector<std::string>& formats) {
    sub->add_option("FILE", a.file, "Input file (TOML, input format version 1)")->required();
    sub->add_option("-f,--format", a.format, "Report format")->check(CLI::IsMember(formats))->capture_default_str();
    sub->add_option("-o,--output", a.output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-s,--scenario", a.scenario, "Apply the [[scenario]] with this id");
    sub->add_option("--set", a.sets, "Override one number: PATH=VALUE (repeatable), e.g. plant.sep-1.capex_musd=900");
}

void add_sampling_options(CLI::App* sub, SamplingArgs& a, const std::string& seed_help) {
    sub->add_option("--seed", a.seed, seed_help)->capture_default_str();
    sub->add_option("-j,--threads", a.threads, "Threads (default: every core)")->check(CLI::Range(1u, 1024u));
    sub->add_flag("--repair-correlation", a.repair,
                  "Use the nearest valid correlation matrix when the rank correlations are inconsistent");
}

model::Plan load_run_plan(const RunArgs& a) {
    model::Plan plan = io::load_plan(a.file);
    if (!a.scenario.empty()) io::apply_scenario(plan, a.scenario);
    if (!a.sets.empty()) io::apply_sets(plan, a.sets);
    if (!a.checks_correlations) check_simulation_setup(plan, false);
    return plan;
}

report::RunInfo run_info(const RunArgs& a, const model::Plan& plan) {
    return report::RunInfo{a.file, io::file_sha256(a.file), plan.project.name, a.scenario_name(), a.sets};
}

bool RunArgs::color() const { return output.empty() && stdout_wants_color(); }

}  // namespace reeplan::cli
