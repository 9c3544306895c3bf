#include "report/render.hpp"

#include <fmt/format.h>

#include <cmath>

namespace reeplan::report {

namespace {

struct Style {
    bool color;
    std::string bold(const std::string& s) const { return color ? "\x1b[1m" + s + "\x1b[0m" : s; }
    std::string dim(const std::string& s) const { return color ? "\x1b[2m" + s + "\x1b[0m" : s; }
    /// Pads to `width` first, so escape codes never upset the columns.
    std::string signed_num(const std::string& padded, double v) const {
        return color && v < 0 ? "\x1b[31m" + padded + "\x1b[0m" : padded;
    }
};

/// Thousands separators: 1234567.8 → "1,234,567.8".
std::string grouped(double v, int decimals) {
    std::string s = fmt::format("{:.{}f}", std::abs(v), decimals);
    std::size_t dot = s.find('.');
    std::size_t int_end = dot == std::string::npos ? s.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) out += ',';
        out += s[i];
    }
    out += s.substr(int_end);
    bool zero = out.find_first_not_of("0.,") == std::string::npos;
    return (v < 0 && !zero ? "-" : "") + out;
}

std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", 100.0 * *v) : "-"; }
std::string money(const std::optional<double>& v) { return v ? grouped(*v, 1) : "-"; }
std::string year_or_dash(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

void plant_summary(std::string& out, const finance::PlanResult& plan, const Style& st) {
    out += st.bold("Plants") + st.dim("  (money: million nominal USD; LCOP: real base-year USD/kg)") + "\n";
    out += fmt::format("{:<9} {:<11} {:>7} {:>9} {:>6} {:>9} {:>6} {:>6} {:>7} {:>7} {:>10} {:>7}\n", "plant", "stage",
                       "capex", "operates", "WACC", "NPV", "IRR", "eqIRR", "LCOP", "LCOP-u", "min DSCR", "payback");
    for (const auto& p : plan.plants) {
        const auto& m = p.metrics;
        std::string dscr = m.min_dscr ? fmt::format("{:.2f} {}", *m.min_dscr, *m.min_dscr_year) : "-";
        std::string npv = fmt::format("{:>9}", money(m.npv_musd));
        out += fmt::format("{:<9} {:<11} {:>7} {:>9.1f} {:>6} {} {:>6} {:>6} {:>7} {:>7} {:>10} {:>7}\n", p.id,
                           model::to_string(p.stage), grouped(p.capex_musd, 0), p.schedule.operation_start_year,
                           pct(p.cost_of_capital.wacc), st.signed_num(npv, m.npv_musd.value_or(0)), pct(m.irr),
                           pct(m.equity_irr), money(m.lcop_usd_per_kg), money(m.lcop_unsupported_usd_per_kg), dscr,
                           year_or_dash(m.payback_year));
    }
}

void cost_of_capital(std::string& out, const finance::PlanResult& plan, const Style& st,
                     const policy::PolicyResult* policy) {
    out += "\n" + st.bold("Cost of capital") +
           (policy ? st.dim("  (π: policy premium; reeplan premium shows its derivation)") : std::string()) + "\n";
    out += fmt::format("{:<9} {:>8} {:>8} {:>10} {:>10} {:>10} {:>8}", "plant", "beta_u", "beta_L", "k_equity", "k_debt",
                       "D/V", "WACC");
    out += policy ? fmt::format(" {:>8} {:>9}\n", "π", "WACC + π") : "\n";
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        const auto& p = plan.plants[i];
        const auto& c = p.cost_of_capital;
        out += fmt::format("{:<9} {:>8.3f} {:>8.3f} {:>10} {:>10} {:>10} {:>8}", p.id, c.unlevered_beta, c.levered_beta,
                           pct(c.cost_of_equity) + (c.cost_of_equity_overridden ? "*" : ""), pct(c.cost_of_debt),
                           pct(c.debt_share), pct(c.wacc));
        if (policy && i < policy->plants.size()) {
            const auto& prem = policy->plants[i].estimate.premium;
            out += fmt::format(" {:>8} {:>9}\n", prem ? fmt::format("{:.0f}bp", 1e4 * *prem) : "-",
                               prem ? pct(c.wacc + *prem) : "-");
        } else {
            out += "\n";
        }
    }
    if (policy && policy->chain.estimate.premium)
        out += fmt::format("{:<9} {:>67}\n", "chain", fmt::format("π {:.0f}bp", 1e4 * *policy->chain.estimate.premium));
}

