#pragma once
// The recipe graph of a plan, for the chain balance (chain/balance.hpp): materials by index,
// their producers and consumers, and the order in which plants are balanced; and the supply
// shocks' terms on imports by material and year. Internal to src/chain.

#include "model/plan.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace reeplan::chain::detail {

/// The recipe graph: materials by index, producers and consumers of each. Rebuilt on every
/// balance into storage kept by BalanceScratch.
struct Graph {
    std::size_t n_ids = 0;                         ///< ids[0, n_ids) are in use
    std::vector<std::string> ids;
    std::vector<const model::Material*> mat;     ///< null for ids the plan does not list
    std::vector<std::vector<std::size_t>> producers, consumers;
    std::vector<std::size_t> output;              ///< material index of each plant's output
    std::vector<std::vector<std::pair<std::size_t, double>>> inputs;  ///< per plant: (material, kg/kg), kg > 0
    std::vector<std::size_t> order;               ///< plants, producers before consumers
    std::size_t final_product = 0;

    std::size_t add(const std::string& id, const model::Material* m) {
        if (n_ids == ids.size()) {
            ids.push_back(id);
            mat.push_back(m);
        } else {
            ids[n_ids] = id;
            mat[n_ids] = m;
        }
        return n_ids++;
    }
    std::size_t index(const std::string& id) {
        for (std::size_t k = 0; k < n_ids; ++k)
            if (ids[k] == id) return k;
        return add(id, nullptr);
    }
    bool critical(std::size_t m) const { return mat[m] == nullptr || mat[m]->critical; }
};

enum class Mark { None, Active, Done };

/// Working storage of build_graph, kept between calls.
struct GraphScratch {
    std::vector<Mark> mark;
    std::vector<std::size_t> stack, waiting;
    std::vector<char> taken;
    std::string final_product;
};

/// Builds the recipe graph of `plan` into `g`, reusing its storage and that of `s`: materials
/// (the plan's, then any other id a recipe or the final product names), each plant's output and
/// inputs with kg_per_kg > 0, producers and consumers, and the processing order (balance.hpp,
/// step 2: stage order, file order within a stage, producers before consumers by Kahn's
/// algorithm). Throws model::InputError naming a loop in the recipes.
void build_graph(const model::Plan& plan, Graph& g, GraphScratch& s);

/// The shocks' terms on imports, per material and year of the balance: cut[m × years + yi] is the
/// smallest (1 − w·(1 − available_share)) and mult[…] the product of (1 + w·(price_multiplier − 1))
/// over the shocks on material m, w the share of year yi each overlaps (1 and 1 without one).
/// Shocks are visited in file order and, for each, only the years it overlaps: a year it does not
/// overlap has w = 0, a factor of exactly 1 and no lower cut, so the terms are those of a loop over
/// every shock in every year.
void shock_terms(const model::Plan& plan, const Graph& g, const std::vector<char>& shock_on, int first_year,
                 std::size_t n_years, std::vector<double>& cut, std::vector<double>& mult);

}  // namespace reeplan::chain::detail
