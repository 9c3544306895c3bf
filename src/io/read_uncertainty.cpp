/// `[[scenario]]`, `[[uncertain]]`, `[[correlation]]` and distribution tables (input format §3).

#include "io/detail/sections.hpp"

#include <algorithm>

namespace reeplan::io::detail {

namespace {

using model::DistKind;

const Choices<DistKind>& dist_kinds() {
    static const Choices<DistKind> kinds{{"normal", DistKind::Normal},     {"lognormal", DistKind::Lognormal},
                                         {"triangular", DistKind::Triangular}, {"pert", DistKind::Pert},
                                         {"uniform", DistKind::Uniform},   {"discrete", DistKind::Discrete}};
    return kinds;
}

std::vector<std::string> dist_keys(DistKind k) {
    switch (k) {
        case DistKind::Normal:
        case DistKind::Lognormal: return {"mean", "sd"};
        case DistKind::Triangular:
        case DistKind::Pert: return {"min", "mode", "max"};
        case DistKind::Uniform: return {"min", "max"};
        case DistKind::Discrete: return {"values", "probabilities"};
        case DistKind::Fixed: return {};
    }
    return {};
}

const char* dist_name(DistKind k) {
    for (const auto& [name, kind] : dist_kinds())
        if (kind == k) return name.c_str();
    return "fixed";
}

struct SetEntry {
    model::SourcePos pos;
    std::string path;
    double value;
};

/// Flattens `set = { "a.b" = 1 }` and its nested spelling `set = { a.b = 1 }` into paths.
void flatten_set(Context& cx, const toml::table& t, const std::string& prefix, const std::string& set_path,
                 std::vector<SetEntry>& out) {
    for (auto&& [k, v] : t) {
        const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const toml::table* sub = v.as_table()) {
            flatten_set(cx, *sub, path, set_path, out);
            continue;
        }
        double value = 0;
        if (!v.is_number()) {
            cx.error(v, set_path, "value of \"" + path + "\" must be a number, got " + type_name(v));
            continue;
        }
        if (!read_number(cx, v, set_path, value)) continue;
        out.push_back(SetEntry{cx.pos(k.source()), path, value});
    }
}

/// The entries of `set` in the order they were written (toml++ keeps tables sorted by key).
void read_set(Context& cx, const toml::table& t, const std::string& set_path, model::Scenario& s) {
    std::vector<SetEntry> entries;
    flatten_set(cx, t, "", set_path, entries);
    std::stable_sort(entries.begin(), entries.end(), [](const SetEntry& a, const SetEntry& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
    for (SetEntry& e : entries) {
        cx.record(set_path + "." + e.path, e.pos);
        s.set.emplace_back(std::move(e.path), e.value);
    }
}

}  // namespace

void read_distribution(Table& t, model::Distribution& d) {
    if (!t.choice("dist", dist_kinds(), d.kind, true)) {
        for (const auto& k : dist_kinds())
            for (const std::string& key : dist_keys(k.second)) t.allow(key);
        return;
    }
    const std::vector<std::string> mine = dist_keys(d.kind);
    for (const auto& k : dist_kinds())
        for (const std::string& key : dist_keys(k.second))
            if (std::find(mine.begin(), mine.end(), key) == mine.end())
                t.not_here(key, std::string("dist \"") + dist_name(d.kind) + "\"");
    switch (d.kind) {
        case DistKind::Normal:
        case DistKind::Lognormal:
            t.number("mean", d.mean, true);
            t.number("sd", d.sd, true);
            break;
        case DistKind::Triangular:
        case DistKind::Pert:
            t.number("min", d.min, true);
            t.number("mode", d.mode, true);
            t.number("max", d.max, true);
            break;
        case DistKind::Uniform:
            t.number("min", d.min, true);
            t.number("max", d.max, true);
            break;
        case DistKind::Discrete:
            if (!t.numbers("values", d.values) && !t.has("values")) t.missing("values", "an array of numbers");
            if (!t.numbers("probabilities", d.probabilities) && !t.has("probabilities"))
                t.missing("probabilities", "an array of numbers summing to 1");
            break;
        case DistKind::Fixed: break;
    }
}

void read_scenarios(Table& root) {
    Context& cx = root.context();
    std::vector<std::string> seen;
    for (auto [index, table] : array_of_tables(root, "scenario")) {
        Table t(cx, *table, "scenario", cx.pos(*table));
        model::Scenario s;
        s.id = read_element_id(t, "scenario", index, seen);
        t.text("description", s.description);
        if (const toml::node* n = t.get("set")) {
            if (const toml::table* set = n->as_table()) read_set(cx, *set, t.key_path("set"), s);
            else cx.error(*n, t.key_path("set"), "expected a table of \"parameter.path\" = number, got " + type_name(*n));
        } else {
            t.missing("set", "a table of \"parameter.path\" = number");
        }
        t.finish();
        cx.plan().scenarios.push_back(std::move(s));
    }
}

void read_uncertain(Table& root) {
    Context& cx = root.context();
    for (auto [index, table] : array_of_tables(root, "uncertain")) {
        Table t(cx, *table, "uncertain[" + std::to_string(index) + "]", cx.pos(*table));
        model::Uncertain u;
        t.text("param", u.param, true);
        read_distribution(t, u.dist);
        t.finish();
        cx.plan().uncertain.push_back(std::move(u));
    }
}

void read_correlations(Table& root) {
    Context& cx = root.context();
    for (auto [index, table] : array_of_tables(root, "correlation")) {
        Table t(cx, *table, "correlation[" + std::to_string(index) + "]", cx.pos(*table));
        model::Correlation c;
        std::vector<model::SourcePos> where;
        if (t.strings("params", c.params, &where, true)) {
            if (c.params.size() != 2)
                cx.error(cx.plan().pos(t.key_path("params")), t.key_path("params"),
                         "names " + std::to_string(c.params.size()) + "; expected exactly 2 parameter paths");
            else if (c.params[0] == c.params[1])
                cx.error(where[1], t.key_path("params"), "a parameter correlated with itself; expected two different paths");
            for (std::size_t i = 0; i < where.size(); ++i)
                cx.record(t.key_path("params") + "[" + std::to_string(i) + "]", where[i]);
        }
        t.number("rank", c.rank, true);
        t.finish();
        cx.plan().correlations.push_back(std::move(c));
    }
}

}  // namespace reeplan::io::detail
