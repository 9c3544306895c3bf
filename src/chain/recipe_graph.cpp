#include "chain/recipe_graph.hpp"

#include "timeline/critical_path.hpp"
#include "timeline/schedule.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::chain::detail {

namespace {

/// Depth-first search over materials for a loop in the recipes (a plant needing, through other
/// plants, its own output), reported as "a -> b -> a" over materials, like after-link cycles.
struct RecipeLoopCheck {
    const model::Plan& plan;
    const Graph& g;
    std::vector<Mark>& mark;
    std::vector<std::size_t>& stack;

    void visit(std::size_t m) {
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
    }
};

}  // namespace

void build_graph(const model::Plan& plan, Graph& g, GraphScratch& s) {
    g.n_ids = 0;
    for (const auto& m : plan.materials) g.add(m.id, &m);
    const std::size_t n = plan.plants.size();
    g.output.resize(n);
    g.inputs.resize(n);
    for (std::size_t p = 0; p < n; ++p) {
        g.output[p] = g.index(plan.plants[p].output);
        g.inputs[p].clear();
        for (const auto& [id, kg] : plan.plants[p].inputs)
            if (kg > 0) g.inputs[p].emplace_back(g.index(id), kg);
    }
    s.final_product = timeline::final_product(plan);
    g.final_product = g.index(s.final_product);
    const std::size_t n_mat = g.n_ids;
    g.producers.resize(std::max(g.producers.size(), n_mat));
    g.consumers.resize(std::max(g.consumers.size(), n_mat));
    for (std::size_t m = 0; m < n_mat; ++m) {
        g.producers[m].clear();
        g.consumers[m].clear();
    }
    for (std::size_t p = 0; p < n; ++p) {
        g.producers[g.output[p]].push_back(p);
        for (const auto& [m, kg] : g.inputs[p]) g.consumers[m].push_back(p);
    }

    s.mark.assign(n_mat, Mark::None);
    s.stack.clear();
    RecipeLoopCheck check{plan, g, s.mark, s.stack};
    for (std::size_t m = 0; m < n_mat; ++m) check.visit(m);

    // Kahn's algorithm, always taking the ready plant earliest in (stage, file order).
    s.waiting.assign(n, 0);
    for (std::size_t p = 0; p < n; ++p)
        for (const auto& [m, kg] : g.inputs[p]) s.waiting[p] += g.producers[m].size();
    s.taken.assign(n, 0);
    g.order.clear();
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t best = n;
        for (std::size_t p = 0; p < n; ++p)
            if (!s.taken[p] && s.waiting[p] == 0 && (best == n || plan.plants[p].stage < plan.plants[best].stage))
                best = p;
        s.taken[best] = 1;  // the loop check above guarantees a ready plant
        g.order.push_back(best);
        for (std::size_t c : g.consumers[g.output[best]])
            for (const auto& [m, kg] : g.inputs[c])
                if (m == g.output[best]) --s.waiting[c];
    }
}

void shock_terms(const model::Plan& plan, const Graph& g, const std::vector<char>& shock_on, int first_year,
                 std::size_t n_years, std::vector<double>& cut, std::vector<double>& mult) {
    cut.assign(g.n_ids * n_years, 1.0);
    mult.assign(g.n_ids * n_years, 1.0);
    if (n_years == 0) return;
    const int last_year = first_year + static_cast<int>(n_years) - 1;
    for (std::size_t k = 0; k < plan.shocks.size(); ++k) {
        const model::SupplyShock& sh = plan.shocks[k];
        const timeline::YearSpan span = timeline::overlapped_years(sh.start_year, sh.end_year, first_year, last_year);
        for (std::size_t m = 0; m < g.n_ids; ++m) {
            if (!shock_on[k * g.n_ids + m]) continue;
            for (int y = span.from; y <= span.to; ++y) {
                const double yd = static_cast<double>(y);
                const double w = timeline::overlap<double>(yd, yd + 1.0, sh.start_year, sh.end_year);
                const std::size_t at = m * n_years + static_cast<std::size_t>(y - first_year);
                cut[at] = std::min(cut[at], 1.0 - w * (1.0 - sh.available_share));
                mult[at] *= 1.0 + w * (sh.price_multiplier - 1.0);
            }
        }
    }
}


}  // namespace reeplan::chain::detail
