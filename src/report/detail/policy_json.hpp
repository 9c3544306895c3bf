#pragma once
/// The `policy` block of the JSON output (../shared/spec/output-contract.md), for the renderers
/// of src/report/ only: nlohmann/json stays inside this folder, so no public header includes
/// this one.
///
/// The block starts with the contract's names, then the detail behind them:
///
///     premium   {chain: π, plants: {id: π}, by_risk: {risk: share of the chain's π}}
///     hurdle    {id: {trigger_multiple, pv_to_capex, invest_now}}
///     notes     {"premium.chain": why, "premium.plants.<id>": why, "hurdle.<id>": why, …}
///     method, outcomes, seed, sample_paths, enumeration_limit
///     chain     {estimate, by_risk_method, hazard, continuity}
///     plants    [{id, method, outcomes, risks, wacc, policy_adjusted_rate, estimate, by_risk,
///                 hazard, continuity, hurdle, notes}]
///     rules     [one sentence per rule behind the numbers]
///
/// π and the Shapley shares are plain fractions (0.0185 is 185 bp); money in million USD.
/// A value that does not exist is null and the nearest `notes` says why; NaN and Infinity
/// never appear.

#include "policy/policy_result.hpp"

#include <nlohmann/json.hpp>

namespace reeplan::report::detail {

/// The whole `policy` block, keys in a fixed order, numbers in full precision.
nlohmann::ordered_json policy_block(const policy::PolicyResult& result);

/// A finite number, or null.
nlohmann::ordered_json finite_or_null(double x);

}  // namespace reeplan::report::detail
