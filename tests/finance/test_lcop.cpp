// The LCOP searches in double: the warm-started search (lcop_near: by pieces where the cost of
// capital does not depend on the price, else lcop_root_near) from a nearby plan's
// LCOP gives the reference search's answer (lcop_root_from_scratch, as solve_lcop runs it) on
// the bundled chain, its scenarios and plans far from it; the ledgers evaluate_plan_fast leaves
// value a plant as a ledger built afresh does.

#include "finance/plan_finance.hpp"
#include "io/overlay.hpp"
#include "io/reader.hpp"
#include "model/params.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace reeplan;
using finance::detail::LcopNpv;
using finance::detail::LcopStart;

namespace {

model::Plan bundled() { return io::load_plan(std::string(REEPLAN_SOURCE_DIR) + "/configs/us-ndfeb-chain.toml"); }

/// Multiplies the number or series at `path` by `factor`.
void scale(model::Plan& plan, const std::string& path, double factor) {
    const model::ParamRef ref = model::resolve_param(plan, path);
    REQUIRE(ref);
    if (ref.number) *ref.number *= factor;
    if (ref.series) ref.series->scale(factor);
}

/// Project NPV of a run for NPV at `price` into `lean`.
double run_npv(const finance::PlantLedger<double>& pl, bool with_supports, double price, finance::Ledger<double>& lean,
               finance::LedgerBuffers<double>& buffers) {
    finance::LedgerOptions<double> o;
    o.with_supports = with_supports;
    o.output_price_real = price;
    o.npv_only = true;
    pl.run(o, lean, buffers);
    return finance::project_npv(pl, lean);
}

/// f(plan, plant index, its ledger as evaluate_plan_fast prepares it, with supports) for every
/// plant of every plan, with and without supports.
template <class F> void for_each_ledger(const std::vector<model::Plan>& plans, F&& f) {
    finance::PlanScratch scratch;
    for (const model::Plan& plan : plans) {
        finance::evaluate_plan_fast(plan, scratch);
        for (std::size_t i = 0; i < plan.plants.size(); ++i)
            for (const bool with : {true, false}) f(plan, i, scratch.ledger(i), with);
    }
}

/// One LCOP search's answer and cost.
struct Answer {
    std::optional<double> value;
    std::string note;
    int runs = 0;
};

/// The reference: today's search on a ledger built afresh for the plant (solve_lcop<double>).
Answer reference(const model::Plan& plan, std::size_t plant, bool with_supports) {
    const auto times = timeline::schedule_plants<double>(plan);
    const chain::ChainBalance balance = finance::plan_balance(plan, times);
    const finance::PlantLedger<double> pd(plan, plant, times[plant], &balance);
    finance::Ledger<double> ledger;
    finance::LedgerBuffers<double> buffers;
    LcopNpv npv(pd, with_supports, ledger, buffers);
    Answer a;
    a.value = finance::detail::lcop_root_from_scratch(npv, a.note);
    a.runs = npv.runs();
    std::string note;
    const std::optional<double> solved = finance::detail::solve_lcop<double>(pd, pd, with_supports, note);
    CHECK(solved == a.value);  // solve_lcop in double is exactly that search
    CHECK(note == a.note);
    return a;
}

/// Whether the plant has a price floor (LcopStart::probe_reference_ends with supports).
bool has_floor(const model::Plan& plan, std::size_t plant) {
    for (const auto& s : plan.supports)
        if (s.kind == model::SupportKind::PriceFloor && model::support_reaches(s, plan.plants[plant].id)) return true;
    return false;
}

/// Starts from `base`: per plant, with supports then without (empty where base has no LCOP).
std::vector<std::optional<LcopStart>> starts_of(const model::Plan& base) {
    finance::PlanScratch scratch;
    finance::evaluate_plan_fast(base, scratch);
    finance::Ledger<double> ledger;
    finance::LedgerBuffers<double> buffers;
    std::vector<std::optional<LcopStart>> out;
    for (std::size_t i = 0; i < base.plants.size(); ++i) {
        for (const bool with : {true, false}) {
            LcopNpv npv(scratch.ledger(i), with, ledger, buffers);
            std::string note;
            const std::optional<double> root = finance::detail::lcop_root_from_scratch(npv, note);
            out.push_back(root ? std::optional<LcopStart>(finance::detail::lcop_start_at(npv, *root, with && has_floor(base, i)))
                               : std::nullopt);
        }
    }
    return out;
}

/// The warm search on the ledger evaluate_plan_fast prepared (the reference search without a start).
Answer warm(const model::Plan& plan, std::size_t plant, bool with_supports, const std::optional<LcopStart>& start) {
    finance::PlanScratch scratch;
    finance::evaluate_plan_fast(plan, scratch);
    finance::Ledger<double> ledger;
    finance::LedgerBuffers<double> buffers;
    LcopNpv npv(scratch.ledger(plant), with_supports, ledger, buffers);
    Answer a;
    a.value = start ? finance::detail::lcop_near(npv, *start, a.note)
                    : finance::detail::lcop_root_from_scratch(npv, a.note);
    a.runs = npv.runs();
    return a;
}

void check_same(const Answer& w, const Answer& r) {
    REQUIRE(w.value.has_value() == r.value.has_value());
    if (r.value) CHECK(std::abs(*w.value - *r.value) <= 1e-9);
    else CHECK(w.note == r.note);
}

/// Every plant of `plan`, with and without supports: the warm search from `starts` against the
/// reference. Returns the ledger runs of both, summed.
std::pair<int, int> compare(const model::Plan& plan, const std::vector<std::optional<LcopStart>>& starts) {
    int warm_runs = 0, reference_runs = 0;
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        for (const bool with : {true, false}) {
            INFO("plant " << plan.plants[i].id << (with ? " with supports" : " without supports"));
            const Answer r = reference(plan, i, with);
            const Answer w = warm(plan, i, with, starts[2 * i + (with ? 0 : 1)]);
            INFO("reference " << (r.value ? std::to_string(*r.value) : r.note) << ", warm "
                              << (w.value ? std::to_string(*w.value) : w.note));
            check_same(w, r);
            warm_runs += w.runs;
            reference_runs += r.runs;
        }
    }
    return {warm_runs, reference_runs};
}

