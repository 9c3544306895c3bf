#include "sim/simulate.hpp"

#include "model/params.hpp"
#include "policy/outcomes.hpp"
#include "policy/random.hpp"
#include "sim/copula.hpp"
#include "sim/distribution.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <thread>

namespace reeplan::sim {

namespace {

/// Paths per unit of work handed to a thread (and per progress report): about 2.5 ms of work on
/// the bundled chain, so that a thread finishing its last block early waits little for the
/// others.
constexpr std::size_t kBlock = 64;

/// The correlation pairs of the plan as (input index, input index, rank correlation).
std::vector<RankPair> rank_pairs(const model::Plan& plan) {
    std::vector<RankPair> pairs;
    auto index = [&](const std::string& param) -> std::size_t {
        for (std::size_t j = 0; j < plan.uncertain.size(); ++j)
            if (plan.uncertain[j].param == param) return j;
        return plan.uncertain.size();
    };
    for (const auto& c : plan.correlations) {
        if (c.params.size() != 2) continue;
        const std::size_t a = index(c.params[0]), b = index(c.params[1]);
        if (a < plan.uncertain.size() && b < plan.uncertain.size() && a != b) pairs.push_back(RankPair{a, b, c.rank});
    }
    return pairs;
}

}  // namespace

bool set_param(model::Plan& plan, const std::string& path, double value) {
    const model::ParamRef ref = model::resolve_param(plan, path);
    if (!ref) return false;
    ref.set(value);
    return true;
}

std::optional<double> get_param(const model::Plan& plan, const std::string& path) {
    const model::ParamRef ref = model::resolve_param(const_cast<model::Plan&>(plan), path);
    if (!ref) return std::nullopt;
    return ref.get(plan.project.base_year);
}

SetupCheck check_setup(const model::Plan& plan, bool repair) {
    SetupCheck out;
    if (plan.correlations.empty()) return out;
    const std::vector<RankPair> pairs = rank_pairs(plan);
    const CopulaBuild b = build_copula(plan.uncertain.size(), pairs, repair);
    if (b.ok && b.warning.empty()) return out;
    // name the entry the nearest consistent matrix moves most
    const CopulaBuild fixed = b.ok ? b : build_copula(plan.uncertain.size(), pairs, true);
    std::string where = "correlation[0].rank";
    std::string pair_text;
    if (fixed.ok) {
        const std::string& a = plan.uncertain[fixed.most_changed.i].param;
        const std::string& c = plan.uncertain[fixed.most_changed.j].param;
        for (std::size_t k = 0; k < plan.correlations.size(); ++k) {
            const auto& p = plan.correlations[k].params;
            if (p.size() == 2 && ((p[0] == a && p[1] == c) || (p[0] == c && p[1] == a))) {
                where = "correlation[" + std::to_string(k) + "].rank";
                char buf[32];
                const auto r = std::to_chars(buf, buf + sizeof buf, std::round(fixed.most_changed.rank * 1000) / 1000);
                pair_text = "; the nearest consistent set moves " + a + " ~ " + c + " most, to " + std::string(buf, r.ptr);
            }
        }
    }
    if (!b.ok && b.smallest_eigenvalue < 1) {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, std::round(b.smallest_eigenvalue * 1000) / 1000);
        out.errors.push_back(SetupProblem{
            where, "the rank correlations cannot hold together (the smallest eigenvalue of their copula matrix is " +
                       std::string(buf, r.ptr) + ")" + pair_text +
                       "; expected a consistent set (simulate and sensitivity take --repair-correlation to use the nearest)"});
    } else if (!b.ok) {
        out.errors.push_back(SetupProblem{where, b.message});
    }
    else out.warnings.push_back(b.warning + pair_text);
    return out;
}

struct Simulation::CopulaHolder {
    GaussianCopula copula;
};

/// One thread's working copy of the plan, with the references its inputs resolve to.
struct Simulation::Worker {
    model::Plan work;
    Evaluator eval;
    std::vector<model::ParamRef> refs;
    std::vector<double> z, u;  ///< per input: normals and uniforms of the path being drawn
    std::vector<double> shifts;  ///< per LCOP search: how far from its start it begins (LcopStartModel)
    std::vector<policy::RiskOutcome> outcomes;  ///< per risk: its outcome on the path being drawn
    std::vector<policy::RiskSampler> samplers;  ///< per risk, on `work`
    Worker(const model::Plan& plan, const model::Plan* center, EvalOptions o) : work(plan), eval(plan, o, center) {}
};

