#pragma once
/// Parameter paths: one dotted name for any number in the model (input format §3, "Parameter
/// paths"), used alike by `[[scenario]].set`, `[[uncertain]].param`, `--set`, `--vary`, `--solve`.

#include "model/plan.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace reeplan::model {

/// What a path names: a plain number or a series (setting a series to a number makes it constant).
struct ParamRef {
    double* number = nullptr;
    Series* series = nullptr;
    /// Sets the value. A series becomes the constant `v`.
    void set(double v) const {
        if (number) *number = v;
        if (series) *series = Series(v);
    }
    /// The current value (a series: its value in `year`).
    double get(double year) const { return number ? *number : series ? series->at(year) : 0.0; }
    explicit operator bool() const { return number || series; }
};

/// Resolves `path` in `plan`. An empty ParamRef when the path names nothing.
ParamRef resolve_param(Plan& plan, std::string_view path);

/// Every valid parameter path of `plan`, sorted (for did-you-mean and `reeplan init`).
std::vector<std::string> param_paths(const Plan& plan);

}  // namespace reeplan::model
