#pragma once
/// The validated plan: plain value types for every table of the input format
/// (../shared/spec/input-format.md, version 1). Units follow the key suffixes of the format:
/// money in million USD (`_musd`), unit prices in USD/kg, capacities in t/yr, durations in
/// years, points in time in decimal calendar years, rates as plain fractions.
/// Defaults given here are the defaults of the input format; `man/reeplan.5` lists them.

#include "model/error.hpp"
#include "model/series.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::model {

enum class Timing { EndYear, MidYear };
enum class Dollars { Real, Nominal };
enum class Losses { Carryforward, Monetized };
enum class BetaMethod { Hamada, HarrisPringle, MilesEzzell };
enum class Stage { Refining, Alloying, Fabrication };
enum class RampShape { Linear, SCurve, Table };
enum class DebtSizing { Share, Dscr };
enum class Repayment { Annuity, LevelPrincipal, Sculpted };
enum class DepreciationKind { Macrs, StraightLine, None };
/// Synthetic-rating tables (finance/ratings.hpp): Damodaran, January 2025, large and small firms.
enum class RatingTable { Damodaran2025Large, Damodaran2025Small };

struct Project {
    std::string name;
    double base_year = 0;          ///< required; valuation date is 1 January of it
    double end_year = 0;           ///< default base_year + 30
    Timing timing = Timing::EndYear;
    Dollars dollars = Dollars::Real;
    double inflation = 0.025;
    std::string final_product;     ///< material id; default: the output of the last stage
    double independence_target = 0.5;
    double independence_target_year = 0;  ///< deadline of the critical path; default end_year
};

struct Finance {
    double risk_free = 0.043;
    double equity_risk_premium = 0.0433;
    double country_risk_premium = 0.0;
    double tax_rate = 0.25;
    double nol_limit = 0.80;
    Losses losses = Losses::Carryforward;
    BetaMethod beta_method = BetaMethod::Hamada;
    double debt_beta = 0.0;
    RatingTable rating_table = RatingTable::Damodaran2025Small;  ///< for cost_of_debt = "synthetic"
    double contract_beta = 0.0;  ///< beta of contracted revenue legs (0: US-government counterparty)
};

struct Material {
    std::string id;
    std::string name;
    Series market_price_usd_per_kg{0.0};
    Series import_available{1.0};
    bool critical = true;
    Series demand_tpy{0.0};
};

struct Ramp {
    RampShape shape = RampShape::SCurve;
    double years = 3.0;     ///< time from start of operation to full utilization
    double start = 0.25;    ///< utilization at the start of operation
    std::vector<double> table;  ///< utilization by operating year (shape == Table), then 1.0
    /// A table ramp held at its first entry for this long before the table begins: how a delay
    /// of the ramp lengthens a table by any part of a year (timeline::delay_phase). Not read
    /// from files.
    double hold_years = 0.0;
};

/// A reference to a phase of a plant: "alloy-1.construction".
struct PhaseRef {
    std::string plant;
    std::string phase;  ///< permitting | construction | commissioning | ramp
    double lag_years = 0.0;
};

struct Schedule {
    double earliest_start_year = 0;  ///< default project.base_year
    double permitting_years = 1.0;
    double construction_years = 2.0;
    double commissioning_years = 0.5;
    Ramp ramp;
    std::vector<PhaseRef> after;
};

struct Financing {
    double debt_share = 0.5;
    DebtSizing debt_sizing = DebtSizing::Share;
    double target_dscr = 1.35;
    double tenor_years = 12;
    bool synthetic_cost_of_debt = false;  ///< cost_of_debt = "synthetic"
    double cost_of_debt = 0.065;
    Repayment repayment = Repayment::Annuity;
};

struct Depreciation {
    DepreciationKind kind = DepreciationKind::Macrs;
    int years = 7;  ///< MACRS class (3, 5, 7, 10, 15, 20) or straight-line years
};

struct Plant {
    std::string id;
    std::string name;
    Stage stage = Stage::Refining;
    std::string output;                    ///< material id
    double capacity_tpy = 0;               ///< required, > 0
    std::map<std::string, double> inputs;  ///< material id -> kg per kg of output
    double capex_musd = 0;                 ///< required, >= 0
    std::vector<double> capex_profile;     ///< empty: uniform over construction
    double fixed_opex_musd = 0;
    double variable_opex_usd_per_kg = 0;
    double escalation = 0;
    double life_years = 25;
    Depreciation depreciation;
    double working_capital_days = 60;
    double unlevered_beta = 1.0;
    double cost_of_equity = 0;  ///< > 0 overrides the CAPM build-up
    double technology_premium = 0;  ///< added to the cost of equity (pilot-scale processes), [0, 0.2]
    Schedule schedule;
    Financing financing;
};

enum class SupportKind { PriceFloor, Offtake, Tariff, TaxCredit, Grant, Loan, LoanGuarantee, Equity };
enum class CreditBasis { ProductionCost, Capex, PerKg };

