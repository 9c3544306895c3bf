#include "policy/outcomes.hpp"

#include "policy/quantile.hpp"
#include "policy/random.hpp"
#include "timeline/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace reeplan::policy {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

model::Support* find_support(model::Plan& plan, const std::string& id) {
    for (auto& s : plan.supports)
        if (s.id == id) return &s;
    return nullptr;
}
const model::Support* find_support(const model::Plan& plan, const std::string& id) {
    for (const auto& s : plan.supports)
        if (s.id == id) return &s;
    return nullptr;
}
model::Plant* find_plant(model::Plan& plan, const std::string& id) {
    for (auto& p : plan.plants)
        if (p.id == id) return &p;
    return nullptr;
}

// Reversal dates with their probabilities: the first reversal at each election (or year) in
// turn; `none` gets the rest.
struct Dates {
    std::vector<double> effective;
    std::vector<double> probability;
    double none = 1.0;
};

Dates reversal_dates(const model::Plan& plan, const model::Risk& risk) {
    Dates d;
    std::vector<double> when;
    double p = 0;
    if (risk.has_elections) {
        for (double y : election_years(plan, risk)) when.push_back(y + kInaugurationLag);
        p = risk.probability;
    } else {
        for (int y : event_years(plan)) when.push_back(static_cast<double>(y));
        p = risk.annual_probability;
    }
    double survive = 1.0;  // (1 − p)^k
    for (double t : when) {
        d.effective.push_back(t);
        d.probability.push_back(survive * p);
        survive *= 1.0 - p;
    }
    d.none = survive;
    return d;
}

double delay_probability(const model::Risk& risk) { return std::clamp(risk.probability, 0.0, 1.0); }

/// A reversal effective at `t` on one support it names (the rules above).
void end_support(model::Support& s, double t) {
    s.end_year = std::min(s.end_year, t);
    using K = model::SupportKind;
    if ((s.kind == K::Grant || s.kind == K::Equity) && !(s.year < t)) s.amount_musd = 0;
    if (s.kind == K::Loan && !(s.start_year < t)) s.amount_musd = 0;
    if (s.kind == K::LoanGuarantee && !(s.start_year < t)) s.share = 0;
}

/// A supply restriction's shocks, one per event year (the rules above).
void add_shocks(model::Plan& plan, const model::Risk& risk, const RiskOutcome& o) {
    for (int y : o.event_years)
        plan.shocks.push_back(model::SupplyShock{risk.material, static_cast<double>(y), y + risk.duration_years,
                                                 risk.available_share, risk.price_multiplier});
}

/// The fields end_support changes, back from `base`.
void restore_support(model::Support& s, const model::Support& base) {
    s.end_year = base.end_year;
    s.amount_musd = base.amount_musd;
    s.share = base.share;
}

/// The fields timeline::delay_phase changes, back from `base`.
void restore_schedule(model::Schedule& s, const model::Schedule& base) {
    s.permitting_years = base.permitting_years;
    s.construction_years = base.construction_years;
    s.commissioning_years = base.commissioning_years;
    s.ramp.years = base.ramp.years;
    s.ramp.hold_years = base.ramp.hold_years;
}

/// The tables of `risk`'s draw on `plan` (those its kind reads), into `t`.
void fill_tables(const model::Plan& plan, const model::Risk& risk, detail::DrawTables& t) {
    t.dates.clear();
    t.cumulative.clear();
    t.years.clear();
    if (risk.kind == model::RiskKind::Reversal) {
        const Dates d = reversal_dates(plan, risk);
        t.dates = d.effective;
        double cum = 0;
        for (double p : d.probability) t.cumulative.push_back(cum += p);
    } else if (risk.kind == model::RiskKind::SupplyRestriction) {
        t.years = event_years(plan);
    }
}

