#include "chain/balance.hpp"

#include "chain/recipe_graph.hpp"
#include "timeline/schedule.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <charconv>
#include <cstdint>

namespace reeplan::chain {

using detail::Graph;

namespace {

/// Per-year sums of one stage's plants over one critical input, for the import-dependence runs.
struct DependenceSums {
    double need = 0, imp = 0, imp_musd = 0, unmet = 0, stranded = 0, idle = 0;
};

}  // namespace

struct BalanceScratch::Impl {
    Graph g;
    detail::GraphScratch graph;
    std::vector<char> allocated, shock_on;  ///< shock_on: [shock][material]
    std::vector<double> shock_cut, shock_mult;  ///< [material × years + year] (shock_terms)
    std::vector<double> allocated_total, req_total, dem_req, cap_sum, nameplate_sum, avail, price, plant_req;
    std::vector<double> prev_avail;  ///< avail of the year before (steady years)
    /// (stage, critical material) pairs some plant of the stage consumes, in (stage, material)
    /// order; each plant input's pair (none for a non-critical input)
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<std::size_t> pair_of;                    ///< [stage × materials + material]
    std::vector<std::vector<std::size_t>> input_pair;   ///< [plant][input]
    std::vector<DependenceSums> dependence;              ///< [year][pair]
};

BalanceScratch::BalanceScratch() : impl_(std::make_unique<Impl>()) {}
BalanceScratch::~BalanceScratch() = default;
BalanceScratch::BalanceScratch(BalanceScratch&&) noexcept = default;
BalanceScratch& BalanceScratch::operator=(BalanceScratch&&) noexcept = default;

namespace {

/// Import availability of material `m` in [y, y+1), after the shocks' cut.
double import_available(const Graph& g, std::size_t m, int y, double cut) {
    const model::Material* mat = g.mat[m];
    double available = mat ? std::clamp(mat->import_available.at(static_cast<double>(y)), 0.0, 1.0) : 1.0;
    available *= std::clamp(cut, 0.0, 1.0);
    return available;
}

/// Import price of material `m` in [y, y+1), after the shocks' multiplier.
double import_price(const Graph& g, std::size_t m, int y, double mult) {
    const model::Material* mat = g.mat[m];
    double price = mat ? mat->market_price_usd_per_kg.at(static_cast<double>(y)) : 0.0;
    price *= mult;
    return price;
}

/// The same double to the bit (a year repeats when its inputs do).
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

double clip01(double x) { return x < 0 ? 0.0 : (x > 1 ? 1.0 : x); }

/// Appends x with one decimal, for notes.
void append_one_decimal(std::string& to, double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, 1);
    to.append(buf, res.ptr);
}

/// Appends a whole number, for notes.
void append_int(std::string& to, int x) {
    char buf[16];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    to.append(buf, res.ptr);
}

/// Above this many tonnes a shortfall counts (the allocation is exact to rounding).
constexpr double tonnes_tol = 1e-9;

/// Element `i` of `v`, appended when `v` is not that long yet: filling a vector entry by entry
/// over storage kept from an earlier call (shrink it to the count at the end).
template <class V> typename V::value_type& slot(V& v, std::size_t i) {
    if (i == v.size()) v.emplace_back();
    return v[i];
}

}  // namespace

ChainBalance balance_flows(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times,
                           double independence_target_year) {
    ChainBalance out;
    BalanceScratch scratch;
    balance_flows_into(plan, times, independence_target_year, out, scratch);
    return out;
}

