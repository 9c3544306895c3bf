#include "io/init_template.hpp"

#include <string>


namespace reeplan::io {

namespace {

/// The file, with {base}, {end}, {base+N} placeholders for years.
constexpr const char* text = R"(# reeplan input file, format 1 (man reeplan.5). Money in million USD (_musd), unit prices in
# USD/kg, capacities in t/yr, durations in years, points in time in decimal calendar years
# (2027.5 = 1 July 2027), rates and shares as plain fractions (0.08 = 8 %).
# Every key below is at its default; delete what you do not need.

format = 1                                  # required; the version of the input format

[project]
name = "New rare-earth magnet chain"        # free text, for reports
base_year = {base}                          # required; whole year; valuation date is 1 January of it
end_year = {end}                            # > base_year; default base_year + 30; bounds chain reports
timing = "end-year"                         # "end-year" | "mid-year" discounting
dollars = "real"                            # "real" | "nominal": how money in this file is stated
inflation = 0.025                           # per year, in (-0.5, 1)
final_product = "ndpr_oxide"                # material id; default: the fabrication plant's output
independence_target = 0.5                   # share of final-product demand, [0, 1]
independence_target_year = {end}            # deadline for independence and the critical path; default end_year

[finance]
risk_free = 0.043                           # nominal, [-0.05, 1)
equity_risk_premium = 0.0433                # [-0.05, 1)
country_risk_premium = 0.0                  # [-0.05, 1)
tax_rate = 0.25                             # combined federal and state, [0, 1]
nol_limit = 0.8                             # share of taxable income a carried loss may offset, [0, 1]
losses = "carryforward"                     # "carryforward" | "monetized"
beta_method = "hamada"                      # "hamada" | "harris-pringle" | "miles-ezzell"
debt_beta = 0.0                             # >= 0
rating_table = "damodaran-2025-small"       # "damodaran-2025-small" | "damodaran-2025-large", for
                                            # cost_of_debt = "synthetic"
contract_beta = 0.0                         # beta of contracted revenue (offtake, floor top-ups), >= 0

# One table per material; the key is the material id ([a-z0-9][a-z0-9_-]*).
[materials.mixed_concentrate]
name = "Mixed rare-earth concentrate"       # default: the id
market_price_usd_per_kg = 0                 # series (a number or { 2026 = 62, 2030 = 90 }), >= 0
import_available = 1.0                      # series, share of a shortfall imports can fill, [0, 1]
critical = true                             # tracked for domestic content
demand_tpy = 0                              # series, t/yr of domestic demand (final products), >= 0

[materials.ndpr_oxide]
name = "NdPr oxide"
market_price_usd_per_kg = 0                 # series, >= 0
import_available = 1.0                      # series, [0, 1]
critical = true
demand_tpy = 0                              # series, >= 0

[[plant]]
id = "sep-1"                                # required; [a-z0-9][a-z0-9_-]*
name = "sep-1"                              # default: the id
stage = "refining"                          # "refining" | "alloying" | "fabrication"
output = "ndpr_oxide"                       # required; a material id
capacity_tpy = 1000                         # required; t/yr of output, > 0
inputs = { mixed_concentrate = 0 }          # material id = kg per kg of output, >= 0
capex_musd = 0                              # required; >= 0
capex_profile = []                          # shares of capex over equal slices of construction,
                                            # >= 0 summing to 1; empty: uniform
fixed_opex_musd = 0                         # per year, accrued pro rata while operating, >= 0
variable_opex_usd_per_kg = 0                # per kg of output, inputs excluded, >= 0
escalation = 0.0                            # real escalation of this plant's costs, (-0.5, 1)
life_years = 25                             # operating life from the end of commissioning, > 0
depreciation = "macrs-7"                    # "macrs-3|5|7|10|15|20" | "sl-N" | "none"
working_capital_days = 60                   # days of revenue, >= 0
unlevered_beta = 1.0                        # >= 0
cost_of_equity = 0.0                        # [0, 1); > 0 overrides the CAPM build-up
technology_premium = 0.0                    # added to the cost of equity (pilot-scale process), [0, 0.2]

[plant.schedule]
earliest_start_year = {base}                # permitting may start then; default base_year
permitting_years = 1.0                      # >= 0
construction_years = 2.0                    # >= 0
commissioning_years = 0.5                   # >= 0
ramp = { years = 3.0, start = 0.25, shape = "s-curve" }   # years >= 0, start in [0, 1],
                                            # shape "s-curve" | "linear"; or
                                            # ramp = { table = [0.22, 0.43, 0.67] } (each in [0, 1])
after = []                                  # "plant.phase" or "plant.phase+lag_years"; phases:
                                            # permitting, construction, commissioning, ramp

[plant.financing]
debt_share = 0.5                            # debt / capex at financial close, [0, 1]
debt_sizing = "share"                       # "share" | "dscr"
target_dscr = 1.35                          # > 0
tenor_years = 12                            # whole years >= 1
cost_of_debt = 0.065                        # [-0.05, 1), or "synthetic"
repayment = "annuity"                       # "annuity" | "level-principal" | "sculpted"

# Public support, one [[support]] per instrument. Common keys: id, kind, plants (plant ids;
# not used by tariff), start_year (default base_year), end_year (> start_year; default: never).
# Each would change results, so all are commented out.
#
# [[support]]
# id = "floor"
# kind = "price_floor"
# plants = ["sep-1"]
# start_year = {base}
# end_year = {base+10}
# floor_usd_per_kg = 0                      # >= 0
# upside_share = 0.0                        # share of (market - floor) paid back, [0, 1]
# share = 1.0                               # share of volume, [0, 1]
#
# [[support]]
# id = "offtake"
# kind = "offtake"
# plants = ["sep-1"]
# share = 1.0                               # share of output, [0, 1]; an output's offtakes sum <= 1
# price_usd_per_kg = 0                      # >= 0; or cost_plus_margin = 0.1 (> -1), not both
#
# [[support]]
# id = "tariff"
# kind = "tariff"
# material = "ndpr_oxide"
# rate = 0.25                               # >= 0; domestic price = import price * (1 + rate)
#
# [[support]]
# id = "credit"
# kind = "tax_credit"
# plants = ["sep-1"]
# basis = "production_cost"                 # "production_cost" | "capex" | "per_kg"
# rate = 0.1                                # [0, 1]; with basis = "per_kg" give usd_per_kg (>= 0)
# phase_out = 1.0                           # series of factors, [0, 1]
# transferable = false
# transfer_price = 0.92                     # cash per dollar of credit sold, [0, 1]
#
# [[support]]
# id = "grant"
# kind = "grant"
# plants = ["sep-1"]
# amount_musd = 0                           # >= 0
# year = {base}                             # default base_year
# taxable = true
# reduces_basis = false
#
# [[support]]
# id = "loan"
# kind = "loan"
# plants = ["sep-1"]
# amount_musd = 0                           # >= 0; replaces that much commercial debt
# spread_over_risk_free = 0.0               # [-0.05, 1); or rate = 0.04, not both
# tenor_years = 12                          # whole years >= 1
# grace_years = 0                           # >= 0, < tenor_years
# fee_share = 0.0                           # [0, 1]
#
# [[support]]
# id = "guarantee"
# kind = "loan_guarantee"
# plants = ["sep-1"]
# share = 1.0                               # share of commercial debt guaranteed, [0, 1]
# spread_over_risk_free = 0.0               # [-0.05, 1)
# fee_share = 0.0                           # [0, 1]
#
# [[support]]
# id = "equity"
# kind = "equity"
# plants = ["sep-1"]
# amount_musd = 0                           # >= 0
# year = {base}                             # default base_year
# required_return = 0.07                    # [-0.05, 1)

# Policy risks, commented out for the same reason.
#
# [[risk]]
# id = "reversal"
# kind = "reversal"
# supports = ["floor"]
# elections = { first_year = {base+2}, every_years = 4 }   # or annual_probability = 0.05, not both
# probability = 0.3                         # per election, [0, 1]
# grandfathered = []                        # supports among `supports` that survive a reversal
#
# [[risk]]
# id = "export-ban"
# kind = "supply_restriction"
# material = "mixed_concentrate"
# annual_probability = 0.05                 # [0, 1]
# available_share = 0.0                     # share of imports still available, [0, 1]
# price_multiplier = 1.0                    # >= 0
# duration_years = 1.0                      # >= 0
#
# [[risk]]
# id = "permit-delay"
# kind = "delay"
# plants = ["sep-1"]
# phase = "permitting"                      # "permitting" | "construction" | "commissioning" | "ramp"
# probability = 0.2                         # [0, 1]
# delay_years = 1.0                         # >= 0, or { dist = "triangular", min = 0.5, mode = 1, max = 3 }

# Scenarios (--scenario ID), Monte Carlo inputs and their rank correlations.
#
# [[scenario]]
# id = "high-capex"
# description = "Capex 30 % over estimate"
# set = { "plant.sep-1.capex_musd" = 0 }    # parameter path = number
#
# [[uncertain]]
# param = "plant.sep-1.capex_musd"
# dist = "pert"                             # normal | lognormal (mean, sd) | triangular | pert
#                                           # (min, mode, max) | uniform (min, max)
#                                           # | discrete (values, probabilities summing to 1)
# min = 0
# mode = 0
# max = 1
#
# [[uncertain]]                             # a series (a price deck) becomes the constant drawn
# param = "materials.ndpr_oxide.market_price_usd_per_kg"
# dist = "uniform"
# min = 0
# max = 1
#
# [[correlation]]                           # both params must be [[uncertain]] inputs
# params = ["plant.sep-1.capex_musd", "materials.ndpr_oxide.market_price_usd_per_kg"]
# rank = 0.0                                # [-1, 1]
)";

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

}  // namespace

std::string init_template(int base_year) {
    std::string s = text;
    replace_all(s, "{base+10}", std::to_string(base_year + 10));
    replace_all(s, "{base+2}", std::to_string(base_year + 2));
    replace_all(s, "{base}", std::to_string(base_year));
    replace_all(s, "{end}", std::to_string(base_year + 30));
    return s;
}

}  // namespace reeplan::io
