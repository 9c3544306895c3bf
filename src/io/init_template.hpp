#pragma once
/// The starting file `reeplan init` writes.

#include <string>

namespace reeplan::io {

/// A commented input file (format 1) with every table and every key at its default, each key
/// with its unit and range: one example material pair and plant; one support of each kind, a
/// risk of each kind, a scenario, an uncertain input and a correlation, commented out because
/// they would change results. `base_year` is written as given and the year-valued defaults
/// follow it. parse_plan() accepts the text as it is.
std::string init_template(int base_year);

}  // namespace reeplan::io
