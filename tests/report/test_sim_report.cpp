#include "report/sim_report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

using namespace reeplan;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

sim::MetricStats stats(double mean, double sd, std::size_t count, std::size_t missing) {
    sim::MetricStats s;
    s.count = count;
    s.missing = missing;
    if (count == 0) return s;
    s.mean = mean;
    s.sd = sd;
    s.standard_error = sd / std::sqrt(static_cast<double>(count));
    s.percentiles = {mean - 1.645 * sd, mean - 1.2816 * sd, mean, mean + 1.2816 * sd, mean + 1.645 * sd};
    s.min = mean - 3 * sd;
    s.max = mean + 3 * sd;
    return s;
}

/// A run of 1,000 paths, shard 2 of 4, with a precision rule: two plants, a metric missing on
/// some paths (irr), one on every path (payback_year, independence_year), two fans and two
/// histograms (20 and 8 bins).
sim::SimulationResult simulation() {
    sim::SimulationResult r;
    r.seed = 18446744073709551557ULL;  // a seed beyond 2^53 must survive exactly
    r.paths = 1000;
    r.requested_paths = 4000;
    r.shard = 2;
    r.shards = 4;
    r.first_path = 1000;
    r.precision = sim::PrecisionRule{"chain.npv_musd", 50, 43.21, true};
    r.inputs = {{"plant.sep-1.capex_musd", "pert", 700, stats(766.7, 85.2, 1000, 0)},
                {"materials.ndpr_oxide.market_price_usd_per_kg", "lognormal", 62.5, stats(64.1, 9.8, 1000, 0)},
                {"plant.sep-1.financing.debt_share", "uniform", 0.5, stats(0.5, 0.0577, 1000, 0)}};
    r.risks = {"election-reversal", "hree-licensing"};
    sim::PlantDistribution sep{"sep-1", "refining", "ndpr_oxide", {}, 0.123};
    sep.metrics = {{"npv_musd", stats(412.3, 180.4, 1000, 0)},
                   {"equity_npv_musd", stats(301.0, 150.2, 1000, 0)},
                   {"irr", stats(0.113, 0.021, 950, 50)},
                   {"lcop_unsupported_usd_per_kg", stats(88.9, 7.1, 1000, 0)},
                   {"min_dscr", stats(1.41, 0.2, 1000, 0)},
                   {"payback_year", stats(0, 0, 0, 1000)}};
    sep.metrics[1].stats.sd = nan;  // a value the engine could not compute never reaches the output
    sim::PlantDistribution mag{"mag-1", "fabrication", "ndfeb_magnet", {}, 0.481};
    mag.metrics = {{"npv_musd", stats(-12345.6, 23456.7, 1000, 0)}, {"irr", stats(0.061, 0.03, 999, 1)}};
    r.plants = {sep, mag};
    r.chain.metrics = {{"capex_musd", stats(2450.0, 310.0, 1000, 0)},
                       {"npv_musd", stats(880.0, 400.0, 1000, 0)},
                       {"first_domestic_output_year", stats(2030.4, 0.8, 1000, 0)},
                       {"independence_year", stats(0, 0, 0, 1000)}};
    r.chain.p_npv_negative = 0.081;
    r.chain.p_independent_by_target = 0.642;
    r.chain.target_year = 2035;
    sim::Fan share{"fully_domestic_share", "share", {}, {}, {}};
    sim::Fan capex{"cumulative_capex_musd", "MUSD", {}, {}, {}};
    for (int y = 2027; y <= 2040; ++y) {
        const double t = (y - 2027) / 13.0;
        share.years.push_back(y);
        share.bands.push_back({0.6 * t, 0.7 * t, 0.8 * t, 0.85 * t, 0.9 * t});
        share.mean.push_back(0.79 * t);
        capex.years.push_back(y);
        capex.bands.push_back({1800 * t, 2000 * t, 2400 * t, 2800 * t, 3000 * t});
        capex.mean.push_back(2420 * t);
    }
    capex.mean[3] = nan;  // a gap in the mean line
    r.chain.fans = {share, capex};
    sim::Histogram npv{"chain.npv_musd", -400, 130, std::vector<std::size_t>(20, 0), 880, {230, 370, 880, 1390, 1530}};
    for (std::size_t k = 0; k < 20; ++k) npv.counts[k] = 5 + 10 * std::min(k, 19 - k);
    sim::Histogram year{"chain.first_domestic_output_year", 2029, 0.5, {120, 300, 250, 150, 90, 50, 30, 10}, 2030.4,
                        {2029, 2029.5, 2030, 2031.5, 2032}};
    r.histograms = {npv, year};
    r.warnings = {"the correlation matrix was not positive definite and was repaired (Higham 2002); largest change 0.031"};
    r.notes = {{"plants.sep-1.irr", "no sign change in the cash flows on 50 paths"},
               {"chain.independence_year", "independence never comes before end_year on any path"}};
    return r;
}

