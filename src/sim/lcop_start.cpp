#include "sim/lcop_start.hpp"

#include "model/params.hpp"
#include "sim/engine.hpp"

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