void chain_summary(std::string& out, const finance::PlanResult& plan, const Style& st) {
    const auto& ch = plan.chain;
    out += "\n" + st.bold("Chain") + fmt::format("  capex {}  NPV {}\n", grouped(ch.capex_musd, 1), grouped(ch.npv_musd, 1));
    auto year_or_note = [&](const std::optional<int>& y, const char* key) {
        if (y) return std::to_string(*y);
        auto it = ch.notes.find(key);
        return it == ch.notes.end() ? std::string("-") : "none (" + it->second + ")";
    };
    out += fmt::format("  first fully domestic output {}; independence {} (target {:.0f})\n",
                       year_or_note(ch.first_domestic_output_year, "first_domestic_output_year"),
                       year_or_note(ch.independence_year, "independence_year"), ch.independence_target_year);
    out += fmt::format("{:<6} {:>10} {:>10} {:>10} {:>12}\n", "year", "refining", "alloying", "fabrication", "cumulative");
    double cum = 0;
    for (const auto& y : ch.years) {
        cum += y.capex_musd;
        if (!(std::abs(y.capex_musd) > 0.0)) continue;
        auto at = [&](const char* k) {
            auto it = y.capex_by_stage_musd.find(k);
            return it == y.capex_by_stage_musd.end() ? 0.0 : it->second;
        };
        out += fmt::format("{:<6} {:>10} {:>10} {:>10} {:>12}\n", y.year, grouped(at("refining"), 1),
                           grouped(at("alloying"), 1), grouped(at("fabrication"), 1), grouped(cum, 1));
    }
    // coverage of domestic final demand by stage, from the first year anything is produced
    out += "\n" + st.bold("Coverage") + st.dim("  (domestic output over what domestic demand needs of each stage)") + "\n";
    out += fmt::format("{:<6} {:>9} {:>9} {:>9} {:>11} {:>15} {:>12} {:>9}\n", "year", "demand t", "refining",
                       "alloying", "fabrication", "fully domestic", "bottleneck", "stranded");
    auto share = [](const std::optional<double>& v) { return v ? fmt::format("{:.0f}%", 100 * *v) : std::string("-"); };
    int shown = 0;
    for (const auto& y : ch.years) {
        bool producing = false;
        for (const auto& [m, t] : y.production_t) producing = producing || t > 0;
        if (!producing || shown >= 12) continue;
        ++shown;
        double stranded = 0;
        for (const auto& [p, t] : y.stranded_capacity_t) stranded += t;
        auto cov = [&](const char* k) {
            auto it = y.coverage.find(k);
            return it == y.coverage.end() ? std::string("-") : share(it->second);
        };
        out += fmt::format("{:<6} {:>9} {:>9} {:>9} {:>11} {:>15} {:>12} {:>9}\n", y.year, grouped(y.demand_t, 0),
                           cov("refining"), cov("alloying"), cov("fabrication"), share(y.fully_domestic_share),
                           y.bottleneck_stage.value_or("-"), grouped(stranded, 0));
    }
}

void statements(std::string& out, const finance::PlantResult& p, const Style& st) {
    out += "\n" + st.bold(fmt::format("{} — {}", p.id, p.name)) + st.dim("  (million nominal USD; production in t)") + "\n";
    out += fmt::format("{:<4}{:>7}{:>7}{:>7}{:>6}{:>6}{:>7}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>7}{:>7}{:>7}{:>5}\n", "year",
                       "capex", "prod", "reven", "opex", "input", "EBITDA", "depr", "int", "tax", "cred", "supp", "wc",
                       "FCFF", "FCFE", "debt", "DSCR");
    for (const auto& y : p.years) {
        auto c = [&](double v, int w) { return st.signed_num(fmt::format("{:>{}}", grouped(v, 0), w), v); };
        out += fmt::format("{:<4}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{:>5}\n", y.year, c(-y.capex_musd, 7), c(y.production_t, 7),
                           c(y.revenue_musd, 7), c(y.operating_cost_musd, 6), c(y.input_cost_musd, 6), c(y.ebitda_musd, 7),
                           c(y.depreciation_musd, 6), c(y.interest_musd, 6), c(y.tax_musd, 6), c(y.tax_credit_musd, 6),
                           c(y.support_musd, 6), c(y.working_capital_change_musd, 6), c(y.fcff_musd, 7),
                           c(y.fcfe_musd, 7), c(y.debt_balance_musd, 7), y.dscr ? fmt::format("{:.2f}", *y.dscr) : "");
    }
}

}  // namespace

std::string render_table(const finance::PlanResult& plan, const RunInfo& info, const TableOptions& opt,
                         const policy::PolicyResult* policy) {
    Style st{opt.color};
    std::string out;
    out += st.bold(fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("  [scenario: {}]\n", plan.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    out += "\n";
    plant_summary(out, plan, st);
    cost_of_capital(out, plan, st, policy);
    chain_summary(out, plan, st);
    if (opt.years)
        for (const auto& p : plan.plants) statements(out, p, st);
    bool any = false;
    for (const auto& p : plan.plants) {
        for (const auto& [metric, why] : p.notes) {
            if (!any) out += "\n" + st.bold("Notes") + "\n";
            any = true;
            out += fmt::format("  {} {}: {}\n", p.id, metric, why);
        }
    }
    return out;
}

}  // namespace reeplan::report
