#include "io/detail/node_reader.hpp"

#include "io/spellcheck.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace reeplan::io::detail {

model::SourcePos Context::pos(const toml::source_region& r) const {
    if (r.begin.line == 0) return model::SourcePos{file_, 1, 1};
    return model::SourcePos{file_, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

void Context::error(model::SourcePos at, std::string path, std::string message) {
    diags_.push_back(model::Diagnostic{std::move(at), std::move(path), std::move(message)});
}

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

std::string number_text(double x) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!lower_or_digit(id[0])) return false;
    return std::all_of(id.begin() + 1, id.end(), [&](char c) { return lower_or_digit(c) || c == '_' || c == '-'; });
}

bool read_number(Context& cx, const toml::node& n, const std::string& path, double& out) {
    if (auto i = n.as_integer()) {
        out = static_cast<double>(i->get());
        return true;
    }
    if (auto f = n.as_floating_point()) {
        if (!std::isfinite(f->get())) {
            cx.error(n, path, "expected a finite number, got " + number_text(f->get()));
            return false;
        }
        out = f->get();
        return true;
    }
    cx.error(n, path, "expected a number, got " + type_name(n));
    return false;
}

namespace {

/// A TOML key naming a calendar year: digits only.
bool parse_year(std::string_view key, double& year) {
    if (key.empty() || key.size() > 6) return false;
    int y = 0;
    auto res = std::from_chars(key.data(), key.data() + key.size(), y);
    if (res.ec != std::errc() || res.ptr != key.data() + key.size()) return false;
    year = y;
    return true;
}

}  // namespace

bool read_series(Context& cx, const toml::node& n, const std::string& path, model::Series& out) {
    if (n.is_number()) {
        double v = 0;
        if (!read_number(cx, n, path, v)) return false;
        out = model::Series(v);
        return true;
    }
    const toml::table* t = n.as_table();
    if (!t) {
        cx.error(n, path, "expected a number or a table of year = number, got " + type_name(n));
        return false;
    }
    if (t->empty()) {
        cx.error(n, path, "empty series; expected a number or a table of year = number");
        return false;
    }
    model::Series s;
    bool ok = true;
    for (auto&& [k, v] : *t) {
        double year = 0;
        if (!parse_year(k.str(), year)) {
            cx.error(cx.pos(k.source()), path, "expected a calendar year as key, got \"" + std::string(k.str()) + "\"");
            ok = false;
            continue;
        }
        const std::string point_path = path + "." + std::string(k.str());
        double value = 0;
        if (!read_number(cx, v, point_path, value)) {
            ok = false;
            continue;
        }
        cx.record(point_path, cx.pos(v));
        s.points.emplace_back(year, value);
    }
    std::sort(s.points.begin(), s.points.end());
    for (std::size_t i = 1; i < s.points.size(); ++i) {
        if (!(s.points[i - 1].first < s.points[i].first)) {  // "2030" and "02030"
            cx.error(n, path, "year " + number_text(s.points[i].first) + " given twice; expected each year once");
            ok = false;
        }
    }
    if (!ok) return false;
    s.constant = s.points.empty() ? 0.0 : s.points.front().second;
    out = std::move(s);
    return true;
}

Table::Table(Context& cx, const toml::table& t, std::string path, model::SourcePos pos)
    : cx_(cx), t_(t), path_(std::move(path)), pos_(std::move(pos)) {
    if (!path_.empty()) cx_.record(path_, pos_);
}

const toml::node* Table::get(std::string_view key) {
    known_.emplace_back(key);
    const toml::node* n = t_.get(key);
    if (n) cx_.record(key_path(key), cx_.pos(*n));
    return n;
}

void Table::missing(std::string_view key, std::string_view expected) {
    cx_.error(pos_, key_path(key), "missing required key; expected " + std::string(expected));
}

bool Table::number(std::string_view key, double& out, bool required) {
    const toml::node* n = get(key);
    if (!n) {
        if (required) missing(key, "a number");
        return false;
    }
    return read_number(cx_, *n, key_path(key), out);
}

bool Table::optional_number(std::string_view key, std::optional<double>& out) {
    double v = 0;
    if (!number(key, v)) return false;
    out = v;
    return true;
}

bool Table::text(std::string_view key, std::string& out, bool required) {
    const toml::node* n = get(key);
    if (!n) {
        if (required) missing(key, "a string");
        return false;
    }
    if (auto s = n->as_string()) {
        out = s->get();
        return true;
    }
    cx_.error(*n, key_path(key), "expected a string, got " + type_name(*n));
    return false;
}

bool Table::boolean(std::string_view key, bool& out) {
    const toml::node* n = get(key);
    if (!n) return false;
    if (auto b = n->as_boolean()) {
        out = b->get();
        return true;
    }
    cx_.error(*n, key_path(key), "expected true or false, got " + type_name(*n));
    return false;
}

