#include "cli/sim_common.hpp"

#include "cli/commands.hpp"
#include "io/ranges.hpp"
#include "io/spellcheck.hpp"
#include "model/params.hpp"
#include "model/error.hpp"
#include "report/sim_report.hpp"
#include "sim/distribution.hpp"
#include "sim/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace reeplan::cli {

double parse_number(const std::string& text, const std::string& what) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || !std::isfinite(v))
        throw model::UsageError(fmt::format("{}: \"{}\" is not a number", what, text));
    return v;
}

namespace {

void check_path(const model::Plan& plan, const std::string& path, const std::string& option) {
    if (model::resolve_param(const_cast<model::Plan&>(plan), path)) return;
    std::string msg = fmt::format("{}: unknown parameter \"{}\"", option, path);
    if (auto near = io::closest(path, model::param_paths(plan))) msg += fmt::format("; did you mean \"{}\"?", *near);
    else msg += "; expected a parameter path such as plant.<id>.capex_musd (man reeplan.5)";
    throw model::UsageError(msg);
}

/// The plan must stay valid at each end of a range: the first range problem is the message.
void check_value(const model::Plan& plan, const std::string& path, double value, const std::string& option) {
    model::Plan copy = plan;
    sim::set_param(copy, path, value);
    const auto problems = io::check_ranges(copy);
    if (!problems.empty())
        throw model::UsageError(fmt::format("{}: at {} = {}, {}: {}", option, path, value, problems.front().path,
                                            problems.front().message));
}

}  // namespace

sim::VaryRange parse_vary(const model::Plan& plan, const std::string& text, const std::string& option) {
    const std::size_t eq = text.find('=');
    const std::string path = text.substr(0, eq);
    check_path(plan, path, option);
    sim::VaryRange r = sim::default_range(plan, path);
    if (eq != std::string::npos) {
        const std::string range = text.substr(eq + 1);
        const std::size_t colon = range.find(':');
        if (colon == std::string::npos)
            throw model::UsageError(fmt::format("{}: \"{}\" has no range; expected PATH=LO:HI, e.g. {}=600:1100", option,
                                                text, path));
        r.lo = parse_number(range.substr(0, colon), option + " " + path + " low end");
        r.hi = parse_number(range.substr(colon + 1), option + " " + path + " high end");
    }
    if (!(r.lo < r.hi))
        throw model::UsageError(fmt::format("{}: {} runs from {} to {}; expected LO < HI", option, path, r.lo, r.hi));
    check_value(plan, path, r.lo, option);
    check_value(plan, path, r.hi, option);
    return r;
}


std::vector<std::string> check_simulation_setup(const model::Plan& plan, bool repair) {
    const sim::SetupCheck check = sim::check_setup(plan, repair);
    std::vector<model::Diagnostic> diags;
    for (const auto& e : check.errors) diags.push_back(model::Diagnostic{plan.pos(e.path), e.path, e.message});
    // every draw must leave the plan valid: the distribution's 1e-6 and 1 - 1e-6 quantiles are
    // checked against the parameter's range, each set alone in one working copy and put back
    model::Plan copy = plan;
    for (std::size_t i = 0; i < plan.uncertain.size(); ++i) {
        const model::Uncertain& u = plan.uncertain[i];
        const model::ParamRef ref = model::resolve_param(copy, u.param);
        if (!ref) continue;
        const double number = ref.number ? *ref.number : 0.0;
        const model::Series series = ref.series ? *ref.series : model::Series(0.0);
        for (double q : {1e-6, 1 - 1e-6}) {
            const double x = sim::draw(u.dist, q);
            ref.set(x);
            const auto problems = io::check_ranges(copy);
            if (ref.number) *ref.number = number;
            if (ref.series) *ref.series = series;
            if (problems.empty()) continue;
            const std::string path = "uncertain[" + std::to_string(i) + "]";
            std::string rule = problems.front().message;
            if (const std::size_t got = rule.find(", got "); got != std::string::npos) rule.erase(got);
            diags.push_back(model::Diagnostic{
                plan.pos(path + ".dist"), path,
                fmt::format("reaches {:.6g} at its {} quantile, outside the range of {} ({}); expected a distribution "
                            "within that range, such as a pert, triangular or uniform one",
                            x, q < 0.5 ? "1e-6" : "1 - 1e-6", problems.front().path, rule)});
            break;
        }
    }
    if (!diags.empty()) throw model::InputError(std::move(diags));
    warn(check.warnings);
    return check.warnings;
}

void check_metric(const model::Plan& plan, const std::string& metric, const std::string& option) {
    const sim::Evaluator ev(plan, sim::EvalOptions{false});
    if (ev.index_of(metric)) return;
    const std::vector<std::string> names = ev.metric_names();
    std::string msg = fmt::format("{}: unknown metric \"{}\"", option, metric);
    std::optional<std::string> near = io::closest(metric, names);
    for (std::size_t k = 0; k < names.size() && !near; ++k)
        if (names[k].rfind(metric, 0) == 0) near = names[k];  // a prefix: "chain.npv" for chain.npv_musd
    if (near) msg += fmt::format("; did you mean \"{}\"?", *near);
    else msg += "; expected chain.<metric> or plant.<id>.<metric>, e.g. chain.npv_musd (man reeplan.1, METRICS)";
    throw model::UsageError(msg);
}

ProgressBar::ProgressBar(bool enabled) : on_(enabled && ::isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
    if (on_ && last_ >= 0) fmt::print(stderr, "\r{:60}\r", "");
}

void ProgressBar::update(std::size_t done, std::size_t total) {
    if (!on_ || total == 0) return;
    const int percent = static_cast<int>(100 * done / total);
    if (percent == last_) return;
    last_ = percent;
    const int filled = percent * 30 / 100;
    fmt::print(stderr, "\r[{:#<{}}{:.<{}}] {:3}% {}/{} paths", "", filled, "", 30 - filled, percent, done, total);
    std::fflush(stderr);
}

std::optional<sim::PrecisionRule> run_paths(const sim::Simulation& sim, std::size_t first, std::size_t paths,
                                            std::optional<double> precision, const std::string& metric,
                                            sim::Samples& out, ProgressBar& bar) {
    if (!precision) {
        sim.run(first, paths, out, [&](std::size_t d, std::size_t t) { bar.update(d, t); });
        return std::nullopt;
    }
    sim::PrecisionRule rule;
    rule.metric = metric;
    rule.target = *precision;
    const std::size_t column = *sim.evaluator().index_of(metric);
    std::size_t done = 0;
    while (done < paths) {
        const std::size_t n = std::min(kPrecisionRound, paths - done);
        sim.run(first + done, n, out);
        done += n;
        bar.update(done, paths);
        rule.achieved = sim::interval_width(out, column);
        if (done >= 2 && rule.achieved < rule.target) {
            rule.met = true;
            break;
        }
    }
    return rule;
}

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string render_simulation(const sim::SimulationResult& r, const report::RunInfo& info, const std::string& format,
                              bool color) {
    if (format == "json") return report::render_simulation_json(r, info);
    if (format == "csv") return report::render_simulation_csv(r, info);
    if (format == "markdown") return report::render_simulation_markdown(r, info);
    if (format == "svg") return report::render_simulation_svg(r, info);
    report::TableOptions opt;
    opt.color = color;
    return report::render_simulation_table(r, info, opt);
}

}  // namespace reeplan::cli
