#include "sim/summary.hpp"

#include "sim/distribution.hpp"
#include "sim/stats.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace reeplan::sim {

namespace {

/// 97.5 % quantile of the standard normal, Φ⁻¹(0.975).
constexpr double kZ975 = 1.959963984540054;

std::string count_text(std::size_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

/// Why a metric may not exist on a path, for the notes.
std::string missing_reason(std::string_view metric) {
    if (metric == "irr" || metric == "equity_irr")
        return "the free cash flows have no single internal rate of return (no sign change, or several)";
    if (metric == "mirr") return "the free cash flows have no positive and negative parts both";
    if (metric == "lcop_usd_per_kg" || metric == "lcop_unsupported_usd_per_kg")
        return "no price of the output makes NPV zero";
    if (metric == "min_dscr") return "the plant carries no debt";
    if (metric == "payback_year") return "cumulative free cash flow never turns positive";
    if (metric == "first_domestic_output_year") return "no fully domestic output by end_year";
    if (metric == "independence_year") return "the chain is not independent by end_year";
    return "the metric does not exist";
}

}  // namespace

double interval_width(const Samples& samples, std::size_t column) {
    std::vector<double> scratch;
    const MetricStats s = column_moments(samples.values.data() + column, samples.width, samples.paths, scratch);
    return 2.0 * kZ975 * s.standard_error;
}

SimulationResult summarize(const Simulation& sim, const Samples& samples, const SummaryOptions& options) {
    const model::Plan& plan = sim.plan();
    const Evaluator& ev = sim.evaluator();
    const std::size_t width = samples.width;
    const std::size_t n = samples.paths;

    // every column's statistics, computed on the simulation's threads a block of columns at a
    // time: one pass over the rows copies the block out column by column (a row's neighbouring
    // columns share its cache lines), then each column is summarized from its copy
    std::vector<MetricStats> stats(width);
    {
        constexpr std::size_t block = 8;
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            std::vector<double> scratch, columns;
            for (std::size_t b = next++; b * block < width; b = next++) {
                const std::size_t c0 = b * block, k = std::min(block, width - c0);
                columns.resize(k * n);
                for (std::size_t r = 0; r < n; ++r) {
                    const double* row = samples.values.data() + r * width + c0;
                    for (std::size_t j = 0; j < k; ++j) columns[j * n + r] = row[j];
                }
                for (std::size_t j = 0; j < k; ++j) stats[c0 + j] = column_stats(columns.data() + j * n, 1, n, scratch);
            }
        };
        const unsigned threads = std::max(1u, sim.options().threads);
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& th : pool) th.join();
    }
    auto share_where = [&](std::size_t column, auto&& pred) {
        std::size_t k = 0;
        for (std::size_t r = 0; r < n; ++r)
            if (pred(samples.values[r * width + column])) ++k;
        return n ? static_cast<double>(k) / static_cast<double>(n) : 0.0;
    };

    SimulationResult out;
    out.seed = sim.options().seed;
    out.paths = n;
    out.requested_paths = options.requested_paths;
    out.shard = options.shard;
    out.shards = options.shards;
    out.first_path = samples.first_path;
    out.precision = options.precision;
    for (const auto& r : plan.risks) out.risks.push_back(r.id);

    auto note_missing = [&](const std::string& full, std::string_view metric, const MetricStats& s) {
        if (s.missing == 0) return;
        out.notes[full] = "does not exist on " + count_text(s.missing) + " of " + count_text(n) + " paths (" +
                          missing_reason(metric) + "); the statistics are over the other paths";
    };

    std::size_t c = 0;
    for (const auto& p : plan.plants) {
        PlantDistribution pd;
        pd.id = p.id;
        pd.stage = model::to_string(p.stage);
        pd.output = p.output;
        const std::size_t npv_column = c;
        for (auto m : kPlantMetrics) {
            pd.metrics.push_back(MetricSummary{std::string(m), stats[c]});
            note_missing(ev.columns()[c], m, stats[c]);
            ++c;
        }
        pd.p_npv_negative = share_where(npv_column, [](double v) { return v < 0; });
        out.plants.push_back(std::move(pd));
    }
    const std::size_t chain_first = c;
    for (auto m : kChainMetrics) {
        out.chain.metrics.push_back(MetricSummary{std::string(m), stats[c]});
        note_missing(ev.columns()[c], m, stats[c]);
        ++c;
    }
    out.chain.p_npv_negative = share_where(chain_first + 1, [](double v) { return v < 0; });
    const double target =
        plan.project.independence_target_year > 0 ? plan.project.independence_target_year : plan.project.end_year;
    out.chain.target_year = target;
    out.chain.p_independent_by_target = share_where(chain_first + 3, [&](double v) { return !std::isnan(v) && v <= target; });

    // fans: percentiles by year over the paths on which the year's value exists
    const std::size_t years = ev.year_count();
    for (std::size_t s = 0; s < kFanSeries.size(); ++s) {
        Fan f;
        f.series = std::string(kFanSeries[s]);
        f.unit = f.series == "cumulative_capex_musd" ? "MUSD" : "share";
        for (std::size_t k = 0; k < years; ++k) {
            const MetricStats& st = stats[ev.fan_offset(s) + k];
            if (st.count == 0) continue;
            f.years.push_back(ev.first_year() + static_cast<int>(k));
            f.bands.push_back(st.percentiles);
            f.mean.push_back(st.mean);
        }
        out.chain.fans.push_back(std::move(f));
    }

    // the inputs drawn
    for (std::size_t j = 0; j < plan.uncertain.size(); ++j) {
        InputDistribution in;
        in.param = plan.uncertain[j].param;
        in.dist = dist_name(plan.uncertain[j].dist.kind);
        in.base_value = sim.base_values()[j];
        in.drawn = stats[ev.width() + j];
        out.inputs.push_back(std::move(in));
    }

    const std::size_t npv = *ev.index_of("chain.npv_musd");
    out.histograms.push_back(column_histogram("chain.npv_musd", samples.values.data() + npv, width, n));
    if (!options.histogram_metric.empty() && options.histogram_metric != "chain.npv_musd")
        if (auto col = ev.index_of(options.histogram_metric))
            out.histograms.push_back(column_histogram(options.histogram_metric, samples.values.data() + *col, width, n));

    out.notes["sampling"] = "each input is drawn by its inverse distribution function at a uniform that is a pure "
                            "function of (seed, path, input); correlated inputs go through a Gaussian copula of the "
                            "rank correlations; each risk is sampled as in `reeplan premium`";
    if (!plan.uncertain.empty())
        out.notes["series_inputs"] = "an uncertain input that is a series (a price deck) is replaced on each path by "
                                     "the constant drawn, as --set replaces it; its base value is its base-year value";
    return out;
}

}  // namespace reeplan::sim
