#include "io/init_template.hpp"
#include "io/overlay.hpp"
#include "io/ranges.hpp"
#include "io/reader.hpp"
#include "model/params.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace reeplan;
using Catch::Matchers::Contains;

namespace {

std::string source_dir() { return REEPLAN_SOURCE_DIR; }

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

model::Plan complete() { return io::load_plan(source_dir() + "/tests/io/complete.toml"); }

const model::Support& support(const model::Plan& plan, const std::string& id) {
    for (const auto& s : plan.supports)
        if (s.id == id) return s;
    FAIL("no support " << id);
    throw;
}

/// The diagnostics of parsing `text`, formatted; empty when it parses.
std::vector<std::string> problems(const std::string& text) {
    try {
        io::parse_plan(text, "t.toml");
    } catch (const model::InputError& e) {
        std::vector<std::string> out;
        for (const auto& d : e.diagnostics()) out.push_back(d.format());
        return out;
    }
    return {};
}

const char* minimal = R"(format = 1
[project]
base_year = 2026
[materials.ore]
[materials.oxide]
[[plant]]
id = "sep-1"
output = "oxide"
capacity_tpy = 1000
inputs = { ore = 5 }
capex_musd = 100
)";

}  // namespace

TEST_CASE("a complete file fills every table", "[io][reader]") {
    const model::Plan plan = complete();
    CHECK(plan.format == 1);
    CHECK(plan.project.name == "US integrated NdFeB chain");
    CHECK(plan.project.base_year == 2026);
    CHECK(plan.project.end_year == 2055);
    CHECK(plan.project.timing == model::Timing::MidYear);
    CHECK(plan.project.final_product == "ndfeb_magnet");  // the one fabrication output
    CHECK(plan.finance.tax_rate == 0.21);
    CHECK(plan.finance.losses == model::Losses::Monetized);
    CHECK(plan.finance.beta_method == model::BetaMethod::HarrisPringle);
    CHECK(plan.finance.debt_beta == 0.1);

    REQUIRE(plan.materials.size() == 4);
    CHECK(plan.materials[0].id == "mixed_concentrate");  // in file order, not sorted
    CHECK(plan.materials[1].id == "ndpr_oxide");
    CHECK(plan.materials[2].id == "ndfeb_alloy");
    const model::Material* oxide = plan.material("ndpr_oxide");
    REQUIRE(oxide);
    CHECK(oxide->name == "NdPr oxide");
    REQUIRE(oxide->market_price_usd_per_kg.points.size() == 2);  // sorted by year
    CHECK(oxide->market_price_usd_per_kg.points[0] == std::pair<double, double>(2026, 62));
    CHECK(oxide->market_price_usd_per_kg.points[1] == std::pair<double, double>(2030, 90));
    CHECK(oxide->market_price_usd_per_kg.at(2028) == Approx(76));
    CHECK(plan.material("mixed_concentrate")->name == "mixed_concentrate");
    CHECK(plan.material("ndfeb_magnet")->demand_tpy.at(2035) == 15000);

    REQUIRE(plan.plants.size() == 3);
    const model::Plant& sep = plan.plants[0];
    CHECK(sep.id == "sep-1");
    CHECK(sep.stage == model::Stage::Refining);
    CHECK(sep.capacity_tpy == 6000);
    CHECK(sep.inputs.at("mixed_concentrate") == 6.4);
    CHECK(sep.capex_profile == std::vector<double>{0.3, 0.5, 0.2});
    CHECK(sep.depreciation.kind == model::DepreciationKind::Macrs);
    CHECK(sep.depreciation.years == 7);
    CHECK(sep.unlevered_beta == 1.01);
    CHECK(sep.schedule.earliest_start_year == 2026.5);
    CHECK(sep.schedule.construction_years == 2.5);
    CHECK(sep.schedule.ramp.shape == model::RampShape::SCurve);
    CHECK(sep.schedule.ramp.start == 0.25);
    CHECK(sep.financing.debt_sizing == model::DebtSizing::Dscr);
    CHECK(sep.financing.repayment == model::Repayment::LevelPrincipal);
    CHECK_FALSE(sep.financing.synthetic_cost_of_debt);

    const model::Plant& alloy = plan.plants[1];
    CHECK(alloy.name == "alloy-1");
    CHECK(alloy.depreciation.kind == model::DepreciationKind::StraightLine);
    CHECK(alloy.depreciation.years == 15);
    CHECK(alloy.schedule.ramp.shape == model::RampShape::Table);
    CHECK(alloy.schedule.ramp.table == std::vector<double>{0.2, 0.5, 0.8});
    REQUIRE(alloy.schedule.after.size() == 1);
    CHECK(alloy.schedule.after[0].plant == "sep-1");
    CHECK(alloy.schedule.after[0].phase == "construction");
    CHECK(alloy.schedule.after[0].lag_years == 0.5);
    CHECK(alloy.financing.synthetic_cost_of_debt);

    const model::Plant& mag = plan.plants[2];
    CHECK(mag.depreciation.kind == model::DepreciationKind::None);
    CHECK(mag.schedule.ramp.shape == model::RampShape::Linear);
    REQUIRE(mag.schedule.after.size() == 2);
    CHECK(mag.schedule.after[1].phase == "ramp");
    CHECK(mag.schedule.after[1].lag_years == 0.0);

    REQUIRE(plan.supports.size() == 10);
    const auto& floor = support(plan, "dod-floor");
    CHECK(floor.kind == model::SupportKind::PriceFloor);
    CHECK(floor.plants == std::vector<std::string>{"sep-1"});
    CHECK(floor.end_year == 2036);
    CHECK(floor.floor_usd_per_kg == 110);
    CHECK(floor.upside_share == 0.3);
    CHECK(support(plan, "dod-offtake").price_usd_per_kg == 100.0);
    CHECK_FALSE(support(plan, "dod-offtake").cost_plus_margin);
    CHECK(support(plan, "magnet-offtake").cost_plus_margin == 0.1);
    CHECK(support(plan, "oxide-tariff").material == "ndpr_oxide");
    CHECK(support(plan, "oxide-tariff").rate == 0.25);
    const auto& credit = support(plan, "45x");
    CHECK(credit.has_rate);
    CHECK(credit.transferable);
    CHECK(credit.phase_out.at(2032) == Approx(0.5));
    CHECK(support(plan, "per-kg-credit").basis == model::CreditBasis::PerKg);
    CHECK(support(plan, "per-kg-credit").usd_per_kg == 20);
    CHECK_FALSE(support(plan, "doe-grant").taxable);
    CHECK(support(plan, "doe-grant").reduces_basis);
    CHECK(support(plan, "doe-grant").year == 2026);
    CHECK_FALSE(support(plan, "doe-loan").has_rate);
    CHECK(support(plan, "doe-loan").spread_over_risk_free == 0.00375);
    CHECK(support(plan, "doe-loan").grace_years == 3);
    CHECK(support(plan, "guarantee").share == 0.8);
    CHECK(support(plan, "dod-equity").year == 2027);
    CHECK(support(plan, "dod-equity").required_return == 0.05);

    REQUIRE(plan.risks.size() == 5);
    const model::Risk& rev = plan.risks[0];
    CHECK(rev.kind == model::RiskKind::Reversal);
    CHECK(rev.has_elections);
    CHECK(rev.elections_first_year == 2028);
    CHECK(rev.elections_every_years == 4);
    CHECK(rev.probability == 0.3);
    CHECK(rev.grandfathered == std::vector<std::string>{"dod-offtake"});
    CHECK_FALSE(plan.risks[1].has_elections);
    CHECK(plan.risks[1].annual_probability == 0.05);
    CHECK(plan.risks[2].kind == model::RiskKind::SupplyRestriction);
    CHECK(plan.risks[2].price_multiplier == 2.5);
    const model::Risk& delay = plan.risks[3];
    CHECK(delay.kind == model::RiskKind::Delay);
    CHECK(delay.delay_years.kind == model::DistKind::Triangular);
    CHECK(delay.delay_years.mode == 1);
    CHECK(plan.risks[4].delay_years.kind == model::DistKind::Fixed);
    CHECK(plan.risks[4].delay_years.value == 0.5);
    CHECK(plan.risks[4].phase == "construction");

    REQUIRE(plan.scenarios.size() == 2);
    CHECK(plan.scenarios[0].description == "The price floor ends after the 2028 election");
    REQUIRE(plan.scenarios[0].set.size() == 2);
    CHECK(plan.scenarios[0].set[0] == std::pair<std::string, double>("support.dod-floor.end_year", 2029));
    CHECK(plan.scenarios[1].set[0].first == "plant.mag-1.schedule.ramp_years");  // dotted keys flattened

    REQUIRE(plan.uncertain.size() == 3);
    CHECK(plan.uncertain[0].param == "plant.sep-1.capex_musd");
    CHECK(plan.uncertain[0].dist.kind == model::DistKind::Pert);
    CHECK(plan.uncertain[0].dist.max == 1100);
    CHECK(plan.uncertain[1].dist.kind == model::DistKind::Lognormal);
    CHECK(plan.uncertain[1].dist.sd == 20);
    CHECK(plan.uncertain[2].dist.probabilities == std::vector<double>{0.25, 0.5, 0.25});

    REQUIRE(plan.correlations.size() == 1);
    CHECK(plan.correlations[0].params.size() == 2);
    CHECK(plan.correlations[0].rank == 0.6);
}

