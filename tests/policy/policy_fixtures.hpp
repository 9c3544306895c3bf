#pragma once
// Small plans built in code for the policy tests.

#include "model/plan.hpp"

#include "../model/plan_fixtures.hpp"

namespace policy_test {

using namespace reeplan;

/// Two plants: a separation plant (sep-1) with a price floor and a production credit, and an
/// alloy plant (alloy-1) that follows sep-1's permitting, buys oxide and gets a grant in 2030.
/// Three risks: an election reversal of the floor, the credit and the grant (grandfathered),
/// a supply restriction on oxide, and a permitting delay of sep-1. The horizon is short
/// (2026–2032) so every plant can be enumerated exactly.
inline model::Plan policy_plan() {
    model::Plan plan;
    plan.project.base_year = 2026;
    plan.project.end_year = 2033;
    plan.project.inflation = 0.02;
    plan.finance.tax_rate = 0.25;
    plan.finance.risk_free = 0.04;
    plan.finance.equity_risk_premium = 0.05;
    plan.materials = {plan_fixtures::priced("ore", 2.0), plan_fixtures::priced("oxide", 80.0),
                      plan_fixtures::priced("alloy", 125.0)};

    model::Plant sep = plan_fixtures::separation_plant();
    sep.working_capital_days = 30;
    sep.unlevered_beta = 0.8;
    sep.depreciation = {model::DepreciationKind::Macrs, 7};
    sep.schedule.permitting_years = 1;
    sep.schedule.construction_years = 2;
    sep.schedule.commissioning_years = 0.5;
    sep.schedule.ramp.shape = model::RampShape::Linear;
    sep.schedule.ramp.years = 1;
    sep.financing.debt_share = 0.4;
    sep.financing.cost_of_debt = 0.065;
    sep.financing.tenor_years = 10;

    model::Plant alloy_plant;
    alloy_plant.id = "alloy-1";
    alloy_plant.output = "alloy";
    alloy_plant.capacity_tpy = 3000;  // more than sep-1 makes: imports of oxide are needed, so a restriction binds
    alloy_plant.inputs["oxide"] = 1.0;
    alloy_plant.capex_musd = 150;
    alloy_plant.fixed_opex_musd = 5;
    alloy_plant.variable_opex_usd_per_kg = 8;
    alloy_plant.life_years = 20;
    alloy_plant.working_capital_days = 30;
    alloy_plant.unlevered_beta = 1.0;
    alloy_plant.depreciation = {model::DepreciationKind::Macrs, 7};
    alloy_plant.schedule.earliest_start_year = 2026;
    alloy_plant.schedule.permitting_years = 1;
    alloy_plant.schedule.construction_years = 1.5;
    alloy_plant.schedule.commissioning_years = 0.5;
    alloy_plant.schedule.ramp.shape = model::RampShape::Linear;
    alloy_plant.schedule.ramp.years = 1;
    alloy_plant.schedule.after = {model::PhaseRef{"sep-1", "permitting", 0.0}};
    alloy_plant.financing.debt_share = 0.0;
    plan.plants = {sep, alloy_plant};

    model::Support floor;
    floor.id = "floor";
    floor.kind = model::SupportKind::PriceFloor;
    floor.plants = {"sep-1"};
    floor.start_year = 2026;
    floor.end_year = 2040;
    floor.floor_usd_per_kg = 105;
    floor.upside_share = 0.0;
    model::Support credit;
    credit.id = "credit";
    credit.kind = model::SupportKind::TaxCredit;
    credit.basis = model::CreditBasis::PerKg;
    credit.usd_per_kg = 8;
    credit.transferable = true;
    credit.plants = {"sep-1"};
    credit.start_year = 2026;
    credit.end_year = 1e9;
    model::Support grant;
    grant.id = "grant";
    grant.kind = model::SupportKind::Grant;
    grant.plants = {"alloy-1"};
    grant.amount_musd = 40;
    grant.year = 2030;
    grant.start_year = 2026;
    grant.end_year = 1e9;
    plan.supports = {floor, credit, grant};

    model::Risk reversal;
    reversal.id = "election";
    reversal.kind = model::RiskKind::Reversal;
    reversal.supports = {"floor", "credit", "grant"};
    reversal.grandfathered = {"grant"};
    reversal.has_elections = true;
    reversal.elections_first_year = 2028;
    reversal.elections_every_years = 4;
    reversal.probability = 0.3;
    model::Risk supply;
    supply.id = "oxide-cut";
    supply.kind = model::RiskKind::SupplyRestriction;
    supply.material = "oxide";
    supply.annual_probability = 0.2;
    supply.available_share = 0.5;
    supply.price_multiplier = 2.0;
    supply.duration_years = 1.0;
    model::Risk delay;
    delay.id = "permit";
    delay.kind = model::RiskKind::Delay;
    delay.plants = {"sep-1"};
    delay.phase = "permitting";
    delay.probability = 0.5;
    delay.delay_years.kind = model::DistKind::Triangular;
    delay.delay_years.min = 0.5;
    delay.delay_years.mode = 1.0;
    delay.delay_years.max = 2.0;
    plan.risks = {reversal, supply, delay};
    return plan;
}

}  // namespace policy_test
