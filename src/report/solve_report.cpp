// `reeplan solve`: the goal seek's root, or why there is none, as a table and as JSON.

#include "report/detail/run_json.hpp"
#include "report/detail/sim_text.hpp"
#include "report/sim_report.hpp"

#include <fmt/format.h>

namespace reeplan::report {

namespace {

using detail::precise;
using detail::reading;
using detail::Unit;
using detail::unit_of;

/// The outcome in one sentence: the root, the jump of a step function, or no root in the range.
std::string outcome(const sim::SolveResult& r) {
    const Unit pu = unit_of(r.param), mu = unit_of(r.metric);
    if (r.root && r.jump)
        return fmt::format("{} jumps across the target {} at {} = {}{}.", r.metric, reading(r.target, mu), r.param,
                           precise(*r.root, pu, 2),
                           r.metric_at_root ? fmt::format(" (it is {} there)", reading(*r.metric_at_root, mu)) : "");
    if (r.root)
        return fmt::format("{} = {} gives {} = {} (target {}).", r.param, precise(*r.root, pu, 2), r.metric,
                           reading(r.metric_at_root, mu), reading(r.target, mu));
    return fmt::format("No root in [{}, {}]: {} is {} at {} and {} at {}, target {}.", reading(r.lo, pu), reading(r.hi, pu),
                       r.metric, reading(r.metric_at_lo, mu), reading(r.lo, pu), reading(r.metric_at_hi, mu),
                       reading(r.hi, pu), reading(r.target, mu));
}

}  // namespace

std::string render_solve_table(const sim::SolveResult& r, const RunInfo& info, const TableOptions& opt) {
    const detail::Style st{opt.color};
    const Unit pu = unit_of(r.param), mu = unit_of(r.metric);
    std::string out;
    out += st.bold(detail::title(info)) + fmt::format("  [scenario: {}]\n", info.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    out += detail::wrap(fmt::format("the value of {} at which {} = {}", r.param, r.metric, reading(r.target, mu)), 100,
                        st.bold("Goal seek") + ": ", "  ");
    out += "\n" + detail::wrap(outcome(r), 100, "  ", "  ");
    // the reason, unless it only says again what the sentence above says in reading form
    if (!r.root && !r.reason.empty() && r.reason.rfind("no root in", 0) != 0)
        out += detail::wrap(r.reason, 100, "  why: ", "       ");
    out += "\n";
    detail::TextTable t{{"", ""}, {}, 2};
    t.rows.push_back({"root", r.root ? precise(*r.root, pu, 2) : "-"});
    t.rows.push_back({"metric at root", reading(r.metric_at_root, mu)});
    t.rows.push_back({"base value", reading(r.base_value, pu)});
    t.rows.push_back({"range", fmt::format("{} to {}", reading(r.lo, pu), reading(r.hi, pu))});
    t.rows.push_back({"metric at low end", reading(r.metric_at_lo, mu)});
    t.rows.push_back({"metric at high end", reading(r.metric_at_hi, mu)});
    t.rows.push_back({"evaluations", std::to_string(r.evaluations)});
    std::string rows = t.render(st);
    out += rows.substr(rows.find('\n') + 1);  // no header line
    if (r.jump)
        out += "\n" + detail::wrap("The metric is a step function of the input (a year, say): it jumps across the target "
                            "instead of meeting it, so the root is where the step is.",
                            100, "  ", "  ");
    return out;
}

std::string render_solve_json(const sim::SolveResult& r, const RunInfo& info) {
    using Json = nlohmann::ordered_json;
    using detail::finite_or_null;
    using detail::optional_number;
    Json j = detail::run_header(info);
    j["solve"] = Json{{"param", r.param},
                      {"metric", r.metric},
                      {"target", finite_or_null(r.target)},
                      {"lo", finite_or_null(r.lo)},
                      {"hi", finite_or_null(r.hi)},
                      {"base_value", finite_or_null(r.base_value)},
                      {"metric_at_lo", optional_number(r.metric_at_lo)},
                      {"metric_at_hi", optional_number(r.metric_at_hi)},
                      {"root", optional_number(r.root)},
                      {"metric_at_root", optional_number(r.metric_at_root)},
                      {"jump", r.jump},
                      {"evaluations", r.evaluations},
                      {"reason", r.reason.empty() ? Json(nullptr) : Json(r.reason)}};
    Json notes = Json::object();
    if (!r.metric_at_lo) notes["metric_at_lo"] = fmt::format("{} does not exist with {} at {}", r.metric, r.param, r.lo);
    if (!r.metric_at_hi) notes["metric_at_hi"] = fmt::format("{} does not exist with {} at {}", r.metric, r.param, r.hi);
    if (!r.root) notes["root"] = r.reason.empty() ? outcome(r) : r.reason;
    if (!r.metric_at_root)
        notes["metric_at_root"] = r.root ? fmt::format("{} does not exist at the root", r.metric) : "there is no root";
    if (r.jump) notes["jump"] = outcome(r);
    j["notes"] = notes;
    return j.dump(2) + "\n";
}

}  // namespace reeplan::report