/// The outcome of `risk` on path `path` (stream `key`) from its tables, into `o` (the rules
/// above): the first reversal date whose running probability exceeds the path's uniform, an
/// event in each year whose uniform falls below the annual probability, a delay drawn from its
/// distribution with its probability.
void draw(const model::Risk& risk, std::uint64_t key, const detail::DrawTables& t, std::uint64_t seed,
          std::uint64_t path, RiskOutcome& o) {
    o.occurs = false;
    o.effective_year = 0;
    o.delay_years = 0;
    o.event_years.clear();
    switch (risk.kind) {
    case model::RiskKind::Reversal: {
        const double u = counter_uniform(seed, path, key, 0);
        for (std::size_t k = 0; k < t.dates.size(); ++k)
            if (u < t.cumulative[k]) {
                o.occurs = true;
                o.effective_year = t.dates[k];
                break;
            }
        break;
    }
    case model::RiskKind::SupplyRestriction:
        for (std::size_t j = 0; j < t.years.size(); ++j)
            if (counter_uniform(seed, path, key, j) < risk.annual_probability) o.event_years.push_back(t.years[j]);
        o.occurs = !o.event_years.empty();
        break;
    case model::RiskKind::Delay:
        if (counter_uniform(seed, path, key, 0) < delay_probability(risk)) {
            o.delay_years = std::max(quantile(risk.delay_years, counter_uniform(seed, path, key, 1)), 0.0);
            o.occurs = o.delay_years > 0;
        }
        break;
    }
}

/// What `risk` names in `plan`, each name's first match (names that match nothing are left out).
detail::Named named_in(const model::Plan& plan, const model::Risk& risk) {
    detail::Named n;
    if (risk.kind == model::RiskKind::Reversal) {
        for (const auto& id : reversed_supports(risk))
            for (std::size_t k = 0; k < plan.supports.size(); ++k)
                if (plan.supports[k].id == id) {
                    n.supports.push_back(k);
                    break;
                }
    } else if (risk.kind == model::RiskKind::Delay) {
        for (const auto& id : risk.plants)
            for (std::size_t k = 0; k < plan.plants.size(); ++k)
                if (plan.plants[k].id == id) {
                    n.plants.push_back(k);
                    break;
                }
        n.phase_ok = timeline::parse_phase(risk.phase, n.phase);
    }
    return n;
}

/// apply_risk_outcome on what the risk names, by index.
void apply_named(model::Plan& plan, const model::Risk& risk, const detail::Named& n, const RiskOutcome& o) {
    if (!o.occurs) return;
    switch (risk.kind) {
    case model::RiskKind::Reversal:
        for (std::size_t k : n.supports) end_support(plan.supports[k], o.effective_year);
        break;
    case model::RiskKind::SupplyRestriction:
        add_shocks(plan, risk, o);
        break;
    case model::RiskKind::Delay:
        if (n.phase_ok)
            for (std::size_t k : n.plants) timeline::delay_phase(plan.plants[k].schedule, n.phase, o.delay_years);
        break;
    }
}

}  // namespace

std::vector<double> election_years(const model::Plan& plan, const model::Risk& risk) {
    std::vector<double> out;
    if (!risk.has_elections || !(risk.elections_every_years > 0)) {
        if (risk.has_elections && risk.elections_first_year >= plan.project.base_year &&
            risk.elections_first_year < plan.project.end_year)
            out.push_back(risk.elections_first_year);  // a single election
        return out;
    }
    for (int k = 0;; ++k) {
        const double y = risk.elections_first_year + k * risk.elections_every_years;
        if (!(y < plan.project.end_year)) break;
        if (y >= plan.project.base_year) out.push_back(y);
    }
    return out;
}

std::vector<int> event_years(const model::Plan& plan) {
    std::vector<int> out;
    const int y0 = static_cast<int>(std::ceil(plan.project.base_year));
    for (int y = y0; y < plan.project.end_year; ++y) out.push_back(y);
    return out;
}

std::vector<std::string> reversed_supports(const model::Risk& risk) {
    std::vector<std::string> out;
    for (const auto& s : risk.supports)
        if (!contains(risk.grandfathered, s) && !contains(out, s)) out.push_back(s);
    return out;
}

