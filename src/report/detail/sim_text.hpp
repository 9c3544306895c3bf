#pragma once
/// Formatting shared by the human views of `simulate`, `sensitivity` and `solve` (private to
/// src/report/): the unit of a metric or parameter read from its name, numbers formatted for
/// reading in that unit, and a text table that keeps to 100 columns.

#include "report/detail/sim_names.hpp"
#include "report/detail/text.hpp"
#include "report/render.hpp"
#include "sim/sim_result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::report::detail {

/// How a number reads, from the unit suffix of its name (the output contract's suffixes).
enum class Unit {
    Money,     ///< `_musd`: million USD, one decimal, thousands separators
    UsdPerKg,  ///< `_usd_per_kg`: two decimals
    Tonnes,    ///< `_t`, `_tpy`: whole tonnes
    Share,     ///< rates, shares, probabilities, IRRs: plain fractions shown in percent
    Year,      ///< `_year`: a calendar year, whole or with one decimal
    Duration,  ///< `_years`: a number of years, one decimal
    Ratio,     ///< DSCR: two decimals
    Plain,     ///< anything else: four significant digits
};

/// The unit of a metric or parameter path, read from its last component
/// ("chain.npv_musd" → Money, "plant.sep-1.financing.debt_share" → Share).
Unit unit_of(const std::string& path);

/// The unit of a fan (sim::Fan::unit): "share" → Share, "MUSD" → Money, else Plain.
Unit fan_unit(const std::string& unit);

/// The unit in words for an axis caption ("million USD", "%", "year", …); empty for Plain.
const char* unit_caption(Unit u);

/// A value for reading in its unit ("1,234.5", "11.3%", "2031", "2031.4", "1.41"); three
/// significant digits in e-notation when that would be wider than 10 characters
/// ("-2.87e+18"); "-" when the value is not finite.
std::string reading(double v, Unit u);
std::string reading(const std::optional<double>& v, Unit u);

/// `reading` with `extra` more decimals, for a value found by a search (a root).
std::string precise(double v, Unit u, int extra);

/// A difference or spread (sd, standard error, swing) in the value's unit: as `reading` with
/// `extra` more decimals, except that a year's spread is a number of years with two ("0.83").
std::string spread(double v, Unit u, int extra = 0);

/// A probability in percent with one decimal ("12.3%").
std::string probability(double p);

/// A count with thousands separators ("10,000").
std::string count(std::size_t n);

/// The statistics of one metric in `kPercentileLevels` order, or "-" for each when count is 0.
std::string percentile(const sim::MetricStats& s, std::size_t k, Unit u);

/// "reeplan 0.1.0 — <project or input>", the title of every view.
std::string title(const RunInfo& info);

/// A text table: a label column (left-aligned; a label too long to keep the table within
/// `width` columns goes on a line of its own), `left - 1` more left-aligned columns, then
/// right-aligned columns, each as wide as its widest cell, `gap` spaces apart (one when that
/// would not fit). Trailing spaces are trimmed.
struct TextTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::size_t left = 1;
    std::size_t gap = 2;
    std::string indent = "  ";
    std::size_t width = 100;
    std::string render(const Style& st) const;
};

/// `text` wrapped to 100 columns as a list item ("  - …", continued under the text).
std::string bullet(const std::string& text);

}  // namespace reeplan::report::detail
