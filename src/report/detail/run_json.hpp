#pragma once
/// Pieces shared by the JSON renderers of `simulate`, `sensitivity` and `solve` (private to
/// src/report/: nlohmann/json stays inside this folder, so no public header includes this one).

#include "report/detail/policy_json.hpp"  // finite_or_null
#include "report/render.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace reeplan::report::detail {

/// The header every JSON report starts with, as render_json writes it: reeplan_version,
/// output_format, input {path, sha256}, scenario, sets.
nlohmann::ordered_json run_header(const RunInfo& info);

/// A finite number, or null when there is none or it is not finite.
inline nlohmann::ordered_json optional_number(const std::optional<double>& v) {
    return v ? finite_or_null(*v) : nlohmann::ordered_json(nullptr);
}

}  // namespace reeplan::report::detail
