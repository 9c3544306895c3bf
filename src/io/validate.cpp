/// Checks that need the whole plan: references between tables, `after` cycles, parameter paths,
/// and the values each scenario sets.

#include "io/detail/paths.hpp"
#include "io/detail/sections.hpp"
#include "io/spellcheck.hpp"
#include "model/params.hpp"

#include <algorithm>
#include <functional>

namespace reeplan::io::detail {

namespace {

/// `unknown plant "x"; did you mean "y"?`, or with the list of what exists.
std::string unknown(const std::string& what, const std::string& word, const std::vector<std::string>& known) {
    std::string msg = "unknown " + what + " \"" + word + "\"";
    if (auto c = closest(word, known)) return msg + "; did you mean \"" + *c + "\"?";
    if (known.empty()) return msg + "; none is defined";
    if (known.size() <= 8) return msg + "; expected one of " + quoted_list(known);
    return msg;
}

template <class T> std::vector<std::string> ids_of(const std::vector<T>& items) {
    std::vector<std::string> ids;
    for (const auto& x : items)
        if (!x.id.empty()) ids.push_back(x.id);
    return ids;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

/// Each id of `refs` (written at `path[i]`) is among `known`.
void check_list(Context& cx, const std::vector<std::string>& refs, const std::string& path, const std::string& what,
                const std::vector<std::string>& known) {
    for (std::size_t i = 0; i < refs.size(); ++i)
        if (!contains(known, refs[i]))
            cx.error(cx.plan().pos(path + "[" + std::to_string(i) + "]"), path, unknown(what, refs[i], known));
}

void check_one(Context& cx, const std::string& ref, const std::string& path, const std::string& what,
               const std::vector<std::string>& known) {
    if (!ref.empty() && !contains(known, ref)) cx.error(cx.plan().pos(path), path, unknown(what, ref, known));
}

}  // namespace

void check_references(Context& cx) {
    const model::Plan& plan = cx.plan();
    const auto materials = ids_of(plan.materials);
    const auto plants = ids_of(plan.plants);
    const auto supports = ids_of(plan.supports);

    if (plan.where.count("project.final_product"))
        check_one(cx, plan.project.final_product, "project.final_product", "material", materials);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        const model::Plant& p = plan.plants[i];
        const std::string pre = element_path("plant", p.id, i) + ".";
        check_one(cx, p.output, pre + "output", "material", materials);
        for (const auto& [mat, kg] : p.inputs) check_one(cx, mat, pre + "inputs." + mat, "material", materials);
        for (std::size_t k = 0; k < p.schedule.after.size(); ++k) {
            const std::string& ref = p.schedule.after[k].plant;
            if (!contains(plants, ref))
                cx.error(plan.pos(pre + "schedule.after[" + std::to_string(k) + "]"), pre + "schedule.after",
                         unknown("plant", ref, plants));
        }
    }
    for (std::size_t i = 0; i < plan.supports.size(); ++i) {
        const model::Support& s = plan.supports[i];
        const std::string pre = element_path("support", s.id, i) + ".";
        check_list(cx, s.plants, pre + "plants", "plant", plants);
        if (s.kind == model::SupportKind::Tariff) check_one(cx, s.material, pre + "material", "material", materials);
    }
    for (std::size_t i = 0; i < plan.risks.size(); ++i) {
        const model::Risk& r = plan.risks[i];
        const std::string pre = element_path("risk", r.id, i) + ".";
        check_list(cx, r.supports, pre + "supports", "support", supports);
        for (std::size_t k = 0; k < r.grandfathered.size(); ++k) {
            const std::string& g = r.grandfathered[k];
            const model::SourcePos at = plan.pos(pre + "grandfathered[" + std::to_string(k) + "]");
            if (!contains(supports, g)) cx.error(at, pre + "grandfathered", unknown("support", g, supports));
            else if (!contains(r.supports, g))
                cx.error(at, pre + "grandfathered",
                         "support \"" + g + "\" is not among this risk's supports; expected one of " +
                             quoted_list(r.supports));
        }
        check_list(cx, r.plants, pre + "plants", "plant", plants);
        if (r.kind == model::RiskKind::SupplyRestriction)
            check_one(cx, r.material, pre + "material", "material", materials);
    }
}

void check_cycles(Context& cx) {
    const model::Plan& plan = cx.plan();
    const std::size_t n = plan.plants.size();
    auto index_of = [&](const std::string& id) {
        for (std::size_t j = 0; j < n; ++j)
            if (!id.empty() && plan.plants[j].id == id) return j;
        return n;
    };
    enum class Mark { None, Active, Done };
    std::vector<Mark> mark(n, Mark::None);
    std::vector<std::size_t> stack;
    // Depth-first over plants in file order; an edge back to an active plant closes a cycle,
    // reported at that plant's `after` entry that leads into the cycle.
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        mark[i] = Mark::Active;
        stack.push_back(i);
        const auto& after = plan.plants[i].schedule.after;
        for (const model::PhaseRef& ref : after) {
            const std::size_t j = index_of(ref.plant);
            if (j == n || mark[j] == Mark::Done) continue;
            if (mark[j] == Mark::None) {
                visit(j);
                continue;
            }
            const auto start = std::find(stack.begin(), stack.end(), j);
            std::string cycle;
            for (auto it = start; it != stack.end(); ++it) cycle += plan.plants[*it].id + " -> ";
            cycle += plan.plants[j].id;
            const std::size_t next = start + 1 == stack.end() ? j : *(start + 1);
            const model::Plant& first = plan.plants[j];
            std::size_t k = 0;
            while (k < first.schedule.after.size() && first.schedule.after[k].plant != plan.plants[next].id) ++k;
            const std::string path = "plant." + first.id + ".schedule.after";
            cx.error(plan.pos(path + "[" + std::to_string(k) + "]"), path, "dependency cycle: " + cycle);
        }
        stack.pop_back();
        mark[i] = Mark::Done;
    };
    for (std::size_t i = 0; i < n; ++i)
        if (mark[i] == Mark::None && !plan.plants[i].id.empty()) visit(i);
}