double outcome_count(const model::Plan& plan, const model::Risk& risk) {
    double n = 0;
    switch (risk.kind) {
    case model::RiskKind::Reversal: {
        const Dates d = reversal_dates(plan, risk);
        for (double p : d.probability) n += p > 0 ? 1 : 0;
        n += d.none > 0 ? 1 : 0;
        break;
    }
    case model::RiskKind::SupplyRestriction: {
        const double q = risk.annual_probability;
        if (!(q > 0) || !(q < 1)) return 1;
        return std::ldexp(1.0, static_cast<int>(event_years(plan).size()));
    }
    case model::RiskKind::Delay: {
        const double p = delay_probability(risk);
        const double pts = static_cast<double>(enumeration_points(risk.delay_years).size());
        n = (p > 0 ? pts : 0) + (p < 1 ? 1 : 0);
        break;
    }
    }
    return std::max(n, 1.0);
}

std::vector<WeightedOutcome> enumerate_risk(const model::Plan& plan, const model::Risk& risk) {
    std::vector<WeightedOutcome> out;
    switch (risk.kind) {
    case model::RiskKind::Reversal: {
        const Dates d = reversal_dates(plan, risk);
        for (std::size_t k = 0; k < d.effective.size(); ++k) {
            if (!(d.probability[k] > 0)) continue;
            WeightedOutcome w;
            w.outcome.occurs = true;
            w.outcome.effective_year = d.effective[k];
            w.probability = d.probability[k];
            out.push_back(w);
        }
        if (d.none > 0) out.push_back(WeightedOutcome{RiskOutcome{}, d.none});
        break;
    }
    case model::RiskKind::SupplyRestriction: {
        const double q = std::clamp(risk.annual_probability, 0.0, 1.0);
        const std::vector<int> years = event_years(plan);
        if (!(q > 0)) {
            out.push_back(WeightedOutcome{RiskOutcome{}, 1.0});
            break;
        }
        if (!(q < 1)) {
            WeightedOutcome w;
            w.outcome.occurs = !years.empty();
            w.outcome.event_years = years;
            w.probability = 1.0;
            out.push_back(w);
            break;
        }
        const std::size_t n = years.size();
        for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << n); ++mask) {
            WeightedOutcome w;
            w.probability = 1.0;
            for (std::size_t j = 0; j < n; ++j) {
                if (mask >> j & 1) {
                    w.outcome.event_years.push_back(years[j]);
                    w.probability *= q;
                } else {
                    w.probability *= 1.0 - q;
                }
            }
            w.outcome.occurs = mask != 0;
            out.push_back(w);
        }
        break;
    }
    case model::RiskKind::Delay: {
        const double p = delay_probability(risk);
        if (p > 0) {
            for (const auto& [years, prob] : enumeration_points(risk.delay_years)) {
                WeightedOutcome w;
                w.outcome.occurs = years > 0;
                w.outcome.delay_years = std::max(years, 0.0);
                w.probability = p * prob;
                out.push_back(w);
            }
        }
        if (p < 1) out.push_back(WeightedOutcome{RiskOutcome{}, 1.0 - p});
        break;
    }
    }
    return out;
}

RiskOutcome sample_risk(const model::Plan& plan, const model::Risk& risk, std::uint64_t seed, std::uint64_t path) {
    detail::DrawTables t;
    fill_tables(plan, risk, t);
    RiskOutcome o;
    draw(risk, stream_key(risk.id), t, seed, path, o);
    return o;
}

void apply_risk_outcome(model::Plan& plan, const model::Risk& risk, const RiskOutcome& o) {
    if (o.occurs) apply_named(plan, risk, named_in(plan, risk), o);
}

void restore_risk(model::Plan& plan, const model::Plan& base, const model::Risk& risk) {
    switch (risk.kind) {
    case model::RiskKind::Reversal:
        for (const auto& id : reversed_supports(risk)) {
            model::Support* s = find_support(plan, id);
            const model::Support* b = find_support(base, id);
            if (s && b) restore_support(*s, *b);
        }
        break;
    case model::RiskKind::SupplyRestriction:
        if (plan.shocks.size() > base.shocks.size()) plan.shocks.resize(base.shocks.size());
        break;
    case model::RiskKind::Delay:
        for (const auto& id : risk.plants) {
            model::Plant* p = find_plant(plan, id);
            const model::Plant* b = base.plant(id);
            if (p && b) restore_schedule(p->schedule, b->schedule);
        }
        break;
    }
}

