// Units and reading formats shared by the human views of simulate, sensitivity and solve.

#include "report/detail/sim_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace reeplan::report::detail {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// Names that are plain fractions (input-format.md: rates, shares, probabilities, margins).
bool is_fraction(std::string_view n) {
    for (std::string_view w : {"irr", "mirr", "wacc", "rate", "share", "probability", "margin", "premium", "coverage",
                               "inflation", "escalation", "utilization", "availability", "recovery", "yield"})
        if (n == w || ends_with(n, std::string("_") + std::string(w))) return true;
    return starts_with(n, "cost_of_") || starts_with(n, "coverage");
}

}  // namespace

Unit unit_of(const std::string& path) {
    const std::size_t dot = path.rfind('.');
    const std::string_view n = dot == std::string::npos ? std::string_view(path) : std::string_view(path).substr(dot + 1);
    if (n == "musd" || ends_with(n, "_musd")) return Unit::Money;
    if (ends_with(n, "_usd_per_kg")) return Unit::UsdPerKg;
    if (n == "year" || ends_with(n, "_year")) return Unit::Year;
    if (ends_with(n, "_years")) return Unit::Duration;
    if (n.find("dscr") != std::string_view::npos) return Unit::Ratio;
    if (ends_with(n, "_t") || ends_with(n, "_tpy")) return Unit::Tonnes;
    if (is_fraction(n)) return Unit::Share;
    return Unit::Plain;
}

Unit fan_unit(const std::string& unit) {
    if (unit == "share") return Unit::Share;
    if (unit == "MUSD" || unit == "musd") return Unit::Money;
    if (unit == "t") return Unit::Tonnes;
    return Unit::Plain;
}

const char* unit_caption(Unit u) {
    switch (u) {
        case Unit::Money: return "million USD";
        case Unit::UsdPerKg: return "USD/kg";
        case Unit::Tonnes: return "t";
        case Unit::Share: return "%";
        case Unit::Year: return "year";
        case Unit::Duration: return "years";
        case Unit::Ratio: return "×";
        case Unit::Plain: break;
    }
    return "";
}

namespace {

/// Readings wider than this switch to three significant digits in e-notation ("-2.87e+18"), so
/// that an outlier does not push a table past 100 columns.
constexpr std::size_t kWidest = 10;

std::string fixed_reading(double v, Unit u, int extra);

/// `reading` with `extra` more decimals than the unit's.
std::string reading_with(double v, Unit u, int extra) {
    if (!std::isfinite(v)) return "-";
    std::string s = fixed_reading(v, u, extra);
    if (display_width(s) <= kWidest) return s;
    return u == Unit::Share ? fmt::format("{:.3g}%", 100 * v) : fmt::format("{:.3g}", v);
}

std::string fixed_reading(double v, Unit u, int extra) {
    switch (u) {
        case Unit::Money: return grouped(v, 1 + extra);
        case Unit::UsdPerKg: return grouped(v, 2 + extra);
        case Unit::Tonnes: return grouped(v, extra);
        case Unit::Share: return percent(v, 1 + extra);
        case Unit::Year: {
            std::string s = fmt::format("{:.{}f}", v, 1 + extra);
            if (extra == 0 && ends_with(s, ".0")) s.resize(s.size() - 2);
            return s;
        }
        case Unit::Duration: return grouped(v, 1 + extra);
        case Unit::Ratio: return grouped(v, 2 + extra);
        case Unit::Plain: break;
    }
    if (std::abs(v) >= 1e4) return grouped(v, extra);
    std::string s = fmt::format("{:.{}g}", v, 4 + extra);
    return s == "-0" ? "0" : s;
}

}  // namespace

std::string reading(double v, Unit u) { return reading_with(v, u, 0); }

std::string precise(double v, Unit u, int extra) { return reading_with(v, u, extra); }

std::string reading(const std::optional<double>& v, Unit u) { return v ? reading(*v, u) : "-"; }

std::string spread(double v, Unit u, int extra) {
    return u == Unit::Year ? reading_with(v, Unit::Duration, 1 + extra) : reading_with(v, u, extra);
}

std::string probability(double p) { return std::isfinite(p) ? percent(p, 1) : "-"; }

std::string count(std::size_t n) { return grouped(static_cast<double>(n), 0); }

std::string percentile(const sim::MetricStats& s, std::size_t k, Unit u) {
    return s.count == 0 ? "-" : reading(s.percentiles[k], u);
}

std::string title(const RunInfo& info) {
    return fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name);
}

std::string TextTable::render(const Style& st) const {
    const std::size_t n = header.size();
    std::vector<std::size_t> w(n, 0);
    auto widen = [&](const std::vector<std::string>& r) {
        for (std::size_t k = 0; k < std::min(n, r.size()); ++k) w[k] = std::max(w[k], display_width(r[k]));
    };
    widen(header);
    for (const auto& r : rows) widen(r);
    // one space between columns when two would not fit; the label column gets what the others
    // leave of the width, but at least its header
    auto others_at = [&](std::size_t g) {
        std::size_t sum = 0;
        for (std::size_t k = 1; k < n; ++k) sum += g + w[k];
        return sum;
    };
    const std::size_t sep = indent.size() + w[0] + others_at(gap) > width ? 1 : gap;
    const std::size_t others = others_at(sep);
    const std::size_t room = width > indent.size() + others ? width - indent.size() - others : 0;
    w[0] = std::max(display_width(header.empty() ? std::string() : header[0]), std::min(w[0], room));
    auto line = [&](const std::vector<std::string>& r) {
        std::string out = indent;
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0) out += std::string(sep, ' ');
            out += pad(k < r.size() ? r[k] : std::string(), w[k], k < left);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out;
    if (!header.empty()) {
        std::string h = line(header);
        h.pop_back();
        out += st.dim(h) + "\n";
    }
    for (const auto& r : rows) {
        if (!r.empty() && display_width(r[0]) > w[0]) {
            out += indent + r[0] + "\n";
            std::vector<std::string> rest = r;
            rest[0].clear();
            out += line(rest);
        } else {
            out += line(r);
        }
    }
    return out;
}

std::string bullet(const std::string& text) { return wrap(text, 100, "  - ", "    "); }

}  // namespace reeplan::report::detail