TEST_CASE("positions are recorded for keys and tables", "[io][reader]") {
    const model::Plan plan = complete();
    CHECK(plan.pos("plant.sep-1").line == 41);  // its id
    CHECK(plan.pos("plant.sep-1.capacity_tpy").line == 45);
    CHECK(plan.pos("plant.sep-1.capacity_tpy").column == 16);
    CHECK(plan.pos("project.base_year").line == 6);
    CHECK(plan.pos("plant.sep-1.schedule.ramp.start").line == 63);
    CHECK(plan.pos("materials.ndpr_oxide.market_price_usd_per_kg.2030").line == 29);
    CHECK(plan.pos("plant.nowhere").line == 0);
}

TEST_CASE("defaults follow the format", "[io][reader]") {
    const model::Plan plan = io::parse_plan(minimal, "t.toml");
    CHECK(plan.project.end_year == 2056);
    CHECK(plan.project.timing == model::Timing::EndYear);
    CHECK(plan.project.final_product == "oxide");  // no fabrication plant: the last plant's output
    CHECK(plan.finance.tax_rate == 0.25);
    CHECK(plan.material("ore")->critical);
    CHECK(plan.material("ore")->import_available.at(2030) == 1.0);
    const model::Plant& p = plan.plants.at(0);
    CHECK(p.name == "sep-1");
    CHECK(p.stage == model::Stage::Refining);
    CHECK(p.life_years == 25);
    CHECK(p.depreciation.kind == model::DepreciationKind::Macrs);
    CHECK(p.schedule.earliest_start_year == 2026);
    CHECK(p.schedule.ramp.shape == model::RampShape::SCurve);
    CHECK(p.financing.tenor_years == 12);

    const model::Plan with_support = io::parse_plan(std::string(minimal) + R"(
[[support]]
id = "g"
kind = "grant"
plants = ["sep-1"]
amount_musd = 10
)",
                                                    "t.toml");
    const model::Support& g = with_support.supports.at(0);
    CHECK(g.start_year == 2026);
    CHECK(g.end_year == 1e9);
    CHECK(g.year == 2026);
    CHECK(g.taxable);
}

