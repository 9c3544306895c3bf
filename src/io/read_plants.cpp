/// `[[plant]]`, `[plant.schedule]` and `[plant.financing]` (input format §3).

#include "io/detail/sections.hpp"
#include "io/spellcheck.hpp"

#include <algorithm>
#include <charconv>

namespace reeplan::io::detail {

namespace {

const std::vector<std::string>& phase_names() {
    static const std::vector<std::string> names{"permitting", "construction", "commissioning", "ramp"};
    return names;
}

/// "macrs-3|5|7|10|15|20" | "sl-N" (N a whole number ≥ 1) | "none".
bool parse_depreciation(const std::string& s, model::Depreciation& out) {
    if (s == "none") {
        out = model::Depreciation{model::DepreciationKind::None, 0};
        return true;
    }
    auto whole = [](std::string_view digits, int& n) {
        if (digits.empty() || digits.size() > 3 || digits[0] == '0') return false;
        auto res = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        return res.ec == std::errc() && res.ptr == digits.data() + digits.size();
    };
    int n = 0;
    if (s.rfind("macrs-", 0) == 0 && whole(std::string_view(s).substr(6), n)) {
        if (n == 3 || n == 5 || n == 7 || n == 10 || n == 15 || n == 20) {
            out = model::Depreciation{model::DepreciationKind::Macrs, n};
            return true;
        }
        return false;
    }
    if (s.rfind("sl-", 0) == 0 && whole(std::string_view(s).substr(3), n)) {
        out = model::Depreciation{model::DepreciationKind::StraightLine, n};
        return true;
    }
    return false;
}

void read_depreciation(Table& t, model::Depreciation& out) {
    std::string s;
    if (!t.text("depreciation", s)) return;
    if (parse_depreciation(s, out)) return;
    static const std::vector<std::string> examples{"macrs-3", "macrs-5", "macrs-7", "macrs-10", "macrs-15",
                                                   "macrs-20", "sl-10",   "none"};
    t.context().error(t.context().plan().pos(t.key_path("depreciation")), t.key_path("depreciation"),
                      "unknown depreciation \"" + s +
                          "\"; expected \"macrs-3|5|7|10|15|20\", \"sl-N\" (N whole years >= 1) or \"none\"" +
                          did_you_mean(s, examples));
}

void read_ramp(Table& schedule, model::Ramp& ramp) {
    auto t = schedule.table("ramp");
    if (!t) return;
    if (t->has("table")) {
        ramp.shape = model::RampShape::Table;
        t->numbers("table", ramp.table);
        for (const char* k : {"years", "start", "shape"}) t->not_here(k, "a ramp given as a table");
        t->finish();
        return;
    }
    t->number("years", ramp.years);
    t->number("start", ramp.start);
    t->choice("shape", Choices<model::RampShape>{{"linear", model::RampShape::Linear}, {"s-curve", model::RampShape::SCurve}},
              ramp.shape);
    t->allow("table");
    t->finish();
}

/// "plant.phase" or "plant.phase+lag_years".
void read_after(Table& schedule, std::vector<model::PhaseRef>& after) {
    Context& cx = schedule.context();
    std::vector<std::string> items;
    std::vector<model::SourcePos> where;
    if (!schedule.strings("after", items, &where)) return;
    const std::string path = schedule.key_path("after");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& s = items[i];
        const std::size_t dot = s.find('.');
        const std::size_t plus = s.find('+', dot == std::string::npos ? 0 : dot);
        model::PhaseRef ref;
        bool ok = dot != std::string::npos && dot > 0;
        if (ok) {
            ref.plant = s.substr(0, dot);
            ref.phase = s.substr(dot + 1, plus == std::string::npos ? std::string::npos : plus - dot - 1);
            if (plus != std::string::npos) {
                const std::string lag = s.substr(plus + 1);
                auto res = std::from_chars(lag.data(), lag.data() + lag.size(), ref.lag_years);
                ok = !lag.empty() && res.ec == std::errc() && res.ptr == lag.data() + lag.size() && ref.lag_years >= 0;
            }
        }
        if (!ok) {
            cx.error(where[i], path, "bad reference \"" + s + "\"; expected \"plant.phase\" or \"plant.phase+lag_years\"");
            continue;
        }
        const auto& phases = phase_names();
        if (std::find(phases.begin(), phases.end(), ref.phase) == phases.end()) {
            cx.error(where[i], path,
                     "unknown phase \"" + ref.phase + "\"; expected one of " + quoted_list(phases) +
                         did_you_mean(ref.phase, phases));
            continue;
        }
        cx.record(path + "[" + std::to_string(after.size()) + "]", where[i]);
        after.push_back(std::move(ref));
    }
}

void read_schedule(Table& plant, model::Schedule& s, double base_year) {
    s.earliest_start_year = base_year;
    auto t = plant.table("schedule");
    if (!t) return;
    t->number("earliest_start_year", s.earliest_start_year);
    t->number("permitting_years", s.permitting_years);
    t->number("construction_years", s.construction_years);
    t->number("commissioning_years", s.commissioning_years);
    read_ramp(*t, s.ramp);
    read_after(*t, s.after);
    t->finish();
}

void read_financing(Table& plant, model::Financing& f) {
    auto t = plant.table("financing");
    if (!t) return;
    Context& cx = t->context();
    t->number("debt_share", f.debt_share);
    t->choice("debt_sizing", Choices<model::DebtSizing>{{"share", model::DebtSizing::Share}, {"dscr", model::DebtSizing::Dscr}},
              f.debt_sizing);
    t->number("target_dscr", f.target_dscr);
    t->number("tenor_years", f.tenor_years);
    if (const toml::node* n = t->get("cost_of_debt")) {
        if (auto s = n->as_string()) {
            if (s->get() == "synthetic") f.synthetic_cost_of_debt = true;
            else
                cx.error(*n, t->key_path("cost_of_debt"),
                         "unknown cost_of_debt \"" + s->get() + "\"; expected a number or \"synthetic\"" +
                             did_you_mean(s->get(), {"synthetic"}));
        } else if (n->is_number()) {
            read_number(cx, *n, t->key_path("cost_of_debt"), f.cost_of_debt);
        } else {
            cx.error(*n, t->key_path("cost_of_debt"), "expected a number or \"synthetic\", got " + type_name(*n));
        }
    }
    t->choice("repayment",
              Choices<model::Repayment>{{"annuity", model::Repayment::Annuity},
                                        {"level-principal", model::Repayment::LevelPrincipal},
                                        {"sculpted", model::Repayment::Sculpted}},
              f.repayment);
    t->finish();
}

void read_inputs(Table& plant, std::map<std::string, double>& inputs) {
    auto t = plant.table("inputs");
    if (!t) return;
    Context& cx = plant.context();
    for (auto&& [k, v] : t->raw()) {
        const std::string mat(k.str());
        const std::string path = t->key_path(mat);
        t->allow(mat);
        double kg = 0;
        if (!read_number(cx, v, path, kg)) continue;
        cx.record(path, cx.pos(v));
        inputs[mat] = kg;
    }
}

}  // namespace