Simulation::Simulation(const model::Plan& plan, SimOptions options)
    : plan_(plan), options_(options), layout_(plan, EvalOptions{false}) {
    columns_ = layout_.columns();
    for (const auto& u : plan_.uncertain) {
        columns_.push_back("input." + u.param);
        base_values_.push_back(get_param(plan_, u.param).value_or(0.0));
        streams_.push_back(policy::stream_key("uncertain:" + u.param));
        inverse_cdfs_.emplace_back(u.dist);
    }
    if (options_.eval.lcop) center_.emplace(plan_);
    if (options_.eval.lcop && !plan_.uncertain.empty()) {
        // the LCOP searches start from the plan with every input at its median, moved along each
        // input by the slope between its quartiles
        std::vector<InputSpread> spreads;
        for (std::size_t j = 0; j < plan_.uncertain.size(); ++j) {
            const InverseCdf& q = inverse_cdfs_[j];
            spreads.push_back(InputSpread{plan_.uncertain[j].param, q(0.5), q(0.25), q(0.75)});
            set_param(*center_, spreads.back().param, spreads.back().center);
        }
        lcop_starts_ = LcopStartModel(*center_, spreads);
    }
    if (!plan_.correlations.empty()) {
        CopulaBuild b = build_copula(plan_.uncertain.size(), rank_pairs(plan_), options_.repair_correlation);
        if (b.ok) copula_ = std::make_unique<CopulaHolder>(CopulaHolder{std::move(b.copula)});
    }
}

Simulation::~Simulation() = default;

void Simulation::draw_into(std::size_t path, double* z, double* u, double* values) const {
    const std::size_t n = plan_.uncertain.size();
    // independent uniforms per input stream, correlated through the copula
    for (std::size_t j = 0; j < n; ++j) u[j] = policy::counter_uniform(options_.seed, path, streams_[j], 0);
    if (copula_) {
        for (std::size_t j = 0; j < n; ++j) z[j] = standard_normal_quantile(u[j]);
        copula_->copula.correlate(z, u);
    }
    for (std::size_t j = 0; j < n; ++j) values[j] = inverse_cdfs_[j](u[j]);
}

void Simulation::draw_inputs(std::size_t path, double* values) const {
    std::vector<double> z(plan_.uncertain.size()), u(plan_.uncertain.size());
    draw_into(path, z.data(), u.data(), values);
}

void Simulation::run_block(Worker& w, std::size_t first, std::size_t count, double* rows) const {
    const std::size_t n = plan_.uncertain.size();
    const std::size_t model_width = layout_.width();
    for (std::size_t r = 0; r < count; ++r) {
        const std::size_t path = first + r;
        double* row = rows + r * columns_.size();
        draw_into(path, w.z.data(), w.u.data(), row + model_width);
        for (std::size_t j = 0; j < n; ++j) w.refs[j].set(row[model_width + j]);
        // risks: drawn on the plan with this path's inputs, undone after
        const std::size_t risks = plan_.risks.size();
        for (std::size_t k = 0; k < risks; ++k) {
            w.samplers[k].sample(w.work, options_.seed, path, w.outcomes[k]);
            w.samplers[k].apply(w.work, w.outcomes[k]);
        }
        if (lcop_starts_.empty()) {
            w.eval.evaluate(w.work, row);
        } else {
            lcop_starts_.shifts(row + model_width, w.shifts.data());
            lcop_starts_.add_risk_shifts(w.outcomes.data(), w.shifts.data());
            w.eval.evaluate(w.work, row, w.shifts.data());
        }
        for (std::size_t k = 0; k < risks; ++k) w.samplers[k].restore(w.work, plan_);
    }
}

void Simulation::run(std::size_t first, std::size_t count, Samples& out, const Progress& progress) const {
    if (out.paths == 0) out.first_path = first;
    out.width = columns_.size();
    const std::size_t offset = out.values.size();
    out.values.resize(offset + count * out.width);
    double* base = out.values.data() + offset;

    const unsigned threads = std::max(1u, options_.threads);
    const std::size_t blocks = (count + kBlock - 1) / kBlock;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    // each thread prepares its own worker (an Evaluator solves its LCOP starts), side by side, then
    // takes blocks of paths until none is left; an exception ends the thread's part and is
    // rethrown here once every thread has stopped
    std::vector<std::exception_ptr> failed(threads);
    auto work = [&](unsigned t) {
        try {
            Worker w(plan_, center_ ? &*center_ : nullptr, options_.eval);
            w.shifts.resize(lcop_starts_.searches());
            w.outcomes.resize(plan_.risks.size());
            for (std::size_t k = 0; k < plan_.risks.size(); ++k) w.samplers.emplace_back(w.work, k);
            for (const auto& u : plan_.uncertain) w.refs.push_back(model::resolve_param(w.work, u.param));
            const std::size_t n = plan_.uncertain.size();
            w.z.resize(n);
            w.u.resize(n);
            for (std::size_t b = next++; b < blocks; b = next++) {
                const std::size_t start = b * kBlock;
                const std::size_t len = std::min(kBlock, count - start);
                run_block(w, first + start, len, base + start * out.width);
                const std::size_t d = done += len;
                if (t == 0 && progress) progress(d, count);
            }
        } catch (...) {
            failed[t] = std::current_exception();
            next = blocks;  // the other threads stop after their block
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (const std::exception_ptr& e : failed)
        if (e) std::rethrow_exception(e);
    out.paths += count;
    if (progress) progress(count, count);
}

}  // namespace reeplan::sim