report::RunInfo info() { return {"configs/us-ndfeb-chain.toml", "abc123", "US NdFeB magnet chain", "base", {"finance.risk_free_rate=0.04"}}; }

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

/// Display columns of a line: code points, escape sequences left out.
std::size_t columns(const std::string& line) {
    const std::string plain = std::regex_replace(line, std::regex("\x1b\\[[0-9;]*m"), "");
    return static_cast<std::size_t>(
        std::count_if(plain.begin(), plain.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t occurrences(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (const auto& [k, v] : j.items()) out.push_back(k);
    return out;
}

/// Every number in the document is finite (the parser has already refused NaN and Infinity).
bool all_finite(const nlohmann::ordered_json& j) {
    if (j.is_number_float()) return std::isfinite(j.get<double>());
    if (j.is_structured())
        for (const auto& v : j)
            if (!all_finite(v)) return false;
    return true;
}

/// Well-formed XML by xmllint when it is installed (package libxml2-utils); true otherwise.
bool xmllint_accepts(const std::string& svg, const std::string& name) {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) return true;
    const std::string path = "test_sim_report_" + name + ".svg";
    std::ofstream(path) << svg;
    const bool ok = std::system(("xmllint --noout " + path).c_str()) == 0;
    std::remove(path.c_str());
    return ok;
}

/// No coordinate with more than two decimals.
bool two_decimals(const std::string& svg) { return !std::regex_search(svg, std::regex("[0-9]\\.[0-9]{3,}")); }

const std::vector<std::string> kStats{"mean", "sd", "p5", "p10", "p50", "p90", "p95", "standard_error", "min", "max", "count", "missing"};

sim::SensitivityResult sensitivity() {
    sim::SensitivityResult r;
    r.metric = "chain.npv_musd";
    r.base_metric = 880.0;
    r.tornado = {{"plant.sep-1.capex_musd", 700, 600, 1100, 1020.3, 440.1, 580.2},
                 {"materials.ndpr_oxide.market_price_usd_per_kg", 62.5, 50, 75, 610.5, 1150.5, 540.0},
                 {"plant.mag-1.schedule.construction_start_year", 2027, 2026, 2029, std::nullopt, 700.0, 0}};
    const std::vector<double> change{-0.2, -0.1, 0, 0.1, 0.2};
    r.spider = {{"plant.sep-1.capex_musd", {560, 630, 700, 770, 840}, change, {1050.0, 965.0, 880.0, 795.0, 710.0}},
                {"materials.ndpr_oxide.market_price_usd_per_kg", {50, 56.25, 62.5, 68.75, 75}, change,
                 {610.5, 745.0, 880.0, std::nullopt, 1150.5}}};
    r.ranks = {{"materials.ndpr_oxide.market_price_usd_per_kg", 0.62}, {"plant.sep-1.capex_musd", -0.41}, {"finance.risk_free_rate", -0.03}};
    r.paths = 2000;
    r.seed = 42;
    return r;
}

}  // namespace

TEST_CASE("simulate JSON: the contract's names in a fixed order, null statistics without paths", "[report][sim]") {
    const auto r = simulation();
    const std::string text = report::render_simulation_json(r, info());
    CHECK(text == report::render_simulation_json(r, info()));
    const auto j = nlohmann::ordered_json::parse(text);
    CHECK(all_finite(j));
    CHECK(keys(j) == std::vector<std::string>{"reeplan_version", "output_format", "input", "scenario", "sets", "distribution",
                                              "notes", "warnings"});
    CHECK(j.at("output_format") == 1);
    CHECK(j.at("input").at("sha256") == "abc123");
    CHECK(j.at("sets").at(0) == "finance.risk_free_rate=0.04");
    const auto& d = j.at("distribution");
    CHECK(keys(d) == std::vector<std::string>{"paths", "seed", "requested_paths", "shard", "precision", "inputs", "risks",
                                              "plants", "chain", "histograms"});
    CHECK(d.at("seed").get<std::uint64_t>() == 18446744073709551557ULL);
    CHECK(d.at("shard") == nlohmann::ordered_json{{"index", 2}, {"count", 4}, {"first_path", 1000}});
    CHECK(keys(d.at("precision")) == std::vector<std::string>{"metric", "target", "achieved", "met"});
    CHECK(d.at("precision").at("achieved") == 43.21);  // full precision, not rounded for display
    CHECK(keys(d.at("inputs").at(0)) == std::vector<std::string>{"param", "dist", "base_value", "drawn"});
    CHECK(keys(d.at("inputs").at(0).at("drawn")) == kStats);
    CHECK(d.at("risks").size() == 2);

    const auto& sep = d.at("plants").at(0);
    CHECK(keys(sep) == std::vector<std::string>{"id", "stage", "output", "metrics", "p_npv_negative"});
    CHECK(keys(sep.at("metrics")) ==
          std::vector<std::string>{"npv_musd", "equity_npv_musd", "irr", "lcop_unsupported_usd_per_kg", "min_dscr", "payback_year"});
    CHECK(keys(sep.at("metrics").at("npv_musd")) == kStats);
    CHECK(sep.at("metrics").at("npv_musd").at("mean") == 412.3);
    CHECK(sep.at("metrics").at("equity_npv_musd").at("sd").is_null());  // NaN in, null out
    CHECK(sep.at("metrics").at("irr").at("missing") == 50);
    const auto& payback = sep.at("metrics").at("payback_year");
    for (const auto& k : kStats) {
        if (k == "count") CHECK(payback.at(k) == 0);
        else if (k == "missing") CHECK(payback.at(k) == 1000);
        else CHECK(payback.at(k).is_null());
    }
    CHECK(sep.at("p_npv_negative") == 0.123);

    const auto& chain = d.at("chain");
    CHECK(keys(chain) == std::vector<std::string>{"metrics", "p_npv_negative", "p_independent_by_target", "target_year", "fans"});
    CHECK(chain.at("metrics").at("independence_year").at("p50").is_null());
    const auto& fan = chain.at("fans").at(1);
    CHECK(keys(fan) == std::vector<std::string>{"series", "unit", "years", "p5", "p10", "p50", "p90", "p95", "mean"});
    CHECK(fan.at("years").size() == 14);
    CHECK(fan.at("p95").size() == 14);
    CHECK(fan.at("mean").at(3).is_null());
    const auto& h = d.at("histograms").at(0);
    CHECK(keys(h) == std::vector<std::string>{"metric", "lo", "width", "counts", "mean", "p5", "p10", "p50", "p90", "p95"});
    CHECK(h.at("counts").size() == 20);
    CHECK(j.at("notes").at("chain.independence_year").is_string());
    CHECK(j.at("warnings").size() == 1);

    SECTION("a whole run without a precision rule has neither shard nor precision") {
        auto whole = r;
        whole.shard = whole.shards = 0;
        whole.precision.reset();
        const auto w = nlohmann::ordered_json::parse(report::render_simulation_json(whole, info()));
        CHECK_FALSE(w.at("distribution").contains("shard"));
        CHECK_FALSE(w.at("distribution").contains("precision"));
    }
}

TEST_CASE("simulate CSV: long format scope,metric,year,statistic,value", "[report][sim]") {
    const auto r = simulation();
    const auto lines = lines_of(report::render_simulation_csv(r, info()));
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front() == "scope,metric,year,statistic,value");
    for (const auto& l : lines) CHECK(std::count(l.begin(), l.end(), ',') == 4);
    // run: 3 + shard 3 + precision 4; a metric on ≥ 2 paths: 12 rows, on none: 2 (count, missing)
    const std::size_t run = 10;
    const std::size_t inputs = 3 * (2 + 12);
    const std::size_t plants = (5 * 12 - 1 + 2 + 1) + (2 * 12 + 1);  // equity_npv_musd's sd is NaN: left out
    const std::size_t chain = 3 * 12 + 2 + 3;
    const std::size_t fans = 2 * 14 * 6 - 1;  // one mean is NaN: left out
    const std::size_t hists = (2 + 20 + 6) + (2 + 8 + 6);
    CHECK(lines.size() == 1 + run + inputs + plants + chain + fans + hists);
    CHECK(std::find(lines.begin(), lines.end(), "run,seed,,value,18446744073709551557") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "sep-1,npv_musd,,mean,412.3") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "sep-1,payback_year,,missing,1000") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "chain,fully_domestic_share,2027,p50,0") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "input:plant.sep-1.capex_musd,dist,,value,pert") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "histogram,chain.npv_musd,,bin_0,5") != lines.end());
    for (const auto& l : lines) {
        const std::string value = l.substr(l.rfind(',') + 1);
        CHECK(value.find("nan") == std::string::npos);
        CHECK(value.find("inf") == std::string::npos);
    }
}