void read_plants(Table& root) {
    Context& cx = root.context();
    std::vector<std::string> seen;
    const double base_year = cx.plan().project.base_year;
    for (auto [index, table] : array_of_tables(root, "plant")) {
        Table t(cx, *table, "plant", cx.pos(*table));
        model::Plant p;
        p.id = read_element_id(t, "plant", index, seen);
        p.name = p.id;
        t.text("name", p.name);
        t.choice("stage",
                 Choices<model::Stage>{{"refining", model::Stage::Refining},
                                       {"alloying", model::Stage::Alloying},
                                       {"fabrication", model::Stage::Fabrication}},
                 p.stage);
        t.text("output", p.output, true);
        t.number("capacity_tpy", p.capacity_tpy, true);
        read_inputs(t, p.inputs);
        t.number("capex_musd", p.capex_musd, true);
        t.numbers("capex_profile", p.capex_profile);
        t.number("fixed_opex_musd", p.fixed_opex_musd);
        t.number("variable_opex_usd_per_kg", p.variable_opex_usd_per_kg);
        t.number("escalation", p.escalation);
        t.number("life_years", p.life_years);
        read_depreciation(t, p.depreciation);
        t.number("working_capital_days", p.working_capital_days);
        t.number("unlevered_beta", p.unlevered_beta);
        t.number("cost_of_equity", p.cost_of_equity);
        t.number("technology_premium", p.technology_premium);
        read_schedule(t, p.schedule, base_year);
        read_financing(t, p.financing);
        t.finish();
        cx.plan().plants.push_back(std::move(p));
    }
}

}  // namespace reeplan::io::detail
