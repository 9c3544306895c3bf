#pragma once
/// Reading TOML nodes into model values, with every problem collected as a diagnostic.
/// Private to src/io: the only header that includes toml++ (never include it from a public
/// header of src/io).

#include "model/error.hpp"
#include "model/plan.hpp"

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reeplan::io::detail {

/// The state of reading one file: the plan being filled and the problems found so far.
class Context {
public:
    Context(std::string file, model::Plan& plan) : file_(std::move(file)), plan_(plan) {}

    /// Position of a TOML source region (its start) in this file; unknown lines become 1:1.
    model::SourcePos pos(const toml::source_region& r) const;
    model::SourcePos pos(const toml::node& n) const { return pos(n.source()); }

    void error(model::SourcePos at, std::string path, std::string message);
    void error(const toml::node& n, std::string path, std::string message) {
        error(pos(n), std::move(path), std::move(message));
    }
    /// Remembers where `path` was written (Plan::where).
    void record(const std::string& path, model::SourcePos at) { plan_.where[path] = std::move(at); }

    model::Plan& plan() { return plan_; }
    const std::string& file() const { return file_; }
    std::vector<model::Diagnostic>& diagnostics() { return diags_; }

private:
    std::string file_;
    model::Plan& plan_;
    std::vector<model::Diagnostic> diags_;
};

/// "a string", "an integer", "a table", … for "expected X, got Y" messages.
std::string type_name(const toml::node& n);

/// Shortest text that reads back as `x` ("6000", "0.25", "1e+09").
std::string number_text(double x);

/// Ids of plants, supports, risks, scenarios and materials: `[a-z0-9][a-z0-9_-]*`.
bool valid_id(std::string_view id);
inline constexpr const char* id_pattern = "[a-z0-9][a-z0-9_-]*";

/// A number (integer or float, finite) into `out`; otherwise a diagnostic and false.
bool read_number(Context& cx, const toml::node& n, const std::string& path, double& out);

/// A number or a table of calendar year → number (input format §1, "series").
bool read_series(Context& cx, const toml::node& n, const std::string& path, model::Series& out);

/// The allowed strings of an enumerated key and the values they stand for.
template <class E> using Choices = std::vector<std::pair<std::string, E>>;

/// One TOML table being read. Every key asked for becomes known; finish() reports the keys of
/// the table that nobody asked for, with a did-you-mean over the known ones. Every key read
/// is recorded in Plan::where under `path.key`.
class Table {
public:
    Table(Context& cx, const toml::table& t, std::string path, model::SourcePos pos);

    Context& context() { return cx_; }
    const toml::table& raw() const { return t_; }
    const std::string& path() const { return path_; }
    const model::SourcePos& pos() const { return pos_; }
    /// Changes the path used in messages (an element of an array of tables, once its id is known).
    void rename(std::string path) { path_ = std::move(path); }
    std::string key_path(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

    /// The node under `key` (marking the key known and recording its position), or nullptr.
    const toml::node* get(std::string_view key);
    bool has(std::string_view key) const { return t_.contains(key); }
    /// Marks `key` known without reading it.
    void allow(std::string_view key) { known_.emplace_back(key); }
    /// Marks `key` as a key of the format that has no meaning here; finish() reports it with
    /// `key "K" does not apply to <where>`.
    void not_here(std::string_view key, std::string where) { misplaced_[std::string(key)] = std::move(where); }
    /// "missing required key; expected <expected>" at the table.
    void missing(std::string_view key, std::string_view expected);

    /// Each reads `key` when present (true when it was present and valid); a wrong type is a
    /// diagnostic. With `required`, absence is a diagnostic too.
    bool number(std::string_view key, double& out, bool required = false);
    bool optional_number(std::string_view key, std::optional<double>& out);
    bool text(std::string_view key, std::string& out, bool required = false);
    bool boolean(std::string_view key, bool& out);
    bool series(std::string_view key, model::Series& out);
    bool numbers(std::string_view key, std::vector<double>& out);
    /// An array of strings; `where` receives each string's position.
    bool strings(std::string_view key, std::vector<std::string>& out,
                 std::vector<model::SourcePos>* where = nullptr, bool required = false);
    /// A sub-table (a `[a.b]` header or an inline table); nullopt when absent or not a table.
    std::optional<Table> table(std::string_view key);

    template <class E> bool choice(std::string_view key, const Choices<E>& choices, E& out, bool required = false) {
        std::string s;
        if (!text(key, s, required)) return false;
        for (const auto& [name, value] : choices)
            if (name == s) {
                out = value;
                return true;
            }
        std::vector<std::string> names;
        for (const auto& c : choices) names.push_back(c.first);
        bad_choice(key, s, names);
        return false;
    }

    /// Reports the keys nobody asked for. Call once, after reading.
    void finish();

private:
    void bad_choice(std::string_view key, const std::string& got, const std::vector<std::string>& names);

    Context& cx_;
    const toml::table& t_;
    std::string path_;
    model::SourcePos pos_;
    std::vector<std::string> known_;
    std::map<std::string, std::string> misplaced_;
};

/// The tables of an array of tables `[[key]]` at the top level, each with its index. A value
/// of another shape is a diagnostic and gives no tables.
std::vector<std::pair<std::size_t, const toml::table*>> array_of_tables(Table& root, std::string_view key);

/// Reads the `id` of element `index` of `[[kind]]` and renames `t` to `kind.<id>`, or to
/// `kind[index]` when the id is missing, malformed or already used. `seen` holds the ids so far.
/// Returns the id ("" when missing or malformed).
std::string read_element_id(Table& t, std::string_view kind, std::size_t index, std::vector<std::string>& seen);

}  // namespace reeplan::io::detail
