#include "chain/balance.hpp"

#include "timeline/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <functional>
#include <map>

namespace reeplan::chain {

namespace {

/// The recipe graph: materials by index, producers and consumers of each.
struct Graph {
    std::vector<std::string> ids;
    std::vector<const model::Material*> mat;     ///< null for ids the plan does not list
    std::vector<std::vector<std::size_t>> producers, consumers;
    std::vector<std::size_t> output;              ///< material index of each plant's output
    std::vector<std::vector<std::pair<std::size_t, double>>> inputs;  ///< per plant: (material, kg/kg), kg > 0
    std::vector<std::size_t> order;               ///< plants, producers before consumers
    std::size_t final_product = 0;

    std::size_t index(const std::string& id) {
        for (std::size_t k = 0; k < ids.size(); ++k)
            if (ids[k] == id) return k;
        ids.push_back(id);
        mat.push_back(nullptr);
        return ids.size() - 1;
    }
    bool critical(std::size_t m) const { return mat[m] == nullptr || mat[m]->critical; }
};

Graph build_graph(const model::Plan& plan) {
    Graph g;
    for (const auto& m : plan.materials) {
        g.ids.push_back(m.id);
        g.mat.push_back(&m);
    }
    const std::size_t n = plan.plants.size();
    g.output.resize(n);
    g.inputs.resize(n);
    for (std::size_t p = 0; p < n; ++p) {
        g.output[p] = g.index(plan.plants[p].output);
        for (const auto& [id, kg] : plan.plants[p].inputs)
            if (kg > 0) g.inputs[p].emplace_back(g.index(id), kg);
    }
    g.final_product = g.index(timeline::final_product(plan));
    g.producers.assign(g.ids.size(), {});
    g.consumers.assign(g.ids.size(), {});
    for (std::size_t p = 0; p < n; ++p) {
        g.producers[g.output[p]].push_back(p);
        for (const auto& [m, kg] : g.inputs[p]) g.consumers[m].push_back(p);
    }

    // A loop in the recipes (a plant needing, through other plants, its own output) has no
    // order to process in: report it as "a -> b -> a" over materials, like after-link cycles.
    enum class Mark { None, Active, Done };
    std::vector<Mark> mark(g.ids.size(), Mark::None);
    std::vector<std::size_t> stack;
    std::function<void(std::size_t)> visit = [&](std::size_t m) {
        if (mark[m] == Mark::Done) return;
        if (mark[m] == Mark::Active) {
            std::string cycle;
            bool in = false;
            for (std::size_t k : stack) {
                if (k == m) in = true;
                if (in) cycle += g.ids[k] + " -> ";
            }
            cycle += g.ids[m];
            const model::Plant& p = plan.plants[g.producers[m].front()];
            const std::string path = "plant." + p.id + ".inputs";
            throw model::InputError({model::Diagnostic{plan.pos(path), path, "recipe cycle: " + cycle}});
        }
        mark[m] = Mark::Active;
        stack.push_back(m);
        for (std::size_t p : g.producers[m])
            for (const auto& [in, kg] : g.inputs[p]) visit(in);
        stack.pop_back();
        mark[m] = Mark::Done;
    };
    for (std::size_t m = 0; m < g.ids.size(); ++m) visit(m);

    // Kahn's algorithm, always taking the ready plant earliest in (stage, file order).
    std::vector<std::size_t> waiting(n, 0);
    for (std::size_t p = 0; p < n; ++p)
        for (const auto& [m, kg] : g.inputs[p]) waiting[p] += g.producers[m].size();
    std::vector<bool> taken(n, false);
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t best = n;
        for (std::size_t p = 0; p < n; ++p)
            if (!taken[p] && waiting[p] == 0 && (best == n || plan.plants[p].stage < plan.plants[best].stage)) best = p;
        taken[best] = true;  // the loop check above guarantees a ready plant
        g.order.push_back(best);
        for (std::size_t c : g.consumers[g.output[best]])
            for (const auto& [m, kg] : g.inputs[c])
                if (m == g.output[best]) --waiting[c];
    }
    return g;
}

/// Import availability and price multiplier of material `m` in [y, y+1), after shocks.
void import_terms(const model::Plan& plan, const Graph& g, std::size_t m, int y, double& available, double& price) {
    const model::Material* mat = g.mat[m];
    const double yd = static_cast<double>(y);
    available = mat ? std::clamp(mat->import_available.at(yd), 0.0, 1.0) : 1.0;
    price = mat ? mat->market_price_usd_per_kg.at(yd) : 0.0;
    double cut = 1.0, mult = 1.0;
    for (const model::SupplyShock& s : plan.shocks) {
        if (s.material != g.ids[m]) continue;
        const double w = timeline::overlap<double>(yd, yd + 1.0, s.start_year, s.end_year);
        cut = std::min(cut, 1.0 - w * (1.0 - s.available_share));
        mult *= 1.0 + w * (s.price_multiplier - 1.0);
    }
    available *= std::clamp(cut, 0.0, 1.0);
    price *= mult;
}

double clip01(double x) { return x < 0 ? 0.0 : (x > 1 ? 1.0 : x); }

/// x with one decimal, for notes.
std::string one_decimal(double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, 1);
    return std::string(buf, res.ptr);
}

