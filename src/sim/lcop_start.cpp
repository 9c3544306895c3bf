#include "sim/lcop_start.hpp"

#include "model/params.hpp"
#include "policy/outcomes.hpp"
#include "sim/engine.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::sim {

namespace {

/// The row column of search `search`'s LCOP.
std::size_t lcop_column(std::size_t search) {
    return (search / 2) * kPlantMetrics.size() + (search % 2 == 0 ? kLcopMetric : kLcopUnsupportedMetric);
}

}  // namespace

LcopStartModel::LcopStartModel(const model::Plan& center, const std::vector<InputSpread>& inputs) {
    const std::size_t n = inputs.size();
    searches_ = 2 * center.plants.size();
    Evaluator eval(center, EvalOptions{true});
    std::vector<double> lo_row(eval.width()), row(eval.width());
    center_.resize(n);
    gradient_.assign(searches_ * n, 0.0);
    model::Plan work = center;
    for (std::size_t j = 0; j < n; ++j) {
        const InputSpread& in = inputs[j];
        center_[j] = in.center;
        const model::ParamRef ref = model::resolve_param(work, in.param);
        if (!ref || !(in.lo < in.hi)) continue;
        ref.set(in.lo);
        eval.evaluate(work, lo_row.data());
        ref.set(in.hi);
        eval.evaluate(work, row.data());
        ref.set(in.center);
        for (std::size_t s = 0; s < searches_; ++s) {
            const std::size_t c = lcop_column(s);
            const double slope = (row[c] - lo_row[c]) / (in.hi - in.lo);
            if (std::isfinite(slope)) gradient_[s * n + j] = slope;
        }
    }

    // the risks' terms: the LCOPs' changes from the centre's with one outcome applied
    std::vector<double> base(eval.width());
    eval.evaluate(center, base.data());
    for (const model::Risk& risk : center.risks) {
        RiskTerm t;
        t.kind = risk.kind;
        std::vector<policy::RiskOutcome> alone;  // per entry, the outcome applied alone
        switch (risk.kind) {
        case model::RiskKind::Reversal:
            for (const policy::WeightedOutcome& w : policy::enumerate_risk(center, risk))
                if (w.outcome.occurs) {
                    alone.push_back(w.outcome);
                    t.dates.push_back(w.outcome.effective_year);
                }
            break;
        case model::RiskKind::SupplyRestriction: {
            const std::vector<int> years = policy::event_years(center);
            t.first_year = years.empty() ? 0 : years.front();
            for (const int y : years) {
                policy::RiskOutcome o;
                o.occurs = true;
                o.event_years.assign(1, y);
                alone.push_back(o);
            }
            break;
        }
        case model::RiskKind::Delay: {
            // the enumerated delays d > 0, increasing, each once; joined by straight lines from
            // no delay and no change when the model is read
            std::vector<double> delays;
            for (const policy::WeightedOutcome& w : policy::enumerate_risk(center, risk))
                if (w.outcome.occurs && w.outcome.delay_years > 0) delays.push_back(w.outcome.delay_years);
            std::sort(delays.begin(), delays.end());
            for (const double d : delays)
                if (t.dates.empty() || t.dates.back() < d) {
                    t.dates.push_back(d);
                    policy::RiskOutcome o;
                    o.occurs = true;
                    o.delay_years = d;
                    alone.push_back(o);
                }
            break;
        }
        }
        t.entries = alone.size();
        t.shift.assign(searches_ * t.entries, 0.0);
        for (std::size_t e = 0; e < t.entries; ++e) {
            policy::apply_risk_outcome(work, risk, alone[e]);
            eval.evaluate(work, row.data());
            policy::restore_risk(work, center, risk);
            for (std::size_t s = 0; s < searches_; ++s) {
                const double d = row[lcop_column(s)] - base[lcop_column(s)];
                if (std::isfinite(d)) t.shift[s * t.entries + e] = d;
            }
        }
        risks_.push_back(std::move(t));
    }
}

void LcopStartModel::add_risk_shifts(const policy::RiskOutcome* outcomes, double* shifts) const {
    for (std::size_t k = 0; k < risks_.size(); ++k) {
        const RiskTerm& t = risks_[k];
        const policy::RiskOutcome& o = outcomes[k];
        if (!o.occurs || t.entries == 0) continue;
        switch (t.kind) {
        case model::RiskKind::Reversal:
            for (std::size_t e = 0; e < t.entries; ++e)
                if (!(t.dates[e] < o.effective_year) && !(o.effective_year < t.dates[e])) {  // the same date
                    for (std::size_t s = 0; s < searches_; ++s) shifts[s] += t.shift[s * t.entries + e];
                    break;
                }
            break;
        case model::RiskKind::SupplyRestriction:
            for (const int y : o.event_years) {
                const int e = y - t.first_year;
                if (e < 0 || static_cast<std::size_t>(e) >= t.entries) continue;
                for (std::size_t s = 0; s < searches_; ++s) shifts[s] += t.shift[s * t.entries + static_cast<std::size_t>(e)];
            }
            break;
        case model::RiskKind::Delay: {
            // the segment of the delay (from no delay to the first point, between points, or the
            // last segment's line beyond the last point)
            std::size_t e = 0;
            while (e + 1 < t.entries && t.dates[e] < o.delay_years) ++e;
            const double d0 = e == 0 ? 0.0 : t.dates[e - 1], d1 = t.dates[e];
            const double w = (o.delay_years - d0) / (d1 - d0);
            for (std::size_t s = 0; s < searches_; ++s) {
                const double y0 = e == 0 ? 0.0 : t.shift[s * t.entries + e - 1], y1 = t.shift[s * t.entries + e];
                shifts[s] += y0 + w * (y1 - y0);
            }
            break;
        }
        }
    }
}

void LcopStartModel::shifts(const double* inputs, double* shifts) const {
    const std::size_t n = center_.size();
    for (std::size_t s = 0; s < searches_; ++s) {
        double shift = 0;
        const double* g = gradient_.data() + s * n;
        for (std::size_t j = 0; j < n; ++j) shift += g[j] * (inputs[j] - center_[j]);
        shifts[s] = shift;
    }
}

}  // namespace reeplan::sim
