#pragma once
/// Names shared by the renderers of `simulate` (private to src/report/).

#include "sim/sim_result.hpp"

#include <array>

namespace reeplan::report::detail {

/// The names of sim::kPercentileLevels in JSON keys, CSV statistics and table headers.
inline constexpr std::array<const char*, 5> kPercentileNames{"p5", "p10", "p50", "p90", "p95"};
static_assert(kPercentileNames.size() == sim::kPercentileLevels.size());

}  // namespace reeplan::report::detail
