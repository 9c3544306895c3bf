#pragma once
/// The long-format CSV writer shared by the renderers of src/report/: `entity,year,metric,value`
/// rows (or rows of any width ending in a value), RFC 4180 quoting, non-finite values left out.

#include "report/detail/text.hpp"  // csv_field

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>

namespace reeplan::report::detail {

struct CsvWriter {
    std::string out;
    /// An empty year is written as nothing. Non-finite values are left out.
    void row(const std::string& entity, const std::string& year, const char* metric, double v) {
        if (!std::isfinite(v)) return;
        out += fmt::format("{},{},{},{}\n", csv_field(entity), year, metric, v);
    }
    template <class V>
    void row(const std::string& entity, const std::string& year, const char* metric, const std::optional<V>& v) {
        if (v) row(entity, year, metric, static_cast<double>(*v));
    }
    void text(const std::string& entity, const std::string& year, const char* metric, const std::string& v) {
        out += fmt::format("{},{},{},{}\n", csv_field(entity), year, metric, csv_field(v));
    }
    /// A row of any width: the cells (quoted as needed), then the value in shortest round-trip
    /// form. Left out when the value is not finite.
    void cells(std::initializer_list<std::string> keys, double v) {
        if (!std::isfinite(v)) return;
        cells(keys, fmt::format("{}", v));
    }
    /// A row of any width whose last cell is text (quoted as needed).
    void cells(std::initializer_list<std::string> keys, const std::string& v) {
        for (const auto& k : keys) out += csv_field(k) + ",";
        out += csv_field(v) + "\n";
    }
};

}  // namespace reeplan::report::detail
