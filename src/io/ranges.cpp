#include "io/ranges.hpp"

#include "io/detail/paths.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace reeplan::io {

namespace {

std::string num(double x) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

/// A sum of shares, to 12 significant digits (0.9, not 0.8999999999999999).
std::string sum_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", x);
    return buf;
}

bool whole(double v) { return !(std::fabs(v - std::round(v)) > 0.0); }

constexpr double sum_tolerance = 1e-9;

class Checker {
public:
    explicit Checker(const model::Plan& plan) : plan_(plan) {}

    void fail(const std::string& path, const std::string& message) {
        out_.push_back(model::Diagnostic{plan_.pos(path), path, message});
    }
    void fail_at(const std::string& where, const std::string& path, const std::string& message) {
        out_.push_back(model::Diagnostic{plan_.pos(plan_.where.count(where) ? where : path), path, message});
    }

    void positive(const std::string& path, double v) {
        if (!(v > 0)) fail(path, "must be > 0, got " + num(v));
    }
    void non_negative(const std::string& path, double v) {
        if (!(v >= 0)) fail(path, "must be >= 0, got " + num(v));
    }
    void fraction(const std::string& path, double v) {
        if (!(v >= 0 && v <= 1)) fail(path, "must be in [0, 1], got " + num(v));
    }
    /// Inflation and real escalation.
    void growth(const std::string& path, double v) {
        if (!(v > -0.5 && v < 1)) fail(path, "must be in (-0.5, 1), got " + num(v));
    }
    /// Market rates, spreads and required returns.
    void rate(const std::string& path, double v) {
        if (!(v >= -0.05 && v < 1)) fail(path, "must be in [-0.05, 1), got " + num(v));
    }
    void tenor(const std::string& path, double v) {
        if (!(v >= 1 && whole(v))) fail(path, "must be a whole number >= 1, got " + num(v));
    }
    void above(const std::string& path, double v, const char* other, double bound) {
        if (!(v > bound)) fail(path, std::string("must be > ") + other + " (" + num(bound) + "), got " + num(v));
    }

    /// Applies `check` to a constant series, or to each point of a table series.
    template <class Check> void series(const std::string& path, const model::Series& s, Check check) {
        if (s.is_constant()) {
            std::string msg = check(s.constant);
            if (!msg.empty()) fail(path, msg);
            return;
        }
        for (const auto& [year, v] : s.points) {
            std::string msg = check(v);
            if (!msg.empty()) fail_at(path + "." + num(year), path, msg + " in " + num(year));
        }
    }

    void distribution(const std::string& base, const model::Distribution& d) {
        using model::DistKind;
        switch (d.kind) {
            case DistKind::Normal: non_negative(base + ".sd", d.sd); break;
            case DistKind::Lognormal:
                positive(base + ".mean", d.mean);
                positive(base + ".sd", d.sd);
                break;
            case DistKind::Triangular:
            case DistKind::Pert:
                if (!(d.min < d.max)) above(base + ".max", d.max, "min", d.min);
                else if (!(d.mode >= d.min && d.mode <= d.max))
                    fail(base + ".mode", "must be in [min, max] = [" + num(d.min) + ", " + num(d.max) + "], got " + num(d.mode));
                break;
            case DistKind::Uniform:
                if (!(d.min < d.max)) above(base + ".max", d.max, "min", d.min);
                break;
            case DistKind::Discrete: {
                const std::string p = base + ".probabilities";
                if (d.values.empty()) fail(base + ".values", "must not be empty; expected at least one value");
                if (d.probabilities.size() != d.values.size()) {
                    fail(p, "gives " + std::to_string(d.probabilities.size()) + " for " +
                                std::to_string(d.values.size()) + " values; expected one probability per value");
                    break;
                }
                double sum = 0;
                bool each_ok = true;
                for (double q : d.probabilities) {
                    if (!(q >= 0 && q <= 1)) {
                        fail(p, "each must be in [0, 1], got " + num(q));
                        each_ok = false;
                    }
                    sum += q;
                }
                if (each_ok && !(std::fabs(sum - 1) <= sum_tolerance)) fail(p, "must sum to 1, got " + sum_text(sum));
                break;
            }
            case DistKind::Fixed: non_negative(base, d.value); break;
        }
    }

    std::vector<model::Diagnostic> take() { return std::move(out_); }

private:
    const model::Plan& plan_;
    std::vector<model::Diagnostic> out_;
};

std::string check_fraction(double v) { return v >= 0 && v <= 1 ? "" : "must be in [0, 1], got " + num(v); }
std::string check_non_negative(double v) { return v >= 0 ? "" : "must be >= 0, got " + num(v); }

