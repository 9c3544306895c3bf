#include "cli/commands.hpp"
#include "io/digest.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "policy/policy.hpp"
#include "report/policy_report.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace reeplan::cli {

namespace {

struct PremiumArgs {
    std::string file;
    std::string format = "table";
    std::string output;
    std::string scenario;
    std::vector<std::string> sets;
    std::uint64_t seed = 1;
    std::size_t paths = policy::kSamplePaths;
    std::optional<double> volatility;
};

}  // namespace

Runner add_premium(CLI::App& app) {
    auto a = std::make_shared<PremiumArgs>();
    CLI::App* sub = app.add_subcommand(
        "premium", "The policy-risk premium on the cost of capital, its attribution to the risks and the investment hurdle");
    sub->add_option("FILE", a->file, "Input file (TOML, input format version 1)")->required();
    sub->add_option("-f,--format", a->format, "Report format")
        ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
        ->capture_default_str();
    sub->add_option("-o,--output", a->output, "Write the report to FILE (atomically) instead of stdout");
    sub->add_option("-s,--scenario", a->scenario, "Apply the [[scenario]] with this id");
    sub->add_option("--set", a->sets, "Override one number: PATH=VALUE (repeatable), e.g. plant.sep-1.capex_musd=900");
    sub->add_option("--seed", a->seed, "Seed of every sampled draw (a plant whose outcomes are too many to enumerate)")
        ->capture_default_str();
    sub->add_option("--paths", a->paths, "Paths sampled when a plant's outcomes are too many to enumerate")
        ->check(CLI::Range(std::size_t{2}, std::size_t{10000000}))
        ->capture_default_str();
    sub->add_option("--volatility", a->volatility, "Volatility of project value for the investment hurdle (default 0.35)")
        ->check(CLI::Range(1e-6, 5.0));
    return [a]() {
        model::Plan plan = io::load_plan(a->file);
        if (!a->scenario.empty()) io::apply_scenario(plan, a->scenario);
        if (!a->sets.empty()) io::apply_sets(plan, a->sets);
        policy::PolicyOptions opt;
        opt.seed = a->seed;
        opt.sample_paths = a->paths;
        opt.value_volatility = a->volatility;
        const policy::PolicyResult result = policy::compute_policy(plan, opt);
        const std::string scenario = a->scenario.empty() ? "base" : a->scenario;
        report::RunInfo info{a->file, io::file_sha256(a->file), plan.project.name, scenario, a->sets};
        write_output(a->output, report::render_premium(result, info, a->format, a->output.empty() && stdout_wants_color()));
        return Ok;
    };
}

}  // namespace reeplan::cli
