#include "chain/balance.hpp"
#include "chain/delay.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "report/timeline.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace reeplan;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

report::ChainTimeline compute(const model::Plan& plan) {
    const double target = plan.project.independence_target_year;
    return {chain::balance_chain(plan, target), chain::delay_effects(plan, target, 1.0), chain::capital_deployment(plan),
            finance::delay_npv_effects(plan, 1.0)};
}

report::RunInfo info_of(const model::Plan& plan) { return {"configs/us-ndfeb-chain.toml", "0", plan.project.name, "base", {}}; }

/// Display columns of a UTF-8 line without escape codes: one per code point.
std::size_t columns(const std::string& line) {
    return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("decimal years become dates by day-of-year = round(fraction x 365)", "[report][timeline]") {
    CHECK(report::year_to_date(2026.0) == "2026-01-01");
    CHECK(report::year_to_date(2026.25) == "2026-04-02");  // 91 days: 31 + 28 + 31, then the 91st
    CHECK(report::year_to_date(2029.5) == "2029-07-03");   // 182.5 rounds away from zero to 183
    CHECK(report::year_to_date(2028.5) == "2028-07-02");   // leap year: February has 29 days
    CHECK(report::year_to_date(2026.999) == "2027-01-01"); // 364.6 rounds to 365
    CHECK(report::year_to_date(2024.9999) == "2024-12-31");  // leap year: day 365 is 31 December
}

TEST_CASE("the partial build-out is put in words", "[report][timeline]") {
    model::Plan plan = bundled();
    io::apply_scenario(plan, "hree-imports-cut");
    const auto lines = report::timeline_diagnostics(plan, compute(plan));
    CHECK(std::find(lines.begin(), lines.end(), "alloying depends on imported ndpr_oxide 2028–2032: 8,460 t (634.5 MUSD)") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    "fabrication stranded 2028–2031 (short of dytb_oxide): 5,069 t, peak idle capex 512.4 MUSD") !=
          lines.end());
}

TEST_CASE("timeline JSON carries the contract's chain block", "[report][timeline]") {
    model::Plan plan = bundled();
    const auto j = nlohmann::json::parse(report::render_timeline_json(plan, compute(plan), info_of(plan)));
    CHECK(j.at("output_format") == 1);
    const auto& ch = j.at("chain");
    CHECK(ch.at("first_domestic_output_year") == 2030);
    CHECK(ch.at("independence_year") == 2031);
    const auto& y = ch.at("years").at(4);
    CHECK(y.at("year") == 2030);
    for (const char* k : {"capex_musd", "capex_by_stage_musd", "production_t", "coverage", "fully_domestic_share",
                          "stranded_capacity_t", "bottleneck_stage"})
        CHECK(y.contains(k));
    for (const char* s : {"refining", "alloying", "fabrication"}) {
        CHECK(y.at("coverage").contains(s));
        CHECK(y.at("capex_by_stage_musd").contains(s));
    }
    CHECK(y.at("stranded_capacity_t").size() == plan.plants.size());

    SECTION("an independence year that never comes is null with a note") {
        io::apply_sets(plan, {"project.independence_target=0.95"});
        const auto k = nlohmann::json::parse(report::render_timeline_json(plan, compute(plan), info_of(plan)));
        CHECK(k.at("chain").at("independence_year").is_null());
        CHECK(k.at("chain").at("notes").at("independence_year").get<std::string>().find("short of the target") !=
              std::string::npos);
    }
}

TEST_CASE("the timeline SVG escapes names", "[report][timeline]") {
    model::Plan plan = bundled();
    plan.plants.back().id = "m&<2>";  // no `after` link names it
    report::RunInfo info = info_of(plan);
    info.project_name = "A & B <chain>";
    const std::string svg = report::render_timeline_svg(plan, compute(plan), info);
    CHECK(svg.find("m&amp;&lt;2&gt;") != std::string::npos);
    CHECK(svg.find("A &amp; B &lt;chain&gt;") != std::string::npos);
    CHECK(svg.find("m&<") == std::string::npos);
    CHECK(svg.find("nan") == std::string::npos);
}

TEST_CASE("the timeline table fits 100 columns and marks the critical path", "[report][timeline]") {
    const model::Plan plan = bundled();
    const std::string text = report::render_timeline_table(plan, compute(plan), info_of(plan), {false, false});
    for (const auto& l : lines_of(text)) CHECK(columns(l) <= 100);
    CHECK(text.find("sep-1   permitting    * ████") != std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);
    const std::string colored = report::render_timeline_table(plan, compute(plan), info_of(plan), {true, false});
    CHECK(colored.find("\x1b[1m") != std::string::npos);
}

TEST_CASE("timeline Markdown and CSV", "[report][timeline]") {
    const model::Plan plan = bundled();
    const auto tl = compute(plan);
    const std::string md = report::render_timeline_markdown(plan, tl, info_of(plan));
    CHECK(md.find("```mermaid\ngantt\n") != std::string::npos);
    CHECK(md.find("    permitting :crit, 2026-01-01, 2027-01-01\n") != std::string::npos);
    const auto rows = lines_of(report::render_timeline_csv(plan, tl, info_of(plan)));
    REQUIRE(!rows.empty());
    CHECK(rows.front() == "entity,year,metric,value");
    for (const auto& r : rows) CHECK(std::count(r.begin(), r.end(), ',') == 3);
}