/// Above this many tonnes a shortfall counts (the allocation is exact to rounding).
constexpr double tonnes_tol = 1e-9;

}  // namespace

ChainBalance balance_flows(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times,
                           double independence_target_year) {
    Graph g = build_graph(plan);
    const std::size_t n_plants = plan.plants.size();
    const std::size_t n_mat = g.ids.size();

    ChainBalance out;
    out.first_year = static_cast<int>(std::floor(plan.project.base_year));
    out.last_year = static_cast<int>(std::floor(plan.project.end_year));
    out.final_product = g.ids[g.final_product];
    out.independence_target = plan.project.independence_target;
    out.independence_target_year = independence_target_year;
    out.materials = g.ids;
    out.times = times;
    for (std::size_t m = 0; m < n_mat; ++m)
        if (g.critical(m) && g.producers[m].empty() && !g.consumers[m].empty()) out.unproduced_critical_inputs.push_back(g.ids[m]);

    const model::Material* fp_mat = g.mat[g.final_product];
    std::vector<double> allocated_total(n_mat), req_total(n_mat), dem_req(n_mat), cap_sum(n_mat),
        nameplate_sum(n_mat), avail(n_mat), price(n_mat);
    std::vector<double> plant_req(n_plants);
    std::vector<bool> allocated(n_mat);

    for (int y = out.first_year; y <= out.last_year; ++y) {
        ChainYear cy;
        cy.year = y;
        const double y0 = y, y1 = y + 1.0;
        cy.materials.assign(n_mat, MaterialYear{});
        cy.plants.assign(n_plants, PlantYear{});

        // 1. ramped capacity and each material's total requirement
        std::fill(req_total.begin(), req_total.end(), 0.0);
        for (std::size_t p = 0; p < n_plants; ++p) {
            PlantYear& py = cy.plants[p];
            py.ramped_capacity_t = timeline::production_in<double>(plan.plants[p], times[p], y0, y1);
            for (const auto& [m, kg] : g.inputs[p]) req_total[m] += py.ramped_capacity_t * kg;
        }
        for (std::size_t m = 0; m < n_mat; ++m) {
            import_terms(plan, g, m, y, avail[m], price[m]);
            MaterialYear& my = cy.materials[m];
            my.import_available = avail[m];
            my.import_price_usd_per_kg = price[m];
            my.requirement_t = req_total[m];
        }

        // 2. plants in processing order; a material is allocated when its first consumer comes,
        //    by then every producer of it has produced
        std::fill(allocated.begin(), allocated.end(), false);
        for (std::size_t p : g.order) {
            const model::Plant& plant = plan.plants[p];
            PlantYear& py = cy.plants[p];
            const double cap = py.ramped_capacity_t;
            double fill = 1.0;
            for (const auto& [m, kg] : g.inputs[p]) {
                MaterialYear& my = cy.materials[m];
                if (!allocated[m]) {
                    allocated_total[m] = std::min(my.domestic_t, req_total[m]);
                    allocated[m] = true;
                }
                InputFlow f;
                f.material = g.ids[m];
                f.kg_per_kg = kg;
                f.requirement_t = cap * kg;
                if (req_total[m] > 0 && f.requirement_t > 0) {
                    f.domestic_offered_t = allocated_total[m] * (f.requirement_t / req_total[m]);
                    f.domestic_offered_t = std::min(f.domestic_offered_t, f.requirement_t);
                    f.import_offered_t = avail[m] * (f.requirement_t - f.domestic_offered_t);
                    const double ratio = (f.domestic_offered_t + f.import_offered_t) / f.requirement_t;
                    if (ratio < fill) {
                        fill = ratio;
                        py.limiting_input = f.material;
                    }
                }
                py.inputs.push_back(std::move(f));
            }
            fill = clip01(fill);
            if (!(fill < 1.0 - 1e-12)) py.limiting_input.clear();
            py.fill = fill;
            py.production_t = fill * cap;
            py.stranded_t = cap - py.production_t;
            py.stranded_capex_musd = plant.capacity_tpy > 0 ? plant.capex_musd * py.stranded_t / plant.capacity_tpy : 0.0;
            for (std::size_t k = 0; k < py.inputs.size(); ++k) {
                InputFlow& f = py.inputs[k];
                const std::size_t m = g.inputs[p][k].first;
                f.consumed_t = py.production_t * f.kg_per_kg;
                f.domestic_t = std::min(f.domestic_offered_t, f.consumed_t);
                f.imports_t = std::max(0.0, f.consumed_t - f.domestic_t);
                MaterialYear& my = cy.materials[m];
                my.domestic_used_t += f.domestic_t;
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
            my.imports_musd = my.imports_t * my.import_price_usd_per_kg / 1000.0;
            cy.imports_musd += my.imports_musd;
        }

        // 4. final product and demand: what the chain's plants do not use serves demand, with the
        //    fully domestic tonnes they do not take
        const MaterialYear& fp = cy.materials[g.final_product];
        cy.demand_t = fp_mat ? std::max(0.0, fp_mat->demand_tpy.at(static_cast<double>(y))) : 0.0;
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
        for (std::size_t m = 0; m < n_mat; ++m) cy.materials[m].demand_requirement_t = dem_req[m];
        for (std::size_t p = 0; p < n_plants; ++p) {
            StageYear& st = cy.stages[stage_index(plan.plants[p].stage)];
            st.requirement_t += plant_req[p];
            st.domestic_t += cy.plants[p].production_t;
        }
        for (std::size_t s = 0; s < stage_count; ++s) {
            StageYear& st = cy.stages[s];
            if (!(st.requirement_t > 0)) continue;
            st.coverage_unclipped = st.domestic_t / st.requirement_t;
            st.coverage = clip01(*st.coverage_unclipped);
            if (!cy.bottleneck || *st.coverage_unclipped < *cy.stages[stage_index(*cy.bottleneck)].coverage_unclipped)
                cy.bottleneck = stages[s];
        }
        out.years.push_back(std::move(cy));
    }

    // ---- over the years: milestones, dependence runs, import totals ---------------------------
    double best_share = -1;
    int best_year = 0;
    bool any_demand = false;
    for (const ChainYear& cy : out.years) {
        if (!out.first_domestic_output_year && cy.fully_domestic_final_t > 0) out.first_domestic_output_year = cy.year;
        if (cy.demand_t > 0) {
            any_demand = true;
            const double s = cy.fully_domestic_final_t / cy.demand_t;
            if (s > best_share) best_share = s, best_year = cy.year;
            if (!out.independence_year && cy.fully_domestic_final_t > 0 &&
                cy.fully_domestic_final_t >= out.independence_target * cy.demand_t * (1.0 - 1e-12))
                out.independence_year = cy.year;
        }
    }
    const std::string span = std::to_string(out.first_year) + "-" + std::to_string(out.last_year);
    if (!out.first_domestic_output_year) {
        out.first_domestic_output_note = "no fully domestic " + out.final_product + " in " + span;
        if (!out.unproduced_critical_inputs.empty()) {
            out.first_domestic_output_note += ": no plant produces the critical input(s) ";
            for (std::size_t k = 0; k < out.unproduced_critical_inputs.size(); ++k)
                out.first_domestic_output_note += (k ? ", " : "") + out.unproduced_critical_inputs[k];
        }
    }
    if (!out.independence_year) {
        if (!any_demand)
            out.independence_note = "no demand for " + out.final_product + " in " + span;
        else if (!out.first_domestic_output_year)
            out.independence_note = out.first_domestic_output_note;
        else
            out.independence_note = "fully domestic " + out.final_product + " reaches at most " +
                                    one_decimal(100.0 * best_share) + " % of demand (" + std::to_string(best_year) +
                                    ") in " + span + ", short of the target " +
                                    one_decimal(100.0 * out.independence_target) + " %";
    }
    out.independence_on_time =
        out.independence_year && static_cast<double>(*out.independence_year) <= std::floor(independence_target_year);

    // import-dependence runs: per stage and critical material, maximal runs of years in which the
    // domestic supply offered to the stage's plants falls short of their requirement
    for (std::size_t s = 0; s < stage_count; ++s) {
        for (std::size_t m = 0; m < n_mat; ++m) {
            if (!g.critical(m)) continue;
            // (a flag rather than std::optional: GCC 12 at -O2 warns falsely about the string inside)
            ImportDependence run;
            bool open = false;
            auto close = [&] {
                if (open) out.dependence.push_back(run);
                open = false;
            };
            for (const ChainYear& cy : out.years) {
                double need = 0, imp = 0, imp_musd = 0, unmet = 0, stranded = 0, idle = 0;
                for (std::size_t p = 0; p < n_plants; ++p) {
                    if (stage_index(plan.plants[p].stage) != s) continue;
                    const PlantYear& py = cy.plants[p];
                    for (std::size_t k = 0; k < py.inputs.size(); ++k) {
                        if (g.inputs[p][k].first != m) continue;
                        const InputFlow& f = py.inputs[k];
                        need += f.requirement_t - f.domestic_offered_t;
                        imp += f.imports_t;
                        imp_musd += f.imports_t * cy.materials[m].import_price_usd_per_kg / 1000.0;
                        unmet += (1.0 - cy.materials[m].import_available) * (f.requirement_t - f.domestic_offered_t);
                        stranded += py.stranded_t;
                        idle += py.stranded_capex_musd;
                    }
                }
                if (!(need > tonnes_tol)) {
                    close();
                    continue;
                }
                if (!open) {
                    run = ImportDependence{};
                    run.stage = stages[s];
                    run.material = g.ids[m];
                    run.first_year = cy.year;
                    open = true;
                }
                run.last_year = cy.year;
                run.imports_t += imp;
                run.imports_musd += imp_musd;
                run.unmet_t += unmet;
                run.stranded_t += stranded;
                run.stranded_capex_musd_peak = std::max(run.stranded_capex_musd_peak, idle);
            }
            close();
        }
    }
    for (std::size_t m = 0; m < n_mat; ++m) {
        ImportTotal t;
        t.material = g.ids[m];
        for (const ChainYear& cy : out.years) {
            t.imports_t += cy.materials[m].imports_t;
            t.imports_musd += cy.materials[m].imports_musd;
        }
        if (t.imports_t > 0) out.imports.push_back(std::move(t));
    }
    return out;
}

ChainBalance balance_chain(const model::Plan& plan, double independence_target_year) {
    ChainBalance out = balance_flows(plan, timeline::schedule_plants<double>(plan), independence_target_year);
    out.schedule = timeline::critical_path(plan, independence_target_year);
    return out;
}

}  // namespace reeplan::chain
