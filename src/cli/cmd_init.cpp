#include "cli/commands.hpp"
#include "io/init_template.hpp"
#include "model/error.hpp"

#include <sys/stat.h>

#include <memory>

namespace reeplan::cli {

namespace {
struct InitArgs {
    std::string output;
    int base_year = 2026;
    bool force = false;
};
}  // namespace

Runner add_init(CLI::App& app) {
    auto a = std::make_shared<InitArgs>();
    CLI::App* sub = app.add_subcommand("init", "Write a commented input file with every key at its default");
    sub->add_option("FILE", a->output, "Where to write it (default: stdout)");
    sub->add_option("--base-year", a->base_year, "The project's base year")->capture_default_str()->check(CLI::Range(1900, 2200));
    sub->add_flag("--force", a->force, "Overwrite FILE if it exists");
    return [a]() {
        struct stat st {};
        if (!a->output.empty() && a->output != "-" && !a->force && ::stat(a->output.c_str(), &st) == 0)
            throw model::UsageError(a->output + ": exists; use --force to overwrite");
        write_output(a->output, io::init_template(a->base_year));
        return Ok;
    };
}

}  // namespace reeplan::cli