void check_parameter_paths(Context& cx) {
    model::Plan& plan = cx.plan();
    const std::vector<std::string> paths = model::param_paths(plan);
    auto check = [&](const std::string& param, const std::string& path, const std::string& at) {
        if (model::resolve_param(plan, param)) return true;
        std::string msg = "unknown parameter \"" + param + "\"";
        if (auto c = closest(param, paths)) msg += "; did you mean \"" + *c + "\"?";
        else msg += "; expected a parameter path such as \"plant.<id>.capex_musd\" (man reeplan.5)";
        cx.error(plan.pos(at), path, msg);
        return false;
    };
    for (std::size_t i = 0; i < plan.scenarios.size(); ++i) {
        const model::Scenario& s = plan.scenarios[i];
        const std::string set = element_path("scenario", s.id, i) + ".set";
        for (const auto& [param, value] : s.set) check(param, set, set + "." + param);
    }
    std::vector<std::string> uncertain;
    for (std::size_t i = 0; i < plan.uncertain.size(); ++i) {
        const std::string path = "uncertain[" + std::to_string(i) + "].param";
        const std::string& param = plan.uncertain[i].param;
        if (param.empty() || !check(param, path, path)) continue;
        if (contains(uncertain, param))
            cx.error(plan.pos(path), path, "\"" + param + "\" is already uncertain; expected each parameter once");
        uncertain.push_back(param);
    }
    for (std::size_t i = 0; i < plan.correlations.size(); ++i) {
        const std::string path = "correlation[" + std::to_string(i) + "].params";
        const auto& params = plan.correlations[i].params;
        for (std::size_t k = 0; k < params.size(); ++k) {
            const std::string at = path + "[" + std::to_string(k) + "]";
            if (!check(params[k], path, at)) continue;
            if (!contains(uncertain, params[k]))
                cx.error(plan.pos(at), path,
                         "\"" + params[k] + "\" is not drawn; expected the param of an [[uncertain]] entry");
        }
        for (std::size_t j = 0; j < i && params.size() == 2; ++j) {
            const auto& other = plan.correlations[j].params;
            if (other.size() == 2 && ((other[0] == params[0] && other[1] == params[1]) ||
                                      (other[0] == params[1] && other[1] == params[0])))
                cx.error(plan.pos(path), path,
                         "the pair is already correlated by correlation[" + std::to_string(j) + "]; expected each pair once");
        }
    }
}

void check_scenarios(Context& cx, const std::vector<model::Diagnostic>& base) {
    const model::Plan& plan = cx.plan();
    for (std::size_t i = 0; i < plan.scenarios.size(); ++i) {
        const model::Scenario& s = plan.scenarios[i];
        const std::string set = element_path("scenario", s.id, i) + ".set";
        model::Plan overlaid = plan;
        std::vector<model::SourcePos> overlay;
        for (const auto& [param, value] : s.set) {
            overlay.push_back(plan.pos(set + "." + param));
            set_parameter(overlaid, param, value, overlay.back());
        }
        for (model::Diagnostic& d : new_range_problems(overlaid, base, plan.pos(set), overlay)) {
            d.message += " (scenario \"" + (s.id.empty() ? set : s.id) + "\")";
            cx.diagnostics().push_back(std::move(d));
        }
    }
}

}  // namespace reeplan::io::detail