bool Table::series(std::string_view key, model::Series& out) {
    const toml::node* n = get(key);
    return n && read_series(cx_, *n, key_path(key), out);
}

bool Table::numbers(std::string_view key, std::vector<double>& out) {
    const toml::node* n = get(key);
    if (!n) return false;
    const toml::array* a = n->as_array();
    if (!a) {
        cx_.error(*n, key_path(key), "expected an array of numbers, got " + type_name(*n));
        return false;
    }
    std::vector<double> values;
    bool ok = true;
    for (const toml::node& e : *a) {
        double v = 0;
        if (read_number(cx_, e, key_path(key), v)) values.push_back(v);
        else ok = false;
    }
    if (ok) out = std::move(values);
    return ok;
}

bool Table::strings(std::string_view key, std::vector<std::string>& out, std::vector<model::SourcePos>* where,
                    bool required) {
    const toml::node* n = get(key);
    if (!n) {
        if (required) missing(key, "an array of strings");
        return false;
    }
    const toml::array* a = n->as_array();
    if (!a) {
        cx_.error(*n, key_path(key), "expected an array of strings, got " + type_name(*n));
        return false;
    }
    std::vector<std::string> values;
    std::vector<model::SourcePos> positions;
    bool ok = true;
    for (const toml::node& e : *a) {
        if (auto s = e.as_string()) {
            values.push_back(s->get());
            positions.push_back(cx_.pos(e));
        } else {
            cx_.error(e, key_path(key), "expected a string, got " + type_name(e));
            ok = false;
        }
    }
    if (!ok) return false;
    out = std::move(values);
    if (where) *where = std::move(positions);
    return true;
}

std::optional<Table> Table::table(std::string_view key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    const toml::table* t = n->as_table();
    if (!t) {
        cx_.error(*n, key_path(key), "expected a table, got " + type_name(*n));
        return std::nullopt;
    }
    return Table(cx_, *t, key_path(key), cx_.pos(*n));
}

void Table::bad_choice(std::string_view key, const std::string& got, const std::vector<std::string>& names) {
    const toml::node* n = t_.get(key);
    cx_.error(cx_.pos(*n), key_path(key),
              "unknown " + std::string(key) + " \"" + got + "\"; expected one of " + quoted_list(names) +
                  did_you_mean(got, names));
}

void Table::finish() {
    for (auto&& [k, v] : t_) {
        const std::string key(k.str());
        if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
        const model::SourcePos at = cx_.pos(k.source());
        auto m = misplaced_.find(key);
        if (m != misplaced_.end()) {
            cx_.error(at, path_, "key \"" + key + "\" does not apply to " + m->second);
            continue;
        }
        std::vector<std::string> keys;
        for (const std::string& k2 : known_)
            if (std::find(keys.begin(), keys.end(), k2) == keys.end()) keys.push_back(k2);
        std::string msg = "unknown key \"" + key + "\"";
        auto suggestion = closest(key, keys);
        if (suggestion) msg += "; did you mean \"" + *suggestion + "\"?";
        else msg += "; expected one of " + quoted_list(keys);
        cx_.error(at, path_, msg);
    }
}

std::vector<std::pair<std::size_t, const toml::table*>> array_of_tables(Table& root, std::string_view key) {
    std::vector<std::pair<std::size_t, const toml::table*>> out;
    const toml::node* n = root.get(key);
    if (!n) return out;
    Context& cx = root.context();
    const toml::array* a = n->as_array();
    if (!a) {
        cx.error(*n, std::string(key), "expected an array of tables ([[" + std::string(key) + "]]), got " + type_name(*n));
        return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = (*a)[i];
        if (const toml::table* t = e.as_table()) out.emplace_back(i, t);
        else
            cx.error(e, std::string(key) + "[" + std::to_string(i) + "]",
                     "expected a table ([[" + std::string(key) + "]]), got " + type_name(e));
    }
    return out;
}

std::string read_element_id(Table& t, std::string_view kind, std::size_t index, std::vector<std::string>& seen) {
    Context& cx = t.context();
    const std::string indexed = std::string(kind) + "[" + std::to_string(index) + "]";
    t.rename(indexed);
    std::string id;
    if (!t.text("id", id)) {
        if (!t.has("id")) t.missing("id", std::string("an id matching ") + id_pattern);
        return "";
    }
    const toml::node* n = t.raw().get("id");
    if (!valid_id(id)) {
        cx.error(*n, indexed + ".id", "bad id \"" + id + "\"; expected " + id_pattern);
        return "";
    }
    const std::string named = std::string(kind) + "." + id;
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        const model::SourcePos first = cx.plan().pos(named);
        cx.error(*n, indexed + ".id",
                 "duplicate id \"" + id + "\"; expected ids unique among [[" + std::string(kind) + "]] (first at line " +
                     std::to_string(first.line) + ")");
        return "";
    }
    seen.push_back(id);
    t.rename(named);
    cx.record(named, cx.pos(*n));
    return id;
}

}  // namespace reeplan::io::detail
