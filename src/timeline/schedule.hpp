#pragma once
/// Plant schedules: phases with fractional years, `after` dependencies resolved in order, capex
/// timing by `capex_profile`, and production per calendar year as the integral of utilization
/// (input format §2.4). Templates over the number type.

#include "model/decimal.hpp"
#include "model/error.hpp"
#include "model/plan.hpp"
#include "timeline/ramp.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace reeplan::timeline {

enum class Phase { Permitting, Construction, Commissioning, Ramp };

/// "permitting" | "construction" | "commissioning" | "ramp"; false when unknown.
bool parse_phase(std::string_view name, Phase& out);

/// Makes one phase of a schedule `years` longer (man/reeplan-model.7, "Delay effects"):
/// permitting, construction and commissioning add to their years; a linear or s-curve ramp adds
/// to ramp.years (the curve is stretched); a table ramp is held at its first entry that much
/// longer before the table begins (Ramp::hold_years, not below zero), so each later entry starts
/// exactly `years` later. The one rule for the timeline's delay effects and for delay risks.
void delay_phase(model::Schedule& schedule, Phase phase, double years);

/// Phase boundaries of one plant, decimal calendar years.
template <class T> struct PhaseTimes {
    T permitting_start{0};
    T construction_start{0};
    T commissioning_start{0};
    T operation_start{0};  ///< commissioning ends, the ramp begins
    T nameplate{0};        ///< the ramp ends
    T end_of_life{0};      ///< operation_start + life_years

    T phase_end(Phase p) const {
        switch (p) {
            case Phase::Permitting: return construction_start;
            case Phase::Construction: return commissioning_start;
            case Phase::Commissioning: return operation_start;
            case Phase::Ramp: return nameplate;
        }
        return nameplate;
    }
};

/// Plant indices in an order where every plant comes after the plants its `after` names.
/// Throws model::InputError naming the cycle ("dependency cycle: a -> b -> a") if there is one.
std::vector<std::size_t> dependency_order(const model::Plan& plan);

/// Working storage of the *_into functions below, kept between calls so that scheduling plans
/// of one shape again and again does not allocate.
struct ScheduleScratch {
    std::vector<std::size_t> order;  ///< dependency_order_into's result
    std::vector<std::size_t> stack;
    std::vector<unsigned char> mark;
};

/// dependency_order into `scratch.order`, reusing the scratch's storage.
void dependency_order_into(const model::Plan& plan, ScheduleScratch& scratch);

/// Length of `overlap([a0, a1), [b0, b1))`, never negative.
template <class T> T overlap(const T& a0, const T& a1, const T& b0, const T& b1) {
    const T lo = a0 > b0 ? a0 : b0;
    const T hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : T(0);
}

/// The calendar years [y, y + 1) that an interval [start, end) overlaps, within [first, last]:
/// floor(start) to ceil(end) − 1, clipped. Empty (from > to) when end ≤ start or outside the
/// years. Every other year overlaps it by zero.
struct YearSpan {
    int from = 0, to = -1;
};
inline YearSpan overlapped_years(double start, double end, int first, int last) {
    if (!(end > start)) return {};
    const int from = std::max(first, static_cast<int>(std::floor(start)));
    const int to = std::min(last, static_cast<int>(std::ceil(end)) - 1);
    return from <= to ? YearSpan{from, to} : YearSpan{};
}

/// Resolves every plant's phases into `out` (resized, indexed like plan.plants), reusing the
/// storage of `out` and `scratch`. A plant's permitting starts at the later of its
/// earliest_start_year and the end (plus lag) of every phase it is `after`.
template <class T>
void schedule_plants_into(const model::Plan& plan, std::vector<PhaseTimes<T>>& out, ScheduleScratch& scratch) {
    out.assign(plan.plants.size(), PhaseTimes<T>{});
    dependency_order_into(plan, scratch);
    for (std::size_t idx : scratch.order) {
        const model::Plant& p = plan.plants[idx];
        const model::Schedule& s = p.schedule;
        T start = model::from_input<T>(s.earliest_start_year);
        for (const model::PhaseRef& ref : s.after) {
            std::size_t j = 0;
            while (j < plan.plants.size() && plan.plants[j].id != ref.plant) ++j;
            Phase ph{};
            if (j == plan.plants.size() || !parse_phase(ref.phase, ph)) continue;  // validated in io
            T end = out[j].phase_end(ph) + model::from_input<T>(ref.lag_years);
            if (end > start) start = end;
        }
        PhaseTimes<T>& t = out[idx];
        t.permitting_start = start;
        t.construction_start = start + model::from_input<T>(s.permitting_years);
        t.commissioning_start = t.construction_start + model::from_input<T>(s.construction_years);
        t.operation_start = t.commissioning_start + model::from_input<T>(s.commissioning_years);
        t.nameplate = t.operation_start + ramp_length<T>(s.ramp);
        t.end_of_life = t.operation_start + model::from_input<T>(p.life_years);
    }
}

/// Resolves every plant's phases (result indexed like plan.plants): schedule_plants_into.
template <class T> std::vector<PhaseTimes<T>> schedule_plants(const model::Plan& plan) {
    std::vector<PhaseTimes<T>> out;
    ScheduleScratch scratch;
    schedule_plants_into(plan, out, scratch);
    return out;
}

/// Share of the plant's capex spent in [y0, y1): uniform over construction, or by capex_profile
/// (shares for successive equal slices of construction). Zero-length construction spends all at
/// its start.
template <class T> T capex_share_in(const model::Plant& p, const PhaseTimes<T>& t, const T& y0, const T& y1) {
    const T c0 = t.construction_start, c1 = t.commissioning_start;
    const T len = c1 - c0;
    if (!(len > T(0))) return (!(c0 < y0) && c0 < y1) ? T(1) : T(0);
    if (!(y1 > c0 && y0 < c1)) return T(0);  // no overlap with construction: every slice's is 0
    if (p.capex_profile.empty()) return overlap<T>(y0, y1, c0, c1) / len;
    const int n = static_cast<int>(p.capex_profile.size());
    const T slice = len / T(n);
    T share(0);
    for (int i = 0; i < n; ++i) {
        const T s0 = c0 + slice * T(i);
        const T s1 = (i + 1 == n) ? c1 : c0 + slice * T(i + 1);
        const T ov = overlap<T>(y0, y1, s0, s1);
        if (ov > T(0)) share += model::from_input<T>(p.capex_profile[static_cast<std::size_t>(i)]) * ov / slice;
    }
    return share;
}

/// Tonnes produced in [y0, y1): capacity × ∫ utilization, zero before operation and after the
/// end of life.
template <class T> T production_in(const model::Plant& p, const PhaseTimes<T>& t, const T& y0, const T& y1) {
    const T lo = y0 > t.operation_start ? y0 : t.operation_start;
    const T hi = y1 < t.end_of_life ? y1 : t.end_of_life;
    if (!(hi > lo)) return T(0);
    return model::from_input<T>(p.capacity_tpy) *
           utilization_integral<T>(p.schedule.ramp, lo - t.operation_start, hi - t.operation_start);
}

/// Years of operation inside [y0, y1) (fixed costs accrue pro rata to it).
template <class T> T operating_time_in(const PhaseTimes<T>& t, const T& y0, const T& y1) {
    return overlap<T>(y0, y1, t.operation_start, t.end_of_life);
}

}  // namespace reeplan::timeline
