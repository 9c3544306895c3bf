#pragma once
/// Overlays on a validated plan: a `[[scenario]]` chosen with `--scenario`, and `--set path=value`
/// assignments. Both re-check the numeric ranges afterwards (io/ranges.hpp).

#include "model/plan.hpp"

#include <string>
#include <vector>

namespace reeplan::io {

/// Applies the `set` of scenario `id` to `plan`, in file order. Plan::where of each path set
/// then points at the scenario's line, so later messages about it point there.
/// Throws model::InputError: an unknown id (path "--scenario", with did-you-mean over the
/// scenario ids), or values the scenario takes out of range (at the scenario's line).
void apply_scenario(model::Plan& plan, const std::string& id);

/// Applies `--set` assignments, each "parameter.path=number", in order (a later one wins).
/// Throws model::InputError with every problem: bad syntax, an unknown path (did-you-mean over
/// model::param_paths), a value that is not a number (all with path "--set"), and values out of
/// range after all assignments.
void apply_sets(model::Plan& plan, const std::vector<std::string>& assignments);

}  // namespace reeplan::io
