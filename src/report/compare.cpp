#include "report/compare.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace reeplan::report {

namespace {

struct Metric {
    const char* name;
    const char* unit;  ///< "musd", "rate", "usd_per_kg", "ratio", "year"
    std::optional<double> (*get)(const finance::PlantResult&);
};

const std::vector<Metric>& plant_metrics() {
    static const std::vector<Metric> m = {
        {"npv_musd", "musd", [](const finance::PlantResult& p) { return p.metrics.npv_musd; }},
        {"irr", "rate", [](const finance::PlantResult& p) { return p.metrics.irr; }},
        {"equity_irr", "rate", [](const finance::PlantResult& p) { return p.metrics.equity_irr; }},
        {"wacc", "rate", [](const finance::PlantResult& p) { return std::optional<double>(p.cost_of_capital.wacc); }},
        {"lcop_usd_per_kg", "usd_per_kg", [](const finance::PlantResult& p) { return p.metrics.lcop_usd_per_kg; }},
        {"lcop_unsupported_usd_per_kg", "usd_per_kg",
         [](const finance::PlantResult& p) { return p.metrics.lcop_unsupported_usd_per_kg; }},
        {"min_dscr", "ratio", [](const finance::PlantResult& p) { return p.metrics.min_dscr; }},
        {"payback_year", "year",
         [](const finance::PlantResult& p) {
             return p.metrics.payback_year ? std::optional<double>(*p.metrics.payback_year) : std::nullopt;
         }},
    };
    return m;
}

std::string cell(const std::optional<double>& v, const char* unit) {
    if (!v) return "-";
    const std::string u = unit;
    if (u == "rate") return fmt::format("{:.2f}%", 100 * *v);
    if (u == "year") return fmt::format("{:.0f}", *v);
    if (u == "ratio") return fmt::format("{:.2f}", *v);
    return fmt::format("{:.1f}", *v);
}

std::string delta(const std::optional<double>& a, const std::optional<double>& b, const char* unit) {
    if (!a || !b) return "-";
    const double d = *b - *a;
    const std::string u = unit;
    if (u == "rate") return fmt::format("{:+.0f}bp", 1e4 * d);
    if (u == "year") return fmt::format("{:+.0f}", d);
    if (u == "ratio") return fmt::format("{:+.2f}", d);
    return fmt::format("{:+.1f}", d);
}

/// Rows of (entity, metric, unit, value per run).
struct Row {
    std::string entity, metric, unit;
    std::vector<std::optional<double>> values;
};

std::vector<Row> rows_of(const std::vector<finance::PlanResult>& runs) {
    std::vector<Row> rows;
    Row npv{"chain", "npv_musd", "musd", {}}, capex{"chain", "capex_musd", "musd", {}};
    for (const auto& r : runs) {
        npv.values.push_back(r.chain.npv_musd);
        capex.values.push_back(r.chain.capex_musd);
    }
    rows.push_back(npv);
    rows.push_back(capex);
    const auto& first = runs.front();
    for (std::size_t i = 0; i < first.plants.size(); ++i) {
        for (const auto& m : plant_metrics()) {
            Row row{first.plants[i].id, m.name, m.unit, {}};
            for (const auto& r : runs) row.values.push_back(i < r.plants.size() ? m.get(r.plants[i]) : std::nullopt);
            rows.push_back(row);
        }
    }
    return rows;
}

}  // namespace

std::string render_compare(const std::vector<finance::PlanResult>& runs, const RunInfo& info, const std::string& format) {
    if (runs.empty()) return {};
    const auto rows = rows_of(runs);
    if (format == "json") {
        nlohmann::ordered_json j;
        j["reeplan_version"] = version();
        j["output_format"] = 1;
        j["input"] = {{"path", info.input_path}, {"sha256", info.input_sha256}};
        nlohmann::ordered_json names = nlohmann::ordered_json::array();
        for (const auto& r : runs) names.push_back(r.scenario);
        j["scenarios"] = names;
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& row : rows) {
            nlohmann::ordered_json vals = nlohmann::ordered_json::array(), deltas = nlohmann::ordered_json::array();
            for (std::size_t k = 0; k < row.values.size(); ++k) {
                const auto& v = row.values[k];
                vals.push_back(v && std::isfinite(*v) ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr));
                const auto& a = row.values.front();
                deltas.push_back(v && a ? nlohmann::ordered_json(*v - *a) : nlohmann::ordered_json(nullptr));
            }
            out.push_back({{"entity", row.entity}, {"metric", row.metric}, {"values", vals}, {"delta_from_first", deltas}});
        }
        j["metrics"] = out;
        return j.dump(2) + "\n";
    }
    if (format == "csv") {
        std::string s = "entity,metric,scenario,value,delta_from_first\n";
        for (const auto& row : rows)
            for (std::size_t k = 0; k < row.values.size(); ++k) {
                const auto& v = row.values[k];
                const auto& a = row.values.front();
                s += fmt::format("{},{},{},{},{}\n", row.entity, row.metric, runs[k].scenario, v ? fmt::format("{}", *v) : "",
                                 v && a ? fmt::format("{}", *v - *a) : "");
            }
        return s;
    }
    const bool md = format == "markdown";
    std::string s;
    if (md) {
        s += "| plant | metric |";
        for (const auto& r : runs) s += fmt::format(" {} |", r.scenario);
        for (std::size_t k = 1; k < runs.size(); ++k) s += fmt::format(" Δ {} |", runs[k].scenario);
        s += "\n|---|---|";
        for (std::size_t k = 0; k < 2 * runs.size() - 1; ++k) s += "---:|";
        s += "\n";
    } else {
        s += fmt::format("reeplan {} — {}: scenarios compared with the first\n\n", version(),
                         info.project_name.empty() ? info.input_path : info.project_name);
        s += fmt::format("{:<9} {:<28}", "plant", "metric");
        for (const auto& r : runs) s += fmt::format(" {:>12.12}", r.scenario);
        for (std::size_t k = 1; k < runs.size(); ++k) s += fmt::format(" {:>10.10}", "Δ " + runs[k].scenario);
        s += "\n";
    }
    for (const auto& row : rows) {
        if (md) {
            s += fmt::format("| {} | {} |", row.entity, row.metric);
            for (const auto& v : row.values) s += fmt::format(" {} |", cell(v, row.unit.c_str()));
            for (std::size_t k = 1; k < row.values.size(); ++k)
                s += fmt::format(" {} |", delta(row.values.front(), row.values[k], row.unit.c_str()));
            s += "\n";
        } else {
            s += fmt::format("{:<9} {:<28}", row.entity, row.metric);
            for (const auto& v : row.values) s += fmt::format(" {:>12}", cell(v, row.unit.c_str()));
            for (std::size_t k = 1; k < row.values.size(); ++k)
                s += fmt::format(" {:>10}", delta(row.values.front(), row.values[k], row.unit.c_str()));
            s += "\n";
        }
    }
    return s;
}

}  // namespace reeplan::report
