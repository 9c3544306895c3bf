#pragma once
/// The build-out as an activity network, solved by the critical path method (CPM).
///
/// Every phase of every plant (permitting, construction, commissioning, ramp) is an activity
/// whose duration is the phase length in years. Links are finish-to-start:
/// - within a plant, each phase starts when the one before it ends (lag 0);
/// - an `after` reference "p.phase+lag" links the end of that phase, plus the lag, to the start
///   of the referring plant's permitting;
/// - `earliest_start_year` is a start-no-earlier-than constraint on permitting.
/// The forward pass gives earliest start and finish (the same numbers, operation for operation,
/// as schedule_plants<double>); the backward pass against a deadline gives latest start and
/// finish and the floats. Method: J. E. Kelley and M. R. Walker, "Critical-path planning and
/// scheduling", Proc. Eastern Joint Computer Conference, 1959; F. S. Hillier and
/// G. J. Lieberman, Introduction to Operations Research, ch. "Project Management with
/// PERT/CPM" (earliest/latest times, slack, critical path).
///
/// All times are decimal calendar years; durations and floats are years.

#include "model/plan.hpp"
#include "timeline/schedule.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::timeline {

/// Phases per plant, in order.
inline constexpr std::size_t phases_per_plant = 4;

/// "permitting" | "construction" | "commissioning" | "ramp".
const char* to_string(Phase p);

/// Index of a plant's phase in ActivityNetwork::activities: plant × 4 + phase.
inline std::size_t activity_index(std::size_t plant, Phase phase) {
    return plant * phases_per_plant + static_cast<std::size_t>(phase);
}

/// One phase of one plant, with its CPM times (decimal years).
struct Activity {
    std::size_t plant = 0;  ///< index into plan.plants
    Phase phase = Phase::Permitting;
    double duration = 0;         ///< years
    double earliest_start = 0;   ///< forward pass
    double earliest_finish = 0;  ///< earliest_start + duration
    double latest_start = 0;     ///< latest_finish − duration
    double latest_finish = 0;    ///< backward pass from the deadline
    /// latest_start − earliest_start, years. Negative when the deadline is earlier than the
    /// network allows (the activity is that many years behind what the deadline needs).
    double total_float = 0;
    /// How far the activity can slip without moving any successor's earliest start (nor, for
    /// an activity without successors, past the deadline), years; may be negative likewise.
    double free_float = 0;
};

/// A finish-to-start link: `to` starts no earlier than `from` finishes plus `lag` years.
struct Link {
    std::size_t from = 0;
    std::size_t to = 0;
    double lag = 0;
};

/// The solved network.
struct ActivityNetwork {
    std::vector<Activity> activities;  ///< activity_index(plant, phase) order
    std::vector<Link> links;           ///< within-plant links first, then `after` links
    std::vector<std::size_t> order;    ///< activities in a topological order (predecessors first)
    double deadline = 0;               ///< the date the backward pass starts from
    double earliest_completion = 0;    ///< the largest earliest finish (every plant at nameplate)
    double min_total_float = 0;        ///< over all activities
};

/// Builds and solves the network. Every activity must finish by `deadline`: activities without
/// successors take it as their latest finish, and no latest finish is later than it.
/// Throws model::InputError naming the cycle (via dependency_order) when `after` links form one.
ActivityNetwork solve_network(const model::Plan& plan, double deadline);

/// A chain of activities, first to last, each linked to the next by a driving link (the
/// predecessor's finish plus the lag equals the successor's earliest start, to 1e-9 years).
using ActivityPath = std::vector<std::size_t>;

/// Every driving path that ends at one of `ends`, traced back until an activity whose earliest
/// start no link drives (its start is set by earliest_start_year). At most `max_paths` paths,
/// in a deterministic order (ends in the order given, predecessors by link order).
std::vector<ActivityPath> driving_paths(const ActivityNetwork& net, const std::vector<std::size_t>& ends,
                                        std::size_t max_paths = 16);

/// The critical path(s) against the deadline: driving paths through activities whose total
/// float is the least in the network (to 1e-9 years), ending at activities whose latest finish
/// is the deadline itself.
std::vector<ActivityPath> critical_paths_to_deadline(const ActivityNetwork& net, std::size_t max_paths = 16);

/// The chain's first fully domestic output: the earliest time every stage needed by the final
/// product has a plant operating. Read from the recipe graph with the rules of the mass balance
/// (chain/balance.hpp): material m is available domestically from
///     T(m) = min over plants p with output m of  max(operation_start(p), max over p's critical
///            inputs c (recipe > 0) of T(c)),
/// a critical input with no producer never is (T = ∞), non-critical inputs are ignored.
struct DomesticMilestone {
    std::optional<double> year;          ///< T(final product); empty when never (see reason)
    std::vector<std::size_t> plants;     ///< the plants of the earliest fully domestic chain
    std::vector<std::size_t> driving;    ///< among them, those whose operation start is `year`
    std::string reason;                  ///< why `year` is empty; empty otherwise
};

/// The material the chain serves: project.final_product, or when that is empty (a plan built
/// in code; io fills the default) the output of the last plant of the latest stage.
std::string final_product(const model::Plan& plan);

/// Computes the milestone from the plan's recipe graph and the plants' phase times (indexed
/// like plan.plants).
DomesticMilestone first_domestic_milestone(const model::Plan& plan, const std::vector<PhaseTimes<double>>& times);

/// Everything the build-out schedule says about the deadline and the first domestic output.
struct CriticalPath {
    ActivityNetwork network;
    DomesticMilestone milestone;
    /// Driving paths to the commissioning end (= operation start) of the milestone's driving plants.
    std::vector<ActivityPath> to_milestone;
    /// Critical paths against the deadline.
    std::vector<ActivityPath> to_deadline;
};

/// Solves the network against `deadline` (the independence target year) and traces both sets of
/// paths. Throws model::InputError on a dependency cycle.
CriticalPath critical_path(const model::Plan& plan, double deadline);

}  // namespace reeplan::timeline
