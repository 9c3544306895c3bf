// `reeplan simulate --format json`: the contract's metric names under "distribution".

#include "report/detail/run_json.hpp"
#include "report/detail/sim_names.hpp"
#include "report/sim_report.hpp"

namespace reeplan::report {

namespace detail {

nlohmann::ordered_json run_header(const RunInfo& info) {
    nlohmann::ordered_json j;
    j["reeplan_version"] = version();
    j["output_format"] = 1;
    j["input"] = nlohmann::ordered_json{{"path", info.input_path}, {"sha256", info.input_sha256}};
    j["scenario"] = info.scenario;
    j["sets"] = info.sets;
    return j;
}

}  // namespace detail

namespace {

using Json = nlohmann::ordered_json;
using detail::finite_or_null;

using detail::kPercentileNames;

/// STATS: every number null when no path has the metric; sd and standard error null with fewer
/// than two paths (the sample standard deviation divides by n − 1).
Json stats_json(const sim::MetricStats& s) {
    const bool any = s.count > 0, spread = s.count > 1;
    auto v = [](bool exists, double x) { return exists ? finite_or_null(x) : Json(nullptr); };
    Json j;
    j["mean"] = v(any, s.mean);
    j["sd"] = v(spread, s.sd);
    for (std::size_t k = 0; k < kPercentileNames.size(); ++k) j[kPercentileNames[k]] = v(any, s.percentiles[k]);
    j["standard_error"] = v(spread, s.standard_error);
    j["min"] = v(any, s.min);
    j["max"] = v(any, s.max);
    j["count"] = s.count;
    j["missing"] = s.missing;
    return j;
}

Json metrics_json(const std::vector<sim::MetricSummary>& ms) {
    Json j = Json::object();
    for (const auto& m : ms) j[m.name] = stats_json(m.stats);
    return j;
}

Json numbers(const std::vector<double>& xs) {
    Json a = Json::array();
    for (double x : xs) a.push_back(finite_or_null(x));
    return a;
}

Json fan_json(const sim::Fan& f) {
    Json j;
    j["series"] = f.series;
    j["unit"] = f.unit;
    j["years"] = f.years;
    for (std::size_t k = 0; k < kPercentileNames.size(); ++k) {
        Json band = Json::array();
        for (const auto& b : f.bands) band.push_back(finite_or_null(b[k]));
        j[kPercentileNames[k]] = band;
    }
    j["mean"] = numbers(f.mean);
    return j;
}

Json histogram_json(const sim::Histogram& h) {
    Json j;
    j["metric"] = h.metric;
    j["lo"] = finite_or_null(h.lo);
    j["width"] = finite_or_null(h.width);
    j["counts"] = h.counts;
    const bool any = !h.counts.empty();
    j["mean"] = any ? finite_or_null(h.mean) : Json(nullptr);
    for (std::size_t k = 0; k < kPercentileNames.size(); ++k)
        j[kPercentileNames[k]] = any ? finite_or_null(h.percentiles[k]) : Json(nullptr);
    return j;
}

Json distribution_json(const sim::SimulationResult& r) {
    Json d;
    d["paths"] = r.paths;
    d["seed"] = r.seed;
    d["requested_paths"] = r.requested_paths;
    if (r.shards > 0) d["shard"] = Json{{"index", r.shard}, {"count", r.shards}, {"first_path", r.first_path}};
    if (r.precision)
        d["precision"] = Json{{"metric", r.precision->metric},
                              {"target", finite_or_null(r.precision->target)},
                              {"achieved", finite_or_null(r.precision->achieved)},
                              {"met", r.precision->met}};
    Json inputs = Json::array();
    for (const auto& in : r.inputs)
        inputs.push_back(Json{{"param", in.param},
                              {"dist", in.dist},
                              {"base_value", finite_or_null(in.base_value)},
                              {"drawn", stats_json(in.drawn)}});
    d["inputs"] = inputs;
    d["risks"] = r.risks;
    Json plants = Json::array();
    for (const auto& p : r.plants)
        plants.push_back(Json{{"id", p.id},
                              {"stage", p.stage},
                              {"output", p.output},
                              {"metrics", metrics_json(p.metrics)},
                              {"p_npv_negative", finite_or_null(p.p_npv_negative)}});
    d["plants"] = plants;
    Json fans = Json::array();
    for (const auto& f : r.chain.fans) fans.push_back(fan_json(f));
    d["chain"] = Json{{"metrics", metrics_json(r.chain.metrics)},
                      {"p_npv_negative", finite_or_null(r.chain.p_npv_negative)},
                      {"p_independent_by_target", finite_or_null(r.chain.p_independent_by_target)},
                      {"target_year", finite_or_null(r.chain.target_year)},
                      {"fans", fans}};
    Json hists = Json::array();
    for (const auto& h : r.histograms) hists.push_back(histogram_json(h));
    d["histograms"] = hists;
    return d;
}

}  // namespace

std::string render_simulation_json(const sim::SimulationResult& r, const RunInfo& info) {
    Json j = detail::run_header(info);
    j["distribution"] = distribution_json(r);
    Json notes = Json::object();
    for (const auto& [k, v] : r.notes) notes[k] = v;
    j["notes"] = notes;
    j["warnings"] = r.warnings;
    return j.dump(2) + "\n";
}

}  // namespace reeplan::report