TEST_CASE("integers are accepted where numbers are expected", "[io][reader]") {
    const model::Plan plan = io::parse_plan(minimal, "t.toml");
    CHECK(plan.plants.at(0).capacity_tpy == 1000.0);
}

TEST_CASE("a scenario overlay changes values and points messages at the scenario", "[io][reader]") {
    model::Plan plan = complete();
    io::apply_scenario(plan, "floor-ends-2029");
    CHECK(support(plan, "dod-floor").end_year == 2029);
    CHECK(plan.plants[0].capex_musd == 900);
    CHECK(plan.pos("plant.sep-1.capex_musd").line == plan.pos("scenario.floor-ends-2029.set").line);

    model::Plan slow = complete();
    io::apply_scenario(slow, "slow-ramp");
    CHECK(slow.plants[2].schedule.ramp.years == 4);

    model::Plan other = complete();
    try {
        io::apply_scenario(other, "floor-end-2029");
        FAIL("expected an error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].format() ==
              "command line: --scenario: unknown scenario \"floor-end-2029\"; did you mean \"floor-ends-2029\"?");
    }
}

TEST_CASE("command-line assignments change values and report every problem", "[io][reader]") {
    model::Plan plan = complete();
    io::apply_sets(plan, {"plant.sep-1.capacity_tpy=7000", "materials.ndpr_oxide.market_price_usd_per_kg = 80"});
    CHECK(plan.plants[0].capacity_tpy == 7000);
    CHECK(plan.material("ndpr_oxide")->market_price_usd_per_kg.is_constant());
    CHECK(plan.material("ndpr_oxide")->market_price_usd_per_kg.at(2030) == 80);

    model::Plan bad = complete();
    try {
        io::apply_sets(bad, {"plant.sep-1.capacity=1", "finance.tax_rate=high", "nonsense"});
        FAIL("expected an error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 3);
        CHECK(e.diagnostics()[0].format() ==
              "command line: --set: unknown parameter \"plant.sep-1.capacity\"; did you mean "
              "\"plant.sep-1.capacity_tpy\"?");
        CHECK(e.diagnostics()[1].format() == "command line: --set: value of \"finance.tax_rate\" must be a number, got \"high\"");
        CHECK(e.diagnostics()[2].format() == "command line: --set: bad assignment \"nonsense\"; expected parameter.path=number");
    }

    model::Plan range = complete();
    try {
        io::apply_sets(range, {"finance.tax_rate=1.5"});
        FAIL("expected an error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].format() == "command line: finance.tax_rate: must be in [0, 1], got 1.5");
    }
}

TEST_CASE("check_ranges is empty for a valid plan and finds overlaid values", "[io][reader]") {
    model::Plan plan = complete();
    CHECK(io::check_ranges(plan).empty());
    model::resolve_param(plan, "plant.sep-1.life_years").set(0);
    const auto diags = io::check_ranges(plan);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].path == "plant.sep-1.life_years");
    CHECK(diags[0].pos.line == 52);
}

