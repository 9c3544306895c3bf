// `reeplan simulate --format csv`: long format `scope,metric,year,statistic,value`.

#include "report/detail/csv_writer.hpp"
#include "report/detail/sim_names.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>


namespace reeplan::report {

namespace {

using Writer = detail::CsvWriter;

using detail::kPercentileNames;

/// The statistics of one metric; those that do not exist (no path, or one path for the spread)
/// are left out, count and missing always written.
void stats(Writer& w, const std::string& scope, const std::string& metric, const sim::MetricStats& s) {
    if (s.count > 0) w.cells({scope, metric, "", "mean"}, s.mean);
    if (s.count > 1) w.cells({scope, metric, "", "sd"}, s.sd);
    if (s.count > 0)
        for (std::size_t k = 0; k < kPercentileNames.size(); ++k) w.cells({scope, metric, "", kPercentileNames[k]}, s.percentiles[k]);
    if (s.count > 1) w.cells({scope, metric, "", "standard_error"}, s.standard_error);
    if (s.count > 0) {
        w.cells({scope, metric, "", "min"}, s.min);
        w.cells({scope, metric, "", "max"}, s.max);
    }
    w.cells({scope, metric, "", "count"}, std::to_string(s.count));
    w.cells({scope, metric, "", "missing"}, std::to_string(s.missing));
}

void run(Writer& w, const sim::SimulationResult& r) {
    w.cells({"run", "paths", "", "value"}, std::to_string(r.paths));
    w.cells({"run", "seed", "", "value"}, std::to_string(r.seed));
    w.cells({"run", "requested_paths", "", "value"}, std::to_string(r.requested_paths));
    if (r.shards > 0) {
        w.cells({"run", "shard", "", "index"}, std::to_string(r.shard));
        w.cells({"run", "shard", "", "count"}, std::to_string(r.shards));
        w.cells({"run", "shard", "", "first_path"}, std::to_string(r.first_path));
    }
    if (r.precision) {
        const auto& p = *r.precision;
        w.cells({"run", "precision", "", "metric"}, p.metric);
        w.cells({"run", "precision", "", "target"}, p.target);
        w.cells({"run", "precision", "", "achieved"}, p.achieved);
        w.cells({"run", "precision", "", "met"}, p.met ? "true" : "false");
    }
}

}  // namespace

std::string render_simulation_csv(const sim::SimulationResult& r, const RunInfo&) {
    Writer w;
    w.out = "scope,metric,year,statistic,value\n";
    run(w, r);
    for (const auto& in : r.inputs) {
        const std::string scope = "input:" + in.param;
        w.cells({scope, "dist", "", "value"}, in.dist);
        w.cells({scope, "base_value", "", "value"}, in.base_value);
        stats(w, scope, "drawn", in.drawn);
    }
    for (const auto& p : r.plants) {
        for (const auto& m : p.metrics) stats(w, p.id, m.name, m.stats);
        w.cells({p.id, "p_npv_negative", "", "value"}, p.p_npv_negative);
    }
    const auto& c = r.chain;
    for (const auto& m : c.metrics) stats(w, "chain", m.name, m.stats);
    w.cells({"chain", "p_npv_negative", "", "value"}, c.p_npv_negative);
    w.cells({"chain", "p_independent_by_target", "", "value"}, c.p_independent_by_target);
    w.cells({"chain", "target_year", "", "value"}, c.target_year);
    for (const auto& f : c.fans) {
        for (std::size_t i = 0; i < f.years.size(); ++i) {
            const std::string year = std::to_string(f.years[i]);
            if (i < f.bands.size())
                for (std::size_t k = 0; k < kPercentileNames.size(); ++k)
                    w.cells({"chain", f.series, year, kPercentileNames[k]}, f.bands[i][k]);
            if (i < f.mean.size()) w.cells({"chain", f.series, year, "mean"}, f.mean[i]);
        }
    }
    for (const auto& h : r.histograms) {
        const std::string scope = "histogram";
        w.cells({scope, h.metric, "", "lo"}, h.lo);
        w.cells({scope, h.metric, "", "width"}, h.width);
        for (std::size_t k = 0; k < h.counts.size(); ++k)
            w.cells({scope, h.metric, "", fmt::format("bin_{}", k)}, std::to_string(h.counts[k]));
        if (!h.counts.empty()) {
            w.cells({scope, h.metric, "", "mean"}, h.mean);
            for (std::size_t k = 0; k < kPercentileNames.size(); ++k)
                w.cells({scope, h.metric, "", kPercentileNames[k]}, h.percentiles[k]);
        }
    }
    return w.out;
}

}  // namespace reeplan::report
