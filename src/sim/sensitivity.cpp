#include "sim/sensitivity.hpp"

#include "sim/distribution.hpp"
#include "sim/simulate.hpp"
#include "sim/stats.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::sim {

std::vector<VaryRange> default_ranges(const model::Plan& plan) {
    std::vector<VaryRange> out;
    for (const auto& u : plan.uncertain) out.push_back(VaryRange{u.param, draw(u.dist, 0.10), draw(u.dist, 0.90)});
    return out;
}

VaryRange default_range(const model::Plan& plan, const std::string& param) {
    const double base = get_param(plan, param).value_or(0.0);
    if (is_year_metric(param)) return VaryRange{param, base - 10, base + 10};
    if (!(std::abs(base) > 0)) return VaryRange{param, -1, 1};
    const double a = 0.5 * base, b = 1.5 * base;
    return VaryRange{param, std::min(a, b), std::max(a, b)};
}

std::vector<double> spider_values(double lo, double hi, double base, std::size_t points) {
    points = std::max<std::size_t>(points, 2);
    std::vector<double> v(points);
    for (std::size_t k = 0; k < points; ++k)
        v[k] = lo + (hi - lo) * static_cast<double>(k) / static_cast<double>(points - 1);
    if (base > lo && base < hi) {
        std::size_t nearest = 0;
        for (std::size_t k = 1; k < points; ++k)
            if (std::abs(v[k] - base) < std::abs(v[nearest] - base)) nearest = k;
        if (nearest > 0 && nearest + 1 < points) v[nearest] = base;
    }
    return v;
}

SensitivityResult sensitivity(const model::Plan& plan, const SensitivityOptions& options) {
    SensitivityResult out;
    out.metric = options.metric;
    out.seed = options.seed;
    Evaluator ev(plan, options_for(options.metric));
    const std::size_t column = *ev.index_of(options.metric);
    out.base_metric = ev.metric(plan, column);

    const std::vector<VaryRange> vary = options.vary.empty() ? default_ranges(plan) : options.vary;
    model::Plan work = plan;
    auto at = [&](const std::string& param, double value) {
        work = plan;
        set_param(work, param, value);
        return ev.metric(work, column);
    };
    for (const VaryRange& r : vary) {
        const double base = get_param(plan, r.param).value_or(0.0);
        TornadoBar bar;
        bar.param = r.param;
        bar.base_value = base;
        bar.lo_value = r.lo;
        bar.hi_value = r.hi;
        SpiderLine line;
        line.param = r.param;
        line.input_values = spider_values(r.lo, r.hi, base, options.spider_points);
        for (double x : line.input_values) {
            line.change.push_back(std::abs(base) > 0 ? (x - base) / std::abs(base) : x - base);
            line.metric.push_back(at(r.param, x));
        }
        bar.metric_at_lo = line.metric.front();
        bar.metric_at_hi = line.metric.back();
        if (bar.metric_at_lo && bar.metric_at_hi) bar.swing = std::abs(*bar.metric_at_hi - *bar.metric_at_lo);
        out.tornado.push_back(std::move(bar));
        out.spider.push_back(std::move(line));
    }
    // largest swing first; the order of the file on a tie
    std::vector<std::size_t> order(out.tornado.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return out.tornado[a].swing > out.tornado[b].swing; });
    std::vector<TornadoBar> bars;
    std::vector<SpiderLine> lines;
    for (std::size_t k : order) {
        bars.push_back(std::move(out.tornado[k]));
        lines.push_back(std::move(out.spider[k]));
    }
    out.tornado = std::move(bars);
    out.spider = std::move(lines);

    if (options.paths > 0 && !plan.uncertain.empty()) {
        SimOptions so;
        so.seed = options.seed;
        so.paths = options.paths;
        so.threads = options.threads;
        so.repair_correlation = options.repair_correlation;
        so.eval = options_for(options.metric);
        Simulation sim(plan, so);
        Samples samples;
        sim.run(0, options.paths, samples);
        out.paths = samples.paths;
        std::vector<double> y(samples.paths);
        for (std::size_t r = 0; r < samples.paths; ++r) y[r] = samples.row(r)[column];
        for (std::size_t j = 0; j < plan.uncertain.size(); ++j) {
            std::vector<double> x(samples.paths);
            for (std::size_t r = 0; r < samples.paths; ++r) x[r] = samples.row(r)[ev.width() + j];
            out.ranks.push_back(RankCorrelation{plan.uncertain[j].param, spearman(x, y)});
        }
        std::stable_sort(out.ranks.begin(), out.ranks.end(), [](const RankCorrelation& a, const RankCorrelation& b) {
            return std::abs(a.spearman) > std::abs(b.spearman);
        });
    }
    if (!out.base_metric) out.notes[out.metric] = "the metric does not exist for the plan as given";
    out.notes["method"] = "one at a time: each parameter set to each value in turn, every other input at its value "
                          "in the plan, no risk event; rank correlations: Spearman over a simulation with every "
                          "input drawn and every risk sampled";
    return out;
}

}  // namespace reeplan::sim
