#include "timeline/critical_path.hpp"

#include "../chain/chain_fixtures.hpp"
#include "chain/balance.hpp"
#include "io/reader.hpp"
#include "model/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace reeplan;
using timeline::Phase;

namespace {

/// The project network of the Reliable Construction Co. example in F. S. Hillier and
/// G. J. Lieberman, Introduction to Operations Research (ch. "Project Management with
/// PERT/CPM", Table "Activity list for the Reliable Construction Co. project"): 14 activities,
/// durations in weeks. Each activity is a plant whose permitting phase carries the duration and
/// whose other phases take no time; a predecessor is an `after` link on its ramp (its end).
model::Plan reliable_construction() {
    struct Row {
        const char* id;
        double weeks;
        std::vector<const char*> preds;
    };
    const std::vector<Row> rows = {
        {"a", 2, {}},         {"b", 4, {"a"}},      {"c", 10, {"b"}},     {"d", 6, {"c"}},  {"e", 4, {"c"}},
        {"f", 5, {"e"}},      {"g", 7, {"d"}},      {"h", 9, {"e", "g"}}, {"i", 7, {"c"}},  {"j", 8, {"f", "i"}},
        {"k", 4, {"j"}},      {"l", 5, {"j"}},      {"m", 2, {"h"}},      {"n", 6, {"k", "l"}},
    };
    model::Plan p = test::plan(0, 50, "x");
    for (const Row& r : rows) {
        model::Plant pl = test::plant(r.id, model::Stage::Refining, "x", 1, {}, 0, 0.0, r.weeks, 0.0, 0.0);
        for (const char* pred : r.preds) pl.schedule.after.push_back(model::PhaseRef{pred, "ramp", 0.0});
        p.plants.push_back(pl);
    }
    return p;
}

/// The plants a path runs through, in order, each once.
std::string plants_on(const model::Plan& plan, const timeline::ActivityNetwork& net, const timeline::ActivityPath& path) {
    std::string s;
    std::size_t last = plan.plants.size();
    for (std::size_t a : path) {
        const std::size_t p = net.activities[a].plant;
        if (p != last) s += plan.plants[p].id;
        last = p;
    }
    return s;
}

}  // namespace

TEST_CASE("critical path of a textbook network: earliest and latest times and floats by hand", "[timeline][critical_path]") {
    const model::Plan plan = reliable_construction();
    // Forward pass by hand (weeks): A 0-2, B 2-6, C 6-16, D 16-22, E 16-20, F 20-25, G 22-29,
    // H max(20, 29) = 29-38, I 16-23, J max(25, 23) = 25-33, K 33-37, L 33-38, M 38-40,
    // N max(37, 38) = 38-44: the project takes 44 weeks, as the text finds.
    // Backward pass from 44: N 38-44, M 42-44, L 33-38, K 34-38, J 25-33, I 18-25, H 33-42,
    // G 26-33, F 20-25, E min(20, 33) -> 16-20, D 20-26, C min(20, 16, 18) -> 6-16, B 2-6, A 0-2.
    // Total float = LS - ES: D 4, G 4, H 4, I 2, K 1, M 4, all others 0; critical path
    // A-B-C-E-F-J-L-N, as the text finds.
    struct Expect {
        const char* id;
        double es, ls;
    };
    const std::vector<Expect> expect = {{"a", 0, 0},   {"b", 2, 2},   {"c", 6, 6},   {"d", 16, 20}, {"e", 16, 16},
                                        {"f", 20, 20}, {"g", 22, 26}, {"h", 29, 33}, {"i", 16, 18}, {"j", 25, 25},
                                        {"k", 33, 34}, {"l", 33, 33}, {"m", 38, 42}, {"n", 38, 38}};
    const timeline::ActivityNetwork net = timeline::solve_network(plan, 44.0);
    CHECK(net.earliest_completion == 44.0);
    CHECK(net.min_total_float == 0.0);
    for (std::size_t i = 0; i < expect.size(); ++i) {
        INFO(expect[i].id);
        const timeline::Activity& a = net.activities[timeline::activity_index(i, Phase::Permitting)];
        CHECK(a.earliest_start == expect[i].es);
        CHECK(a.latest_start == expect[i].ls);
        CHECK(a.total_float == expect[i].ls - expect[i].es);
        CHECK(a.earliest_finish == a.earliest_start + a.duration);
    }
    // free float by hand: D 0 (G follows at once), G 0, H 0, I 2 (J waits for F), K 1, M 4
    CHECK(net.activities[timeline::activity_index(8, Phase::Ramp)].free_float == 2.0);
    CHECK(net.activities[timeline::activity_index(10, Phase::Ramp)].free_float == 1.0);
    CHECK(net.activities[timeline::activity_index(3, Phase::Ramp)].free_float == 0.0);

    const auto paths = timeline::critical_paths_to_deadline(net);
    REQUIRE(paths.size() == 1);
    CHECK(plants_on(plan, net, paths[0]) == "abcefjln");

    SECTION("a later deadline adds the same float everywhere") {
        const timeline::ActivityNetwork late = timeline::solve_network(plan, 47.0);  // the text's 47-week deadline
        CHECK(late.min_total_float == 3.0);
        CHECK(late.activities[timeline::activity_index(3, Phase::Permitting)].total_float == 7.0);
        const auto p2 = timeline::critical_paths_to_deadline(late);
        REQUIRE(p2.size() == 1);
        CHECK(plants_on(plan, late, p2[0]) == "abcefjln");
    }
    SECTION("an earlier deadline gives negative float") {
        const timeline::ActivityNetwork early = timeline::solve_network(plan, 40.0);  // the text's 40-week bonus date
        CHECK(early.min_total_float == -4.0);
        CHECK(early.activities[timeline::activity_index(0, Phase::Permitting)].latest_start == -4.0);
        CHECK(early.activities[timeline::activity_index(12, Phase::Permitting)].total_float == 0.0);  // M
    }
}