TEST_CASE("simulate table: fits 100 columns, stars missing metrics, colour only when asked", "[report][sim]") {
    const auto r = simulation();
    const std::string plain = report::render_simulation_table(r, info(), {false, false});
    for (const auto& l : lines_of(plain)) CHECK(columns(l) <= 100);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find("Monte Carlo: 1,000 paths (of 4,000 requested), seed 18446744073709551557\n") != std::string::npos);
    CHECK(plain.find("Precision: 95% interval of the mean of chain.npv_musd narrower than 50.0: 43.2 (met)\n") != std::string::npos);
    CHECK(plain.find("Shard 2/4: paths 1,000–1,999") != std::string::npos);
    CHECK(plain.find("P(independent by 2035): 64.2%") != std::string::npos);
    CHECK(plain.find("irr*") != std::string::npos);
    CHECK(plain.find("* missing on some of the 1,000 paths: irr 50, payback_year 1,000") != std::string::npos);
    CHECK(plain.find("-12,345.6") != std::string::npos);  // MUSD with thousands separators
    CHECK(plain.find("11.3%") != std::string::npos);      // rates in percent
    CHECK(plain.find("election-reversal, hree-licensing") != std::string::npos);
    CHECK(plain.find("Warnings") != std::string::npos);
    CHECK(plain.find("plants.sep-1.irr: no sign change") != std::string::npos);
    const std::string color = report::render_simulation_table(r, info(), {true, false});
    CHECK(color.find("\x1b[1m") != std::string::npos);
    for (const auto& l : lines_of(color)) CHECK(columns(l) <= 100);
}

