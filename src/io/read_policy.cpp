/// `[[support]]` and `[[risk]]` (input format §3, "Support kinds" and "Risk kinds").

#include "io/detail/sections.hpp"

#include <algorithm>

namespace reeplan::io::detail {

namespace {

using model::RiskKind;
using model::SupportKind;

const Choices<SupportKind>& support_kinds() {
    static const Choices<SupportKind> kinds{
        {"price_floor", SupportKind::PriceFloor}, {"offtake", SupportKind::Offtake},
        {"tariff", SupportKind::Tariff},          {"tax_credit", SupportKind::TaxCredit},
        {"grant", SupportKind::Grant},            {"loan", SupportKind::Loan},
        {"loan_guarantee", SupportKind::LoanGuarantee}, {"equity", SupportKind::Equity}};
    return kinds;
}

/// The keys of each support kind besides id, kind, plants, start_year and end_year.
std::vector<std::string> support_keys(SupportKind k) {
    switch (k) {
        case SupportKind::PriceFloor: return {"floor_usd_per_kg", "upside_share", "share"};
        case SupportKind::Offtake: return {"share", "price_usd_per_kg", "cost_plus_margin"};
        case SupportKind::Tariff: return {"material", "rate"};
        case SupportKind::TaxCredit:
            return {"basis", "rate", "usd_per_kg", "phase_out", "transferable", "transfer_price"};
        case SupportKind::Grant: return {"amount_musd", "year", "taxable", "reduces_basis"};
        case SupportKind::Loan:
            return {"amount_musd", "rate", "spread_over_risk_free", "tenor_years", "grace_years", "fee_share"};
        case SupportKind::LoanGuarantee: return {"share", "spread_over_risk_free", "fee_share"};
        case SupportKind::Equity: return {"amount_musd", "year", "required_return"};
    }
    return {};
}

/// Marks the keys of other kinds as "does not apply to <what>".
template <class Kind>
void other_kinds_keys(Table& t, const Choices<Kind>& kinds, const std::vector<std::string>& mine,
                      std::vector<std::string> (*keys_of)(Kind), const std::string& what) {
    for (const auto& [name, k] : kinds)
        for (const std::string& key : keys_of(k))
            if (std::find(mine.begin(), mine.end(), key) == mine.end()) t.not_here(key, what);
}

/// "give either A or B, not both" / "missing A or B; expected one of them".
void exactly_one(Table& t, const char* a, const char* b, bool required) {
    const bool has_a = t.has(a), has_b = t.has(b);
    const std::string qa = std::string("\"") + a + "\"", qb = std::string("\"") + b + "\"";
    if (has_a && has_b)
        t.context().error(t.pos(), t.path(), "both " + qa + " and " + qb + " given; expected exactly one of them");
    else if (required && !has_a && !has_b)
        t.context().error(t.pos(), t.path(), "missing " + qa + " or " + qb + "; expected exactly one of them");
}

const char* basis_name(model::CreditBasis b) {
    switch (b) {
        case model::CreditBasis::ProductionCost: return "production_cost";
        case model::CreditBasis::Capex: return "capex";
        case model::CreditBasis::PerKg: return "per_kg";
    }
    return "?";
}

void read_support_kind(Table& t, model::Support& s) {
    switch (s.kind) {
        case SupportKind::PriceFloor:
            t.number("floor_usd_per_kg", s.floor_usd_per_kg, true);
            t.number("upside_share", s.upside_share);
            t.number("share", s.share);
            break;
        case SupportKind::Offtake:
            t.number("share", s.share);
            t.optional_number("price_usd_per_kg", s.price_usd_per_kg);
            t.optional_number("cost_plus_margin", s.cost_plus_margin);
            exactly_one(t, "price_usd_per_kg", "cost_plus_margin", true);
            break;
        case SupportKind::Tariff:
            t.text("material", s.material, true);
            s.has_rate = t.number("rate", s.rate, true);
            break;
        case SupportKind::TaxCredit: {
            t.choice("basis",
                     Choices<model::CreditBasis>{{"production_cost", model::CreditBasis::ProductionCost},
                                                 {"capex", model::CreditBasis::Capex},
                                                 {"per_kg", model::CreditBasis::PerKg}},
                     s.basis);
            const bool per_kg = s.basis == model::CreditBasis::PerKg;
            const char* needed = per_kg ? "usd_per_kg" : "rate";
            const char* other = per_kg ? "rate" : "usd_per_kg";
            if (per_kg) t.number("usd_per_kg", s.usd_per_kg, true);
            else s.has_rate = t.number("rate", s.rate, true);
            t.not_here(other, std::string("a tax_credit with basis \"") + basis_name(s.basis) + "\"; expected \"" +
                                  needed + "\"");
            t.series("phase_out", s.phase_out);
            t.boolean("transferable", s.transferable);
            t.number("transfer_price", s.transfer_price);
            break;
        }
        case SupportKind::Grant:
            t.number("amount_musd", s.amount_musd, true);
            t.number("year", s.year);
            t.boolean("taxable", s.taxable);
            t.boolean("reduces_basis", s.reduces_basis);
            break;
        case SupportKind::Loan:
            t.number("amount_musd", s.amount_musd, true);
            s.has_rate = t.number("rate", s.rate);
            t.number("spread_over_risk_free", s.spread_over_risk_free);
            exactly_one(t, "rate", "spread_over_risk_free", true);
            t.number("tenor_years", s.tenor_years);
            t.number("grace_years", s.grace_years);
            t.number("fee_share", s.fee_share);
            break;
        case SupportKind::LoanGuarantee:
            t.number("share", s.share);
            t.number("spread_over_risk_free", s.spread_over_risk_free);
            t.number("fee_share", s.fee_share);
            break;
        case SupportKind::Equity:
            t.number("amount_musd", s.amount_musd, true);
            t.number("year", s.year);
            t.number("required_return", s.required_return);
            break;
    }
}

/// Reads a list of ids and records each one's position as `path[i]`.
void read_refs(Table& t, const char* key, std::vector<std::string>& out, bool required) {
    std::vector<model::SourcePos> where;
    if (!t.strings(key, out, &where, required)) return;
    if (required && out.empty())
        t.context().error(t.context().plan().pos(t.key_path(key)), t.key_path(key), "empty; expected at least one id");
    for (std::size_t i = 0; i < where.size(); ++i)
        t.context().record(t.key_path(key) + "[" + std::to_string(i) + "]", where[i]);
}

const Choices<RiskKind>& risk_kinds() {
    static const Choices<RiskKind> kinds{{"reversal", RiskKind::Reversal},
                                         {"supply_restriction", RiskKind::SupplyRestriction},
                                         {"delay", RiskKind::Delay}};
    return kinds;
}

std::vector<std::string> risk_keys(RiskKind k) {
    switch (k) {
        case RiskKind::Reversal:
            return {"supports", "elections", "annual_probability", "probability", "grandfathered"};
        case RiskKind::SupplyRestriction:
            return {"material", "annual_probability", "available_share", "price_multiplier", "duration_years"};
        case RiskKind::Delay: return {"plants", "phase", "probability", "delay_years"};
    }
    return {};
}

void read_elections(Table& t, model::Risk& r) {
    auto e = t.table("elections");
    if (!e) return;
    r.has_elections = true;
    Context& cx = t.context();
    if (!e->number("first_year", r.elections_first_year, true)) r.has_elections = e->has("first_year");
    e->number("every_years", r.elections_every_years);
    e->finish();
    // Parameter paths name these risk.<id>.elections_first_year and …_every_years.
    for (const char* k : {"first_year", "every_years"}) {
        auto it = cx.plan().where.find(e->key_path(k));
        if (it != cx.plan().where.end()) cx.record(t.key_path(std::string("elections_") + k), it->second);
    }
}

void read_delay_years(Table& t, model::Distribution& d) {
    const toml::node* n = t.get("delay_years");
    if (!n) {
        t.missing("delay_years", "a number of years or a distribution table");
        return;
    }
    Context& cx = t.context();
    if (n->is_number()) {
        d.kind = model::DistKind::Fixed;
        read_number(cx, *n, t.key_path("delay_years"), d.value);
        return;
    }
    const toml::table* dt = n->as_table();
    if (!dt) {
        cx.error(*n, t.key_path("delay_years"), "expected a number or a distribution table, got " + type_name(*n));
        return;
    }
    Table sub(cx, *dt, t.key_path("delay_years"), cx.pos(*n));
    read_distribution(sub, d);
    sub.finish();
}

void read_risk_kind(Table& t, model::Risk& r) {
    switch (r.kind) {
        case RiskKind::Reversal:
            read_refs(t, "supports", r.supports, true);
            read_elections(t, r);
            t.number("annual_probability", r.annual_probability);
            if (r.has_elections || !t.has("annual_probability")) t.number("probability", r.probability, r.has_elections);
            else t.not_here("probability", "a reversal without elections; expected \"annual_probability\"");
            exactly_one(t, "elections", "annual_probability", true);
            read_refs(t, "grandfathered", r.grandfathered, false);
            break;
        case RiskKind::SupplyRestriction:
            t.text("material", r.material, true);
            t.number("annual_probability", r.annual_probability, true);
            t.number("available_share", r.available_share);
            t.number("price_multiplier", r.price_multiplier);
            t.number("duration_years", r.duration_years);
            break;
        case RiskKind::Delay:
            read_refs(t, "plants", r.plants, true);
            t.choice("phase",
                     Choices<std::string>{{"permitting", "permitting"},
                                          {"construction", "construction"},
                                          {"commissioning", "commissioning"},
                                          {"ramp", "ramp"}},
                     r.phase);
            t.number("probability", r.probability, true);
            read_delay_years(t, r.delay_years);
            break;
    }
}

}  // namespace

void read_supports(Table& root) {
    Context& cx = root.context();
    std::vector<std::string> seen;
    const double base_year = cx.plan().project.base_year;
    for (auto [index, table] : array_of_tables(root, "support")) {
        Table t(cx, *table, "support", cx.pos(*table));
        model::Support s;
        s.id = read_element_id(t, "support", index, seen);
        s.start_year = base_year;
        s.end_year = 1e9;
        s.year = base_year;
        const bool kind_ok = t.choice("kind", support_kinds(), s.kind, true);
        read_refs(t, "plants", s.plants, kind_ok && s.kind != SupportKind::Tariff);
        t.number("start_year", s.start_year);
        t.number("end_year", s.end_year);
        if (kind_ok) {
            read_support_kind(t, s);
            other_kinds_keys(t, support_kinds(), support_keys(s.kind), &support_keys,
                             std::string("a support of kind \"") + model::to_string(s.kind) + "\"");
        } else {
            for (const auto& k : support_kinds())
                for (const std::string& key : support_keys(k.second)) t.allow(key);
        }
        t.finish();
        cx.plan().supports.push_back(std::move(s));
    }
}

void read_risks(Table& root) {
    Context& cx = root.context();
    std::vector<std::string> seen;
    for (auto [index, table] : array_of_tables(root, "risk")) {
        Table t(cx, *table, "risk", cx.pos(*table));
        model::Risk r;
        r.id = read_element_id(t, "risk", index, seen);
        const bool kind_ok = t.choice("kind", risk_kinds(), r.kind, true);
        if (kind_ok) {
            read_risk_kind(t, r);
            other_kinds_keys(t, risk_kinds(), risk_keys(r.kind), &risk_keys,
                             std::string("a risk of kind \"") + model::to_string(r.kind) + "\"");
        } else {
            for (const auto& k : risk_kinds())
                for (const std::string& key : risk_keys(k.second)) t.allow(key);
        }
        t.finish();
        cx.plan().risks.push_back(std::move(r));
    }
}

}  // namespace reeplan::io::detail
