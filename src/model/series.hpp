#pragma once
/// A number that may vary by calendar year (input format §1, "series").

#include <utility>
#include <vector>

namespace reeplan::model {

/// A constant, or a table of (calendar year, value) points interpolated linearly between the
/// years given and held flat before the first and after the last (input format §1).
struct Series {
    double constant = 0.0;
    /// Sorted by year, strictly increasing. Empty: the series is `constant`.
    std::vector<std::pair<double, double>> points;

    Series() = default;
    Series(double c) : constant(c) {}  // NOLINT: a number stands wherever a series may

    bool is_constant() const { return points.empty(); }

    /// Value at decimal calendar year `year`.
    double at(double year) const {
        if (points.empty()) return constant;
        if (year <= points.front().first) return points.front().second;
        if (year >= points.back().first) return points.back().second;
        for (std::size_t i = 1; i < points.size(); ++i) {
            if (year <= points[i].first) {
                const auto& [x0, y0] = points[i - 1];
                const auto& [x1, y1] = points[i];
                return y0 + (y1 - y0) * (year - x0) / (x1 - x0);
            }
        }
        return points.back().second;
    }

    /// Multiplies every value (used by parameter overlays that scale a whole series).
    void scale(double factor) {
        constant *= factor;
        for (auto& p : points) p.second *= factor;
    }

    /// Smallest and largest value over the whole series.
    double min_value() const {
        if (points.empty()) return constant;
        double m = points.front().second;
        for (const auto& p : points) m = p.second < m ? p.second : m;
        return m;
    }
    double max_value() const {
        if (points.empty()) return constant;
        double m = points.front().second;
        for (const auto& p : points) m = p.second > m ? p.second : m;
        return m;
    }
};

}  // namespace reeplan::model