void balance_flows_into(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times,
                        double independence_target_year, ChainBalance& out, BalanceScratch& scratch,
                        BalanceDetail detail) {
    BalanceScratch::Impl& s = *scratch.impl_;
    const bool full = detail == BalanceDetail::Full;
    detail::build_graph(plan, s.g, s.graph);
    const Graph& g = s.g;
    const std::size_t n_plants = plan.plants.size();
    const std::size_t n_mat = g.n_ids;

    out.first_year = static_cast<int>(std::floor(plan.project.base_year));
    out.last_year = static_cast<int>(std::floor(plan.project.end_year));
    out.final_product = g.ids[g.final_product];
    out.independence_target = plan.project.independence_target;
    out.independence_target_year = independence_target_year;
    out.materials.resize(n_mat);
    for (std::size_t m = 0; m < n_mat; ++m) out.materials[m] = g.ids[m];
    out.times = times;
    out.schedule = timeline::CriticalPath{};
    std::size_t n_unproduced = 0;
    for (std::size_t m = 0; m < n_mat; ++m)
        if (g.critical(m) && g.producers[m].empty() && !g.consumers[m].empty())
            slot(out.unproduced_critical_inputs, n_unproduced++) = g.ids[m];
    out.unproduced_critical_inputs.resize(n_unproduced);

    s.shock_on.resize(plan.shocks.size() * n_mat);
    for (std::size_t k = 0; k < plan.shocks.size(); ++k) {
        // a risk's shocks come one after another, on one material: the row of the last
        if (k > 0 && plan.shocks[k].material == plan.shocks[k - 1].material)
            std::copy_n(s.shock_on.begin() + static_cast<std::ptrdiff_t>((k - 1) * n_mat), n_mat,
                        s.shock_on.begin() + static_cast<std::ptrdiff_t>(k * n_mat));
        else
            for (std::size_t m = 0; m < n_mat; ++m) s.shock_on[k * n_mat + m] = plan.shocks[k].material == g.ids[m];
    }

    const model::Material* fp_mat = g.mat[g.final_product];
    for (auto* v : {&s.allocated_total, &s.req_total, &s.dem_req, &s.cap_sum, &s.nameplate_sum, &s.avail, &s.price})
        v->assign(n_mat, 0.0);
    s.plant_req.assign(n_plants, 0.0);
    s.allocated.assign(n_mat, 0);
    std::vector<double>& allocated_total = s.allocated_total;
    std::vector<double>& req_total = s.req_total;
    std::vector<double>& dem_req = s.dem_req;
    std::vector<double>& cap_sum = s.cap_sum;
    std::vector<double>& nameplate_sum = s.nameplate_sum;
    std::vector<double>& avail = s.avail;
    std::vector<double>& price = s.price;
    std::vector<double>& plant_req = s.plant_req;

    const std::size_t n_years =
        out.last_year >= out.first_year ? static_cast<std::size_t>(out.last_year - out.first_year + 1) : 0;
    out.years.resize(n_years);
    // the (stage, critical input) pairs that occur: only they can depend on imports
    constexpr std::size_t no_pair = static_cast<std::size_t>(-1);
    s.pair_of.assign(stage_count * n_mat, no_pair);
    for (std::size_t p = 0; p < n_plants; ++p)
        for (const auto& [m, kg] : g.inputs[p])
            if (g.critical(m)) s.pair_of[stage_index(plan.plants[p].stage) * n_mat + m] = 0;
    s.pairs.clear();
    for (std::size_t st_i = 0; st_i < stage_count; ++st_i)
        for (std::size_t m = 0; m < n_mat; ++m)
            if (s.pair_of[st_i * n_mat + m] != no_pair) {
                s.pair_of[st_i * n_mat + m] = s.pairs.size();
                s.pairs.emplace_back(st_i, m);
            }
    s.input_pair.resize(n_plants);
    for (std::size_t p = 0; p < n_plants; ++p) {
        s.input_pair[p].clear();
        const std::size_t st_i = stage_index(plan.plants[p].stage);
        for (const auto& [m, kg] : g.inputs[p]) s.input_pair[p].push_back(g.critical(m) ? s.pair_of[st_i * n_mat + m] : no_pair);
    }
    const std::size_t n_pairs = s.pairs.size();
    s.dependence.assign(n_years * n_pairs, DependenceSums{});
    detail::shock_terms(plan, g, s.shock_on, out.first_year, n_years, s.shock_cut, s.shock_mult);

    for (std::size_t yi = 0; yi < n_years; ++yi) {
        const int y = out.first_year + static_cast<int>(yi);
        ChainYear& cy = out.years[yi];
        const double y0 = y, y1 = y + 1.0;
        cy.plants.resize(n_plants);

        // 1. ramped capacity and each material's total requirement
        std::fill(req_total.begin(), req_total.end(), 0.0);
        for (std::size_t p = 0; p < n_plants; ++p) {
            PlantYear& py = cy.plants[p];
            py.ramped_capacity_t = timeline::production_in<double>(plan.plants[p], times[p], y0, y1);
            for (const auto& [m, kg] : g.inputs[p]) req_total[m] += py.ramped_capacity_t * kg;
        }
        for (std::size_t m = 0; m < n_mat; ++m) avail[m] = import_available(g, m, y, s.shock_cut[m * n_years + yi]);
        if (full)
            for (std::size_t m = 0; m < n_mat; ++m) price[m] = import_price(g, m, y, s.shock_mult[m * n_years + yi]);
        const double demand = fp_mat ? std::max(0.0, fp_mat->demand_tpy.at(static_cast<double>(y))) : 0.0;

        // A year is the function of its ramped capacities, import availabilities (and prices),
        // final demand and the plan's constants computed below: when they are those of the year
        // before to the bit, so is every tonne, and the year is that year's again (the years of
        // steady operation, after the ramps and before the end of life).
        if (yi > 0) {
            const ChainYear& prev = out.years[yi - 1];
            bool same = same_bits(prev.demand_t, demand);
            for (std::size_t m = 0; same && m < n_mat; ++m) same = same_bits(avail[m], s.prev_avail[m]);
            for (std::size_t p = 0; same && p < n_plants; ++p)
                same = same_bits(cy.plants[p].ramped_capacity_t, prev.plants[p].ramped_capacity_t);
            for (std::size_t m = 0; same && full && m < n_mat; ++m)
                same = same_bits(price[m], prev.materials[m].import_price_usd_per_kg);
            if (same) {
                cy = prev;
                cy.year = y;
                if (n_pairs > 0)
                    std::copy_n(s.dependence.begin() + static_cast<std::ptrdiff_t>((yi - 1) * n_pairs), n_pairs,
                                s.dependence.begin() + static_cast<std::ptrdiff_t>(yi * n_pairs));
                continue;
            }
        }
        s.prev_avail.assign(avail.begin(), avail.end());
        cy.year = y;
        cy.demand_t = cy.domestic_final_t = cy.fully_domestic_final_t = 0;
        cy.domestic_share.reset();
        cy.fully_domestic_share.reset();
        cy.stages = {};
        cy.bottleneck.reset();
        cy.imports_musd = cy.stranded_t = cy.stranded_capex_musd = 0;
        cy.materials.assign(n_mat, MaterialYear{});
        for (std::size_t m = 0; full && m < n_mat; ++m) {
            MaterialYear& my = cy.materials[m];
            my.import_available = avail[m];
            my.import_price_usd_per_kg = price[m];
            my.requirement_t = req_total[m];
        }

        // 2. plants in processing order; a material is allocated when its first consumer comes,
        //    by then every producer of it has produced
        std::fill(s.allocated.begin(), s.allocated.end(), 0);
        for (std::size_t p : g.order) {
            const model::Plant& plant = plan.plants[p];
            PlantYear& py = cy.plants[p];
            const double cap = py.ramped_capacity_t;
            double fill = 1.0;
            const std::size_t n_in = g.inputs[p].size();
            std::size_t limiting = n_in;
            py.inputs.resize(n_in);
            for (std::size_t k = 0; k < n_in; ++k) {
                const auto& [m, kg] = g.inputs[p][k];
                MaterialYear& my = cy.materials[m];
                if (!s.allocated[m]) {
                    allocated_total[m] = std::min(my.domestic_t, req_total[m]);
                    s.allocated[m] = 1;
                }
                InputFlow& f = py.inputs[k];
                f.material = m;
                f.kg_per_kg = kg;
                f.requirement_t = cap * kg;
                f.domestic_offered_t = f.import_offered_t = 0;
                f.domestic_t = f.imports_t = f.consumed_t = f.fully_domestic_t = 0;
                if (req_total[m] > 0 && f.requirement_t > 0) {
                    f.domestic_offered_t = allocated_total[m] * (f.requirement_t / req_total[m]);
                    f.domestic_offered_t = std::min(f.domestic_offered_t, f.requirement_t);
                    f.import_offered_t = avail[m] * (f.requirement_t - f.domestic_offered_t);
                    const double ratio = (f.domestic_offered_t + f.import_offered_t) / f.requirement_t;
                    if (ratio < fill) {
                        fill = ratio;
                        limiting = k;
                    }
                }
            }
            fill = clip01(fill);
            if (full && limiting < n_in && fill < 1.0 - 1e-12) py.limiting_input = g.ids[py.inputs[limiting].material];
            else py.limiting_input.clear();
            py.fill = fill;
            py.production_t = fill * cap;
            py.stranded_t = cap - py.production_t;
            py.stranded_capex_musd = plant.capacity_tpy > 0 ? plant.capex_musd * py.stranded_t / plant.capacity_tpy : 0.0;
            for (std::size_t k = 0; k < n_in; ++k) {
                InputFlow& f = py.inputs[k];
                const std::size_t m = g.inputs[p][k].first;
                f.consumed_t = py.production_t * f.kg_per_kg;
                f.domestic_t = std::min(f.domestic_offered_t, f.consumed_t);
                f.imports_t = std::max(0.0, f.consumed_t - f.domestic_t);
                MaterialYear& my = cy.materials[m];
                my.domestic_used_t += f.domestic_t;
                if (!full) continue;
                my.imports_t += f.imports_t;
                my.unmet_t += (1.0 - avail[m]) * (f.requirement_t - f.domestic_offered_t);
            }
            cy.materials[g.output[p]].domestic_t += py.production_t;
            cy.stranded_t += py.stranded_t;
            cy.stranded_capex_musd += py.stranded_capex_musd;
        }

        // 3. domestic content, in the same order: a material's fully domestic tonnes go to the
        //    chain's own plants first, pro rata to the domestic tonnes each uses; the surplus
        //    (sold outside the chain) takes what is left
        for (std::size_t p : g.order) {
            PlantYear& py = cy.plants[p];
            double share = 1.0;
            bool any_critical = false;
            for (std::size_t k = 0; k < py.inputs.size(); ++k) {
                InputFlow& f = py.inputs[k];
                const std::size_t m = g.inputs[p][k].first;
                const MaterialYear& my = cy.materials[m];
                const double routed = my.domestic_used_t > 0 ? clip01(my.fully_domestic_t / my.domestic_used_t) : 0.0;
                f.fully_domestic_t = f.domestic_t * routed;
                if (g.critical(m)) {
                    any_critical = true;
                    share = std::min(share, f.consumed_t > 0 ? clip01(f.fully_domestic_t / f.consumed_t) : 0.0);
                }
            }
            py.fully_domestic_share = py.production_t > 0 ? (any_critical ? share : 1.0) : 0.0;
            cy.materials[g.output[p]].fully_domestic_t += py.production_t * py.fully_domestic_share;
        }
        for (std::size_t m = 0; m < n_mat; ++m) {
            MaterialYear& my = cy.materials[m];
            my.surplus_t = std::max(0.0, my.domestic_t - my.domestic_used_t);
            if (!full) continue;
            my.imports_musd = my.imports_t * my.import_price_usd_per_kg / 1000.0;
            cy.imports_musd += my.imports_musd;
        }

        // 4. final product and demand: what the chain's plants do not use serves demand, with the
        //    fully domestic tonnes they do not take
        const MaterialYear& fp = cy.materials[g.final_product];
        cy.demand_t = demand;
        cy.domestic_final_t = fp.surplus_t;
        cy.fully_domestic_final_t = std::clamp(fp.fully_domestic_t - fp.domestic_used_t, 0.0, fp.surplus_t);
        if (cy.demand_t > 0) {
            cy.domestic_share = clip01(cy.domestic_final_t / cy.demand_t);
            cy.fully_domestic_share = clip01(cy.fully_domestic_final_t / cy.demand_t);
        }

        // 5. demand propagated up the recipes, consumers before producers
        std::fill(dem_req.begin(), dem_req.end(), 0.0);
        std::fill(cap_sum.begin(), cap_sum.end(), 0.0);
        std::fill(nameplate_sum.begin(), nameplate_sum.end(), 0.0);
        dem_req[g.final_product] = cy.demand_t;
        for (std::size_t p = 0; p < n_plants; ++p) {
            cap_sum[g.output[p]] += cy.plants[p].ramped_capacity_t;
            nameplate_sum[g.output[p]] += plan.plants[p].capacity_tpy;
        }
        for (auto it = g.order.rbegin(); it != g.order.rend(); ++it) {
            const std::size_t p = *it, m = g.output[p];
            double w = 0;
            if (cap_sum[m] > 0) w = cy.plants[p].ramped_capacity_t / cap_sum[m];
            else if (nameplate_sum[m] > 0) w = plan.plants[p].capacity_tpy / nameplate_sum[m];
            else w = 1.0 / static_cast<double>(g.producers[m].size());
            plant_req[p] = dem_req[m] * w;
            for (const auto& [in, kg] : g.inputs[p]) dem_req[in] += kg * plant_req[p];
        }
        for (std::size_t m = 0; full && m < n_mat; ++m) cy.materials[m].demand_requirement_t = dem_req[m];
        for (std::size_t p = 0; p < n_plants; ++p) {
            StageYear& st = cy.stages[stage_index(plan.plants[p].stage)];
            st.requirement_t += plant_req[p];
            st.domestic_t += cy.plants[p].production_t;
        }
        for (std::size_t st_i = 0; st_i < stage_count; ++st_i) {
            StageYear& st = cy.stages[st_i];
            if (!(st.requirement_t > 0)) continue;
            st.coverage_unclipped = st.domestic_t / st.requirement_t;
            st.coverage = clip01(*st.coverage_unclipped);
            if (!cy.bottleneck || *st.coverage_unclipped < *cy.stages[stage_index(*cy.bottleneck)].coverage_unclipped)
                cy.bottleneck = stages[st_i];
        }

        // 6. what each stage's plants need of each critical input beyond the domestic supply
        //    offered to them, for the import-dependence runs below (plants in file order)
        DependenceSums* dep = n_pairs ? &s.dependence[yi * n_pairs] : nullptr;
        for (std::size_t p = 0; full && p < n_plants; ++p) {
            const PlantYear& py = cy.plants[p];
            for (std::size_t k = 0; k < py.inputs.size(); ++k) {
                const std::size_t pair = s.input_pair[p][k];
                if (pair == no_pair) continue;
                const std::size_t m = g.inputs[p][k].first;
                const InputFlow& f = py.inputs[k];
                DependenceSums& d = dep[pair];
                d.need += f.requirement_t - f.domestic_offered_t;
                d.imp += f.imports_t;
                d.imp_musd += f.imports_t * cy.materials[m].import_price_usd_per_kg / 1000.0;
                d.unmet += (1.0 - cy.materials[m].import_available) * (f.requirement_t - f.domestic_offered_t);
                d.stranded += py.stranded_t;
                d.idle += py.stranded_capex_musd;
            }
        }
    }

    // ---- over the years: milestones, dependence runs, import totals ---------------------------
    out.first_domestic_output_year.reset();
    out.independence_year.reset();
    double best_share = -1;
    int best_year = 0;
    bool any_demand = false;
    for (const ChainYear& cy : out.years) {
        if (!out.first_domestic_output_year && cy.fully_domestic_final_t > 0) out.first_domestic_output_year = cy.year;
        if (cy.demand_t > 0) {
            any_demand = true;
            const double sh = cy.fully_domestic_final_t / cy.demand_t;
            if (sh > best_share) best_share = sh, best_year = cy.year;
            if (!out.independence_year && cy.fully_domestic_final_t > 0 &&
                cy.fully_domestic_final_t >= out.independence_target * cy.demand_t * (1.0 - 1e-12))
                out.independence_year = cy.year;
        }
    }
    auto append_span = [&](std::string& to) {
        append_int(to, out.first_year);
        to += '-';
        append_int(to, out.last_year);
    };
    out.first_domestic_output_note.clear();
    out.independence_note.clear();
    out.independence_on_time =
        out.independence_year && static_cast<double>(*out.independence_year) <= std::floor(independence_target_year);
    if (!full) {
        out.dependence.clear();
        out.imports.clear();
        return;
    }
    if (!out.first_domestic_output_year) {
        std::string& note = out.first_domestic_output_note;
        note += "no fully domestic ";
        note += out.final_product;
        note += " in ";
        append_span(note);
        if (!out.unproduced_critical_inputs.empty()) {
            note += ": no plant produces the critical input(s) ";
            for (std::size_t k = 0; k < out.unproduced_critical_inputs.size(); ++k) {
                if (k) note += ", ";
                note += out.unproduced_critical_inputs[k];
            }
        }
    }
    if (!out.independence_year) {
        std::string& note = out.independence_note;
        if (!any_demand) {
            note += "no demand for ";
            note += out.final_product;
            note += " in ";
            append_span(note);
        } else if (!out.first_domestic_output_year) {
            note = out.first_domestic_output_note;
        } else {
            note += "fully domestic ";
            note += out.final_product;
            note += " reaches at most ";
            append_one_decimal(note, 100.0 * best_share);
            note += " % of demand (";
            append_int(note, best_year);
            note += ") in ";
            append_span(note);
            note += ", short of the target ";
            append_one_decimal(note, 100.0 * out.independence_target);
            note += " %";
        }
    }

    // import-dependence runs: per stage and critical material, maximal runs of years in which the
    // domestic supply offered to the stage's plants falls short of their requirement
    // (pairs no plant forms never depend on imports)
    std::size_t n_runs = 0;
    for (std::size_t q = 0; q < n_pairs; ++q) {
        const auto [st_i, m] = s.pairs[q];
        ImportDependence* run = nullptr;
        for (std::size_t yi = 0; yi < n_years; ++yi) {
            const DependenceSums& d = s.dependence[yi * n_pairs + q];
            if (!(d.need > tonnes_tol)) {
                run = nullptr;
                continue;
            }
            if (!run) {
                run = &slot(out.dependence, n_runs++);
                run->stage = stages[st_i];
                run->material = g.ids[m];
                run->first_year = out.years[yi].year;
                run->imports_t = run->imports_musd = run->unmet_t = run->stranded_t = 0;
                run->stranded_capex_musd_peak = 0;
            }
            run->last_year = out.years[yi].year;
            run->imports_t += d.imp;
            run->imports_musd += d.imp_musd;
            run->unmet_t += d.unmet;
            run->stranded_t += d.stranded;
            run->stranded_capex_musd_peak = std::max(run->stranded_capex_musd_peak, d.idle);
        }
    }
    out.dependence.resize(n_runs);
    std::size_t n_imports = 0;
    for (std::size_t m = 0; m < n_mat; ++m) {
        double imports_t = 0, imports_musd = 0;
        for (const ChainYear& cy : out.years) {
            imports_t += cy.materials[m].imports_t;
            imports_musd += cy.materials[m].imports_musd;
        }
        if (imports_t > 0) {
            ImportTotal& t = slot(out.imports, n_imports++);
            t.material = g.ids[m];
            t.imports_t = imports_t;
            t.imports_musd = imports_musd;
        }
    }
    out.imports.resize(n_imports);
}

ChainBalance balance_chain(const model::Plan& plan, double independence_target_year) {
    ChainBalance out = balance_flows(plan, timeline::schedule_plants<double>(plan), independence_target_year);
    out.schedule = timeline::critical_path(plan, independence_target_year);
    return out;
}

}  // namespace reeplan::chain