TEST_CASE("simulate Markdown: chain, plants and the fans by year", "[report][sim]") {
    const std::string md = report::render_simulation_markdown(simulation(), info());
    CHECK(md.rfind("## reeplan simulate — US NdFeB magnet chain\n", 0) == 0);
    CHECK(md.find("**1,000** paths of 4,000 requested, seed 18446744073709551557") != std::string::npos);
    CHECK(md.find("- P(independent by 2035): **64.2%**") != std::string::npos);
    CHECK(md.find("### sep-1 (refining → ndpr_oxide), P(NPV < 0) 12.3%") != std::string::npos);
    CHECK(md.find("| year | fully_domestic_share p10 |") != std::string::npos);
    CHECK(md.find("| 2040 | 70.0% | 80.0% | 85.0% | 2,000.0 | 2,400.0 | 2,800.0 |") != std::string::npos);
}

TEST_CASE("simulate SVG: a bar per bin, two bands per fan, well-formed and deterministic", "[report][sim]") {
    const auto r = simulation();
    const std::string svg = report::render_simulation_svg(r, info());
    CHECK(svg == report::render_simulation_svg(r, info()));
    CHECK(occurrences(svg, "<rect class=\"bin\"") == 20 + 8);
    CHECK(occurrences(svg, "<polygon class=\"band1\"") == 2);
    CHECK(occurrences(svg, "<polygon class=\"band2\"") == 2);
    CHECK(occurrences(svg, "<polyline class=\"p50\"") == 2);
    CHECK(occurrences(svg, "<polyline class=\"avg\"") == 3);  // the NaN breaks one mean line in two
    CHECK(occurrences(svg, "<line class=\"mean\"") == 2);
    CHECK(occurrences(svg, "<line class=\"mark\"") == 6);
    CHECK(svg.find("mean 880.0") != std::string::npos);
    CHECK(svg.find(">100%</text>") != std::string::npos);  // share axis in percent
    CHECK(svg.find(">3,000</text>") != std::string::npos);  // MUSD axis with thousands
    CHECK_FALSE(std::regex_search(svg, std::regex("[^a-z](nan|inf)[^a-z]")));
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(two_decimals(svg));
    CHECK(xmllint_accepts(svg, "simulation"));

    SECTION("a histogram of equal values is one bar; nothing to chart is still a document") {
        sim::SimulationResult flat;
        flat.histograms = {{"chain.npv_musd", 5, 0, {10}, 5, {5, 5, 5, 5, 5}}};
        const std::string one = report::render_simulation_svg(flat, info());
        CHECK(occurrences(one, "<rect class=\"bin\"") == 1);
        CHECK(xmllint_accepts(one, "flat"));
        CHECK(xmllint_accepts(report::render_simulation_svg(sim::SimulationResult{}, info()), "empty"));
    }
}

