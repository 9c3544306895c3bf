#pragma once
/// Result types of the chain balance (chain/balance.hpp) and the delay economics
/// (chain/delay.hpp): plain structs, no behaviour. Units follow the input format's suffixes:
/// tonnes (`_t`), million real base-year USD (`_musd`), USD/kg, calendar years. Shares and
/// coverage are plain fractions.

#include "model/plan.hpp"
#include "timeline/critical_path.hpp"
#include "timeline/schedule.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::chain {

/// The three stages, upstream first.
inline constexpr std::size_t stage_count = 3;
inline constexpr std::array<model::Stage, stage_count> stages = {model::Stage::Refining, model::Stage::Alloying,
                                                                model::Stage::Fabrication};
inline std::size_t stage_index(model::Stage s) { return static_cast<std::size_t>(s); }

/// One input of one plant in one calendar year, tonnes.
/// Mass balance: consumed_t = domestic_t + imports_t = plant production × recipe, and
/// domestic_t ≤ domestic_offered_t, imports_t ≤ import_offered_t.
struct InputFlow {
    std::size_t material = 0;        ///< index into ChainBalance::materials
    double kg_per_kg = 0;            ///< recipe
    double requirement_t = 0;        ///< ramped capacity × recipe
    double domestic_offered_t = 0;   ///< domestic output allocated to this plant, pro rata to requirement
    double import_offered_t = 0;     ///< import_available (after shocks) × (requirement − domestic offered)
    double domestic_t = 0;           ///< domestic tonnes consumed (domestic first)
    double imports_t = 0;            ///< imported tonnes consumed (bought)
    double consumed_t = 0;           ///< production × recipe
    double fully_domestic_t = 0;     ///< part of domestic_t that is itself fully domestic
};

/// One plant in one calendar year.
struct PlantYear {
    double ramped_capacity_t = 0;   ///< capacity × ∫ utilization over the year (timeline::production_in)
    double production_t = 0;        ///< fill × ramped capacity
    /// production / ramped capacity: the scarcest input's (offered supply / requirement), at
    /// most 1; 1 for a plant with no inputs or no capacity in the year.
    double fill = 1;
    std::string limiting_input;     ///< the scarcest input when fill < 1; empty otherwise
    double stranded_t = 0;          ///< ramped capacity − production
    /// Capex standing idle: capex_musd × stranded_t / capacity_tpy (nameplate), real MUSD. Ramp-up
    /// itself is not idle capacity: stranded is measured against the ramped capacity.
    double stranded_capex_musd = 0;
    /// Fully domestic share of the output: min over critical inputs of (fully domestic tonnes
    /// consumed / tonnes consumed); 1 with no critical input; 0 when nothing is produced.
    double fully_domestic_share = 0;
    /// In recipe order (material id order), the recipe's entries with kg_per_kg > 0: the same
    /// materials in every year of a balance.
    std::vector<InputFlow> inputs;
};

/// One material in one calendar year. Indexed like ChainBalance::materials.
struct MaterialYear {
    double domestic_t = 0;            ///< production by the plants whose output it is
    double fully_domestic_t = 0;      ///< Σ producers' production × their fully domestic share
    double requirement_t = 0;         ///< Σ consuming plants' ramped capacity × recipe
    double domestic_used_t = 0;       ///< consumed by plants of the chain
    /// domestic_t − domestic_used_t: not used inside the chain (for the final product, what
    /// serves domestic demand; for an intermediate, output sold outside the chain).
    double surplus_t = 0;
    double imports_t = 0;             ///< bought by plants of the chain
    double imports_musd = 0;          ///< imports_t × import price / 1000
    double unmet_t = 0;               ///< requirement neither domestic nor import could fill
    double import_available = 1;      ///< share of a shortfall imports can fill, after shocks
    double import_price_usd_per_kg = 0;  ///< market price × shock multipliers (real)
    /// What domestic final demand requires of this material through the recipes.
    double demand_requirement_t = 0;
};

/// One stage in one calendar year.
struct StageYear {
    double requirement_t = 0;  ///< Σ over the stage's plants of their share of the demand requirement
    double domestic_t = 0;     ///< Σ over the stage's plants of production
    /// domestic / requirement, clipped to [0, 1] (clipping happens only above 1: the stage makes
    /// more than domestic final demand needs of it). Empty when the requirement is zero.
    std::optional<double> coverage;
    std::optional<double> coverage_unclipped;  ///< the same ratio before clipping
};

