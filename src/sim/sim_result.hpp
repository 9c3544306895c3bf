#pragma once
/// Result types of `reeplan simulate`, `sensitivity` and `solve`: plain structs, no behaviour,
/// ready for the renderers in src/report/. Metric names are the output contract's (`npv_musd`,
/// `irr`, `independence_year`, …); units follow their suffixes. A metric that does not exist on
/// a path (an IRR with no sign change, an independence year beyond `end_year`) is left out of
/// that metric's statistics and counted in `missing`.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::sim {

/// The percentile levels reported for every metric (output contract: p5, p10, p50, p90, p95).
inline constexpr std::array<double, 5> kPercentileLevels{0.05, 0.10, 0.50, 0.90, 0.95};

/// Statistics of one metric over the paths on which it exists.
struct MetricStats {
    std::size_t count = 0;    ///< paths on which the metric exists
    std::size_t missing = 0;  ///< paths on which it does not
    double mean = 0;
    double sd = 0;              ///< sample standard deviation (n − 1)
    double standard_error = 0;  ///< of the mean: sd / √count
    /// p5, p10, p50, p90, p95 (kPercentileLevels): Hyndman and Fan's type 7 (linear
    /// interpolation between order statistics, as Excel's PERCENTILE.INC and R's default).
    std::array<double, 5> percentiles{};
    double min = 0;
    double max = 0;
};

/// A named metric with its statistics.
struct MetricSummary {
    std::string name;  ///< contract name, e.g. "npv_musd"
    MetricStats stats;
};

/// Equal-width bins of one metric's values over the paths, for the histogram chart.
struct Histogram {
    std::string metric;  ///< full metric path, e.g. "chain.npv_musd"
    double lo = 0;       ///< left edge of the first bin
    double width = 0;    ///< bin width (0 when every value is equal: one bin)
    std::vector<std::size_t> counts;
    double mean = 0;
    std::array<double, 5> percentiles{};  ///< as MetricStats::percentiles
};

/// Percentile bands by calendar year of one yearly series, for the fan chart.
struct Fan {
    std::string series;  ///< "fully_domestic_share", "coverage.refining", "cumulative_capex_musd", …
    std::string unit;    ///< "share" or "MUSD"
    std::vector<int> years;
    std::vector<std::array<double, 5>> bands;  ///< per year: kPercentileLevels
    std::vector<double> mean;                  ///< per year
};

struct PlantDistribution {
    std::string id;
    std::string stage;   ///< "refining" | "alloying" | "fabrication"
    std::string output;  ///< material id
    std::vector<MetricSummary> metrics;  ///< contract order: npv_musd, equity_npv_musd, irr, …
    double p_npv_negative = 0;           ///< share of paths with npv_musd < 0
};

struct ChainDistribution {
    std::vector<MetricSummary> metrics;  ///< capex_musd, npv_musd, first_domestic_output_year, independence_year
    double p_npv_negative = 0;
    /// Share of paths on which the chain is independent by the target year (independence year
    /// ≤ project.independence_target_year; a path never independent counts as not).
    double p_independent_by_target = 0;
    double target_year = 0;
    std::vector<Fan> fans;
};

/// One `[[uncertain]]` input: what was drawn for it over the paths.
struct InputDistribution {
    std::string param;  ///< parameter path
    std::string dist;   ///< "normal", "pert", …
    double base_value = 0;  ///< the value in the plan as given (a series: its base-year value)
    MetricStats drawn;
};

/// The stopping rule of `--precision`.
struct PrecisionRule {
    std::string metric;   ///< full metric path
    double target = 0;    ///< the 95 % interval of the mean must be narrower than this
    double achieved = 0;  ///< 2 × 1.96 × standard error at the stop
    bool met = false;     ///< false when the path limit came first
};

struct SimulationResult {
    std::uint64_t seed = 1;
    std::size_t paths = 0;            ///< paths evaluated (and summarized)
    std::size_t requested_paths = 0;  ///< `--paths`
    std::size_t shard = 0, shards = 0;  ///< K/N when this is one slice (0/0 for a whole run)
    std::size_t first_path = 0;       ///< index of the first path in this result
    std::optional<PrecisionRule> precision;
    std::vector<InputDistribution> inputs;
    std::vector<std::string> risks;       ///< ids of the risks sampled on every path
    std::vector<PlantDistribution> plants;
    ChainDistribution chain;
    std::vector<Histogram> histograms;    ///< chain.npv_musd first, then the `--metric` if another
    std::vector<std::string> warnings;    ///< e.g. a correlation matrix repaired
    std::map<std::string, std::string> notes;  ///< why a metric is missing on some paths, and the rules
};

// ---- sensitivity ----------------------------------------------------------------------------

/// One bar of the tornado: the metric with one input at its low and its high value, every other
/// input at its base value.
struct TornadoBar {
    std::string param;
    double base_value = 0, lo_value = 0, hi_value = 0;
    std::optional<double> metric_at_lo, metric_at_hi;
    double swing = 0;  ///< |metric_at_hi − metric_at_lo| (0 when either is missing)
};

/// One line of the spider: the metric against the input's change from its base value.
struct SpiderLine {
    std::string param;
    std::vector<double> input_values;
    std::vector<double> change;  ///< (input − base) / |base|; plain fraction (absolute when base is 0)
    std::vector<std::optional<double>> metric;
};

/// Spearman rank correlation of one uncertain input with the metric over a simulation.
struct RankCorrelation {
    std::string param;
    double spearman = 0;
};

struct SensitivityResult {
    std::string metric;  ///< full metric path, e.g. "chain.npv_musd"
    std::optional<double> base_metric;
    std::vector<TornadoBar> tornado;  ///< largest swing first
    std::vector<SpiderLine> spider;   ///< in tornado order
    std::vector<RankCorrelation> ranks;  ///< largest |ρ| first; empty without uncertain inputs
    std::size_t paths = 0;               ///< of the simulation behind `ranks`
    std::uint64_t seed = 1;
    std::map<std::string, std::string> notes;
};

// ---- goal seek ------------------------------------------------------------------------------

struct SolveResult {
    std::string param;   ///< the input varied
    std::string metric;  ///< full metric path
    double target = 0;
    double lo = 0, hi = 0;  ///< the search range of the input
    double base_value = 0;
    std::optional<double> metric_at_lo, metric_at_hi;
    std::optional<double> root;            ///< the input value that meets the target
    std::optional<double> metric_at_root;
    /// True when the metric is a step function of the input (a year) and jumps across the target
    /// at `root` instead of meeting it.
    bool jump = false;
    int evaluations = 0;
    std::string reason;  ///< why there is no root, when there is none
};

}  // namespace reeplan::sim