TEST_CASE("sensitivity: JSON names, notes for nulls, CSV rows, table and SVG", "[report][sim]") {
    const auto r = sensitivity();
    const std::string text = report::render_sensitivity_json(r, info());
    const auto j = nlohmann::ordered_json::parse(text);
    CHECK(all_finite(j));
    CHECK(keys(j) == std::vector<std::string>{"reeplan_version", "output_format", "input", "scenario", "sets", "sensitivity", "notes"});
    const auto& s = j.at("sensitivity");
    CHECK(keys(s) == std::vector<std::string>{"metric", "base_metric", "tornado", "spider", "rank_correlations", "paths", "seed"});
    CHECK(keys(s.at("tornado").at(0)) ==
          std::vector<std::string>{"param", "base_value", "lo_value", "hi_value", "metric_at_lo", "metric_at_hi", "swing"});
    CHECK(s.at("tornado").at(2).at("metric_at_lo").is_null());
    CHECK(keys(s.at("spider").at(0)) == std::vector<std::string>{"param", "input_values", "change", "metric"});
    CHECK(s.at("spider").at(1).at("metric").at(3).is_null());
    CHECK(keys(s.at("rank_correlations").at(0)) == std::vector<std::string>{"param", "spearman"});
    CHECK(j.at("notes").contains("tornado.plant.mag-1.schedule.construction_start_year.metric_at_lo"));
    CHECK(j.at("notes").contains("spider.materials.ndpr_oxide.market_price_usd_per_kg"));

    const auto csv = lines_of(report::render_sensitivity_csv(r, info()));
    CHECK(csv.front() == "section,param,point,field,value");
    CHECK(csv.size() == 1 + 4 + (6 + 6 + 5) + (15 + 14) + 3);

    const std::string table = report::render_sensitivity_table(r, info(), {false, false});
    for (const auto& l : lines_of(table)) CHECK(columns(l) <= 100);
    CHECK(table.find("600.0 → 1,100.0") != std::string::npos);
    CHECK(table.find("+0.62" + std::string(12, ' ') + "|██████\n") != std::string::npos);
    CHECK(table.find("-0.41" + std::string(8, ' ') + "████|\n") != std::string::npos);
    CHECK(table.find("+20%") != std::string::npos);

    const std::string md = report::render_sensitivity_markdown(r, info());
    CHECK(md.find("| `plant.sep-1.capex_musd` | 600.0 | 1,100.0 | 1,020.3 | 440.1 | 580.2 |") != std::string::npos);

    const std::string svg = report::render_sensitivity_svg(r, info());
    CHECK(svg == report::render_sensitivity_svg(r, info()));
    CHECK(occurrences(svg, "<rect class=\"lo\"") == 1 + 2);  // legend + the bars with a value
    CHECK(occurrences(svg, "<rect class=\"hi\"") == 1 + 3);
    CHECK(occurrences(svg, "<polyline class=\"line\"") == 3);  // one gap splits a line
    CHECK(occurrences(svg, "<rect class=\"pos\"") + occurrences(svg, "<rect class=\"neg\"") == 3);
    CHECK(two_decimals(svg));
    CHECK(xmllint_accepts(svg, "sensitivity"));

    SECTION("without uncertain inputs there is no rank chart") {
        auto bare = r;
        bare.ranks.clear();
        const std::string b = report::render_sensitivity_svg(bare, info());
        CHECK(b.find("Rank correlation") == std::string::npos);
        CHECK(xmllint_accepts(b, "bare"));
    }
}

