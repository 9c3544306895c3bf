#pragma once
/// Reading an input file (input format version 1) into a validated model::Plan.

#include "model/plan.hpp"

#include <string>
#include <string_view>

namespace reeplan::io {

/// Parses and validates the TOML text of an input file. `path` names the file in messages and
/// is stored in Plan::source_path. Fills every table, applies the defaults of the format
/// (model/plan.hpp and man/reeplan.5), records in Plan::where the position of every key read,
/// and checks types, unknown keys, ids, enums, references, `after` cycles, numeric ranges and
/// each scenario's values.
/// Throws model::InputError carrying every problem found, in file order; a TOML syntax error is
/// a single diagnostic at the position toml++ reports.
model::Plan parse_plan(std::string_view text, const std::string& path);

/// Reads the file at `path` and parses it with parse_plan(). A file that cannot be read is a
/// model::InputError naming the path and the reason the system gives.
model::Plan load_plan(const std::string& path);

}  // namespace reeplan::io