struct Support {
    std::string id;
    SupportKind kind = SupportKind::Grant;
    std::vector<std::string> plants;
    double start_year = 0;  ///< default project.base_year; active on [start_year, end_year)
    double end_year = 0;    ///< default: never ends (a very large year)
    // price_floor
    double floor_usd_per_kg = 0;
    double upside_share = 0;
    double share = 1.0;  ///< price_floor: share of volume; offtake: share of output; loan_guarantee: share of debt
    // offtake
    std::optional<double> price_usd_per_kg;
    std::optional<double> cost_plus_margin;
    // tariff
    std::string material;
    double rate = 0;  ///< tariff rate, tax credit rate, or loan interest rate (loan: with has_rate)
    bool has_rate = false;
    // tax_credit
    CreditBasis basis = CreditBasis::ProductionCost;
    double usd_per_kg = 0;
    Series phase_out{1.0};
    bool transferable = false;
    double transfer_price = 0.92;
    // grant and equity
    double amount_musd = 0;
    double year = 0;  ///< default project.base_year
    bool taxable = true;
    bool reduces_basis = false;
    double required_return = 0.07;
    // loan and loan_guarantee
    double spread_over_risk_free = 0;
    double tenor_years = 12;
    double grace_years = 0;
    double fee_share = 0;
};

/// Whether support `s` enters the ledger of plant `plant`: it names the plant, or it is a tariff
/// that names no plants (a tariff sets the domestic price of its material for every plant that
/// buys or sells it unless it names plants).
inline bool support_reaches(const Support& s, const std::string& plant) {
    return std::find(s.plants.begin(), s.plants.end(), plant) != s.plants.end() ||
           (s.kind == SupportKind::Tariff && s.plants.empty());
}

enum class DistKind { Normal, Lognormal, Triangular, Pert, Uniform, Discrete, Fixed };

/// A probability distribution of one input (`[[uncertain]]`, or a risk's `delay_years` table).
struct Distribution {
    DistKind kind = DistKind::Fixed;
    double min = 0, mode = 0, max = 0;  ///< triangular, pert, uniform
    double mean = 0, sd = 0;            ///< normal; lognormal: of the variable itself
    std::vector<double> values;         ///< discrete
    std::vector<double> probabilities;  ///< discrete, sum to 1
    double value = 0;                   ///< fixed
};

enum class RiskKind { Reversal, SupplyRestriction, Delay };

struct Risk {
    std::string id;
    RiskKind kind = RiskKind::Reversal;
    // reversal
    std::vector<std::string> supports;
    bool has_elections = false;
    double elections_first_year = 0;
    double elections_every_years = 4;
    double probability = 0;         ///< per election, or for delay: probability it happens
    double annual_probability = 0;  ///< reversal without elections; supply restriction
    std::vector<std::string> grandfathered;
    // supply_restriction
    std::string material;
    double available_share = 0;
    double price_multiplier = 1;
    double duration_years = 1;
    // delay
    std::vector<std::string> plants;
    std::string phase = "permitting";
    Distribution delay_years;
};

struct Scenario {
    std::string id;
    std::string description;
    std::vector<std::pair<std::string, double>> set;  ///< parameter path -> value, in file order
};

struct Uncertain {
    std::string param;
    Distribution dist;
};

struct Correlation {
    std::vector<std::string> params;
    double rank = 0;
};

/// A supply restriction in force: imports of `material` cut to `available_share` and priced at
/// `price_multiplier` × market on [start_year, end_year). Not read from files: risk outcomes and
/// simulations put them on a copy of the plan.
struct SupplyShock {
    std::string material;
    double start_year = 0;
    double end_year = 0;
    double available_share = 1;
    double price_multiplier = 1;
};

/// A whole validated input file.
struct Plan {
    int format = 1;
    std::string source_path;  ///< the file it was read from, for messages
    Project project;
    Finance finance;
    std::vector<Material> materials;  ///< in file order
    std::vector<Plant> plants;        ///< in file order
    std::vector<Support> supports;
    std::vector<Risk> risks;
    std::vector<Scenario> scenarios;
    std::vector<Uncertain> uncertain;
    std::vector<Correlation> correlations;
    std::vector<SupplyShock> shocks;  ///< restrictions in force (risk outcomes), none in a file
    /// Where each key path was written in the file, for messages about values that are
    /// checked after overlays (scenarios, --set). Absent paths print as file-level.
    std::map<std::string, SourcePos> where;

    const Material* material(const std::string& id) const {
        for (const auto& m : materials)
            if (m.id == id) return &m;
        return nullptr;
    }
    const Plant* plant(const std::string& id) const {
        for (const auto& p : plants)
            if (p.id == id) return &p;
        return nullptr;
    }
    SourcePos pos(const std::string& path) const {
        auto it = where.find(path);
        if (it != where.end()) return it->second;
        return SourcePos{source_path, 0, 0};
    }
};

/// Names used in files and reports.
const char* to_string(Stage s);
const char* to_string(SupportKind k);
const char* to_string(RiskKind k);

}  // namespace reeplan::model
