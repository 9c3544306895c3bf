// `reeplan wacc` as a table readable at 100 columns, and as Markdown.

#include "report/detail/text.hpp"
#include "report/detail/wacc_views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report::detail {

namespace {

constexpr std::size_t kWidth = 100;
constexpr std::size_t kLabel = 24;  ///< the step column
constexpr std::size_t kCell = 14;   ///< one plant: "+437.3  12.19%"

/// The rows of the waterfall: every (part, label) any plant has, in the order the plants list
/// them (a step one plant lacks, such as "loan guarantee", sits after the step before it).
struct Row {
    std::string part, label;
};

int part_rank(const std::string& part) { return part == "cost_of_equity" ? 0 : part == "cost_of_debt" ? 1 : 2; }

std::vector<Row> rows_of(const finance::PlanResult& plan) {
    std::vector<Row> rows;
    for (const auto& p : plan.plants) {
        std::size_t pos = 0;  // just after the plant's previous step
        for (const auto& s : p.cost_of_capital.waterfall) {
            auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.part == s.part && r.label == s.label; });
            if (it == rows.end()) it = rows.insert(rows.begin() + static_cast<long>(pos), Row{s.part, s.label});
            pos = static_cast<std::size_t>(it - rows.begin()) + 1;
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return part_rank(a.part) < part_rank(b.part); });
    return rows;
}

const finance::CapitalStepOut* step_of(const finance::CostOfCapital& c, const Row& r) {
    for (const auto& s : c.waterfall)
        if (s.part == r.part && s.label == r.label) return &s;
    return nullptr;
}

/// The total a part builds up, short.
const char* total_title(const std::string& part) {
    if (part == "cost_of_equity") return "= k_e";
    if (part == "cost_of_debt") return "= k_d";
    return "= WACC";
}

const char* part_title(const std::string& part) {
    if (part == "cost_of_equity") return "cost of equity";
    if (part == "cost_of_debt") return "cost of debt (pre-tax)";
    if (part == "wacc") return "WACC (after tax)";
    return "?";
}

/// What a step adds, with the formula beside the WACC steps.
std::string step_title(const Row& r) {
    if (r.part == "wacc" && r.label == "equity") return "equity (E/V k_e)";
    if (r.part == "wacc" && r.label == "debt") return "debt (D/V k_d)";
    return r.label;
}

double total_of(const finance::CostOfCapital& c, const std::string& part) {
    if (part == "cost_of_equity") return c.cost_of_equity;
    if (part == "cost_of_debt") return c.cost_of_debt;
    return c.wacc;
}

/// "+437.3  12.19%"; a step of 1000 bp or more loses its decimal to keep the width.
std::string cell(double bp, double after) {
    const std::string step = std::abs(bp) < 999.95 ? basis_points(bp / 1e4, true) : fmt::format("{:+.0f}", bp);
    return pad(step, 6, false) + " " + pad(percent(after), 7, false);
}

std::string money_or_dash(const std::optional<double>& v) { return or_dash(v, [](double x) { return fmt::format("{:.1f}", x); }); }

/// One group of plants (as many as fit in 100 columns) as a waterfall.
void waterfall(std::string& out, const finance::PlanResult& plan, const policy::PolicyResult& policy,
               const std::vector<Row>& rows, std::size_t first, std::size_t last, const Style& st) {
    auto line = [&](const std::string& label, const std::vector<std::string>& cells) {
        std::string s = pad(label, kLabel, true);
        for (const auto& c : cells) s += " " + pad(c, kCell, false);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out += s + "\n";
    };
    std::vector<std::string> head;
    for (std::size_t i = first; i < last; ++i) head.push_back(plan.plants[i].id);
    line("", head);
    std::string part;
    auto total = [&](const std::string& p) {
        std::vector<std::string> cells;
        for (std::size_t i = first; i < last; ++i)
            cells.push_back(pad(percent(total_of(plan.plants[i].cost_of_capital, p)), kCell, false));
        line(st.dim(std::string("  ") + total_title(p)), cells);
    };
    for (const auto& r : rows) {
        if (r.part != part) {
            if (!part.empty()) total(part);
            part = r.part;
            out += st.bold(part_title(part)) + "\n";
        }
        std::vector<std::string> cells;
        for (std::size_t i = first; i < last; ++i) {
            const auto* s = step_of(plan.plants[i].cost_of_capital, r);
            cells.push_back(s ? cell(s->bp, s->value_after) : "-");
        }
        line("  " + step_title(r), cells);
    }
    if (!part.empty()) total(part);
    out += st.bold("policy") + "\n";
    std::vector<std::string> pi_cells, adjusted;
    for (std::size_t i = first; i < last; ++i) {
        const auto& c = plan.plants[i].cost_of_capital;
        const PlantPremium pi = premium_of(policy, plan.plants[i].id);
        pi_cells.push_back(pi.premium ? cell(1e4 * *pi.premium, c.wacc + *pi.premium) : "-");
        adjusted.push_back(pi.premium ? percent(c.wacc + *pi.premium) : "-");
    }
    line("  policy premium π", pi_cells);
    line(st.dim("  = WACC + π"), adjusted);
}

}  // namespace