/// The bundled chain, each of its scenarios, and the chain with dearer capex and inputs.
std::vector<model::Plan> bundled_and_variants() {
    const model::Plan base = bundled();
    std::vector<model::Plan> plans{base};
    for (const auto& sc : base.scenarios) {
        plans.push_back(base);
        io::apply_scenario(plans.back(), sc.id);
    }
    plans.push_back(base);
    scale(plans.back(), "plant.sep-1.capex_musd", 2.0);
    scale(plans.back(), "materials.dytb_oxide.market_price_usd_per_kg", 3.0);
    return plans;
}

}  // namespace

TEST_CASE("a run for NPV alone gives a whole run's FCFF and cost of capital to the bit", "[finance][lcop]") {
    const std::vector<model::Plan> plans = bundled_and_variants();
    finance::PlanScratch scratch;
    finance::Ledger<double> whole, lean;
    finance::LedgerBuffers<double> buffers;
    int plants_with_debt = 0, plants_with_contracts = 0;
    for (const model::Plan& plan : plans) {
        finance::evaluate_plan_fast(plan, scratch);
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            const finance::PlantLedger<double>& pl = scratch.ledger(i);
            for (const bool with : {true, false}) {
                for (const std::optional<double> price : {std::optional<double>(), std::optional<double>(-80.0),
                                                          std::optional<double>(0.0), std::optional<double>(55.25),
                                                          std::optional<double>(900.0)}) {
                    INFO("plant " << plan.plants[i].id << ", price " << (price ? *price : -1.0) << ", supports " << with);
                    finance::LedgerOptions<double> o;
                    o.with_supports = with;
                    o.output_price_real = price;
                    pl.run(o, whole, buffers);
                    // the lean run reuses a ledger a whole run of another plant filled last
                    o.npv_only = true;
                    pl.run(o, lean, buffers);
                    REQUIRE(lean.years.size() == whole.years.size());
                    for (std::size_t k = 0; k < whole.years.size(); ++k) {
                        CHECK(lean.years[k].fcff == whole.years[k].fcff);
                        CHECK(lean.years[k].tax_unlevered == whole.years[k].tax_unlevered);
                    }
                    CHECK(lean.debt_total == whole.debt_total);
                    CHECK(lean.capital.wacc == whole.capital.wacc);
                    CHECK(lean.capital.cost_of_equity == whole.capital.cost_of_equity);
                    CHECK(lean.capital.cost_of_debt == whole.capital.cost_of_debt);
                    CHECK(lean.capital.contracted_share == whole.capital.contracted_share);
                    CHECK(lean.capital.levered_beta == whole.capital.levered_beta);
                    CHECK(lean.capital.rating == whole.capital.rating);
                    CHECK(lean.capital.steps.empty());
                    CHECK(finance::project_npv(pl, lean) == finance::project_npv(pl, whole));
                    if (whole.debt_total > 0) ++plants_with_debt;
                    if (whole.capital.contracted_share > 0) ++plants_with_contracts;
                }
            }
            // and a whole run after a lean one is whole again
            finance::LedgerOptions<double> o;
            finance::Ledger<double> fresh = pl.run(o);
            pl.run(o, lean, buffers);
            for (std::size_t k = 0; k < fresh.years.size(); ++k) {
                CHECK(lean.years[k].fcfe == fresh.years[k].fcfe);
                CHECK(lean.years[k].debt_service == fresh.years[k].debt_service);
                CHECK(lean.years[k].interest == fresh.years[k].interest);
            }
            CHECK(lean.capital.steps.size() == fresh.capital.steps.size());
        }
    }
    // the comparison covered debt sized and priced and contracted revenue
    CHECK(plants_with_debt > 0);
    CHECK(plants_with_contracts > 0);
}

