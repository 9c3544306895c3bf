#include "timeline/schedule.hpp"

#include <algorithm>
#include <string>

namespace reeplan::timeline {

bool parse_phase(std::string_view name, Phase& out) {
    if (name == "permitting") out = Phase::Permitting;
    else if (name == "construction") out = Phase::Construction;
    else if (name == "commissioning") out = Phase::Commissioning;
    else if (name == "ramp") out = Phase::Ramp;
    else return false;
    return true;
}

void delay_phase(model::Schedule& s, Phase phase, double years) {
    switch (phase) {
        case Phase::Permitting: s.permitting_years += years; break;
        case Phase::Construction: s.construction_years += years; break;
        case Phase::Commissioning: s.commissioning_years += years; break;
        case Phase::Ramp:
            if (s.ramp.shape == model::RampShape::Table) s.ramp.hold_years = std::max(0.0, s.ramp.hold_years + years);
            else s.ramp.years += years;
            break;
    }
}

namespace {

// ScheduleScratch::mark of a plant
constexpr unsigned char unvisited = 0, active = 1, done = 2;

/// Depth-first search over the `after` links; a plant met again while still active closes a
/// cycle.
struct DependencyVisit {
    const model::Plan& plan;
    ScheduleScratch& s;

    std::size_t index_of(const std::string& id) const {
        const std::size_t n = plan.plants.size();
        for (std::size_t j = 0; j < n; ++j)
            if (plan.plants[j].id == id) return j;
        return n;
    }

    void visit(std::size_t i) {
        if (s.mark[i] == done) return;
        if (s.mark[i] == active) {
            std::string cycle;
            bool in = false;
            for (std::size_t k : s.stack) {
                if (k == i) in = true;
                if (in) cycle += plan.plants[k].id + " -> ";
            }
            cycle += plan.plants[i].id;
            const std::string path = "plant." + plan.plants[i].id + ".schedule.after";
            throw model::InputError({model::Diagnostic{plan.pos(path), path, "dependency cycle: " + cycle}});
        }
        s.mark[i] = active;
        s.stack.push_back(i);
        for (const auto& ref : plan.plants[i].schedule.after) {
            const std::size_t j = index_of(ref.plant);
            if (j < plan.plants.size()) visit(j);
        }
        s.stack.pop_back();
        s.mark[i] = done;
        s.order.push_back(i);
    }
};

}  // namespace

void dependency_order_into(const model::Plan& plan, ScheduleScratch& scratch) {
    const std::size_t n = plan.plants.size();
    scratch.mark.assign(n, unvisited);
    scratch.order.clear();
    scratch.stack.clear();
    DependencyVisit v{plan, scratch};
    for (std::size_t i = 0; i < n; ++i) v.visit(i);
}

std::vector<std::size_t> dependency_order(const model::Plan& plan) {
    ScheduleScratch scratch;
    dependency_order_into(plan, scratch);
    return std::move(scratch.order);
}

}  // namespace reeplan::timeline
