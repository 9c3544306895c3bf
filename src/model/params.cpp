#include "model/params.hpp"

#include <algorithm>
#include <functional>

namespace reeplan::model {

namespace {

template <class Obj> struct Field {
    const char* key;
    std::function<ParamRef(Obj&)> ref;
};


#define NUM(Obj, member) Field<Obj>{#member, [](Obj& o) { return ParamRef{&o.member, nullptr}; }}
#define SER(Obj, member) Field<Obj>{#member, [](Obj& o) { return ParamRef{nullptr, &o.member}; }}

const std::vector<Field<Project>>& project_fields() {
    static const std::vector<Field<Project>> f{NUM(Project, base_year), NUM(Project, end_year),
                                               NUM(Project, inflation),
                                               NUM(Project, independence_target),
                                               NUM(Project, independence_target_year)};
    return f;
}
const std::vector<Field<Finance>>& finance_fields() {
    static const std::vector<Field<Finance>> f{
        NUM(Finance, risk_free), NUM(Finance, equity_risk_premium), NUM(Finance, country_risk_premium),
        NUM(Finance, tax_rate),  NUM(Finance, nol_limit),           NUM(Finance, debt_beta),
        NUM(Finance, contract_beta)};
    return f;
}
const std::vector<Field<Material>>& material_fields() {
    static const std::vector<Field<Material>> f{SER(Material, market_price_usd_per_kg),
                                                SER(Material, import_available),
                                                SER(Material, demand_tpy)};
    return f;
}
const std::vector<Field<Plant>>& plant_fields() {
    static const std::vector<Field<Plant>> f{
        NUM(Plant, capacity_tpy),         NUM(Plant, capex_musd),       NUM(Plant, fixed_opex_musd),
        NUM(Plant, variable_opex_usd_per_kg), NUM(Plant, escalation),   NUM(Plant, life_years),
        NUM(Plant, working_capital_days), NUM(Plant, unlevered_beta),   NUM(Plant, cost_of_equity),
        NUM(Plant, technology_premium)};
    return f;
}
const std::vector<Field<Schedule>>& schedule_fields() {
    static const std::vector<Field<Schedule>> f{
        NUM(Schedule, earliest_start_year), NUM(Schedule, permitting_years),
        NUM(Schedule, construction_years), NUM(Schedule, commissioning_years)};
    return f;
}
const std::vector<Field<Financing>>& financing_fields() {
    static const std::vector<Field<Financing>> f{NUM(Financing, debt_share), NUM(Financing, target_dscr),
                                                 NUM(Financing, tenor_years),
                                                 NUM(Financing, cost_of_debt)};
    return f;
}
const std::vector<Field<Support>>& support_fields() {
    static const std::vector<Field<Support>> f{
        NUM(Support, start_year),      NUM(Support, end_year),       NUM(Support, floor_usd_per_kg),
        NUM(Support, upside_share),    NUM(Support, share),          NUM(Support, rate),
        NUM(Support, usd_per_kg),      NUM(Support, transfer_price), NUM(Support, amount_musd),
        NUM(Support, year),            NUM(Support, required_return), NUM(Support, spread_over_risk_free),
        NUM(Support, tenor_years),     NUM(Support, grace_years),    NUM(Support, fee_share),
        Field<Support>{"price_usd_per_kg",
                       [](Support& s) {
                           return s.price_usd_per_kg ? ParamRef{&*s.price_usd_per_kg, nullptr} : ParamRef{};
                       }},
        Field<Support>{"cost_plus_margin", [](Support& s) {
                           return s.cost_plus_margin ? ParamRef{&*s.cost_plus_margin, nullptr} : ParamRef{};
                       }}};
    return f;
}
const std::vector<Field<Risk>>& risk_fields() {
    static const std::vector<Field<Risk>> f{
        NUM(Risk, probability),     NUM(Risk, annual_probability), NUM(Risk, available_share),
        NUM(Risk, price_multiplier), NUM(Risk, duration_years),     NUM(Risk, elections_first_year),
        NUM(Risk, elections_every_years),
        Field<Risk>{"delay_years", [](Risk& r) {
                        return r.delay_years.kind == DistKind::Fixed ? ParamRef{&r.delay_years.value, nullptr}
                                                                      : ParamRef{};
                    }}};
    return f;
}

#undef NUM
#undef SER

template <class Obj> ParamRef find_field(const std::vector<Field<Obj>>& fields, Obj& o, std::string_view key) {
    for (const auto& f : fields)
        if (key == f.key) return f.ref(o);
    return {};
}

template <class Obj>
void list_fields(const std::vector<Field<Obj>>& fields, Obj& o, const std::string& prefix,
                 std::vector<std::string>& out) {
    for (const auto& f : fields)
        if (f.ref(o)) out.push_back(prefix + f.key);
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '.') {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

}  // namespace

ParamRef resolve_param(Plan& plan, std::string_view path) {
    auto p = split(path);
    if (p.size() == 2 && p[0] == "project") return find_field(project_fields(), plan.project, p[1]);
    if (p.size() == 2 && p[0] == "finance") return find_field(finance_fields(), plan.finance, p[1]);
    if (p.size() == 3 && p[0] == "materials") {
        for (auto& m : plan.materials)
            if (m.id == p[1]) return find_field(material_fields(), m, p[2]);
        return {};
    }
    if ((p.size() == 3 || p.size() == 4) && p[0] == "plant") {
        for (auto& pl : plan.plants) {
            if (pl.id != p[1]) continue;
            if (p.size() == 3) return find_field(plant_fields(), pl, p[2]);
            if (p[2] == "schedule") {
                if (p[3] == "ramp_years") return ParamRef{&pl.schedule.ramp.years, nullptr};
                if (p[3] == "ramp_start") return ParamRef{&pl.schedule.ramp.start, nullptr};
                return find_field(schedule_fields(), pl.schedule, p[3]);
            }
            if (p[2] == "financing") return find_field(financing_fields(), pl.financing, p[3]);
            if (p[2] == "inputs") {
                auto it = pl.inputs.find(std::string(p[3]));
                return it == pl.inputs.end() ? ParamRef{} : ParamRef{&it->second, nullptr};
            }
        }
        return {};
    }
    if (p.size() == 3 && p[0] == "support") {
        for (auto& s : plan.supports)
            if (s.id == p[1]) {
                if (p[2] == "phase_out") return ParamRef{nullptr, &s.phase_out};
                return find_field(support_fields(), s, p[2]);
            }
        return {};
    }
    if (p.size() == 3 && p[0] == "risk") {
        for (auto& r : plan.risks)
            if (r.id == p[1]) return find_field(risk_fields(), r, p[2]);
        return {};
    }
    return {};
}

std::vector<std::string> param_paths(const Plan& const_plan) {
    Plan& plan = const_cast<Plan&>(const_plan);  // fields are only inspected, never written
    std::vector<std::string> out;
    list_fields(project_fields(), plan.project, "project.", out);
    list_fields(finance_fields(), plan.finance, "finance.", out);
    for (auto& m : plan.materials) list_fields(material_fields(), m, "materials." + m.id + ".", out);
    for (auto& pl : plan.plants) {
        const std::string pre = "plant." + pl.id + ".";
        list_fields(plant_fields(), pl, pre, out);
        list_fields(schedule_fields(), pl.schedule, pre + "schedule.", out);
        out.push_back(pre + "schedule.ramp_years");
        out.push_back(pre + "schedule.ramp_start");
        list_fields(financing_fields(), pl.financing, pre + "financing.", out);
        for (auto& [mat, kg] : pl.inputs) out.push_back(pre + "inputs." + mat);
    }
    for (auto& s : plan.supports) {
        list_fields(support_fields(), s, "support." + s.id + ".", out);
        out.push_back("support." + s.id + ".phase_out");
    }
    for (auto& r : plan.risks) list_fields(risk_fields(), r, "risk." + r.id + ".", out);
    std::sort(out.begin(), out.end());
    return out;
}

const char* to_string(Stage s) {
    switch (s) {
        case Stage::Refining: return "refining";
        case Stage::Alloying: return "alloying";
        case Stage::Fabrication: return "fabrication";
    }
    return "?";
}
const char* to_string(SupportKind k) {
    switch (k) {
        case SupportKind::PriceFloor: return "price_floor";
        case SupportKind::Offtake: return "offtake";
        case SupportKind::Tariff: return "tariff";
        case SupportKind::TaxCredit: return "tax_credit";
        case SupportKind::Grant: return "grant";
        case SupportKind::Loan: return "loan";
        case SupportKind::LoanGuarantee: return "loan_guarantee";
        case SupportKind::Equity: return "equity";
    }
    return "?";
}
const char* to_string(RiskKind k) {
    switch (k) {
        case RiskKind::Reversal: return "reversal";
        case RiskKind::SupplyRestriction: return "supply_restriction";
        case RiskKind::Delay: return "delay";
    }
    return "?";
}

}  // namespace reeplan::model