RiskSampler::RiskSampler(const model::Plan& plan, std::size_t risk)
    : risk_(risk), key_(stream_key(plan.risks[risk].id)), named_(named_in(plan, plan.risks[risk])) {}

void RiskSampler::refresh(const model::Plan& plan) {
    const model::Risk& r = plan.risks[risk_];
    const std::array<double, 7> now{plan.project.base_year,  plan.project.end_year, r.has_elections ? 1.0 : 0.0,
                                    r.elections_first_year,  r.elections_every_years, r.probability,
                                    r.annual_probability};
    if (fresh_ && std::memcmp(now.data(), follows_.data(), sizeof now) == 0) return;
    follows_ = now;
    fresh_ = true;
    fill_tables(plan, r, tables_);
}

void RiskSampler::sample(const model::Plan& plan, std::uint64_t seed, std::uint64_t path, RiskOutcome& o) {
    refresh(plan);
    draw(plan.risks[risk_], key_, tables_, seed, path, o);
}

void RiskSampler::apply(model::Plan& plan, const RiskOutcome& o) const {
    apply_named(plan, plan.risks[risk_], named_, o);
}

void RiskSampler::restore(model::Plan& plan, const model::Plan& base) const {
    switch (plan.risks[risk_].kind) {
    case model::RiskKind::Reversal:
        for (std::size_t k : named_.supports) restore_support(plan.supports[k], base.supports[k]);
        break;
    case model::RiskKind::SupplyRestriction:
        if (plan.shocks.size() > base.shocks.size()) plan.shocks.resize(base.shocks.size());
        break;
    case model::RiskKind::Delay:
        for (std::size_t k : named_.plants) restore_schedule(plan.plants[k].schedule, base.plants[k].schedule);
        break;
    }
}

model::Plan apply_outcome(const model::Plan& plan, const JointOutcome& outcome) {
    model::Plan out = plan;
    for (std::size_t k = 0; k < outcome.by_risk.size() && k < plan.risks.size(); ++k)
        apply_risk_outcome(out, plan.risks[k], outcome.by_risk[k]);
    return out;
}

std::vector<bool> touched_plants(const model::Plan& plan, const model::Risk& risk) {
    const std::size_t n = plan.plants.size();
    std::vector<bool> out(n, false);
    switch (risk.kind) {
    case model::RiskKind::Reversal:
        for (const auto& id : reversed_supports(risk))
            if (const model::Support* s = find_support(plan, id))
                for (std::size_t i = 0; i < n; ++i)
                    if (model::support_reaches(*s, plan.plants[i].id)) out[i] = true;
        break;
    case model::RiskKind::SupplyRestriction:
        for (std::size_t i = 0; i < n; ++i) out[i] = plan.plants[i].inputs.count(risk.material) > 0;
        break;
    case model::RiskKind::Delay: {
        // a delay of phase k moves the ends of phases k and later of the named plant, and every
        // phase of a plant that follows a moved phase
        timeline::Phase delayed{};
        if (!timeline::parse_phase(risk.phase, delayed)) break;
        std::vector<bool> whole(n, false);  // the whole schedule moves
        for (std::size_t i = 0; i < n; ++i) out[i] = contains(risk.plants, plan.plants[i].id);
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < n; ++i) {
                if (whole[i]) continue;
                for (const auto& ref : plan.plants[i].schedule.after) {
                    std::size_t j = 0;
                    while (j < n && plan.plants[j].id != ref.plant) ++j;
                    timeline::Phase ph{};
                    if (j == n || !timeline::parse_phase(ref.phase, ph)) continue;
                    const bool moved = whole[j] || (contains(risk.plants, ref.plant) && static_cast<int>(ph) >= static_cast<int>(delayed));
                    if (moved) {
                        whole[i] = out[i] = changed = true;
                        break;
                    }
                }
            }
        }
        break;
    }
    }
    return out;
}

}  // namespace reeplan::policy
