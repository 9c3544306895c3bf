#include "timeline/critical_path.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

namespace reeplan::timeline {

namespace {

/// Two times closer than this are the same instant (years; about 30 ms).
constexpr double time_tol = 1e-9;

std::size_t index_of(const model::Plan& plan, const std::string& id) {
    for (std::size_t j = 0; j < plan.plants.size(); ++j)
        if (plan.plants[j].id == id) return j;
    return plan.plants.size();
}

bool driving(const ActivityNetwork& net, const Link& l) {
    return std::fabs(net.activities[l.from].earliest_finish + l.lag - net.activities[l.to].earliest_start) <= time_tol;
}

}  // namespace

const char* to_string(Phase p) {
    switch (p) {
        case Phase::Permitting: return "permitting";
        case Phase::Construction: return "construction";
        case Phase::Commissioning: return "commissioning";
        case Phase::Ramp: return "ramp";
    }
    return "ramp";
}

ActivityNetwork solve_network(const model::Plan& plan, double deadline) {
    const std::size_t n_plants = plan.plants.size();
    ActivityNetwork net;
    net.deadline = deadline;
    net.activities.resize(n_plants * phases_per_plant);

    const std::vector<std::size_t> plant_order = dependency_order(plan);  // throws on a cycle
    for (std::size_t i = 0; i < n_plants; ++i) {
        const model::Schedule& s = plan.plants[i].schedule;
        const double dur[phases_per_plant] = {s.permitting_years, s.construction_years, s.commissioning_years,
                                              ramp_length<double>(s.ramp)};
        for (std::size_t k = 0; k < phases_per_plant; ++k) {
            Activity& a = net.activities[i * phases_per_plant + k];
            a.plant = i;
            a.phase = static_cast<Phase>(k);
            a.duration = dur[k];
            if (k > 0) net.links.push_back(Link{i * phases_per_plant + k - 1, i * phases_per_plant + k, 0.0});
        }
    }
    for (std::size_t i = 0; i < n_plants; ++i) {
        for (const model::PhaseRef& ref : plan.plants[i].schedule.after) {
            const std::size_t j = index_of(plan, ref.plant);
            Phase ph{};
            if (j == n_plants || !parse_phase(ref.phase, ph)) continue;  // validated in io
            net.links.push_back(Link{activity_index(j, ph), activity_index(i, Phase::Permitting), ref.lag_years});
        }
    }
    // plants in dependency order, phases in order within each: predecessors always come first
    for (std::size_t i : plant_order)
        for (std::size_t k = 0; k < phases_per_plant; ++k) net.order.push_back(i * phases_per_plant + k);

    std::vector<std::vector<std::size_t>> in(net.activities.size()), out(net.activities.size());
    for (std::size_t l = 0; l < net.links.size(); ++l) {
        in[net.links[l].to].push_back(l);
        out[net.links[l].from].push_back(l);
    }

    // Forward pass. The arithmetic is schedule_plants<double>'s, in the same order, so the
    // times agree exactly: start = the later of earliest_start_year and each (end + lag).
    net.earliest_completion = -std::numeric_limits<double>::infinity();
    for (std::size_t a : net.order) {
        Activity& act = net.activities[a];
        double start = act.phase == Phase::Permitting ? plan.plants[act.plant].schedule.earliest_start_year
                                                      : -std::numeric_limits<double>::infinity();
        for (std::size_t l : in[a]) {
            const double end = net.activities[net.links[l].from].earliest_finish + net.links[l].lag;
            if (end > start) start = end;
        }
        act.earliest_start = start;
        act.earliest_finish = start + act.duration;
        net.earliest_completion = std::max(net.earliest_completion, act.earliest_finish);
    }
    if (net.activities.empty()) net.earliest_completion = deadline;

    // Backward pass from the deadline: latest finish = min(deadline, min over successors of
    // their latest start − lag).
    net.min_total_float = std::numeric_limits<double>::infinity();
    for (auto it = net.order.rbegin(); it != net.order.rend(); ++it) {
        Activity& act = net.activities[*it];
        double lf = deadline;
        double next_es = deadline;
        for (std::size_t l : out[*it]) {
            const Activity& succ = net.activities[net.links[l].to];
            lf = std::min(lf, succ.latest_start - net.links[l].lag);
            next_es = std::min(next_es, succ.earliest_start - net.links[l].lag);
        }
        act.latest_finish = lf;
        act.latest_start = lf - act.duration;
        act.total_float = act.latest_start - act.earliest_start;
        act.free_float = (out[*it].empty() ? deadline : next_es) - act.earliest_finish;
        net.min_total_float = std::min(net.min_total_float, act.total_float);
    }
    if (net.activities.empty()) net.min_total_float = 0;
    return net;
}

namespace {

/// Depth-first enumeration of driving paths ending at `end`; `keep` filters predecessors.
template <class Keep>
void trace(const ActivityNetwork& net, const std::vector<std::vector<std::size_t>>& in, std::size_t a,
           ActivityPath& rev, std::vector<ActivityPath>& out, std::size_t max_paths, const Keep& keep) {
    if (out.size() >= max_paths) return;
    rev.push_back(a);
    bool extended = false;
    for (std::size_t l : in[a]) {
        const Link& link = net.links[l];
        if (!driving(net, link) || !keep(link.from)) continue;
        if (std::find(rev.begin(), rev.end(), link.from) != rev.end()) continue;  // zero-length loops
        extended = true;
        trace(net, in, link.from, rev, out, max_paths, keep);
    }
    if (!extended && out.size() < max_paths) out.emplace_back(rev.rbegin(), rev.rend());
    rev.pop_back();
}

template <class Keep>
std::vector<ActivityPath> paths_to(const ActivityNetwork& net, const std::vector<std::size_t>& ends, std::size_t max_paths,
                                   const Keep& keep) {
    std::vector<std::vector<std::size_t>> in(net.activities.size());
    for (std::size_t l = 0; l < net.links.size(); ++l) in[net.links[l].to].push_back(l);
    std::vector<ActivityPath> out;
    ActivityPath rev;
    for (std::size_t e : ends) trace(net, in, e, rev, out, max_paths, keep);
    return out;
}

}  // namespace

std::vector<ActivityPath> driving_paths(const ActivityNetwork& net, const std::vector<std::size_t>& ends, std::size_t max_paths) {
    return paths_to(net, ends, max_paths, [](std::size_t) { return true; });
}

std::vector<ActivityPath> critical_paths_to_deadline(const ActivityNetwork& net, std::size_t max_paths) {
    auto critical = [&](std::size_t a) { return net.activities[a].total_float <= net.min_total_float + time_tol; };
    // A driving predecessor of an activity never has more total float than it, so tracing
    // back from least-float activities stays on least-float activities.
    // A path ends where the deadline binds directly and no critical activity follows on.
    std::vector<bool> continues(net.activities.size(), false);
    for (const Link& l : net.links)
        if (critical(l.to) && driving(net, l)) continues[l.from] = true;
    std::vector<std::size_t> ends;
    for (std::size_t a = 0; a < net.activities.size(); ++a)
        if (critical(a) && !continues[a] && std::fabs(net.activities[a].latest_finish - net.deadline) <= time_tol)
            ends.push_back(a);
    return paths_to(net, ends, max_paths, critical);
}

std::string final_product(const model::Plan& plan) {
    if (!plan.project.final_product.empty()) return plan.project.final_product;
    const model::Plant* last = nullptr;
    for (const auto& p : plan.plants)
        if (!last || !(p.stage < last->stage)) last = &p;
    return last ? last->output : std::string();
}

DomesticMilestone first_domestic_milestone(const model::Plan& plan, const std::vector<PhaseTimes<double>>& times) {
    constexpr double never = std::numeric_limits<double>::infinity();
    struct Entry {
        double t = never;
        std::size_t producer = 0;
        bool done = false, active = false;
    };
    std::map<std::string, Entry> memo;
    std::vector<std::string> missing;  // critical inputs with no producer, in the order met

    auto critical = [&](const std::string& m) {
        const model::Material* mat = plan.material(m);
        return mat == nullptr || mat->critical;
    };
    // T(m), memoized; a material met again while being resolved (a recipe loop) counts as never
    std::function<double(const std::string&)> avail = [&](const std::string& m) -> double {
        Entry& e = memo[m];
        if (e.done) return e.t;
        if (e.active) return never;
        e.active = true;
        double best = never;
        std::size_t best_p = plan.plants.size();
        bool any = false;
        for (std::size_t p = 0; p < plan.plants.size(); ++p) {
            if (plan.plants[p].output != m) continue;
            any = true;
            double t = times[p].operation_start;
            for (const auto& [in, kg] : plan.plants[p].inputs)
                if (kg > 0 && critical(in)) t = std::max(t, avail(in));
            if (t < best) best = t, best_p = p;
        }
        if (!any && std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
        e.t = best;  // std::map references stay valid while the recursion inserts
        e.producer = best_p;
        e.done = true;
        e.active = false;
        return best;
    };

    DomesticMilestone out;
    const std::string fp = final_product(plan);
    const double t = avail(fp);
    if (std::isinf(t)) {
        if (std::find(missing.begin(), missing.end(), fp) != missing.end()) {
            out.reason = "no plant produces the final product " + fp;
        } else {
            out.reason = "no fully domestic route to " + fp;
            std::string list;
            for (const auto& m : missing)
                if (critical(m)) list += (list.empty() ? "" : ", ") + m;
            if (!list.empty()) out.reason += ": critical input(s) with no domestic producer: " + list;
        }
        return out;
    }
    out.year = t;
    // collect the chosen producers of the fully domestic route
    std::vector<std::string> stack{fp};
    std::vector<std::string> seen;
    while (!stack.empty()) {
        const std::string m = stack.back();
        stack.pop_back();
        if (std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
        seen.push_back(m);
        const Entry& e = memo[m];
        if (e.producer >= plan.plants.size()) continue;
        out.plants.push_back(e.producer);
        for (const auto& [in, kg] : plan.plants[e.producer].inputs)
            if (kg > 0 && critical(in)) stack.push_back(in);
    }
    std::sort(out.plants.begin(), out.plants.end());
    out.plants.erase(std::unique(out.plants.begin(), out.plants.end()), out.plants.end());
    for (std::size_t p : out.plants)
        if (std::fabs(times[p].operation_start - t) <= time_tol) out.driving.push_back(p);
    return out;
}

CriticalPath critical_path(const model::Plan& plan, double deadline) {
    CriticalPath cp;
    cp.network = solve_network(plan, deadline);
    std::vector<PhaseTimes<double>> times(plan.plants.size());
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        const auto& a = cp.network.activities;
        PhaseTimes<double>& t = times[i];
        t.permitting_start = a[activity_index(i, Phase::Permitting)].earliest_start;
        t.construction_start = a[activity_index(i, Phase::Construction)].earliest_start;
        t.commissioning_start = a[activity_index(i, Phase::Commissioning)].earliest_start;
        t.operation_start = a[activity_index(i, Phase::Ramp)].earliest_start;
        t.nameplate = a[activity_index(i, Phase::Ramp)].earliest_finish;
        t.end_of_life = t.operation_start + plan.plants[i].life_years;
    }
    cp.milestone = first_domestic_milestone(plan, times);
    std::vector<std::size_t> ends;
    for (std::size_t p : cp.milestone.driving) ends.push_back(activity_index(p, Phase::Commissioning));
    cp.to_milestone = driving_paths(cp.network, ends);
    cp.to_deadline = critical_paths_to_deadline(cp.network);
    return cp;
}

}  // namespace reeplan::timeline
