// reeplan: command-line capital planning for the rare-earth magnet supply chain.

#include "cli/commands.hpp"
#include "io/spellcheck.hpp"
#include "model/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <exception>
#include <map>

namespace {

void print_error(const std::string& what) { fmt::print(stderr, "reeplan: error: {}\n", what); }

}  // namespace

int main(int argc, char** argv) {
    using namespace reeplan;
    CLI::App app{"reeplan — capital planning for the rare-earth magnet supply chain", "reeplan"};
    app.set_version_flag("-V,--version", std::string("reeplan ") + REEPLAN_VERSION);
    app.require_subcommand(1);
    std::map<std::string, cli::Runner> runners;
    runners["plan"] = cli::add_plan(app);
    runners["validate"] = cli::add_validate(app);
    runners["init"] = cli::add_init(app);
    runners["compare"] = cli::add_compare(app);
    runners["timeline"] = cli::add_timeline(app);
    runners["wacc"] = cli::add_wacc(app);
    runners["premium"] = cli::add_premium(app);
    runners["simulate"] = cli::add_simulate(app);
    runners["merge"] = cli::add_merge(app);
    runners["sensitivity"] = cli::add_sensitivity(app);
    runners["solve"] = cli::add_solve(app);

    // A mistyped subcommand gets a suggestion (ninja-style spellcheck).
    if (argc > 1 && argv[1][0] != '-' && runners.find(argv[1]) == runners.end()) {
        std::vector<std::string> names;
        for (const auto& [name, run] : runners) names.push_back(name);
        std::string msg = fmt::format("unknown command \"{}\"", argv[1]);
        if (auto near = io::closest(argv[1], names)) msg += fmt::format("; did you mean \"{}\"?", *near);
        else msg += fmt::format("; expected one of: {}", fmt::join(names, ", "));
        print_error(msg);
        return cli::Usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(e.what());
        fmt::print(stderr, "Run with --help for more information.\n");
        return cli::Usage;
    }
    try {
        for (auto* sub : app.get_subcommands()) return runners.at(sub->get_name())();
        return cli::Usage;
    } catch (const model::InputError& e) {
        for (const auto& d : e.diagnostics()) print_error(d.format());
        return cli::BadInput;
    } catch (const model::UsageError& e) {
        print_error(e.what());
        return cli::Usage;
    } catch (const std::exception& e) {
        print_error(e.what());
        return cli::Failure;
    }
}
