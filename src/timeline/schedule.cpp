#include "timeline/schedule.hpp"

#include <functional>

namespace reeplan::timeline {

bool parse_phase(std::string_view name, Phase& out) {
    if (name == "permitting") out = Phase::Permitting;
    else if (name == "construction") out = Phase::Construction;
    else if (name == "commissioning") out = Phase::Commissioning;
    else if (name == "ramp") out = Phase::Ramp;
    else return false;
    return true;
}

std::vector<std::size_t> dependency_order(const model::Plan& plan) {
    const std::size_t n = plan.plants.size();
    enum class Mark { None, Active, Done };
    std::vector<Mark> mark(n, Mark::None);
    std::vector<std::size_t> order, stack;
    order.reserve(n);

    auto index_of = [&](const std::string& id) {
        for (std::size_t j = 0; j < n; ++j)
            if (plan.plants[j].id == id) return j;
        return n;
    };
    // Depth-first search; a plant met again while still active closes a cycle.
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        if (mark[i] == Mark::Done) return;
        if (mark[i] == Mark::Active) {
            std::string cycle;
            bool in = false;
            for (std::size_t k : stack) {
                if (k == i) in = true;
                if (in) cycle += plan.plants[k].id + " -> ";
            }
            cycle += plan.plants[i].id;
            const std::string path = "plant." + plan.plants[i].id + ".schedule.after";
            throw model::InputError({model::Diagnostic{plan.pos(path), path, "dependency cycle: " + cycle}});
        }
        mark[i] = Mark::Active;
        stack.push_back(i);
        for (const auto& ref : plan.plants[i].schedule.after) {
            std::size_t j = index_of(ref.plant);
            if (j < n) visit(j);
        }
        stack.pop_back();
        mark[i] = Mark::Done;
        order.push_back(i);
    };
    for (std::size_t i = 0; i < n; ++i) visit(i);
    return order;
}

}  // namespace reeplan::timeline
