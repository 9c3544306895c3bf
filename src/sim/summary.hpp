#pragma once
/// From stored samples to the report of `reeplan simulate`: statistics of every plant and chain
/// metric, the probabilities the contract names, the fans by year and the histograms.

#include "sim/sim_result.hpp"
#include "sim/simulate.hpp"

#include <optional>
#include <string>

namespace reeplan::sim {

struct SummaryOptions {
    /// A second histogram besides chain.npv_musd (a full metric path); empty for none.
    std::string histogram_metric;
    std::optional<PrecisionRule> precision;
    std::size_t shard = 0, shards = 0;
    std::size_t requested_paths = 0;
};

/// Summarizes `samples` (rows of `sim`). Columns are summarized on sim.options().threads threads;
/// each column's statistics depend only on its values, so the result is the same on any number.
SimulationResult summarize(const Simulation& sim, const Samples& samples, const SummaryOptions& options);

/// The half-width × 2 of the 95 % normal interval of the mean of column `column` of `samples`:
/// 2 × 1.959964 × standard error (the `--precision` stopping rule).
double interval_width(const Samples& samples, std::size_t column);

}  // namespace reeplan::sim