TEST_CASE("init_template parses and holds every default", "[io][reader]") {
    const std::string text = io::init_template(2031);
    const model::Plan plan = io::parse_plan(text, "init.toml");
    CHECK(plan.project.base_year == 2031);
    CHECK(plan.project.end_year == 2061);
    REQUIRE(plan.plants.size() == 1);
    const model::Plant& p = plan.plants[0];
    const model::Plant defaults;
    CHECK(p.life_years == defaults.life_years);
    CHECK(p.working_capital_days == defaults.working_capital_days);
    CHECK(p.financing.cost_of_debt == defaults.financing.cost_of_debt);
    CHECK(p.schedule.ramp.years == defaults.schedule.ramp.years);
    CHECK(p.schedule.earliest_start_year == 2031);
    CHECK(plan.supports.empty());
    CHECK(plan.risks.empty());
    CHECK_THAT(text, Contains("# kind = \"loan_guarantee\""));

    // Uncommenting every example gives a valid file too.
    std::string all;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const bool example = line.rfind("# ", 0) == 0 && line.size() > 2 &&
                             ((line[2] >= 'a' && line[2] <= 'z' && line.find(" = ") != std::string::npos) || line[2] == '[');
        if (example) line = line.substr(2);
        all += line + "\n";
    }
    CHECK(problems(all).empty());
    const model::Plan full = io::parse_plan(all, "init.toml");
    CHECK(full.supports.size() == 8);
    CHECK(full.risks.size() == 3);
    CHECK(full.scenarios.size() == 1);
    CHECK(full.uncertain.size() == 2);
    CHECK(full.correlations.size() == 1);
}

TEST_CASE("an unreadable file names the path and the reason", "[io][reader]") {
    try {
        io::load_plan("/nonexistent/chain.toml");
        FAIL("expected an error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].format() == "/nonexistent/chain.toml: cannot read the file: No such file or directory");
    }
    try {
        io::load_plan(source_dir() + "/tests");
        FAIL("expected an error");
    } catch (const model::InputError& e) {
        CHECK_THAT(e.diagnostics()[0].format(), Contains("Is a directory"));
    }
}

TEST_CASE("bundled inputs read as text parse the same as loaded", "[io][reader]") {
    const std::string path = source_dir() + "/tests/io/complete.toml";
    const model::Plan a = io::parse_plan(read_text(path), path);
    const model::Plan b = io::load_plan(path);
    CHECK(a.plants.size() == b.plants.size());
    REQUIRE(a.where.size() == b.where.size());
    for (const auto& [key, pos] : a.where) {
        INFO(key);
        CHECK(b.pos(key).line == pos.line);
        CHECK(b.pos(key).column == pos.column);
    }
}