TEST_CASE("a run carrying NPV's derivative in price gives a run's NPV, and the line NPV follows on its piece",
          "[finance][lcop]") {
    finance::Ledger<double> lean, lined;
    finance::LedgerBuffers<double> buffers;
    int independent = 0, dependent = 0, slopes_checked = 0;
    for_each_ledger(bundled_and_variants(), [&](const model::Plan& plan, std::size_t i,
                                                const finance::PlantLedger<double>& pl, bool with) {
        const bool affine = pl.capital_independent_of_price(with);
        ++(affine ? independent : dependent);
        for (const double price : {-80.0, 0.0, 55.25, 900.0}) {
            INFO("plant " << plan.plants[i].id << ", price " << price << ", supports " << with);
            const double npv = run_npv(pl, with, price, lean, buffers);
            const finance::NpvLine line = pl.npv_line(with, price, lined, buffers);
            // the same run, to the bit
            for (std::size_t k = 0; k < lean.years.size(); ++k) CHECK(lined.years[k].fcff == lean.years[k].fcff);
            CHECK(lined.capital.wacc == lean.capital.wacc);
            CHECK(line.npv == npv);
            CHECK(line.lo <= price);
            CHECK(line.hi >= price);
            if (!affine) continue;
            // inside the piece NPV is the line: runs at two prices on it
            for (const double side : {-1.0, 1.0}) {
                const double end = side < 0 ? std::max(line.lo, price - 10.0) : std::min(line.hi, price + 10.0);
                const double q = price + 0.5 * (end - price);
                const double npv_q = run_npv(pl, with, q, lean, buffers);
                CHECK(npv_q == Approx(line.npv + line.slope * (q - price)).margin(1e-9 * (1.0 + std::abs(line.npv))));
                if (std::abs(q - price) > 1e-3) {
                    CHECK((npv_q - line.npv) / (q - price) == Approx(line.slope).epsilon(1e-6));
                    ++slopes_checked;
                }
            }
        }
    });
    // both kinds of cost of capital occur, and slopes were checked across wide pieces
    CHECK(independent > 0);
    CHECK(dependent > 0);
    CHECK(slopes_checked > 20);
}

