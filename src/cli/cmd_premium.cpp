#include "cli/commands.hpp"
#include "policy/policy.hpp"
#include "report/policy_report.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace reeplan::cli {

namespace {

struct PremiumArgs : RunArgs {
    std::uint64_t seed = 1;
    std::size_t paths = policy::kSamplePaths;
    std::optional<double> volatility;
};

}  // namespace

Runner add_premium(CLI::App& app) {
    auto a = std::make_shared<PremiumArgs>();
    CLI::App* sub = app.add_subcommand(
        "premium", "The policy-risk premium on the cost of capital, its attribution to the risks and the investment hurdle");
    add_run_options(sub, *a, {"table", "json", "csv", "markdown"});
    sub->add_option("--seed", a->seed, "Seed of every sampled draw (a plant whose outcomes are too many to enumerate)")
        ->capture_default_str();
    sub->add_option("--paths", a->paths, "Paths sampled when a plant's outcomes are too many to enumerate")
        ->check(CLI::Range(std::size_t{2}, std::size_t{10000000}))
        ->capture_default_str();
    sub->add_option("--volatility", a->volatility, "Volatility of project value for the investment hurdle (default 0.35)")
        ->check(CLI::Range(1e-6, 5.0));
    return [a]() {
        const model::Plan plan = load_run_plan(*a);
        policy::PolicyOptions opt;
        opt.seed = a->seed;
        opt.sample_paths = a->paths;
        opt.value_volatility = a->volatility;
        const policy::PolicyResult result = policy::compute_policy(plan, opt);
        write_output(a->output, report::render_premium(result, run_info(*a, plan), a->format, a->color()));
        return Ok;
    };
}

}  // namespace reeplan::cli
