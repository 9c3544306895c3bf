#include "io/overlay.hpp"

#include "io/detail/sections.hpp"
#include "io/ranges.hpp"
#include "io/spellcheck.hpp"
#include "model/params.hpp"

#include <algorithm>
#include <charconv>

namespace reeplan::io {

namespace detail {

bool set_parameter(model::Plan& plan, const std::string& path, double value, const model::SourcePos& at) {
    model::ParamRef ref = model::resolve_param(plan, path);
    if (!ref) return false;
    ref.set(value);
    plan.where[path] = at;
    for (const auto& [param, spelled] : param_aliases) {
        const std::string p(param);
        if (path.size() > p.size() && path.compare(path.size() - p.size(), p.size(), p) == 0)
            plan.where[path.substr(0, path.size() - p.size()) + spelled] = at;
    }
    return true;
}

std::vector<model::Diagnostic> new_range_problems(const model::Plan& plan, const std::vector<model::Diagnostic>& before,
                                                  const model::SourcePos& at,
                                                  const std::vector<model::SourcePos>& overlay) {
    auto same_pos = [](const model::SourcePos& a, const model::SourcePos& b) {
        return a.file == b.file && a.line == b.line && a.column == b.column;
    };
    auto same = [&](const model::Diagnostic& a, const model::Diagnostic& b) {
        return same_pos(a.pos, b.pos) && a.path == b.path && a.message == b.message;
    };
    std::vector<model::Diagnostic> out;
    for (model::Diagnostic& d : check_ranges(plan)) {
        if (std::any_of(before.begin(), before.end(), [&](const model::Diagnostic& b) { return same(b, d); })) continue;
        // A problem still pointing into the file follows from a value set elsewhere: report it
        // where the overlay was given.
        const bool at_overlay =
            std::any_of(overlay.begin(), overlay.end(), [&](const model::SourcePos& o) { return same_pos(o, d.pos); });
        if (!at_overlay && d.pos.file == plan.source_path) d.pos = at;
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace detail

namespace {

const model::SourcePos command_line{"command line", 0, 0};

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return "";
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

void apply_scenario(model::Plan& plan, const std::string& id) {
    const model::Scenario* scenario = nullptr;
    std::vector<std::string> ids;
    for (const auto& s : plan.scenarios) {
        ids.push_back(s.id);
        if (s.id == id) scenario = &s;
    }
    if (!scenario) {
        std::string msg = "unknown scenario \"" + id + "\"";
        if (auto c = closest(id, ids)) msg += "; did you mean \"" + *c + "\"?";
        else if (ids.empty()) msg += "; the file defines no [[scenario]]";
        else msg += "; expected one of " + quoted_list(ids);
        throw model::InputError({model::Diagnostic{command_line, "--scenario", msg}});
    }
    const model::Scenario s = *scenario;  // the overlay may not touch plan.scenarios, but be safe
    const std::vector<model::Diagnostic> before = check_ranges(plan);
    const std::string set = "scenario." + s.id + ".set";
    std::vector<model::SourcePos> overlay;
    for (const auto& [param, value] : s.set) {
        overlay.push_back(plan.pos(set + "." + param));
        detail::set_parameter(plan, param, value, overlay.back());
    }
    std::vector<model::Diagnostic> problems = detail::new_range_problems(plan, before, plan.pos(set), overlay);
    if (problems.empty()) return;
    for (auto& d : problems) d.message += " (scenario \"" + s.id + "\")";
    throw model::InputError(std::move(problems));
}

void apply_sets(model::Plan& plan, const std::vector<std::string>& assignments) {
    std::vector<model::Diagnostic> problems;
    const std::vector<model::Diagnostic> before = check_ranges(plan);
    const std::vector<std::string> paths = model::param_paths(plan);
    for (const std::string& a : assignments) {
        const std::size_t eq = a.find('=');
        const std::string path = eq == std::string::npos ? "" : trim(std::string_view(a).substr(0, eq));
        if (path.empty()) {
            problems.push_back({command_line, "--set", "bad assignment \"" + a + "\"; expected parameter.path=number"});
            continue;
        }
        const std::string text = trim(std::string_view(a).substr(eq + 1));
        double value = 0;
        const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool number = !text.empty() && res.ec == std::errc() && res.ptr == text.data() + text.size();
        if (!model::resolve_param(plan, path)) {
            std::string msg = "unknown parameter \"" + path + "\"";
            if (auto c = closest(path, paths)) msg += "; did you mean \"" + *c + "\"?";
            else msg += "; expected a parameter path such as \"plant.<id>.capex_musd\" (man reeplan.5)";
            problems.push_back({command_line, "--set", msg});
            continue;
        }
        if (!number) {
            problems.push_back({command_line, "--set", "value of \"" + path + "\" must be a number, got \"" + text + "\""});
            continue;
        }
        detail::set_parameter(plan, path, value, command_line);
    }
    if (!problems.empty()) throw model::InputError(std::move(problems));
    problems = detail::new_range_problems(plan, before, command_line, {command_line});
    if (!problems.empty()) throw model::InputError(std::move(problems));
}

}  // namespace reeplan::io