TEST_CASE("an NPV model gives a run's NPV at its price, and a run's NPV near it with the cost of capital recomputed",
          "[finance][lcop]") {
    finance::Ledger<double> lean, modelled;
    finance::LedgerBuffers<double> buffers;
    finance::NpvModel m;
    int checked = 0, wacc_moved = 0;
    for_each_ledger(bundled_and_variants(), [&](const model::Plan& plan, std::size_t i,
                                                const finance::PlantLedger<double>& pl, bool with) {
        for (const double price : {-80.0, 0.0, 55.25, 71.0, 130.0, 900.0}) {
            INFO("plant " << plan.plants[i].id << ", price " << price << ", supports " << with);
            const double npv = run_npv(pl, with, price, lean, buffers);
            const double wacc0 = lean.capital.wacc;
            pl.npv_model(with, price, m, modelled, buffers);
            // the model's run is a run, to the bit
            CHECK(m.npv == npv);
            CHECK(m.lo <= price);
            CHECK(m.hi >= price);
            CHECK(pl.model_npv(m, price, modelled, buffers) == Approx(m.npv).margin(1e-12 * (1.0 + std::abs(m.npv))));
            // on the piece, within a model's reach, NPV is a run's: the debt's size and the
            // cost of capital follow the price
            for (const double side : {-1.0, 1.0}) {
                const double end = side < 0 ? std::max(m.lo, price - 1.0) : std::min(m.hi, price + 1.0);
                const double q = price + 0.5 * (end - price);
                if (!(std::abs(q - price) > 1e-6)) continue;
                const double npv_q = run_npv(pl, with, q, lean, buffers);
                CHECK(pl.model_npv(m, q, modelled, buffers) == Approx(npv_q).margin(1e-11 * (1.0 + std::abs(npv_q))));
                CHECK(modelled.capital.wacc == Approx(lean.capital.wacc).margin(1e-14));
                CHECK(modelled.debt_total == Approx(lean.debt_total).margin(1e-9 * (1.0 + lean.debt_total)));
                ++checked;
                if (!pl.capital_independent_of_price(with) && std::abs(lean.capital.wacc - wacc0) > 1e-9) ++wacc_moved;
            }
        }
    });
    CHECK(checked > 100);
    // the cost of capital moved with the price in many of the cases checked
    CHECK(wacc_moved > 20);
}

TEST_CASE("the ledgers evaluate_plan_fast prepares value a plant as ledgers built afresh do", "[finance][lcop]") {
    // the scratch ledgers take ramped capacity from the balance; a fresh one recomputes it
    const std::vector<model::Plan> plans = bundled_and_variants();
    finance::PlanScratch scratch;
    for (const model::Plan& plan : plans) {
        finance::evaluate_plan_fast(plan, scratch);
        const auto times = timeline::schedule_plants<double>(plan);
        const chain::ChainBalance balance = finance::plan_balance(plan, times);
        finance::Ledger<double> a, b;
        finance::LedgerBuffers<double> buffers;
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            const finance::PlantLedger<double> fresh(plan, i, times[i], &balance);
            for (const bool with : {true, false}) {
                for (const double price : {-250.0, 0.0, 37.5, 100.0, 1234.5}) {
                    INFO("plant " << plan.plants[i].id << ", price " << price << ", supports " << with);
                    finance::LedgerOptions<double> o;
                    o.with_supports = with;
                    o.output_price_real = price;
                    scratch.ledger(i).run(o, a, buffers);
                    fresh.run(o, b, buffers);
                    REQUIRE(a.years.size() == b.years.size());
                    for (std::size_t k = 0; k < a.years.size(); ++k) CHECK(a.years[k].fcff == b.years[k].fcff);
                    CHECK(a.capital.wacc == b.capital.wacc);
                    CHECK(finance::project_npv(scratch.ledger(i), a) == finance::project_npv(fresh, b));
                }
            }
        }
    }
}

TEST_CASE("the warm-started LCOP is the reference's on the bundled chain and its scenarios", "[finance][lcop]") {
    const model::Plan base = bundled();
    const auto starts = starts_of(base);
    SECTION("the base plan, with fewer ledger runs") {
        const auto [warm_runs, reference_runs] = compare(base, starts);
        INFO("ledger runs: warm " << warm_runs << ", reference " << reference_runs);
        CHECK(warm_runs < reference_runs);
    }
    for (const auto& sc : base.scenarios) {
        SECTION("scenario " + sc.id) {
            model::Plan plan = base;
            io::apply_scenario(plan, sc.id);
            compare(plan, starts);
        }
    }
}

