#pragma once
/// The readers of each part of the input format, and the checks that need the whole plan.
/// Private to src/io.

#include "io/detail/node_reader.hpp"

namespace reeplan::io::detail {

/// `[project]`, `[finance]`, `[materials.<id>]` (reader.cpp).
void read_project(Table& root);
void read_finance(Table& root);
void read_materials(Table& root);

/// `[[plant]]` with its schedule and financing (read_plants.cpp).
void read_plants(Table& root);

/// `[[support]]` and `[[risk]]` (read_policy.cpp).
void read_supports(Table& root);
void read_risks(Table& root);

/// `[[scenario]]`, `[[uncertain]]`, `[[correlation]]` (read_uncertainty.cpp).
void read_scenarios(Table& root);
void read_uncertain(Table& root);
void read_correlations(Table& root);
/// A distribution's `dist` and keys, read from `t` (an `[[uncertain]]` or a `delay_years` table).
void read_distribution(Table& t, model::Distribution& d);

/// Every reference between tables resolves, `after` has no cycle, parameter paths resolve,
/// and each scenario keeps every value in range (validate.cpp).
void check_references(Context& cx);
void check_cycles(Context& cx);
void check_parameter_paths(Context& cx);
void check_scenarios(Context& cx, const std::vector<model::Diagnostic>& base);

/// Sets a parameter path and points Plan::where for it (and its spelling in the file, for
/// `ramp_years` and the like) at `at`. False when the path names nothing.
bool set_parameter(model::Plan& plan, const std::string& path, double value, const model::SourcePos& at);

/// Range diagnostics of `plan` that are not in `before`. One that points into the file but at
/// none of the `overlay` positions (the values the overlay set) follows from a value set there,
/// and is re-pointed at `at`, where the overlay was given.
std::vector<model::Diagnostic> new_range_problems(const model::Plan& plan, const std::vector<model::Diagnostic>& before,
                                                  const model::SourcePos& at,
                                                  const std::vector<model::SourcePos>& overlay);

/// Paths in `where` are written as in the file; parameter paths differ for a few keys.
inline constexpr std::pair<const char*, const char*> param_aliases[] = {
    {".schedule.ramp_years", ".schedule.ramp.years"},
    {".schedule.ramp_start", ".schedule.ramp.start"},
    {".elections_first_year", ".elections.first_year"},
    {".elections_every_years", ".elections.every_years"},
};

}  // namespace reeplan::io::detail
