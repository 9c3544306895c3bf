#include "chain/delay.hpp"

#include "chain/balance.hpp"
#include "timeline/critical_path.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::chain {

model::Plan delayed_plan(const model::Plan& plan, std::size_t plant, timeline::Phase phase, double delay_years) {
    model::Plan copy = plan;
    timeline::delay_phase(copy.plants.at(plant).schedule, phase, delay_years);
    return copy;
}

namespace {

std::optional<int> shift(const std::optional<int>& delayed, const std::optional<int>& base) {
    if (delayed && base) return *delayed - *base;
    return std::nullopt;
}

}  // namespace

DelayEffects delay_effects(const model::Plan& plan, double independence_target_year, double delay_years) {
    DelayEffects out;
    const ChainBalance base = balance_flows(plan, timeline::schedule_plants<double>(plan), independence_target_year);
    out.base_first_domestic_output_year = base.first_domestic_output_year;
    out.base_independence_year = base.independence_year;
    const timeline::ActivityNetwork net = timeline::solve_network(plan, independence_target_year);
    for (std::size_t p = 0; p < plan.plants.size(); ++p) {
        for (std::size_t k = 0; k < timeline::phases_per_plant; ++k) {
            const auto phase = static_cast<timeline::Phase>(k);
            const model::Plan copy = delayed_plan(plan, p, phase, delay_years);
            const ChainBalance b = balance_flows(copy, timeline::schedule_plants<double>(copy), independence_target_year);
            PhaseDelayEffect e;
            e.plant = p;
            e.phase = phase;
            e.delay_years = delay_years;
            e.first_domestic_output_year = b.first_domestic_output_year;
            e.independence_year = b.independence_year;
            e.first_domestic_shift_years = shift(b.first_domestic_output_year, base.first_domestic_output_year);
            e.independence_shift_years = shift(b.independence_year, base.independence_year);
            e.total_float_years = net.activities[timeline::activity_index(p, phase)].total_float;
            out.phases.push_back(std::move(e));
        }
    }
    return out;
}

CapitalDeployment capital_deployment(const model::Plan& plan) {
    return capital_deployment(plan, timeline::schedule_plants<double>(plan));
}

CapitalDeployment capital_deployment(const model::Plan& plan, const std::vector<timeline::PhaseTimes<double>>& times) {
    CapitalDeployment out;
    int first = static_cast<int>(std::floor(plan.project.base_year));
    const int last = static_cast<int>(std::floor(plan.project.end_year));
    for (std::size_t p = 0; p < plan.plants.size(); ++p) {
        out.total_musd += plan.plants[p].capex_musd;
        if (plan.plants[p].capex_musd > 0) first = std::min(first, static_cast<int>(std::floor(times[p].construction_start)));
    }
    double cumulative = 0;
    for (int y = first; y <= last; ++y) {
        DeploymentYear d;
        d.year = y;
        for (std::size_t p = 0; p < plan.plants.size(); ++p) {
            const model::Plant& plant = plan.plants[p];
            const double c = plant.capex_musd *
                             timeline::capex_share_in<double>(plant, times[p], static_cast<double>(y), static_cast<double>(y) + 1.0);
            d.capex_musd += c;
            d.by_stage_musd[stage_index(plant.stage)] += c;
        }
        cumulative += d.capex_musd;
        d.cumulative_musd = cumulative;
        if (d.capex_musd > out.peak_musd) {
            out.peak_musd = d.capex_musd;
            out.peak_year = y;
        }
        out.years.push_back(d);
    }
    out.after_end_musd = std::max(0.0, out.total_musd - cumulative);
    return out;
}

}  // namespace reeplan::chain