void check_project(Checker& c, const model::Plan& plan) {
    const model::Project& p = plan.project;
    if (!whole(p.base_year)) c.fail("project.base_year", "must be a whole year, got " + num(p.base_year));
    c.above("project.end_year", p.end_year, "base_year", p.base_year);
    c.growth("project.inflation", p.inflation);
    c.fraction("project.independence_target", p.independence_target);
    if (p.end_year > p.base_year)  // else the default (end_year) is already reported as end_year
        c.above("project.independence_target_year", p.independence_target_year, "base_year", p.base_year);
    const model::Finance& f = plan.finance;
    c.rate("finance.risk_free", f.risk_free);
    c.rate("finance.equity_risk_premium", f.equity_risk_premium);
    c.rate("finance.country_risk_premium", f.country_risk_premium);
    c.fraction("finance.tax_rate", f.tax_rate);
    c.fraction("finance.nol_limit", f.nol_limit);
    c.non_negative("finance.debt_beta", f.debt_beta);
    c.non_negative("finance.contract_beta", f.contract_beta);
    for (const model::Material& m : plan.materials) {
        const std::string pre = "materials." + m.id + ".";
        c.series(pre + "market_price_usd_per_kg", m.market_price_usd_per_kg, check_non_negative);
        c.series(pre + "import_available", m.import_available, check_fraction);
        c.series(pre + "demand_tpy", m.demand_tpy, check_non_negative);
    }
}

void check_plant(Checker& c, const model::Plant& p, std::size_t index) {
    const std::string pre = detail::element_path("plant", p.id, index) + ".";
    c.positive(pre + "capacity_tpy", p.capacity_tpy);
    for (const auto& [mat, kg] : p.inputs) c.non_negative(pre + "inputs." + mat, kg);
    c.non_negative(pre + "capex_musd", p.capex_musd);
    if (!p.capex_profile.empty()) {
        double sum = 0;
        bool each_ok = true;
        for (double share : p.capex_profile) {
            if (!(share >= 0)) {
                c.fail(pre + "capex_profile", "each share must be >= 0, got " + num(share));
                each_ok = false;
            }
            sum += share;
        }
        if (each_ok && !(std::fabs(sum - 1) <= sum_tolerance))
            c.fail(pre + "capex_profile", "must sum to 1, got " + sum_text(sum));
    }
    c.non_negative(pre + "fixed_opex_musd", p.fixed_opex_musd);
    c.non_negative(pre + "variable_opex_usd_per_kg", p.variable_opex_usd_per_kg);
    c.growth(pre + "escalation", p.escalation);
    c.positive(pre + "life_years", p.life_years);
    c.non_negative(pre + "working_capital_days", p.working_capital_days);
    c.non_negative(pre + "unlevered_beta", p.unlevered_beta);
    if (!(p.cost_of_equity >= 0 && p.cost_of_equity < 1))
        c.fail(pre + "cost_of_equity", "must be in [0, 1) (0: use the CAPM build-up), got " + num(p.cost_of_equity));
    if (!(p.technology_premium >= 0 && p.technology_premium <= 0.2))
        c.fail(pre + "technology_premium", "must be in [0, 0.2], got " + num(p.technology_premium));

    const model::Schedule& s = p.schedule;
    c.non_negative(pre + "schedule.permitting_years", s.permitting_years);
    c.non_negative(pre + "schedule.construction_years", s.construction_years);
    c.non_negative(pre + "schedule.commissioning_years", s.commissioning_years);
    if (s.ramp.shape == model::RampShape::Table) {
        for (double u : s.ramp.table)
            if (!(u >= 0 && u <= 1)) c.fail(pre + "schedule.ramp.table", "each value must be in [0, 1], got " + num(u));
    } else {
        c.non_negative(pre + "schedule.ramp.years", s.ramp.years);
        c.fraction(pre + "schedule.ramp.start", s.ramp.start);
    }

    const model::Financing& f = p.financing;
    c.fraction(pre + "financing.debt_share", f.debt_share);
    c.positive(pre + "financing.target_dscr", f.target_dscr);
    c.tenor(pre + "financing.tenor_years", f.tenor_years);
    if (!f.synthetic_cost_of_debt) c.rate(pre + "financing.cost_of_debt", f.cost_of_debt);
}

