// `reeplan sensitivity` as JSON and as long-format CSV.

#include "report/detail/csv_writer.hpp"
#include "report/detail/run_json.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

namespace reeplan::report {

namespace {

using Json = nlohmann::ordered_json;
using detail::finite_or_null;
using detail::optional_number;

Json numbers(const std::vector<double>& xs) {
    Json a = Json::array();
    for (double x : xs) a.push_back(finite_or_null(x));
    return a;
}

/// The result's notes, plus one for each null the result leaves unexplained.
Json notes_json(const sim::SensitivityResult& r) {
    std::map<std::string, std::string> notes = r.notes;
    auto add = [&](const std::string& key, const std::string& why) { notes.emplace(key, why); };
    if (!r.base_metric) add("base_metric", fmt::format("{} does not exist at the base values", r.metric));
    for (const auto& b : r.tornado) {
        if (!b.metric_at_lo)
            add("tornado." + b.param + ".metric_at_lo", fmt::format("{} does not exist with {} at {}", r.metric, b.param, b.lo_value));
        if (!b.metric_at_hi)
            add("tornado." + b.param + ".metric_at_hi", fmt::format("{} does not exist with {} at {}", r.metric, b.param, b.hi_value));
    }
    for (const auto& l : r.spider) {
        std::size_t missing = 0;
        for (const auto& m : l.metric) missing += m ? 0 : 1;
        if (missing > 0)
            add("spider." + l.param,
                fmt::format("{} does not exist at {} of the {} values of {} (null there)", r.metric, missing, l.metric.size(), l.param));
    }
    Json j = Json::object();
    for (const auto& [k, v] : notes) j[k] = v;
    return j;
}

}  // namespace

std::string render_sensitivity_json(const sim::SensitivityResult& r, const RunInfo& info) {
    Json tornado = Json::array();
    for (const auto& b : r.tornado)
        tornado.push_back(Json{{"param", b.param},
                               {"base_value", finite_or_null(b.base_value)},
                               {"lo_value", finite_or_null(b.lo_value)},
                               {"hi_value", finite_or_null(b.hi_value)},
                               {"metric_at_lo", optional_number(b.metric_at_lo)},
                               {"metric_at_hi", optional_number(b.metric_at_hi)},
                               {"swing", finite_or_null(b.swing)}});
    Json spider = Json::array();
    for (const auto& l : r.spider) {
        Json metric = Json::array();
        for (const auto& m : l.metric) metric.push_back(optional_number(m));
        spider.push_back(Json{{"param", l.param}, {"input_values", numbers(l.input_values)}, {"change", numbers(l.change)},
                              {"metric", metric}});
    }
    Json ranks = Json::array();
    for (const auto& c : r.ranks) ranks.push_back(Json{{"param", c.param}, {"spearman", finite_or_null(c.spearman)}});
    Json j = detail::run_header(info);
    j["sensitivity"] = Json{{"metric", r.metric},
                            {"base_metric", optional_number(r.base_metric)},
                            {"tornado", tornado},
                            {"spider", spider},
                            {"rank_correlations", ranks},
                            {"paths", r.paths},
                            {"seed", r.seed}};
    j["notes"] = notes_json(r);
    return j.dump(2) + "\n";
}

std::string render_sensitivity_csv(const sim::SensitivityResult& r, const RunInfo&) {
    detail::CsvWriter w;
    w.out = "section,param,point,field,value\n";
    w.cells({"run", "", "", "metric"}, r.metric);
    if (r.base_metric) w.cells({"run", "", "", "base_metric"}, *r.base_metric);
    w.cells({"run", "", "", "paths"}, std::to_string(r.paths));
    w.cells({"run", "", "", "seed"}, std::to_string(r.seed));
    for (const auto& b : r.tornado) {
        w.cells({"tornado", b.param, "", "base_value"}, b.base_value);
        w.cells({"tornado", b.param, "", "lo_value"}, b.lo_value);
        w.cells({"tornado", b.param, "", "hi_value"}, b.hi_value);
        if (b.metric_at_lo) w.cells({"tornado", b.param, "", "metric_at_lo"}, *b.metric_at_lo);
        if (b.metric_at_hi) w.cells({"tornado", b.param, "", "metric_at_hi"}, *b.metric_at_hi);
        w.cells({"tornado", b.param, "", "swing"}, b.swing);
    }
    for (const auto& l : r.spider) {
        for (std::size_t k = 0; k < l.change.size(); ++k) {
            const std::string point = std::to_string(k);
            if (k < l.input_values.size()) w.cells({"spider", l.param, point, "input_value"}, l.input_values[k]);
            w.cells({"spider", l.param, point, "change"}, l.change[k]);
            if (k < l.metric.size() && l.metric[k]) w.cells({"spider", l.param, point, "metric"}, *l.metric[k]);
        }
    }
    for (const auto& c : r.ranks) w.cells({"rank", c.param, "", "spearman"}, c.spearman);
    return w.out;
}

}  // namespace reeplan::report