TEST_CASE("goal seek: a root, no root in the range, a jump", "[report][sim]") {
    sim::SolveResult r;
    r.param = "plant.sep-1.capex_musd";
    r.metric = "chain.npv_musd";
    r.target = 0;
    r.lo = 500;
    r.hi = 2000;
    r.base_value = 700;
    r.metric_at_lo = 1200.5;
    r.metric_at_hi = -310.25;
    r.root = 1687.26;
    r.metric_at_root = 0.0;
    r.evaluations = 23;

    const std::string table = report::render_solve_table(r, info(), {false, false});
    for (const auto& l : lines_of(table)) CHECK(columns(l) <= 100);
    CHECK(table.find("plant.sep-1.capex_musd = 1,687.260 gives chain.npv_musd = 0.0 (target 0.0).") != std::string::npos);
    auto j = nlohmann::ordered_json::parse(report::render_solve_json(r, info()));
    CHECK(keys(j.at("solve")) == std::vector<std::string>{"param", "metric", "target", "lo", "hi", "base_value", "metric_at_lo",
                                                          "metric_at_hi", "root", "metric_at_root", "jump", "evaluations", "reason"});
    CHECK(j.at("solve").at("root") == 1687.26);
    CHECK(j.at("solve").at("reason").is_null());
    CHECK(j.at("notes").empty());

    SECTION("no root") {
        r.root.reset();
        r.metric_at_root.reset();
        r.metric_at_hi = 95.5;
        r.reason = "the metric does not change sign over the range";
        const std::string t = report::render_solve_table(r, info(), {false, false});
        CHECK(t.find("No root in [500.0, 2,000.0]: chain.npv_musd is 1,200.5 at 500.0 and 95.5 at 2,000.0, target 0.0.") !=
              std::string::npos);
        CHECK(t.find("why: the metric does not change sign over the range") != std::string::npos);
        j = nlohmann::ordered_json::parse(report::render_solve_json(r, info()));
        CHECK(j.at("solve").at("root").is_null());
        CHECK(j.at("notes").at("root") == "the metric does not change sign over the range");
    }
    SECTION("a step function jumps across the target") {
        r.metric = "chain.independence_year";
        r.target = 2033;
        r.root = 1.25;
        r.metric_at_root = 2034;
        r.jump = true;
        r.param = "plant.sep-1.capacity_tpy";
        const std::string t = report::render_solve_table(r, info(), {false, false});
        CHECK(t.find("chain.independence_year jumps across the target 2033 at plant.sep-1.capacity_tpy = 1.25") != std::string::npos);
        j = nlohmann::ordered_json::parse(report::render_solve_json(r, info()));
        CHECK(j.at("solve").at("jump") == true);
        CHECK(j.at("notes").contains("jump"));
    }
}
