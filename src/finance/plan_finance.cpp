#include "finance/plan_finance.hpp"

#include "chain/delay.hpp"
#include "model/decimal.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::finance {

namespace {

using model::as_double;
using model::Decimal;

template <class T> std::optional<double> opt(const std::optional<T>& v) {
    if (!v) return std::nullopt;
    return as_double(*v);
}

PlantResult to_result(const model::Plan& plan, const model::Plant& p, const timeline::PhaseTimes<Decimal>& t,
                      const Valuation<Decimal>& v) {
    PlantResult r;
    r.id = p.id;
    r.name = p.name;
    r.stage = p.stage;
    r.output = p.output;
    r.schedule.permitting_start_year = as_double(t.permitting_start);
    r.schedule.construction_start_year = as_double(t.construction_start);
    r.schedule.commissioning_start_year = as_double(t.commissioning_start);
    r.schedule.operation_start_year = as_double(t.operation_start);
    r.schedule.nameplate_year = as_double(t.nameplate);
    r.schedule.end_of_life_year = as_double(t.end_of_life);

    const auto& c = v.ledger.capital;
    CostOfCapital& cc = r.cost_of_capital;
    cc.cost_of_equity = as_double(c.cost_of_equity);
    cc.cost_of_debt = as_double(c.cost_of_debt);
    cc.debt_share = as_double(c.debt_share);
    cc.levered_beta = as_double(c.levered_beta);
    cc.wacc = as_double(c.wacc);
    cc.unlevered_beta = p.unlevered_beta;
    cc.risk_free = plan.finance.risk_free;
    cc.equity_risk_premium = plan.finance.equity_risk_premium;
    cc.country_risk_premium = plan.finance.country_risk_premium;
    cc.technology_premium = p.technology_premium;
    cc.tax_rate = plan.finance.tax_rate;
    cc.cost_of_equity_overridden = p.cost_of_equity > 0;
    cc.contracted_share = as_double(c.contracted_share);
    cc.asset_beta = as_double(c.asset_beta);
    cc.cost_of_debt_method = to_string(c.pricing);
    cc.rating = c.rating;
    for (const auto& s : c.steps)
        cc.waterfall.push_back(CapitalStepOut{to_string(s.part), s.label, as_double(s.delta * Decimal(10000)), as_double(s.after)});

    Metrics& m = r.metrics;
    m.npv_musd = as_double(v.npv);
    m.equity_npv_musd = as_double(v.equity_npv);
    m.irr = opt(v.irr);
    m.equity_irr = opt(v.equity_irr);
    m.mirr = opt(v.mirr);
    m.lcop_usd_per_kg = opt(v.lcop);
    m.lcop_unsupported_usd_per_kg = opt(v.lcop_unsupported);
    m.min_dscr = opt(v.min_dscr);
    m.min_dscr_year = v.min_dscr_year;
    m.avg_dscr = opt(v.avg_dscr);
    m.payback_year = v.payback_year;
    r.notes = v.notes;
    if (!c.rating_note.empty()) r.notes["cost_of_debt"] = c.rating_note;

    for (const auto& y : v.ledger.years) {
        YearRow row;
        row.year = y.year;
        row.capex_musd = as_double(y.capex);
        row.production_t = as_double(y.production);
        row.revenue_musd = as_double(y.revenue);
        row.operating_cost_musd = as_double(y.operating_cost);
        row.input_cost_musd = as_double(y.input_cost);
        row.ebitda_musd = as_double(y.ebitda);
        row.depreciation_musd = as_double(y.depreciation);
        row.interest_musd = as_double(y.interest);
        row.tax_musd = as_double(y.tax);
        row.tax_credit_musd = as_double(y.tax_credit + y.credit_cash);
        row.support_musd = as_double(y.price_support + y.grants);
        row.working_capital_change_musd = as_double(y.wc_change);
        row.fcff_musd = as_double(y.fcff);
        row.fcfe_musd = as_double(y.fcfe);
        row.debt_balance_musd = as_double(y.debt_balance);
        if (has_debt_service(y.debt_service)) row.dscr = as_double(y.cfads / y.debt_service);
        r.years.push_back(row);
    }
    r.capex_musd = as_double(v.ledger.capex_total);
    r.debt_musd = as_double(v.ledger.debt_total);
    return r;
}

}  // namespace

