// `reeplan premium` as a table readable at 100 columns.

#include "report/detail/policy_text.hpp"
#include "report/detail/text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <utility>

namespace reeplan::report::detail {

namespace {

constexpr std::size_t kWidth = 100;

/// Columns of fixed width; the first `left` columns are left-aligned, the rest right-aligned.
struct Columns {
    std::vector<std::size_t> widths;
    std::size_t left = 1;
    std::string line(std::initializer_list<std::string> cells) const {
        std::string out;
        std::size_t k = 0;
        for (const auto& c : cells) {
            if (k > 0) out += ' ';
            out += pad(c, k < widths.size() ? widths[k] : 0, k < left);
            ++k;
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    }
};

std::string money(double v) { return grouped(v, 1); }
std::string bp_or_dash(const std::optional<double>& v) { return or_dash(v, [](double x) { return basis_points(x); }); }

/// share / π as a percentage, when π is not zero.
std::string share_of(double share, const std::optional<double>& premium) {
    if (!premium || !(std::abs(*premium) > 0)) return "-";
    return fmt::format("{:.1f}%", 100 * share / *premium);
}

struct Notes {
    std::vector<std::pair<std::string, std::string>> items;  ///< (what, why)
    void add(const std::string& what, const std::string& why) {
        if (!why.empty()) items.emplace_back(what, why);
    }
};

void premium_section(std::string& out, const policy::PolicyResult& r, const Style& st, Notes& notes) {
    out += st.bold("Premium") + st.dim("  (π solves NPV_base(WACC + π) = E[NPV]; π and its SE in basis points)") + "\n";
    const Columns c{{9, 11, 8, 9, 9, 7, 7, 7, 6, 9}, 2};
    out += c.line({"", "method", "outcomes", "NPV base", "E[NPV]", "± SE", "WACC", "π bp", "± SE", "WACC + π"});
    auto row = [&](const std::string& id, const std::string& method, std::size_t outcomes, const policy::Estimate& e,
                   const std::optional<double>& wacc) {
        const bool sampled = method == "sampling";
        out += c.line({id, method, std::to_string(outcomes), money(e.npv_base_musd), money(e.expected_npv_musd),
                       sampled ? money(e.standard_error_musd) : "-", or_dash(wacc, [](double x) { return percent(x); }),
                       bp_or_dash(e.premium), bp_or_dash(e.premium_standard_error),
                       wacc && e.premium ? percent(*wacc + *e.premium) : "-"});
        if (!e.premium) notes.add(id + " π", e.premium_note);
    };
    row("chain", r.chain.method, r.chain.outcomes, r.chain.estimate, std::nullopt);
    for (const auto& p : r.plants) row(p.id, p.method, p.outcomes, p.estimate, p.wacc);
}

void attribution_section(std::string& out, const policy::PolicyResult& r, const Style& st, Notes& notes) {
    out += "\n" + st.bold("Attribution") + st.dim(fmt::format("  (Shapley shares of π, {}; they add up to π)",
                                                             r.chain.by_risk_method)) + "\n";
    const Columns c{{9, 28, 9, 8}, 2};
    out += c.line({"", "risk", "bp", "of π"});
    auto rows = [&](const std::string& id, const std::map<std::string, double>& by_risk, const std::optional<double>& pi,
                    const std::string& why) {
        bool first = true;
        for (const auto& [risk, share] : by_risk) {
            out += c.line({first ? id : "", risk, basis_points(share), share_of(share, pi)});
            first = false;
        }
        if (first) out += c.line({id, !why.empty() ? "-" : id == "chain" ? "(the plan has no risk)" : "(no risk touches it)", "-", "-"});
        notes.add(id + " attribution", why);
    };
    rows("chain", r.chain.by_risk, r.chain.estimate.premium, r.chain.by_risk_note);
    for (const auto& p : r.plants) rows(p.id, p.by_risk, p.estimate.premium, p.by_risk_note);
}

void hazard_section(std::string& out, const policy::PolicyResult& r, const Style& st) {
    out += "\n" + st.bold("Hazard approximation") +
           st.dim("  (reversal risks: λ·L beside the discrete (1 + r)/(1 − pL) − 1 − r, in bp)") + "\n";
    const Columns c{{9, 28, 8, 7, 9, 11}, 2};
    out += c.line({"", "risk", "λ /yr", "L", "λ·L", "discrete"});
    auto rows = [&](const std::string& id, const std::vector<policy::HazardApproximation>& hs) {
        bool first = true;
        for (const auto& h : hs) {
            out += c.line({first ? id : "", h.risk, fmt::format("{:.4f}", h.lambda), fmt::format("{:.3f}", h.loss_share),
                           basis_points(h.lambda_l), basis_points(h.discrete_premium)});
            first = false;
        }
    };
    if (r.chain.hazard.empty()) out += "  (the plan has no reversal risk)\n";
    rows("chain", r.chain.hazard);
    for (const auto& p : r.plants) rows(p.id, p.hazard);
}

void continuity_section(std::string& out, const policy::PolicyResult& r, const Style& st, Notes& notes) {
    out += "\n" + st.bold("Continuity") + st.dim("  (each reversal risk at zero; grandfathering switched off)") + "\n";
    const Columns c{{9, 36, 9, 9, 9}, 2};
    out += c.line({"", "case", "E[NPV]", "π bp", "change"});
    auto rows = [&](const std::string& id, const policy::Estimate& all, const policy::Continuity& k) {
        out += c.line({id, "all risks", money(all.expected_npv_musd), bp_or_dash(all.premium), ""});
        auto row = [&](const std::string& label, const policy::Estimate& e) {
            const std::string change =
                e.premium && all.premium ? basis_points(*e.premium - *all.premium, true) : std::string("-");
            out += c.line({"", label, money(e.expected_npv_musd), bp_or_dash(e.premium), change});
            if (!e.premium) notes.add(id + " π " + label, e.premium_note);
        };
        for (const auto& [risk, e] : k.without_risk) row("without " + risk, e);
        if (k.without_grandfathering) row("without grandfathering", *k.without_grandfathering);
    };
    rows("chain", r.chain.estimate, r.chain.continuity);
    for (const auto& p : r.plants) rows(p.id, p.estimate, p.continuity);
}

void lcop_section(std::string& out, const policy::PolicyResult& r, const Style& st, Notes& notes) {
    out += "\n" + st.bold("LCOP under policy risk") + st.dim("  (real base-year USD/kg; the price making E[NPV] zero)") + "\n";
    const Columns c{{9, 9, 14, 9}, 1};
    out += c.line({"plant", "base", "risk-adjusted", "change"});
    for (const auto& p : r.plants) {
        const auto& k = p.continuity;
        auto m = [](const std::optional<double>& v) { return or_dash(v, [](double x) { return grouped(x, 2); }); };
        std::string change = or_dash(k.lcop_change_usd_per_kg, [](double x) { return (x < 0 ? "" : "+") + grouped(x, 2); });
        out += c.line({p.id, m(k.lcop_base_usd_per_kg), m(k.lcop_risk_adjusted_usd_per_kg), change});
        if (!k.lcop_change_usd_per_kg) notes.add(p.id + " LCOP", k.lcop_note);
    }
}

void hurdle_section(std::string& out, const policy::PolicyResult& r, const Style& st, Notes& notes) {
    out += "\n" + st.bold("Investment timing") +
           st.dim("  (Dixit–Pindyck with a Poisson policy jump; V and I: PV at the WACC)") + "\n";
    const Columns c{{9, 8, 8, 6, 6, 6, 7, 6, 6, 6, 10, 9}, 1};
    out += c.line({"plant", "V", "I", "V/I", "δ", "σ", "λ", "L", "β", "V*/I", "decision", "waiting"});
    for (const auto& p : r.plants) {
        const auto& h = p.hurdle;
        auto f = [](const std::optional<double>& v, int d) { return or_dash(v, [d](double x) { return fmt::format("{:.{}f}", x, d); }); };
        const std::string decision = !h.invest_now ? "-" : *h.invest_now ? "invest now" : "wait";
        out += c.line({p.id, money(h.pv_musd), money(h.capex_pv_musd), f(h.pv_to_capex, 2), percent(h.cash_yield, 1),
                       percent(h.volatility, 0), fmt::format("{:.4f}", h.lambda), fmt::format("{:.2f}", h.loss_share),
                       f(h.beta, 3), f(h.trigger_multiple, 2), decision,
                       or_dash(h.value_of_waiting_musd, [](double x) { return grouped(x, 1); })});
        if (!h.trigger_multiple || !h.invest_now) notes.add(p.id + " hurdle", h.note);
    }
}

}  // namespace

std::string premium_table(const policy::PolicyResult& r, const RunInfo& info, bool color) {
    const Style st{color};
    std::string out;
    out += st.bold(fmt::format("reeplan {} — {}", version(), info.project_name.empty() ? info.input_path : info.project_name));
    out += fmt::format("  [scenario: {}]\n", info.scenario);
    for (const auto& s : info.sets) out += st.dim("  --set " + s) + "\n";
    std::size_t sampled = 0;
    for (const auto& p : r.plants) sampled += p.method == "sampling";
    const std::string how =
        sampled == 0 ? fmt::format("over every outcome ({} joint outcome{})", r.chain.outcomes, r.chain.outcomes == 1 ? "" : "s")
                     : fmt::format("over every outcome of a plant with at most {:.0f}, else over {} paths sampled with "
                                   "seed {} ({} of {} plants)",
                                   r.enumeration_limit, r.sample_paths, r.seed, sampled, r.plants.size());
    out += st.dim(wrap(fmt::format("Policy-risk premium: E[NPV] {}; money in million USD at 1 January of the base year.", how),
                       kWidth, "", ""));
    out += "\n";
    Notes notes;
    premium_section(out, r, st, notes);
    attribution_section(out, r, st, notes);
    hazard_section(out, r, st);
    continuity_section(out, r, st, notes);
    lcop_section(out, r, st, notes);
    hurdle_section(out, r, st, notes);
    if (!notes.items.empty()) {
        out += "\n" + st.bold("Notes") + "\n";
        for (const auto& [what, why] : notes.items) out += wrap(what + ": " + why, kWidth, "  ", "    ");
    }
    out += "\n" + st.bold("How each number is derived") + "\n";
    for (const auto& s : premium_derivations(r)) out += wrap(s, kWidth, "  ", "    ");
    out += "\n" + st.bold("Rules") + "\n";
    for (const auto& s : r.notes) out += wrap(s, kWidth, "  ", "    ");
    return out;
}

}  // namespace reeplan::report::detail