TEST_CASE("the warm-started LCOP is the reference's on plans far from the start", "[finance][lcop]") {
    const model::Plan base = bundled();
    const auto starts = starts_of(base);
    struct Change {
        const char* path;
        double factor;
    };
    const std::vector<std::vector<Change>> changes{
        {{"plant.sep-1.capex_musd", 0.5}, {"plant.mag-1.capex_musd", 0.5}, {"plant.alloy-1.capex_musd", 0.5}},
        {{"plant.sep-1.capex_musd", 2.0}, {"plant.hre-1.capex_musd", 2.0}, {"plant.mag-2.capex_musd", 2.0}},
        {{"materials.ndpr_oxide.market_price_usd_per_kg", 0.3}},
        {{"materials.ndpr_oxide.market_price_usd_per_kg", 3.0}},
        {{"materials.dytb_oxide.market_price_usd_per_kg", 0.3}, {"materials.mixed_concentrate.market_price_usd_per_kg", 0.3}},
        {{"materials.dytb_oxide.market_price_usd_per_kg", 3.0}, {"materials.mixed_concentrate.market_price_usd_per_kg", 3.0}},
        // roots far from the start: ten and fifty times the capital cost
        {{"plant.sep-1.capex_musd", 10.0}, {"plant.alloy-1.capex_musd", 10.0}, {"plant.mag-1.capex_musd", 50.0}},
        {{"plant.hre-1.capex_musd", 50.0}, {"plant.mag-2.capex_musd", 10.0}, {"plant.sep-1.fixed_opex_musd", 20.0}},
    };
    for (std::size_t c = 0; c < changes.size(); ++c) {
        SECTION("perturbation " + std::to_string(c)) {
            model::Plan plan = base;
            for (const Change& ch : changes[c]) scale(plan, ch.path, ch.factor);
            compare(plan, starts);
        }
    }
    SECTION("the root of mag-1 moves past many doublings of the first step") {
        model::Plan plan = base;
        scale(plan, "plant.mag-1.capex_musd", 1000.0);
        const std::size_t mag = 3;
        REQUIRE(plan.plants[mag].id == "mag-1");
        const Answer r = reference(plan, mag, false);
        const Answer w = warm(plan, mag, false, starts[2 * mag + 1]);
        REQUIRE(r.value);
        CHECK(*r.value > 20 * starts[2 * mag + 1]->price);
        check_same(w, r);
    }
    SECTION("starts far from the root, above and below it, with and without a slope") {
        for (const LcopStart start : {LcopStart{1e6, 0, false}, LcopStart{-3e4, 0, false}, LcopStart{5e3, 1e-3, false},
                                      LcopStart{-1e9, 1e4, true}}) {
            for (std::size_t i = 0; i < base.plants.size(); ++i) {
                INFO("plant " << base.plants[i].id << ", start " << start.price);
                check_same(warm(base, i, false, start), reference(base, i, false));
                check_same(warm(base, i, true, start), reference(base, i, true));
            }
        }
    }
}

namespace {

/// `base` with the DoD price floor at `price` USD/kg for life, without upside sharing.
model::Plan floor_for_life(const model::Plan& base, double price) {
    model::Plan plan = base;
    model::resolve_param(plan, "support.dod-floor.floor_usd_per_kg").set(price);
    model::resolve_param(plan, "support.dod-floor.upside_share").set(0);
    model::resolve_param(plan, "support.dod-floor.end_year").set(2200);
    return plan;
}

}  // namespace