TEST_CASE("lags and earliest start dates drive the network as schedule_plants does", "[timeline][critical_path]") {
    model::Plan plan = test::plan(2026, 2040, "m");
    plan.plants.push_back(test::plant("up", model::Stage::Refining, "o", 100, {}, 10, 2026, 1.0, 2.0, 0.5));
    plan.plants.push_back(test::plant("down", model::Stage::Fabrication, "m", 100, {{"o", 1.0}}, 10, 2026, 0.5, 1.0, 0.25));
    plan.plants[1].schedule.after.push_back(model::PhaseRef{"up", "construction", 0.5});
    plan.plants.push_back(test::plant("late", model::Stage::Refining, "q", 100, {}, 10, 2031.0, 0.5, 0.5, 0.0));
    plan.plants[2].schedule.after.push_back(model::PhaseRef{"up", "permitting", 0.0});

    const auto times = timeline::schedule_plants<double>(plan);
    const timeline::ActivityNetwork net = timeline::solve_network(plan, 2040);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        CHECK(net.activities[timeline::activity_index(i, Phase::Permitting)].earliest_start == times[i].permitting_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Construction)].earliest_start == times[i].construction_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Commissioning)].earliest_start == times[i].commissioning_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Ramp)].earliest_start == times[i].operation_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Ramp)].earliest_finish == times[i].nameplate);
    }
    // down: permitting starts at up's construction end 2029 + 0.5 lag; 2030, 2031, operation 2031.25
    CHECK(times[1].operation_start == 2031.25);
    // late: its start date 2031 binds, not up's permitting end (2027)
    CHECK(net.activities[timeline::activity_index(2, Phase::Permitting)].earliest_start == 2031.0);

    // the driving path to down's operation runs through up's permitting and construction
    const auto paths = timeline::driving_paths(net, {timeline::activity_index(1, Phase::Commissioning)});
    REQUIRE(paths.size() == 1);
    REQUIRE(paths[0].size() == 5);
    CHECK(paths[0].front() == timeline::activity_index(0, Phase::Permitting));
    CHECK(paths[0][1] == timeline::activity_index(0, Phase::Construction));
    CHECK(paths[0][2] == timeline::activity_index(1, Phase::Permitting));
}

