#pragma once
// Small chains built in code, for the chain and critical-path tests.

#include "model/plan.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace reeplan::test {

inline model::Material material(const std::string& id, bool critical, double price, double demand = 0) {
    model::Material m;
    m.id = id;
    m.name = id;
    m.critical = critical;
    m.market_price_usd_per_kg = price;
    m.demand_tpy = demand;
    return m;
}

/// A plant at full utilization from the start of operation (a linear ramp of zero length), so
/// production in a year is capacity × the operating time in it.
inline model::Plant plant(const std::string& id, model::Stage stage, const std::string& output, double capacity,
                          std::map<std::string, double> inputs, double capex, double earliest, double permitting = 1.0,
                          double construction = 1.0, double commissioning = 0.0) {
    model::Plant p;
    p.id = id;
    p.name = id;
    p.stage = stage;
    p.output = output;
    p.capacity_tpy = capacity;
    p.inputs = std::move(inputs);
    p.capex_musd = capex;
    p.life_years = 40;
    p.schedule.earliest_start_year = earliest;
    p.schedule.permitting_years = permitting;
    p.schedule.construction_years = construction;
    p.schedule.commissioning_years = commissioning;
    p.schedule.ramp.shape = model::RampShape::Linear;
    p.schedule.ramp.years = 0.0;
    p.schedule.ramp.start = 1.0;
    return p;
}

inline model::Plan plan(double base, double end, const std::string& final_product, double target = 0.5) {
    model::Plan p;
    p.source_path = "test.toml";
    p.project.name = "test chain";
    p.project.base_year = base;
    p.project.end_year = end;
    p.project.final_product = final_product;
    p.project.independence_target = target;
    return p;
}

/// splitmix64 (S. Vigna, public domain): the same numbers on every platform, unlike the
/// distributions of <random>.
struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform(double lo = 0, double hi = 1) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
    int integer(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
};

}  // namespace reeplan::test