template <> std::vector<PlantFlows<double>> plant_flows<double>(const model::Plan& plan) {
    // the same numbers as the generic plant_flows, with the storage kept per thread
    thread_local PlanScratch scratch;
    const PlanEvaluation& e = evaluate_plan_fast(plan, scratch);
    std::vector<PlantFlows<double>> out(e.plants.size());
    for (std::size_t i = 0; i < e.plants.size(); ++i) {
        out[i].first_year = e.plants[i].first_year;
        out[i].fcff = e.plants[i].fcff;
        out[i].wacc = e.plants[i].wacc;
        out[i].npv = e.plants[i].npv;
    }
    return out;
}

const PlanEvaluation& evaluate_plan_fast(const model::Plan& plan, PlanScratch& scratch, const PlanEvalOptions& options) {
    PlanEvaluation& out = scratch.result_;
    timeline::schedule_plants_into(plan, out.times, scratch.schedule_);
    chain::balance_flows_into(plan, out.times, independence_target_year(plan), out.balance, scratch.balance_,
                              chain::BalanceDetail::Flows);
    const std::size_t n = plan.plants.size();
    out.plants.resize(n);
    std::vector<PlantLedger<double>>& ledgers = scratch.ledgers_;
    for (std::size_t i = 0; i < n; ++i) {
        if (i == ledgers.size()) ledgers.emplace_back(plan, i, out.times[i]);
        ledgers[i].reset(plan, i, out.times[i], &out.balance, true);
        PlantEvaluation& e = out.plants[i];
        ledgers[i].run(LedgerOptions<double>{}, e.ledger, scratch.buffers_);
        const Ledger<double>& L = e.ledger;
        const std::size_t years = L.years.size();
        e.first_year = L.first_year;
        e.fcff.resize(years);
        e.fcfe.resize(years);
        e.production.resize(years);
        e.capex.resize(years);
        e.dscr.resize(years);
        for (std::size_t k = 0; k < years; ++k) {
            const LedgerYear<double>& y = L.years[k];
            e.fcff[k] = y.fcff;
            e.fcfe[k] = y.fcfe;
            e.production[k] = y.production;
            e.capex[k] = y.capex;
            e.dscr[k].reset();
        }
        e.wacc = L.capital.wacc;
        e.cost_of_equity = L.capital.cost_of_equity;
        e.npv = present_value(plan.project, e.first_year, e.fcff, e.wacc);
        e.equity_npv = present_value(plan.project, e.first_year, e.fcfe, e.cost_of_equity);

        // DSCR = CFADS / (interest + principal) in years with scheduled debt service (value_plant)
        e.min_dscr.reset();
        e.min_dscr_year.reset();
        e.avg_dscr.reset();
        double sum = 0;
        int count = 0;
        for (std::size_t k = 0; k < years; ++k) {
            const LedgerYear<double>& y = L.years[k];
            if (!has_debt_service(y.debt_service)) continue;
            const double d = y.cfads / y.debt_service;
            e.dscr[k] = d;
            sum += d;
            ++count;
            if (!e.min_dscr || d < *e.min_dscr) {
                e.min_dscr = d;
                e.min_dscr_year = y.year;
            }
        }
        if (count > 0) e.avg_dscr = sum / static_cast<double>(count);

        // payback: the first year in which cumulative FCFF, undiscounted, is no longer negative
        e.payback_year.reset();
        double cum = 0;
        bool was_negative = false;
        for (const auto& y : L.years) {
            cum += y.fcff;
            if (cum < 0.0) was_negative = true;
            if (was_negative && !(cum < 0.0)) {
                e.payback_year = y.year;
                break;
            }
        }

        e.irr.reset();
        e.equity_irr.reset();
        e.mirr.reset();
        if (options.returns) {
            if (const std::optional<double> r = unique_irr(e.fcff)) e.irr = polish_irr<double>(e.fcff, *r);
            if (const std::optional<double> r = unique_irr(e.fcfe)) e.equity_irr = polish_irr<double>(e.fcfe, *r);
            e.mirr = mirr<double>(e.fcff, e.wacc, e.wacc).value;
        }
    }
    return out;
}

