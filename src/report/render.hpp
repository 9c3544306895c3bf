#pragma once
/// Renderers of a computed plan. Each returns the whole report as a string; only src/cli/ prints.

#include "finance/plan_result.hpp"
#include "policy/policy_result.hpp"

#include <string>
#include <vector>

namespace reeplan::report {

/// What the report says about the run itself.
struct RunInfo {
    std::string input_path;
    std::string input_sha256;
    std::string project_name;
    std::string scenario = "base";
    std::vector<std::string> sets;  ///< --set assignments, as given
};

struct TableOptions {
    bool color = false;  ///< ANSI colour (only on a terminal, never with NO_COLOR)
    bool years = false;  ///< annual statements of every plant
};

/// JSON per ../shared/spec/output-contract.md: full-precision numbers, null with a note for a
/// metric that does not exist, keys in a fixed order so output is byte-for-byte deterministic.
/// With `policy`, the contract's `policy` block follows the chain.
std::string render_json(const finance::PlanResult& plan, const RunInfo& info,
                        const policy::PolicyResult* policy = nullptr);

/// Long-format CSV: `plant,year,metric,value`, one row per plant, year and metric; plant-level
/// metrics have an empty year; the chain is plant "chain".
std::string render_csv(const finance::PlanResult& plan, const RunInfo& info);

/// The human-readable table, readable at 100 columns.
/// With `policy`, the cost-of-capital table adds the policy premium π and WACC + π.
std::string render_table(const finance::PlanResult& plan, const RunInfo& info, const TableOptions& opt,
                         const policy::PolicyResult* policy = nullptr);

/// The version the reports carry.
const char* version();

}  // namespace reeplan::report