TEST_CASE("where no price makes NPV zero, or the price does not matter, the warm search says what the reference says",
          "[finance][lcop]") {
    const model::Plan base = bundled();
    const auto starts = starts_of(base);
    SECTION("a capital cost so large that the price's effect is below 1e-9 of NPV") {
        model::Plan plan = base;
        scale(plan, "plant.sep-1.capex_musd", 1e13);
        const Answer r = reference(plan, 0, false);
        CHECK_FALSE(r.value);
        CHECK(r.note == "the output's price does not change NPV (no merchant sales)");
        check_same(warm(plan, 0, false, starts[1]), r);
    }
    SECTION("no merchant sales: every tonne of mag-1 under the offtake for its whole life") {
        model::Plan plan = base;
        const std::size_t mag = 3;
        REQUIRE(plan.plants[mag].id == "mag-1");
        model::resolve_param(plan, "support.dod-offtake.start_year").set(2000);
        model::resolve_param(plan, "support.dod-offtake.end_year").set(2200);
        const Answer r = reference(plan, mag, true);
        CHECK_FALSE(r.value);
        CHECK(r.note == "the output's price does not change NPV (no merchant sales)");
        check_same(warm(plan, mag, true, starts[2 * mag]), r);
        check_same(warm(plan, mag, false, starts[2 * mag + 1]), reference(plan, mag, false));
    }
    SECTION("no root: a generous floor for life makes NPV positive at every price, falling towards the floor") {
        // below the floor the top-up makes the cash flows the same whatever the price, but the
        // contracted share falls as the price rises, and with it the WACC climbs
        model::Plan plan = floor_for_life(base, 400);
        const Answer r = reference(plan, 0, true);
        CHECK_FALSE(r.value);
        CHECK(r.note == "no price of the output between -1e14 and 1e14 USD/kg makes NPV zero");
        REQUIRE(starts[0]);
        check_same(warm(plan, 0, true, *starts[0]), r);
        LcopStart local = *starts[0];
        local.probe_reference_ends = false;
        check_same(warm(plan, 0, true, local), r);
        check_same(warm(plan, 0, true, LcopStart{1000.0, 40.0, true}), r);
        check_same(warm(plan, 0, false, starts[1]), reference(plan, 0, false));
    }
    SECTION("a floor over all sales, for life, above 100 USD/kg: flat over [0, 100], a root above") {
        // no working capital and a given cost of equity: below the floor nothing depends on the price
        model::Plan plan = floor_for_life(base, 150);
        model::resolve_param(plan, "plant.sep-1.working_capital_days").set(0);
        model::resolve_param(plan, "plant.sep-1.cost_of_equity").set(0.12);
        model::resolve_param(plan, "plant.sep-1.capex_musd").set(5000);
        const Answer r = reference(plan, 0, true);
        CHECK_FALSE(r.value);
        CHECK(r.note == "the output's price does not change NPV (no merchant sales)");
        REQUIRE(starts[0]);
        CHECK(starts[0]->probe_reference_ends);
        check_same(warm(plan, 0, true, *starts[0]), r);
        // from above the floor, where NPV does depend on the price
        check_same(warm(plan, 0, true, LcopStart{170.0, 40.0, true}), r);
        // without asking NPV at 0 and 100 USD/kg a local search would find the root above
        const Answer w = warm(plan, 0, true, LcopStart{170.0, 40.0, false});
        REQUIRE(w.value);
        CHECK(*w.value > 150.0);
    }
}

TEST_CASE("the warm search on functions of known shape", "[finance][lcop]") {
    auto both = [](const std::function<double(double)>& f, const LcopStart& start) {
        Answer r, w;
        r.value = finance::detail::lcop_root_from_scratch(f, r.note);
        w.value = finance::detail::lcop_root_near(f, start, w.note);
        return std::pair<Answer, Answer>{w, r};
    };
    SECTION("a line") {
        const auto [w, r] = both([](double p) { return 3.0 * (p - 72.25); }, LcopStart{60.0, 2.0, false});
        REQUIRE(w.value);
        CHECK(*w.value == Approx(72.25).margin(1e-10));
        check_same(w, r);
    }
    SECTION("a jump, as a rating band gives: the root is the price of the jump") {
        auto f = [](double p) { return p < 41.0 ? -5.0 + 0.01 * p : 2.0 + 0.01 * p; };
        const auto [w, r] = both(f, LcopStart{80.0, 0.01, false});
        REQUIRE(w.value);
        CHECK(*w.value == Approx(41.0).margin(1e-9));
        check_same(w, r);
    }
    SECTION("NPV that falls with the price: no root in reach, as the reference finds") {
        const auto [w, r] = both([](double p) { return -10.0 - 0.5 * p; }, LcopStart{50.0, 0.5, false});
        CHECK_FALSE(r.value);
        CHECK(r.note == "no price of the output between -1e14 and 1e14 USD/kg makes NPV zero");
        check_same(w, r);
    }
    SECTION("NPV that is not finite") {
        const auto [w, r] = both([](double p) { return p > 10.0 ? std::nan("") : p - 20.0; }, LcopStart{15.0, 1.0, false});
        CHECK_FALSE(r.value);
        check_same(w, r);
    }
    SECTION("a root below zero, far from the start") {
        const auto [w, r] = both([](double p) { return 1e3 + 0.01 * p; }, LcopStart{50.0, 10.0, false});
        REQUIRE(r.value);
        CHECK(*r.value == Approx(-1e5).margin(1e-9));
        check_same(w, r);
    }
}

