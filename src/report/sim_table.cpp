// `reeplan simulate` as a table readable at 100 columns.

#include "report/detail/sim_text.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

namespace reeplan::report {

namespace {

using namespace detail;

void run_header(std::string& out, const sim::SimulationResult& r, const RunInfo& info, const Style& st) {
    out += st.bold(title(info)) + fmt::format("  [scenario: {}]\n", info.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    out += "Input: " + info.input_path + "\n";
    out += fmt::format("Monte Carlo: {} paths", count(r.paths));
    if (r.requested_paths != r.paths) out += fmt::format(" (of {} requested)", count(r.requested_paths));
    out += fmt::format(", seed {}\n", r.seed);
    if (r.shards > 0) {
        out += fmt::format("Shard {}/{}: paths {}", r.shard, r.shards, count(r.first_path));
        if (r.paths > 1) out += "–" + count(r.first_path + r.paths - 1);
        out += "\n";
    }
    if (r.precision) {
        const auto& p = *r.precision;
        const Unit u = unit_of(p.metric);
        out += wrap(fmt::format("95% interval of the mean of {} narrower than {}: {} ({})", p.metric,
                                spread(p.target, u), spread(p.achieved, u), p.met ? "met" : "not met, the path limit came first"),
                    100, "Precision: ", "  ");
    }
}

void inputs(std::string& out, const sim::SimulationResult& r, const Style& st) {
    if (!r.inputs.empty()) {
        out += "\n" + st.bold("Inputs drawn") + "\n";
        TextTable t{{"param", "dist", "base", "mean", "p5", "p95"}, {}, 2};
        for (const auto& in : r.inputs) {
            const Unit u = unit_of(in.param);
            const auto& d = in.drawn;
            t.rows.push_back({in.param, in.dist, reading(in.base_value, u), d.count ? reading(d.mean, u) : "-",
                              percentile(d, 0, u), percentile(d, 4, u)});
        }
        out += t.render(st);
    }
    if (!r.risks.empty()) {
        std::string list;
        for (const auto& id : r.risks) list += (list.empty() ? "" : ", ") + id;
        out += "\n" + wrap(list, 100, st.bold("Risks sampled") + ": ", "  ");
    }
}

void summary(std::string& out, const sim::SimulationResult& r, const Style& st) {
    out += "\n" + st.bold("Summary") + "\n";
    TextTable t{{"", "P(NPV < 0)"}, {}};
    for (const auto& p : r.plants) t.rows.push_back({p.id, probability(p.p_npv_negative)});
    t.rows.push_back({"chain", probability(r.chain.p_npv_negative)});
    out += t.render(st);
    out += fmt::format("  P(independent by {}): {}\n", reading(r.chain.target_year, Unit::Year),
                       probability(r.chain.p_independent_by_target));
}

/// One table of statistics, a star on each metric missing on some paths, and their count below.
void metrics(std::string& out, const std::vector<sim::MetricSummary>& ms, std::size_t paths, const Style& st) {
    if (ms.empty()) {
        out += "  (no metrics)\n";
        return;
    }
    TextTable t{{"metric", "mean", "sd", "p5", "p10", "p50", "p90", "p95", "se"}, {}};
    std::string missing;
    for (const auto& m : ms) {
        const Unit u = unit_of(m.name);
        const auto& s = m.stats;
        std::vector<std::string> row{m.name + (s.missing > 0 ? "*" : "")};
        row.push_back(s.count ? reading(s.mean, u) : "-");
        row.push_back(s.count > 1 ? spread(s.sd, u) : "-");
        for (std::size_t k = 0; k < sim::kPercentileLevels.size(); ++k) row.push_back(percentile(s, k, u));
        row.push_back(s.count > 1 ? spread(s.standard_error, u, 1) : "-");
        t.rows.push_back(std::move(row));
        if (s.missing > 0) missing += fmt::format("{}{} {}", missing.empty() ? "" : ", ", m.name, count(s.missing));
    }
    out += t.render(st);
    if (!missing.empty())
        out += st.dim(wrap(missing, 100, fmt::format("  * missing on some of the {} paths: ", count(paths)), "    "));
}

void notes(std::string& out, const sim::SimulationResult& r, const Style& st) {
    if (!r.warnings.empty()) {
        out += "\n" + st.bold("Warnings") + "\n";
        for (const auto& w : r.warnings) out += bullet(w);
    }
    if (!r.notes.empty()) {
        out += "\n" + st.bold("Notes") + "\n";
        for (const auto& [k, v] : r.notes) out += bullet(k + ": " + v);
    }
}

}  // namespace

std::string render_simulation_table(const sim::SimulationResult& r, const RunInfo& info, const TableOptions& opt) {
    const Style st{opt.color};
    std::string out;
    run_header(out, r, info, st);
    inputs(out, r, st);
    summary(out, r, st);
    for (const auto& p : r.plants) {
        out += "\n" + st.bold(p.id) + st.dim(fmt::format("  {} → {}", p.stage, p.output)) + "\n";
        metrics(out, p.metrics, r.paths, st);
    }
    out += "\n" + st.bold("Chain") + "\n";
    metrics(out, r.chain.metrics, r.paths, st);
    notes(out, r, st);
    return out;
}

}  // namespace reeplan::report
