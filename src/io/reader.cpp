#include "io/reader.hpp"

#include "io/detail/sections.hpp"
#include "io/ranges.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>

namespace reeplan::io {

namespace detail {

void read_project(Table& root) {
    Context& cx = root.context();
    model::Project& p = cx.plan().project;
    auto t = root.table("project");
    if (!t) {
        if (!root.has("project"))
            cx.error(root.pos(), "project.base_year", "missing required key; expected a calendar year, e.g. 2026");
        return;
    }
    t->text("name", p.name);
    if (!t->number("base_year", p.base_year) && !t->has("base_year"))
        t->missing("base_year", "a calendar year, e.g. 2026");
    p.end_year = p.base_year + 30;
    t->number("end_year", p.end_year);
    t->choice("timing", Choices<model::Timing>{{"end-year", model::Timing::EndYear}, {"mid-year", model::Timing::MidYear}},
              p.timing);
    t->choice("dollars", Choices<model::Dollars>{{"real", model::Dollars::Real}, {"nominal", model::Dollars::Nominal}},
              p.dollars);
    t->number("inflation", p.inflation);
    t->text("final_product", p.final_product);
    t->number("independence_target", p.independence_target);
    p.independence_target_year = p.end_year;
    t->number("independence_target_year", p.independence_target_year);
    t->finish();
}

void read_finance(Table& root) {
    model::Finance& f = root.context().plan().finance;
    auto t = root.table("finance");
    if (!t) return;
    t->number("risk_free", f.risk_free);
    t->number("equity_risk_premium", f.equity_risk_premium);
    t->number("country_risk_premium", f.country_risk_premium);
    t->number("tax_rate", f.tax_rate);
    t->number("nol_limit", f.nol_limit);
    t->choice("losses",
              Choices<model::Losses>{{"carryforward", model::Losses::Carryforward}, {"monetized", model::Losses::Monetized}},
              f.losses);
    t->choice("beta_method",
              Choices<model::BetaMethod>{{"hamada", model::BetaMethod::Hamada},
                                         {"harris-pringle", model::BetaMethod::HarrisPringle},
                                         {"miles-ezzell", model::BetaMethod::MilesEzzell}},
              f.beta_method);
    t->number("debt_beta", f.debt_beta);
    t->choice("rating_table",
              Choices<model::RatingTable>{{"damodaran-2025-large", model::RatingTable::Damodaran2025Large},
                                          {"damodaran-2025-small", model::RatingTable::Damodaran2025Small}},
              f.rating_table);
    t->number("contract_beta", f.contract_beta);
    t->finish();
}

void read_materials(Table& root) {
    Context& cx = root.context();
    auto all = root.table("materials");
    if (!all) return;
    // In the order written: toml++ keeps the keys of a table sorted.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [k, v] : all->raw()) entries.emplace_back(&k, &v);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& pa = a.second->source().begin;
        const auto& pb = b.second->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    for (auto [key, node] : entries) {
        const toml::key& k = *key;
        const toml::node& v = *node;
        const std::string id(k.str());
        all->allow(id);
        const toml::table* mt = v.as_table();
        if (!mt) {
            cx.error(v, "materials." + id, "expected a table ([materials." + id + "]), got " + type_name(v));
            continue;
        }
        if (!valid_id(id)) {
            cx.error(cx.pos(k.source()), "materials", "bad material id \"" + id + "\"; expected " + id_pattern);
            continue;
        }
        model::Material m;
        m.id = id;
        m.name = id;
        Table t(cx, *mt, "materials." + id, cx.pos(v));
        t.text("name", m.name);
        t.series("market_price_usd_per_kg", m.market_price_usd_per_kg);
        t.series("import_available", m.import_available);
        t.boolean("critical", m.critical);
        t.series("demand_tpy", m.demand_tpy);
        t.finish();
        cx.plan().materials.push_back(std::move(m));
    }
}

namespace {

/// The output of the one fabrication-stage material if there is exactly one, else the output
/// of the last plant.
std::string default_final_product(const model::Plan& plan) {
    std::vector<std::string> fabricated;
    for (const auto& p : plan.plants)
        if (p.stage == model::Stage::Fabrication && !p.output.empty() &&
            std::find(fabricated.begin(), fabricated.end(), p.output) == fabricated.end())
            fabricated.push_back(p.output);
    if (fabricated.size() == 1) return fabricated.front();
    return plan.plants.empty() ? std::string() : plan.plants.back().output;
}

/// File order; diagnostics without a line (whole-file problems) last.
void sort_diagnostics(std::vector<model::Diagnostic>& diags) {
    std::stable_sort(diags.begin(), diags.end(), [](const model::Diagnostic& a, const model::Diagnostic& b) {
        const int la = a.pos.line > 0 ? a.pos.line : 1 << 30;
        const int lb = b.pos.line > 0 ? b.pos.line : 1 << 30;
        return la != lb ? la < lb : a.pos.column < b.pos.column;
    });
}

}  // namespace
}  // namespace detail

model::Plan parse_plan(std::string_view text, const std::string& path) {
    using namespace detail;
    model::Plan plan;
    plan.source_path = path;
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view(path));
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw model::InputError({model::Diagnostic{
            model::SourcePos{path, static_cast<int>(b.line), static_cast<int>(b.column)}, "",
            std::string(e.description())}});
    }

    Context cx(path, plan);
    Table root(cx, doc, "", model::SourcePos{path, 1, 1});
    if (const toml::node* f = root.get("format")) {
        double version = 0;
        const auto* whole = f->as_integer();
        if (read_number(cx, *f, "format", version) && !(whole && whole->get() == 1))
            cx.error(*f, "format", "unsupported format version " + number_text(version) + "; expected 1");
    } else {
        cx.error(root.pos(), "format", "missing required key; expected format = 1");
    }
    read_project(root);
    read_finance(root);
    read_materials(root);
    read_plants(root);
    read_supports(root);
    read_risks(root);
    read_scenarios(root);
    read_uncertain(root);
    read_correlations(root);
    root.finish();

    if (plan.project.final_product.empty()) plan.project.final_product = default_final_product(plan);

    check_references(cx);
    check_cycles(cx);
    check_parameter_paths(cx);
    std::vector<model::Diagnostic> ranges = check_ranges(plan);
    auto& diags = cx.diagnostics();
    // A key already reported (missing, mistyped) holds its default: no range message about it.
    std::vector<std::string> reported;
    for (const auto& d : diags) reported.push_back(d.path);
    for (const auto& d : ranges)
        if (std::find(reported.begin(), reported.end(), d.path) == reported.end()) diags.push_back(d);
    check_scenarios(cx, ranges);
    if (!diags.empty()) {
        sort_diagnostics(diags);
        throw model::InputError(std::move(diags));
    }
    return plan;
}

model::Plan load_plan(const std::string& path) {
    auto fail = [&](int err) {
        return model::InputError(
            {model::Diagnostic{model::SourcePos{path, 0, 0}, "", std::string("cannot read the file: ") + std::strerror(err)}});
    };
    errno = 0;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw fail(errno);
    std::string text;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    const int err = std::ferror(f) ? errno : 0;
    std::fclose(f);
    if (err != 0) throw fail(err);
    return parse_plan(text, path);
}

}  // namespace reeplan::io
