// `reeplan premium` as Markdown, for CI job summaries.

#include "report/detail/policy_text.hpp"
#include "report/detail/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace reeplan::report::detail {

namespace {

std::string money(double v) { return grouped(v, 1); }
std::string bp_or_dash(const std::optional<double>& v) { return or_dash(v, [](double x) { return basis_points(x); }); }

std::string row(const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) out += " " + md_cell(c) + " |";
    return out + "\n";
}

/// Header and alignment rows: the first `left` columns left-aligned, the rest right-aligned.
std::string head(const std::vector<std::string>& cells, std::size_t left) {
    std::string out = row(cells) + "|";
    for (std::size_t k = 0; k < cells.size(); ++k) out += k < left ? " --- |" : " ---: |";
    return out + "\n";
}

}  // namespace

std::string premium_markdown(const policy::PolicyResult& r, const RunInfo& info) {
    std::string out = fmt::format("## Policy-risk premium — {} (scenario {})\n\n",
                                  md_cell(info.project_name.empty() ? info.input_path : info.project_name), info.scenario);
    for (const auto& s : info.sets) out += fmt::format("- `--set {}`\n", s);
    if (!info.sets.empty()) out += "\n";
    out += r.chain.method == "enumeration"
               ? fmt::format("E[NPV] over every outcome ({} joint outcome{}). ", r.chain.outcomes, r.chain.outcomes == 1 ? "" : "s")
               : fmt::format("E[NPV] over every outcome of a plant with at most {:.0f}, else over {} paths sampled with "
                             "seed {}. ",
                             r.enumeration_limit, r.sample_paths, r.seed);
    out += "Money in million USD at 1 January of the base year; π in basis points.\n\n";

    out += head({"", "method", "outcomes", "NPV base", "E[NPV]", "± SE", "WACC", "π bp", "± SE", "WACC + π"}, 2);
    auto premium_row = [&](const std::string& id, const std::string& method, std::size_t n, const policy::Estimate& e,
                           const std::optional<double>& wacc) {
        out += row({id, method, std::to_string(n), money(e.npv_base_musd), money(e.expected_npv_musd),
                    method == "sampling" ? money(e.standard_error_musd) : "-",
                    or_dash(wacc, [](double x) { return percent(x); }), bp_or_dash(e.premium),
                    bp_or_dash(e.premium_standard_error), wacc && e.premium ? percent(*wacc + *e.premium) : "-"});
    };
    premium_row("chain", r.chain.method, r.chain.outcomes, r.chain.estimate, std::nullopt);
    for (const auto& p : r.plants) premium_row(p.id, p.method, p.outcomes, p.estimate, p.wacc);

    out += fmt::format("\n### Attribution (Shapley, {})\n\n", r.chain.by_risk_method);
    out += head({"", "risk", "bp", "of π"}, 2);
    auto shares = [&](const std::string& id, const std::map<std::string, double>& by_risk, const std::optional<double>& pi) {
        for (const auto& [risk, share] : by_risk) {
            const bool has = pi && std::abs(*pi) > 0;
            out += row({id, risk, basis_points(share), has ? fmt::format("{:.1f}%", 100 * share / *pi) : "-"});
        }
    };
    shares("chain", r.chain.by_risk, r.chain.estimate.premium);
    for (const auto& p : r.plants) shares(p.id, p.by_risk, p.estimate.premium);

    out += "\n### Hazard approximation (bp)\n\n";
    out += head({"", "risk", "λ /yr", "L", "λ·L", "discrete"}, 2);
    auto hazards = [&](const std::string& id, const std::vector<policy::HazardApproximation>& hs) {
        for (const auto& h : hs)
            out += row({id, h.risk, fmt::format("{:.4f}", h.lambda), fmt::format("{:.3f}", h.loss_share),
                        basis_points(h.lambda_l), basis_points(h.discrete_premium)});
    };
    hazards("chain", r.chain.hazard);
    for (const auto& p : r.plants) hazards(p.id, p.hazard);

    out += "\n### Continuity\n\n";
    out += head({"", "case", "E[NPV]", "π bp", "change bp"}, 2);
    auto continuity = [&](const std::string& id, const policy::Estimate& all, const policy::Continuity& k) {
        out += row({id, "all risks", money(all.expected_npv_musd), bp_or_dash(all.premium), ""});
        auto one = [&](const std::string& label, const policy::Estimate& e) {
            out += row({id, label, money(e.expected_npv_musd), bp_or_dash(e.premium),
                        e.premium && all.premium ? basis_points(*e.premium - *all.premium, true) : "-"});
        };
        for (const auto& [risk, e] : k.without_risk) one("without " + risk, e);
        if (k.without_grandfathering) one("without grandfathering", *k.without_grandfathering);
    };
    continuity("chain", r.chain.estimate, r.chain.continuity);
    for (const auto& p : r.plants) continuity(p.id, p.estimate, p.continuity);

    out += "\n### LCOP under policy risk (real base-year USD/kg)\n\n";
    out += head({"plant", "base", "risk-adjusted", "change"}, 1);
    for (const auto& p : r.plants) {
        const auto& k = p.continuity;
        auto m = [](const std::optional<double>& v) { return or_dash(v, [](double x) { return grouped(x, 2); }); };
        out += row({p.id, m(k.lcop_base_usd_per_kg), m(k.lcop_risk_adjusted_usd_per_kg),
                    or_dash(k.lcop_change_usd_per_kg, [](double x) { return (x < 0 ? "" : "+") + grouped(x, 2); })});
    }

    out += "\n### Investment timing (Dixit–Pindyck with a Poisson policy jump)\n\n";
    out += head({"plant", "V", "I", "V/I", "δ", "σ", "λ", "L", "β", "V*/I", "decision", "value of waiting"}, 1);
    for (const auto& p : r.plants) {
        const auto& h = p.hurdle;
        auto f = [](const std::optional<double>& v, int d) { return or_dash(v, [d](double x) { return fmt::format("{:.{}f}", x, d); }); };
        out += row({p.id, money(h.pv_musd), money(h.capex_pv_musd), f(h.pv_to_capex, 2), percent(h.cash_yield, 1),
                    percent(h.volatility, 0), fmt::format("{:.4f}", h.lambda), fmt::format("{:.2f}", h.loss_share),
                    f(h.beta, 3), f(h.trigger_multiple, 2), !h.invest_now ? "-" : *h.invest_now ? "invest now" : "wait",
                    or_dash(h.value_of_waiting_musd, [](double x) { return grouped(x, 1); })});
    }

    std::vector<std::string> notes;
    auto note = [&](const std::string& what, const std::string& why) {
        if (!why.empty()) notes.push_back(fmt::format("- {}: {}\n", what, why));
    };
    if (!r.chain.estimate.premium) note("chain π", r.chain.estimate.premium_note);
    note("chain attribution", r.chain.by_risk_note);
    for (const auto& [risk, e] : r.chain.continuity.without_risk)
        if (!e.premium) note("chain π without " + risk, e.premium_note);
    if (const auto& g = r.chain.continuity.without_grandfathering; g && !g->premium)
        note("chain π without grandfathering", g->premium_note);
    for (const auto& p : r.plants) {
        if (!p.estimate.premium) note(p.id + " π", p.estimate.premium_note);
        for (const auto& [risk, e] : p.continuity.without_risk)
            if (!e.premium) note(p.id + " π without " + risk, e.premium_note);
        if (const auto& g = p.continuity.without_grandfathering; g && !g->premium)
            note(p.id + " π without grandfathering", g->premium_note);
        note(p.id + " attribution", p.by_risk_note);
        if (!p.continuity.lcop_change_usd_per_kg) note(p.id + " LCOP", p.continuity.lcop_note);
        if (!p.hurdle.trigger_multiple || !p.hurdle.invest_now) note(p.id + " hurdle", p.hurdle.note);
    }
    if (!notes.empty()) {
        out += "\n### Notes\n\n";
        for (const auto& n : notes) out += n;
    }
    out += "\n### How each number is derived\n\n";
    for (const auto& s : premium_derivations(r)) out += "- " + s + "\n";
    out += "\n### Rules\n\n";
    for (const auto& s : r.notes) out += "- " + s + "\n";
    return out;
}

}  // namespace reeplan::report::detail