/// One calendar year of the chain.
struct ChainYear {
    int year = 0;
    double demand_t = 0;                 ///< final-product demand (material demand_tpy at the year)
    double domestic_final_t = 0;         ///< final product made in the chain, not used by its plants
    double fully_domestic_final_t = 0;   ///< the part of it whose critical inputs are all domestic
    /// domestic_final / demand and fully_domestic_final / demand, clipped to [0, 1] (clipping
    /// happens only above 1: output beyond domestic demand). Empty when demand is zero.
    std::optional<double> domestic_share;
    std::optional<double> fully_domestic_share;
    std::vector<MaterialYear> materials;  ///< like ChainBalance::materials
    std::vector<PlantYear> plants;        ///< like plan.plants
    std::array<StageYear, stage_count> stages{};
    /// The stage with the lowest unclipped coverage among stages with a nonzero requirement
    /// (ties: the upstream stage). Empty when no stage has a requirement.
    std::optional<model::Stage> bottleneck;
    double imports_musd = 0;          ///< Σ materials' imports_musd
    double stranded_t = 0;            ///< Σ plants' stranded_t
    double stranded_capex_musd = 0;   ///< Σ plants' stranded_capex_musd
};

/// A maximal run of years in which a stage's plants depend on an imported critical input
/// (the domestic supply offered to them falls short of their requirement), for messages such as
/// "fabrication depends on imported ndfeb_alloy 2029–2031: 3,100 t".
struct ImportDependence {
    model::Stage stage = model::Stage::Refining;
    std::string material;
    int first_year = 0;
    int last_year = 0;
    double imports_t = 0;               ///< imported tonnes consumed by the stage's plants over the run
    double imports_musd = 0;            ///< at the (restricted) import price
    double unmet_t = 0;                 ///< shortfall imports could not fill (import_available < 1)
    double stranded_t = 0;              ///< Σ stranded tonnes of the stage's plants that use the material
    double stranded_capex_musd_peak = 0;  ///< largest yearly capex standing idle in those plants
};

/// Imports of one material over the whole span.
struct ImportTotal {
    std::string material;
    double imports_t = 0;
    double imports_musd = 0;
};

/// The mass balance of the chain, year by year from base_year to end_year (inclusive).
struct ChainBalance {
    int first_year = 0;
    int last_year = 0;
    std::string final_product;
    double independence_target = 0;        ///< share of demand (project.independence_target)
    double independence_target_year = 0;   ///< the deadline given to balance_chain
    /// Material ids: plan.materials in file order, then any id a recipe names that the plan
    /// does not list (treated as critical, priced 0, import_available 1).
    std::vector<std::string> materials;
    std::vector<ChainYear> years;

    /// First year with fully domestic final product > 0; empty when none by last_year.
    std::optional<int> first_domestic_output_year;
    std::string first_domestic_output_note;  ///< why it is empty (a sentence); empty otherwise
    /// First year with demand > 0 and fully domestic final product ≥ target × demand;
    /// empty when none by last_year.
    std::optional<int> independence_year;
    std::string independence_note;           ///< why it is empty (a sentence); empty otherwise
    /// independence_year ≤ independence_target_year (the target calendar year counts).
    bool independence_on_time = false;

    std::vector<ImportDependence> dependence;  ///< by stage, then material, then first year
    std::vector<ImportTotal> imports;          ///< like materials; only materials ever imported
    /// Critical materials that plants consume and no plant produces: the chain can never be
    /// fully domestic while they are needed.
    std::vector<std::string> unproduced_critical_inputs;

    std::vector<timeline::PhaseTimes<double>> times;  ///< like plan.plants
    timeline::CriticalPath schedule;  ///< the network against the independence target year
};

/// The effect on the chain of one phase of one plant taking longer.
struct PhaseDelayEffect {
    std::size_t plant = 0;  ///< index into plan.plants
    timeline::Phase phase = timeline::Phase::Permitting;
    double delay_years = 0;
    std::optional<int> first_domestic_output_year;
    std::optional<int> independence_year;
    /// delayed − base independence year, when both exist.
    std::optional<int> independence_shift_years;
    std::optional<int> first_domestic_shift_years;
    /// Total float of the phase before the delay (against the target year), years: a delay
    /// within it leaves the build-out's deadline intact.
    double total_float_years = 0;
};

struct DelayEffects {
    std::optional<int> base_first_domestic_output_year;
    std::optional<int> base_independence_year;
    std::vector<PhaseDelayEffect> phases;  ///< plant-major, phases in order
};

/// Capital deployed in one calendar year, real base-year MUSD.
struct DeploymentYear {
    int year = 0;
    double capex_musd = 0;
    std::array<double, stage_count> by_stage_musd{};  ///< refining, alloying, fabrication
    double cumulative_musd = 0;  ///< since the first year of the table
};

struct CapitalDeployment {
    /// From the earlier of base_year and the first year any plant spends, to end_year.
    std::vector<DeploymentYear> years;
    double total_musd = 0;          ///< Σ plants' capex_musd, whenever spent
    double after_end_musd = 0;      ///< spent after end_year (not in `years`)
    double peak_musd = 0;           ///< largest yearly capex in `years`
    std::optional<int> peak_year;   ///< its year (the first, on a tie); empty when nothing is spent
};

}  // namespace reeplan::chain
