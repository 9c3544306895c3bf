#include "sim/engine.hpp"

#include "finance/valuation.hpp"
#include "timeline/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reeplan::sim {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double value_or_missing(const std::optional<double>& v) { return v ? *v : kMissing; }
double value_or_missing(const std::optional<int>& v) { return v ? static_cast<double>(*v) : kMissing; }

}  // namespace

EvalOptions options_for(std::string_view metric) { return EvalOptions{metric.find("lcop") != std::string_view::npos}; }

bool is_year_metric(std::string_view metric) {
    constexpr std::string_view suffix = "_year";
    return metric.size() >= suffix.size() && metric.substr(metric.size() - suffix.size()) == suffix;
}

std::optional<std::size_t> plant_metric_index(std::string_view name) {
    for (std::size_t k = 0; k < kPlantMetrics.size(); ++k)
        if (kPlantMetrics[k] == name) return k;
    return std::nullopt;
}

Evaluator::Evaluator(const model::Plan& plan, EvalOptions options, const model::Plan* starts_from)
    : options_(options) {
    plants_ = plan.plants.size();
    first_year_ = static_cast<int>(plan.project.base_year);
    last_year_ = std::max(first_year_, static_cast<int>(plan.project.end_year));
    for (const auto& p : plan.plants)
        for (auto m : kPlantMetrics) columns_.push_back("plant." + p.id + "." + std::string(m));
    for (auto m : kChainMetrics) columns_.push_back("chain." + std::string(m));
    scalars_ = columns_.size();
    for (auto s : kFanSeries)
        for (int y = first_year_; y <= last_year_; ++y) columns_.push_back("fan." + std::string(s) + "." + std::to_string(y));
    scratch_row_.resize(columns_.size());
    cumulative_.resize(year_count());
    if (options_.lcop) {
        // the starts of every later search: this plan's levelized costs (or those of the plan they
        // are to start from), by the reference search
        const model::Plan& from = starts_from ? *starts_from : plan;
        finance::evaluate_plan_fast(from, scratch_);
        lcop_starts_.resize(2 * plants_);
        for (std::size_t i = 0; i < plants_; ++i) {
            // a price floor can make NPV flat, or falling, below it: search where the reference does
            bool floor = false;
            for (const auto& s : from.supports)
                if (s.kind == model::SupportKind::PriceFloor && model::support_reaches(s, from.plants[i].id)) floor = true;
            for (const bool with_supports : {true, false}) {
                finance::detail::LcopNpv npv(scratch_.ledger(i), with_supports, lcop_ledger_, lcop_buffers_);
                std::string note;
                if (const std::optional<double> root = finance::detail::lcop_root_from_scratch(npv, note))
                    lcop_starts_[2 * i + (with_supports ? 0 : 1)] =
                        finance::detail::lcop_start_at(npv, *root, with_supports && floor);
            }
        }
    }
}

std::optional<double> Evaluator::lcop(std::size_t plant, bool with_supports,
                                      const std::optional<finance::detail::LcopStart>& from) {
    finance::detail::LcopNpv npv(scratch_.ledger(plant), with_supports, lcop_ledger_, lcop_buffers_);
    std::string note;  // a row has no room for the reason; the metric is missing
    if (!from) return finance::detail::lcop_root_from_scratch(npv, note);
    return finance::detail::lcop_near(npv, *from, note);
}

std::optional<std::size_t> Evaluator::index_of(std::string_view metric) const {
    for (std::size_t c = 0; c < scalars_; ++c)
        if (columns_[c] == metric) return c;
    return std::nullopt;
}

std::vector<std::string> Evaluator::metric_names() const {
    return std::vector<std::string>(columns_.begin(), columns_.begin() + static_cast<std::ptrdiff_t>(scalars_));
}

void Evaluator::evaluate(const model::Plan& plan, double* row, const double* start_shifts) {
    finance::PlanEvalOptions o;
    o.returns = true;
    const finance::PlanEvaluation& e = finance::evaluate_plan_fast(plan, scratch_, o);
    const chain::ChainBalance& balance = e.balance;
    std::fill(cumulative_.begin(), cumulative_.end(), 0.0);
    double chain_npv = 0, chain_capex = 0;
    for (std::size_t i = 0; i < plants_; ++i) {
        const finance::PlantEvaluation& v = e.plants[i];
        double* r = row + i * kPlantMetrics.size();
        r[0] = v.npv;
        r[1] = v.equity_npv;
        r[2] = value_or_missing(v.irr);
        r[3] = value_or_missing(v.equity_irr);
        r[4] = value_or_missing(v.mirr);
        r[kLcopMetric] = r[kLcopUnsupportedMetric] = kMissing;
        if (options_.lcop) {
            // each levelized cost is a root search over the output price (finance/valuation.hpp),
            // rerunning the ledger evaluate_plan_fast prepared for this plant
            std::optional<finance::detail::LcopStart> from = lcop_starts_[2 * i];
            std::optional<finance::detail::LcopStart> from_without = lcop_starts_[2 * i + 1];
            if (start_shifts) {
                if (from && std::isfinite(start_shifts[2 * i])) from->price += start_shifts[2 * i];
                if (from_without && std::isfinite(start_shifts[2 * i + 1])) from_without->price += start_shifts[2 * i + 1];
            }
            const std::optional<double> supported = lcop(i, true, from);
            r[kLcopMetric] = value_or_missing(supported);
            // without shifts, what moved the supported cost from its start moves the unsupported
            // one about as far (with them, the events that move one, such as a reversal of
            // supports, need not move the other)
            if (!start_shifts && from_without && supported && from) from_without->price += *supported - from->price;
            r[kLcopUnsupportedMetric] = value_or_missing(lcop(i, false, from_without));
        }
        r[7] = value_or_missing(v.min_dscr);
        r[8] = value_or_missing(v.payback_year);
        chain_npv += v.npv;
        chain_capex += v.ledger.capex_total;
        // spending before base_year counts in base_year; after end_year it is outside the fan
        for (std::size_t k = 0; k < v.capex.size(); ++k) {
            const int year = v.first_year + static_cast<int>(k);
            if (year <= last_year_) cumulative_[static_cast<std::size_t>(std::max(year, first_year_) - first_year_)] += v.capex[k];
        }
    }
    double* c = row + plants_ * kPlantMetrics.size();
    c[0] = chain_capex;
    c[1] = chain_npv;
    c[2] = value_or_missing(balance.first_domestic_output_year);
    c[3] = value_or_missing(balance.independence_year);

    const std::size_t n = year_count();
    double* fds = row + fan_offset(0);
    double* cov = row + fan_offset(1);
    double* cum = row + fan_offset(4);
    double running = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const int year = first_year_ + static_cast<int>(k);
        const chain::ChainYear* cy = nullptr;
        if (year >= balance.first_year && year <= balance.last_year)
            cy = &balance.years[static_cast<std::size_t>(year - balance.first_year)];
        fds[k] = cy ? value_or_missing(cy->fully_domestic_share) : kMissing;
        for (std::size_t s = 0; s < chain::stage_count; ++s) cov[s * n + k] = cy ? value_or_missing(cy->stages[s].coverage) : kMissing;
        running += cumulative_[k];
        cum[k] = running;
    }
}

std::optional<double> Evaluator::metric(const model::Plan& plan, std::size_t column) {
    evaluate(plan, scratch_row_.data());
    const double v = scratch_row_[column];
    if (std::isnan(v)) return std::nullopt;  // the metric does not exist
    return v;
}

}  // namespace reeplan::sim