TEST_CASE("the first fully domestic output milestone follows the critical inputs", "[timeline][critical_path]") {
    model::Plan plan = test::plan(2026, 2040, "magnet");
    plan.materials = {test::material("conc", false, 1), test::material("oxide", true, 50), test::material("alloy", true, 60),
                      test::material("magnet", true, 80, 1000)};
    plan.plants.push_back(test::plant("sep", model::Stage::Refining, "oxide", 500, {{"conc", 5}}, 100, 2026, 2.0, 2.0));  // op 2030
    plan.plants.push_back(test::plant("alloy", model::Stage::Alloying, "alloy", 1000, {{"oxide", 0.5}}, 50, 2026, 1.0, 2.0));  // op 2029
    plan.plants.push_back(test::plant("mag", model::Stage::Fabrication, "magnet", 1000, {{"alloy", 1.25}}, 300, 2026));  // op 2028
    const timeline::CriticalPath cp = timeline::critical_path(plan, 2035);
    REQUIRE(cp.milestone.year);
    CHECK(*cp.milestone.year == 2030.0);
    CHECK(cp.milestone.plants == std::vector<std::size_t>{0, 1, 2});
    CHECK(cp.milestone.driving == std::vector<std::size_t>{0});
    REQUIRE(cp.to_milestone.size() == 1);
    CHECK(cp.to_milestone[0] == timeline::ActivityPath{0, 1, 2});  // sep: permitting, construction, commissioning
    // the deadline binds on every plant's ramp; sep's is the latest (2030), 5 years of float
    CHECK(cp.network.min_total_float == 5.0);

    SECTION("a second, earlier refinery becomes the route") {
        plan.plants.push_back(test::plant("sep-2", model::Stage::Refining, "oxide", 100, {{"conc", 5}}, 30, 2026, 0.5, 1.0));
        const timeline::CriticalPath cp2 = timeline::critical_path(plan, 2035);
        REQUIRE(cp2.milestone.year);
        CHECK(*cp2.milestone.year == 2029.0);  // alloy now waits for nothing but itself
        CHECK(cp2.milestone.plants == std::vector<std::size_t>{1, 2, 3});
        CHECK(cp2.milestone.driving == std::vector<std::size_t>{1});
    }
    SECTION("a critical input no plant makes means never") {
        plan.plants[2].inputs["dy"] = 0.02;
        plan.materials.push_back(test::material("dy", true, 400));
        const timeline::CriticalPath cp3 = timeline::critical_path(plan, 2035);
        CHECK_FALSE(cp3.milestone.year);
        CHECK(cp3.milestone.reason == "no fully domestic route to magnet: critical input(s) with no domestic producer: dy");
        CHECK(cp3.to_milestone.empty());
    }
    SECTION("the balance's first fully domestic year is the milestone's year") {
        const chain::ChainBalance b = chain::balance_chain(plan, 2035);
        REQUIRE(b.first_domestic_output_year);
        CHECK(*b.first_domestic_output_year == 2030);
    }
}

TEST_CASE("a dependency cycle is an input error naming it", "[timeline][critical_path]") {
    model::Plan plan = test::plan(2026, 2040, "m");
    plan.plants.push_back(test::plant("a", model::Stage::Refining, "o", 100, {}, 10, 2026));
    plan.plants.push_back(test::plant("b", model::Stage::Fabrication, "m", 100, {{"o", 1}}, 10, 2026));
    plan.plants.push_back(test::plant("c", model::Stage::Fabrication, "m", 100, {{"o", 1}}, 10, 2026));
    plan.plants[0].schedule.after.push_back(model::PhaseRef{"c", "construction", 0.0});
    plan.plants[1].schedule.after.push_back(model::PhaseRef{"a", "permitting", 0.0});
    plan.plants[2].schedule.after.push_back(model::PhaseRef{"b", "ramp", 1.0});
    plan.where["plant.a.schedule.after"] = model::SourcePos{"test.toml", 12, 9};
    try {
        (void)timeline::critical_path(plan, 2040);
        FAIL("no error");
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].format() == "test.toml:12:9: plant.a.schedule.after: dependency cycle: a -> c -> b -> a");
    }
    CHECK_THROWS_AS(chain::balance_chain(plan, 2040), model::InputError);
}

TEST_CASE("the forward pass equals schedule_plants on the bundled chain", "[timeline][critical_path]") {
    const model::Plan plan = io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml");
    const auto times = timeline::schedule_plants<double>(plan);
    const timeline::ActivityNetwork net = timeline::solve_network(plan, plan.project.end_year);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        INFO(plan.plants[i].id);
        CHECK(net.activities[timeline::activity_index(i, Phase::Permitting)].earliest_start == times[i].permitting_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Construction)].earliest_start == times[i].construction_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Commissioning)].earliest_start == times[i].commissioning_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Ramp)].earliest_start == times[i].operation_start);
        CHECK(net.activities[timeline::activity_index(i, Phase::Ramp)].earliest_finish == times[i].nameplate);
    }
}