TEST_CASE("the searches by pieces on the bundled chain: which plants, and how few runs", "[finance][lcop]") {
    const model::Plan base = bundled();
    const auto starts = starts_of(base);
    finance::PlanScratch scratch;
    finance::evaluate_plan_fast(base, scratch);
    // all but sep-1 (debt sized by DSCR), with and without supports, and mag-1 under its offtake
    std::vector<std::pair<std::size_t, bool>> by_pieces;
    for (std::size_t i = 0; i < base.plants.size(); ++i)
        for (const bool with : {true, false})
            if (scratch.ledger(i).capital_independent_of_price(with)) by_pieces.emplace_back(i, with);
    CHECK(by_pieces.size() == 7);
    for (const auto& [i, with] : by_pieces) CHECK_FALSE((base.plants[i].id == "sep-1" || (base.plants[i].id == "mag-1" && with)));
    // over the scenarios and the dearer chain, from the bundled plan's starts
    int searches = 0, runs = 0, bracketed_searches = 0, bracketed_runs = 0, modelled_runs = 0, model_npvs = 0;
    for (const model::Plan& plan : bundled_and_variants()) {
        for (std::size_t i = 0; i < plan.plants.size(); ++i) {
            for (const bool with : {true, false}) {
                const auto& start = starts[2 * i + (with ? 0 : 1)];
                REQUIRE(start);
                finance::PlanScratch s;
                finance::evaluate_plan_fast(plan, s);
                finance::Ledger<double> ledger;
                finance::LedgerBuffers<double> buffers;
                LcopNpv npv(s.ledger(i), with, ledger, buffers);
                std::string note;
                if (s.ledger(i).capital_independent_of_price(with)) {
                    ++searches;
                    CHECK(finance::detail::lcop_on_pieces(npv, start->price));
                    runs += npv.runs();
                } else {
                    ++bracketed_searches;
                    const std::optional<double> root = finance::detail::lcop_root_near(npv, *start, note);
                    REQUIRE(root);
                    bracketed_runs += npv.runs();
                    // the same search on NPV models (lcop_near's way for these plants): the same
                    // root within the searches' tolerance, on fewer runs
                    LcopNpv modelled(s.ledger(i), with, ledger, buffers);
                    modelled.use_models();
                    const std::optional<double> on_models = finance::detail::lcop_root_near(modelled, *start, note);
                    REQUIRE(on_models);
                    CHECK(std::abs(*on_models - *root) <= 1e-9);
                    modelled_runs += modelled.runs();
                    model_npvs += modelled.modelled_count();
                }
            }
        }
    }
    // (reeplan-model.7, LCOP: 1.2 runs a search by pieces, 4.7 by bracket, 2.2 on NPV models)
    INFO("by pieces: " << runs << " runs in " << searches << " searches; by bracket: " << bracketed_runs << " in "
                       << bracketed_searches << ", on models " << modelled_runs << " runs and " << model_npvs
                       << " model NPVs");
    CHECK(searches == 49);
    CHECK(10 * runs <= 13 * searches);
    CHECK(10 * bracketed_runs >= 45 * bracketed_searches);
    CHECK(10 * modelled_runs <= 25 * bracketed_searches);
}