std::string wacc_table(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                       const RunInfo& info, bool color) {
    const Style st{color};
    std::string out;
    out += st.bold(fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("  [scenario: {}]\n", plan.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    const auto& f = input.finance;
    out += st.dim(wrap(fmt::format("Each step in basis points, then the running value of its part. risk-free {}, equity "
                                   "risk premium {}, country risk premium {}; beta method {}, contracted-revenue beta "
                                   "{:.2f}, debt beta {:.2f}.",
                                   percent(f.risk_free), percent(f.equity_risk_premium), percent(f.country_risk_premium),
                                   beta_method_name(f.beta_method), f.contract_beta, f.debt_beta),
                       kWidth, "", ""));
    out += "\n";
    const std::vector<Row> rows = rows_of(plan);
    const std::size_t per_group = std::max<std::size_t>(1, (kWidth - kLabel) / (kCell + 1));
    for (std::size_t first = 0; first < plan.plants.size(); first += per_group) {
        if (first > 0) out += "\n";
        waterfall(out, plan, policy, rows, first, std::min(plan.plants.size(), first + per_group), st);
    }

    out += "\n" + st.bold("Inputs") +
           st.dim("  (w: contracted share; k_d pre-tax; spread: bp over risk-free; TP: technology premium)") + "\n";
    const std::string fmt_row = "{:<9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>8} {:>7} {:>6} {:>5}\n";
    out += fmt::format(fmt::runtime(fmt_row), "plant", "beta_u", "w", "beta_a", "beta_L", "D/V", "k_d", "pricing",
                       "rating", "spread", "tax", "TP");
    for (const auto& p : plan.plants) {
        const auto& c = p.cost_of_capital;
        out += fmt::format(fmt::runtime(fmt_row), p.id, fmt::format("{:.3f}", c.unlevered_beta), percent(c.contracted_share, 1),
                           fmt::format("{:.3f}", c.asset_beta), fmt::format("{:.3f}", c.levered_beta),
                           percent(c.debt_share, 1), percent(c.cost_of_debt), c.cost_of_debt_method,
                           c.rating.empty() ? "-" : c.rating, money_or_dash(spread_bp(c)), percent(c.tax_rate, 1),
                           percent(c.technology_premium, 1));
    }

    std::vector<std::string> notes;
    for (const auto& p : plan.plants) {
        if (p.cost_of_capital.cost_of_equity_overridden)
            notes.push_back(p.id + " cost of equity: given by plant.cost_of_equity, which replaces the CAPM build-up");
        if (auto it = p.notes.find("cost_of_debt"); it != p.notes.end()) notes.push_back(p.id + " cost of debt: " + it->second);
        const PlantPremium pi = premium_of(policy, p.id);
        if (!pi.premium) notes.push_back(p.id + " policy premium: " + pi.note);
    }
    out += "\n" + st.bold("How the steps are derived") + "\n";
    for (const char* s : {
             "k_e = risk-free + beta_u ERP (business risk) + (beta_a - beta_u) ERP (contracted revenue, beta_a = (1 - "
             "w) beta_u + w beta_c) + (beta_L - beta_a) ERP (leverage, by the beta method) + country risk premium + "
             "technology premium.",
             "k_d = risk-free + the commercial spread (explicit) or the default spread of the synthetic rating, then the "
             "change of the blended rate from a loan guarantee and public loans.",
             "WACC = (E/V) k_e + (D/V) k_d - (D/V) k_d T; each part's steps add up to its total.",
             "π solves NPV_base(WACC + π) = E[NPV] over the plan's policy risks (reeplan premium), so WACC + π is the "
             "discount rate at which the riskless cash flows are worth what the risky ones are expected to be worth.",
         })
        out += wrap(s, kWidth, "  ", "    ");
    if (!notes.empty()) {
        out += "\n" + st.bold("Notes") + "\n";
        for (const auto& n : notes) out += wrap(n, kWidth, "  ", "    ");
    }
    return out;
}

std::string wacc_markdown(const finance::PlanResult& plan, const policy::PolicyResult& policy, const model::Plan& input,
                          const RunInfo& info) {
    std::string out = fmt::format("## Cost of capital — {} (scenario {})\n\n",
                                  md_cell(info.project_name.empty() ? info.input_path : info.project_name), plan.scenario);
    for (const auto& s : info.sets) out += fmt::format("- `--set {}`\n", s);
    if (!info.sets.empty()) out += "\n";
    const auto& f = input.finance;
    out += fmt::format("Each step in basis points, then the running value of its part. Beta method {}, "
                       "contracted-revenue beta {:.2f}, debt beta {:.2f}.\n\n",
                       beta_method_name(f.beta_method), f.contract_beta, f.debt_beta);
    out += "| step |";
    for (const auto& p : plan.plants) out += " " + md_cell(p.id) + " |";
    out += "\n| --- |";
    for (std::size_t i = 0; i < plan.plants.size(); ++i) out += " ---: |";
    out += "\n";
    auto md = [](double bp, double after) { return basis_points(bp / 1e4, true) + " → " + percent(after); };
    std::string part;
    auto total = [&](const std::string& p) {
        out += fmt::format("| **{}** |", total_title(p));
        for (const auto& pl : plan.plants) out += " **" + percent(total_of(pl.cost_of_capital, p)) + "** |";
        out += "\n";
    };
    for (const auto& r : rows_of(plan)) {
        if (r.part != part && !part.empty()) total(part);
        part = r.part;
        out += "| " + md_cell(std::string(part_title(r.part)) + ": " + step_title(r)) + " |";
        for (const auto& p : plan.plants) {
            const auto* s = step_of(p.cost_of_capital, r);
            out += " " + (s ? md(s->bp, s->value_after) : std::string("-")) + " |";
        }
        out += "\n";
    }
    if (!part.empty()) total(part);
    out += "| policy premium π |";
    for (const auto& p : plan.plants) {
        const PlantPremium pi = premium_of(policy, p.id);
        out += " " + (pi.premium ? md(1e4 * *pi.premium, p.cost_of_capital.wacc + *pi.premium) : std::string("-")) + " |";
    }
    out += "\n| **= WACC + π** |";
    for (const auto& p : plan.plants) {
        const PlantPremium pi = premium_of(policy, p.id);
        out += " **" + (pi.premium ? percent(p.cost_of_capital.wacc + *pi.premium) : std::string("-")) + "** |";
    }
    out += "\n\n| plant | beta_u | w | beta_a | beta_L | D/V | k_d | pricing | rating | spread bp | tax | TP |\n";
    out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |\n";
    for (const auto& p : plan.plants) {
        const auto& c = p.cost_of_capital;
        out += fmt::format("| {} | {:.3f} | {} | {:.3f} | {:.3f} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(p.id),
                           c.unlevered_beta, percent(c.contracted_share, 1), c.asset_beta, c.levered_beta,
                           percent(c.debt_share, 1), percent(c.cost_of_debt), c.cost_of_debt_method,
                           c.rating.empty() ? "-" : md_cell(c.rating), money_or_dash(spread_bp(c)), percent(c.tax_rate, 1),
                           percent(c.technology_premium, 1));
    }
    std::string notes;
    for (const auto& p : plan.plants) {
        if (auto it = p.notes.find("cost_of_debt"); it != p.notes.end()) notes += "- " + p.id + " cost of debt: " + it->second + "\n";
        const PlantPremium pi = premium_of(policy, p.id);
        if (!pi.premium) notes += "- " + p.id + " policy premium: " + pi.note + "\n";
    }
    if (!notes.empty()) out += "\n" + notes;
    return out;
}

}  // namespace reeplan::report::detail