std::vector<DelayNpv> delay_npv_effects(const model::Plan& plan, double delay_years) {
    auto sum = [](const std::vector<PlantFlows<double>>& f) {
        double s = 0;
        for (const auto& p : f) s += p.npv;
        return s;
    };
    const auto base = plant_flows<double>(plan);
    const double base_chain = sum(base);
    std::vector<DelayNpv> out;
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        for (auto phase : {timeline::Phase::Permitting, timeline::Phase::Construction, timeline::Phase::Commissioning,
                           timeline::Phase::Ramp}) {
            const auto delayed = plant_flows<double>(chain::delayed_plan(plan, i, phase, delay_years));
            out.push_back({i, phase, delayed[i].npv - base[i].npv, sum(delayed) - base_chain});
        }
    }
    return out;
}

PlanResult compute_plan(const model::Plan& plan) {
    PlanResult out;
    auto times = timeline::schedule_plants<Decimal>(plan);
    // the mass balance, once: the ledgers' coupling, then coverage, fully domestic share,
    // stranded capacity and bottleneck below
    const chain::ChainBalance bal = chain::balance_chain(plan, independence_target_year(plan));
    auto values = value_plan<Decimal>(plan, bal);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        out.plants.push_back(to_result(plan, plan.plants[i], times[i], values[i]));
        const model::Plant& p = plan.plants[i];
        for (const auto& [key, why] : out.plants.back().notes)
            if (key.rfind("debt", 0) == 0 || key == "cost_of_debt") out.warnings.push_back("plant " + p.id + ": " + why);
    }

    // chain totals: capital deployment by year and stage, production by material, summed NPV
    ChainResult& ch = out.chain;
    // from the first year any plant spends (construction may start before the base year)
    int y0 = static_cast<int>(plan.project.base_year);
    const int y1 = static_cast<int>(plan.project.end_year);
    for (const auto& v : values)
        if (!v.ledger.years.empty()) y0 = std::min(y0, v.ledger.years.front().year);
    for (int y = y0; y <= y1; ++y) {
        ChainYear cy;
        cy.year = y;
        for (const char* st : {"refining", "alloying", "fabrication"}) cy.capex_by_stage_musd[st] = 0.0;
        for (const auto& m : plan.materials) {
            bool produced = false;
            for (const auto& p : plan.plants) produced = produced || p.output == m.id;
            if (produced) cy.production_t[m.id] = 0.0;
        }
        ch.years.push_back(cy);
    }
    ch.first_domestic_output_year = bal.first_domestic_output_year;
    ch.independence_year = bal.independence_year;
    ch.independence_target_year = bal.independence_target_year;
    if (!bal.first_domestic_output_year) ch.notes["first_domestic_output_year"] = bal.first_domestic_output_note;
    if (!bal.independence_year) ch.notes["independence_year"] = bal.independence_note;
    for (auto& cy : ch.years) {
        if (cy.year < bal.first_year || cy.year > bal.last_year) continue;
        const chain::ChainYear& by = bal.years[static_cast<std::size_t>(cy.year - bal.first_year)];
        for (std::size_t s = 0; s < chain::stage_count; ++s) cy.coverage[model::to_string(chain::stages[s])] = by.stages[s].coverage;
        cy.fully_domestic_share = by.fully_domestic_share;
        for (std::size_t p = 0; p < plan.plants.size(); ++p) cy.stranded_capacity_t[plan.plants[p].id] = by.plants[p].stranded_t;
        if (by.bottleneck) cy.bottleneck_stage = model::to_string(*by.bottleneck);
        cy.demand_t = by.demand_t;
        cy.imports_musd = by.imports_musd;
    }
    Decimal npv(0), capex(0);
    for (std::size_t i = 0; i < plan.plants.size(); ++i) {
        npv += values[i].npv;
        capex += values[i].ledger.capex_total;
        const auto& p = plan.plants[i];
        for (const auto& y : values[i].ledger.years) {
            if (y.year < y0 || y.year > y1) continue;
            ChainYear& cy = ch.years[static_cast<std::size_t>(y.year - y0)];
            const double c = as_double(y.capex);
            cy.capex_musd += c;
            cy.capex_by_stage_musd[model::to_string(p.stage)] += c;
            cy.production_t[p.output] += as_double(y.production);
        }
    }
    ch.npv_musd = as_double(npv);
    ch.capex_musd = as_double(capex);
    return out;
}

}  // namespace reeplan::finance