void check_support(Checker& c, const model::Support& s, std::size_t index) {
    using model::SupportKind;
    const std::string pre = detail::element_path("support", s.id, index) + ".";
    c.above(pre + "end_year", s.end_year, "start_year", s.start_year);
    switch (s.kind) {
        case SupportKind::PriceFloor:
            c.non_negative(pre + "floor_usd_per_kg", s.floor_usd_per_kg);
            c.fraction(pre + "upside_share", s.upside_share);
            c.fraction(pre + "share", s.share);
            break;
        case SupportKind::Offtake:
            c.fraction(pre + "share", s.share);
            if (s.price_usd_per_kg) c.non_negative(pre + "price_usd_per_kg", *s.price_usd_per_kg);
            if (s.cost_plus_margin && !(*s.cost_plus_margin > -1))
                c.fail(pre + "cost_plus_margin", "must be > -1, got " + num(*s.cost_plus_margin));
            break;
        case SupportKind::Tariff: c.non_negative(pre + "rate", s.rate); break;
        case SupportKind::TaxCredit:
            if (s.basis == model::CreditBasis::PerKg) c.non_negative(pre + "usd_per_kg", s.usd_per_kg);
            else c.fraction(pre + "rate", s.rate);
            c.series(pre + "phase_out", s.phase_out, check_fraction);
            c.fraction(pre + "transfer_price", s.transfer_price);
            break;
        case SupportKind::Grant: c.non_negative(pre + "amount_musd", s.amount_musd); break;
        case SupportKind::Loan:
            c.non_negative(pre + "amount_musd", s.amount_musd);
            if (s.has_rate) c.rate(pre + "rate", s.rate);
            else c.rate(pre + "spread_over_risk_free", s.spread_over_risk_free);
            c.tenor(pre + "tenor_years", s.tenor_years);
            c.non_negative(pre + "grace_years", s.grace_years);
            if (s.grace_years >= 0 && !(s.grace_years < s.tenor_years))
                c.fail(pre + "grace_years", "must be < tenor_years (" + num(s.tenor_years) + "), got " + num(s.grace_years));
            c.fraction(pre + "fee_share", s.fee_share);
            break;
        case SupportKind::LoanGuarantee:
            c.fraction(pre + "share", s.share);
            c.rate(pre + "spread_over_risk_free", s.spread_over_risk_free);
            c.fraction(pre + "fee_share", s.fee_share);
            break;
        case SupportKind::Equity:
            c.non_negative(pre + "amount_musd", s.amount_musd);
            c.rate(pre + "required_return", s.required_return);
            break;
    }
}

/// The offtake shares of each plant sum to at most 1; reported at the offtake that passes 1.
void check_offtakes(Checker& c, const model::Plan& plan) {
    for (const model::Plant& p : plan.plants) {
        if (p.id.empty()) continue;
        double sum = 0;
        for (const model::Support& s : plan.supports) {
            if (s.kind != model::SupportKind::Offtake || s.id.empty()) continue;
            bool names = false;
            for (const auto& id : s.plants) names = names || id == p.id;
            if (!names) continue;
            const bool was_ok = sum <= 1 + sum_tolerance;
            sum += s.share;
            if (was_ok && sum > 1 + sum_tolerance)
                c.fail_at("support." + s.id + ".share", "support." + s.id + ".share",
                          "offtake shares of plant \"" + p.id + "\" sum to " + sum_text(sum) + "; expected at most 1");
        }
    }
}

void check_risk(Checker& c, const model::Risk& r, std::size_t index) {
    using model::RiskKind;
    const std::string pre = detail::element_path("risk", r.id, index) + ".";
    switch (r.kind) {
        case RiskKind::Reversal:
            c.fraction(pre + "probability", r.probability);
            c.fraction(pre + "annual_probability", r.annual_probability);
            if (r.has_elections) c.positive(pre + "elections.every_years", r.elections_every_years);
            break;
        case RiskKind::SupplyRestriction:
            c.fraction(pre + "annual_probability", r.annual_probability);
            c.fraction(pre + "available_share", r.available_share);
            c.non_negative(pre + "price_multiplier", r.price_multiplier);
            c.non_negative(pre + "duration_years", r.duration_years);
            break;
        case RiskKind::Delay:
            c.fraction(pre + "probability", r.probability);
            c.distribution(pre + "delay_years", r.delay_years);
            break;
    }
}

}  // namespace

std::vector<model::Diagnostic> check_ranges(const model::Plan& plan) {
    Checker c(plan);
    check_project(c, plan);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) check_plant(c, plan.plants[i], i);
    for (std::size_t i = 0; i < plan.supports.size(); ++i) check_support(c, plan.supports[i], i);
    check_offtakes(c, plan);
    for (std::size_t i = 0; i < plan.risks.size(); ++i) check_risk(c, plan.risks[i], i);
    for (std::size_t i = 0; i < plan.uncertain.size(); ++i)
        c.distribution("uncertain[" + std::to_string(i) + "]", plan.uncertain[i].dist);
    for (std::size_t i = 0; i < plan.correlations.size(); ++i) {
        const double rank = plan.correlations[i].rank;
        if (!(rank >= -1 && rank <= 1))
            c.fail("correlation[" + std::to_string(i) + "].rank", "must be in [-1, 1], got " + num(rank));
    }
    return c.take();
}

}  // namespace reeplan::io
