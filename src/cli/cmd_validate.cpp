#include "cli/commands.hpp"
#include "cli/sim_common.hpp"
#include "io/reader.hpp"
#include "model/error.hpp"

#include <fmt/format.h>

#include <memory>

namespace reeplan::cli {

Runner add_validate(CLI::App& app) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto quiet = std::make_shared<bool>(false);
    CLI::App* sub = app.add_subcommand("validate", "Check input files without computing; report every problem");
    sub->add_option("FILE", *files, "Input files")->required();
    sub->add_flag("-q,--quiet", *quiet, "Print nothing when a file is valid");
    return [files, quiet]() {
        int status = Ok;
        for (const auto& f : *files) {
            try {
                model::Plan plan = io::load_plan(f);
                check_simulation_setup(plan, false);
                if (!*quiet)
                    fmt::print("{}: ok ({} plants, {} materials, {} supports, {} risks, {} scenarios)\n", f,
                               plan.plants.size(), plan.materials.size(), plan.supports.size(), plan.risks.size(),
                               plan.scenarios.size());
            } catch (const model::InputError& e) {
                for (const auto& d : e.diagnostics()) fmt::print(stderr, "reeplan: error: {}\n", d.format());
                status = BadInput;
            }
        }
        return status;
    };
}

}  // namespace reeplan::cli
