#include "policy/expectation.hpp"

#include "finance/ledger.hpp"
#include "finance/solvers.hpp"
#include "finance/valuation.hpp"
#include "policy/premium.hpp"

#include <algorithm>
#include <cmath>

namespace reeplan::policy {

namespace {

constexpr std::size_t kMaxRisks = 64;

}  // namespace

RiskEngine::RiskEngine(const model::Plan& plan, EngineOptions options, std::shared_ptr<Cache> cache)
    : plan_(plan), work_(plan), opt_(options), cache_(cache ? std::move(cache) : std::make_shared<Cache>()) {
    risk_count_ = std::min(plan_.risks.size(), kMaxRisks);
    base_ = finance::plant_flows<double>(plan_);
    base_times_ = timeline::schedule_plants<double>(plan_);
    times_ = base_times_;
    base_balance_ = finance::plan_balance(plan_, base_times_);
    touch_.assign(plan_.plants.size(), 0);
    counts_.resize(risk_count_);
    enumerated_.resize(risk_count_);
    for (std::size_t k = 0; k < risk_count_; ++k) {
        const auto t = touched_plants(plan_, plan_.risks[k]);
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i]) touch_[i] |= Coalition{1} << k;
        counts_[k] = policy::outcome_count(plan_, plan_.risks[k]);
    }
    // when a reversal stops mattering to each plant: it changes a support with a window while
    // t < end_year, and cancels a payment (grant, equity) or a contract (loan, guarantee) while
    // t ≤ its year or start_year (outcomes.hpp)
    horizon_.assign(risk_count_, std::vector<Horizon>(plan_.plants.size()));
    for (std::size_t k = 0; k < risk_count_; ++k) {
        const model::Risk& r = plan_.risks[k];
        if (r.kind != model::RiskKind::Reversal) continue;
        for (std::size_t i = 0; i < plan_.plants.size(); ++i) {
            Horizon& h = horizon_[k][i];
            for (const auto& id : reversed_supports(r))
                for (const auto& s : plan_.supports) {
                    if (s.id != id || !model::support_reaches(s, plan_.plants[i].id)) continue;
                    using K = model::SupportKind;
                    h.before = std::max(h.before, s.end_year);
                    if (s.kind == K::Grant || s.kind == K::Equity) h.until = std::max(h.until, s.year);
                    if (s.kind == K::Loan || s.kind == K::LoanGuarantee) h.until = std::max(h.until, s.start_year);
                }
        }
    }
}

double RiskEngine::outcome_count(std::size_t plant, Coalition active) const {
    const Coalition mask = active & touch_[plant];
    double n = 1;
    for (std::size_t k = 0; k < risk_count_; ++k)
        if (mask >> k & 1) n *= counts_[k];
    return n;
}

bool RiskEngine::enumerated(std::size_t plant, Coalition active) const {
    return !(outcome_count(plant, active) > opt_.enumeration_limit);
}

const std::vector<WeightedOutcome>& RiskEngine::outcomes_of(std::size_t risk) {
    if (!enumerated_[risk]) enumerated_[risk] = enumerate_risk(plan_, plan_.risks[risk]);
    return *enumerated_[risk];
}

double RiskEngine::evaluate(std::size_t plant, const std::optional<double>& price, chain::ChainBalance* cached) const {
    // each plant is coupled to the chain's mass balance, exactly as finance::plant_flows does;
    // the balance is recomputed only when the outcome moved a schedule or restricts supply
    bool moved = false;
    for (std::size_t i = 0; i < times_.size() && !moved; ++i)
        moved = times_[i].operation_start < base_times_[i].operation_start ||
                times_[i].operation_start > base_times_[i].operation_start ||
                times_[i].nameplate > base_times_[i].nameplate || times_[i].nameplate < base_times_[i].nameplate;
    chain::ChainBalance local;
    const chain::ChainBalance* balance = &base_balance_;
    if (moved || !work_.shocks.empty()) {
        // a caller that revalues the same outcome at several prices keeps its balance: the
        // balance is physical and does not depend on the price
        if (cached && !cached->years.empty()) {
            balance = cached;
        } else {
            local = finance::plan_balance(work_, times_);
            if (cached) {
                *cached = std::move(local);
                balance = cached;
            } else {
                balance = &local;
            }
        }
    }
    finance::PlantLedger<double> pl(work_, plant, times_[plant], balance);
    finance::LedgerOptions<double> o;
    o.output_price_real = price;
    o.npv_only = true;
    return finance::project_npv(pl, pl.run(o));
}

void RiskEngine::for_each_outcome(std::size_t plant, Coalition mask, std::size_t max_paths, const Visit& visit) {
    std::vector<std::size_t> ks;
    for (std::size_t k = 0; k < risk_count_; ++k)
        if (mask >> k & 1) ks.push_back(k);
    // applies the outcomes, revalues the schedule when a delay happened, visits, undoes
    std::vector<const RiskOutcome*> chosen(ks.size());
    // A restriction that lies wholly in calendar years without production changes nothing in the
    // plant's ledger (no production to limit, no input bought at the raised price), so only the
    // events that overlap the years of operation are applied: the same NPV, fewer shocks.
    // Likewise a reversal that takes effect after every support it ends for this plant has run
    // out (or been paid) changes nothing, and is not applied.
    RiskOutcome kept;
    auto run = [&](double weight, std::size_t index) {
        Coalition effective = 0;
        bool delayed = false;
        for (std::size_t j = 0; j < ks.size(); ++j) {
            const model::Risk& r = plan_.risks[ks[j]];
            if (!chosen[j]->occurs || r.kind == model::RiskKind::SupplyRestriction) continue;
            if (r.kind == model::RiskKind::Reversal) {
                const Horizon& h = horizon_[ks[j]][plant];
                const double t = chosen[j]->effective_year;
                if (!(t < h.before) && t > h.until) continue;
            }
            effective |= Coalition{1} << ks[j];
            apply_risk_outcome(work_, r, *chosen[j]);
            delayed = delayed || r.kind == model::RiskKind::Delay;
        }
        if (delayed) times_ = timeline::schedule_plants<double>(work_);
        // whole calendar years: the ledger cuts a year's production pro rata to the part of the
        // year a restriction lasts, whenever in the year the plant produces
        const double op0 = std::floor(times_[plant].operation_start), op1 = std::ceil(times_[plant].end_of_life);
        for (std::size_t j = 0; j < ks.size(); ++j) {
            const model::Risk& r = plan_.risks[ks[j]];
            if (!chosen[j]->occurs || r.kind != model::RiskKind::SupplyRestriction) continue;
            kept.event_years.clear();
            for (int y : chosen[j]->event_years)
                if (y + r.duration_years > op0 && y < op1) kept.event_years.push_back(y);
            kept.occurs = !kept.event_years.empty();
            if (kept.occurs) effective |= Coalition{1} << ks[j];
            apply_risk_outcome(work_, r, kept);
        }
        visit(weight, index, effective);
        for (std::size_t j = 0; j < ks.size(); ++j)
            if (chosen[j]->occurs) restore_risk(work_, plan_, plan_.risks[ks[j]]);
        if (delayed) times_ = base_times_;
    };

    if (enumerated(plant, mask)) {
        std::vector<const std::vector<WeightedOutcome>*> sets;
        for (std::size_t k : ks) sets.push_back(&outcomes_of(k));
        std::vector<std::size_t> at(ks.size(), 0);
        std::size_t index = 0;
        for (;;) {
            double w = 1.0;
            for (std::size_t j = 0; j < ks.size(); ++j) {
                const WeightedOutcome& o = (*sets[j])[at[j]];
                chosen[j] = &o.outcome;
                w *= o.probability;
            }
            run(w, index++);
            std::size_t j = 0;  // odometer
            while (j < ks.size() && ++at[j] == sets[j]->size()) at[j++] = 0;
            if (j == ks.size()) break;
        }
        return;
    }
    const std::size_t n = std::min(opt_.sample_paths, max_paths);
    std::vector<RiskOutcome> drawn(ks.size());
    for (std::size_t p = 0; p < n; ++p) {
        for (std::size_t j = 0; j < ks.size(); ++j) {
            drawn[j] = sample_risk(plan_, plan_.risks[ks[j]], opt_.seed, p);
            chosen[j] = &drawn[j];
        }
        run(1.0 / static_cast<double>(n), p);
    }
}

std::string RiskEngine::signature(std::size_t plant, Coalition mask) const {
    std::string s = std::to_string(plant) + ":";
    const std::string& id = plan_.plants[plant].id;
    for (std::size_t k = 0; k < risk_count_; ++k) {
        if (!(mask >> k & 1)) continue;
        s += std::to_string(k);
        const model::Risk& r = plan_.risks[k];
        if (r.kind == model::RiskKind::Reversal) {
            s += "[";
            for (const auto& sid : reversed_supports(r))
                for (const auto& sup : plan_.supports)
                    if (sup.id == sid && model::support_reaches(sup, id)) s += sid + ",";
            s += "]";
        }
        s += ";";
    }
    return s;
}

const PlantExpectation& RiskEngine::expectation(std::size_t plant, Coalition active) {
    const Coalition mask = active & touch_[plant];
    const std::string key = signature(plant, mask);
    if (auto it = cache_->find(key); it != cache_->end()) return it->second;
    PlantExpectation e;
    if (mask == 0) {
        e.mean = base_[plant].npv;
        return cache_->emplace(key, e).first->second;
    }
    const double base_npv = base_[plant].npv;
    e.sampled = !enumerated(plant, mask);
    if (e.sampled) {
        e.outcomes = opt_.sample_paths;
        e.path_values.assign(opt_.sample_paths, base_npv);
    } else {
        e.outcomes = static_cast<std::size_t>(outcome_count(plant, mask));
    }
    // On a sampled path where only some of the risks change the plant, its NPV is that path's NPV
    // with those risks alone: reuse it when that expectation was sampled on the same paths.
    std::map<Coalition, const PlantExpectation*> subsets;
    auto reuse = [&](Coalition effective) -> const PlantExpectation* {
        if (!e.sampled || effective == mask) return nullptr;
        if (auto it = subsets.find(effective); it != subsets.end()) return it->second;
        const PlantExpectation* found = nullptr;
        if (auto it = cache_->find(signature(plant, effective)); it != cache_->end() && it->second.sampled &&
                                                                 it->second.path_values.size() == e.path_values.size())
            found = &it->second;
        return subsets[effective] = found;
    };
    double sum = 0;
    for_each_outcome(plant, mask, opt_.sample_paths, [&](double w, std::size_t index, Coalition effective) {
        double v = base_npv;
        if (effective != 0) {
            const PlantExpectation* sub = reuse(effective);
            v = sub ? sub->path_values[index] : evaluate(plant, std::nullopt);
        }
        sum += w * v;
        if (e.sampled) e.path_values[index] = v;
    });
    e.mean = sum;
    if (e.sampled && e.path_values.size() > 1) {
        double m = 0, ss = 0;
        for (double v : e.path_values) m += v;
        m /= static_cast<double>(e.path_values.size());
        for (double v : e.path_values) ss += (v - m) * (v - m);
        const double n = static_cast<double>(e.path_values.size());
        e.standard_error = std::sqrt(ss / (n - 1.0) / n);
    }
    return cache_->emplace(key, std::move(e)).first->second;
}

double RiskEngine::npv_of_outcome(std::size_t plant, const JointOutcome& joint) {
    bool delayed = false;
    for (std::size_t k = 0; k < joint.by_risk.size() && k < risk_count_; ++k) {
        apply_risk_outcome(work_, plan_.risks[k], joint.by_risk[k]);
        delayed = delayed || (joint.by_risk[k].occurs && plan_.risks[k].kind == model::RiskKind::Delay);
    }
    if (delayed) times_ = timeline::schedule_plants<double>(work_);
    const double v = evaluate(plant, std::nullopt);
    for (std::size_t k = 0; k < joint.by_risk.size() && k < risk_count_; ++k) restore_risk(work_, plan_, plan_.risks[k]);
    times_ = base_times_;
    return v;
}

std::optional<double> RiskEngine::lcop(std::size_t plant, Coalition active, std::string& note) {
    const Coalition mask = active & touch_[plant];
    std::map<double, double> seen;
    // the balances of the first outcomes, kept across the price search (bounded in memory)
    constexpr std::size_t kCachedBalances = 1024;
    std::vector<chain::ChainBalance> balances(kCachedBalances);
    auto expected = [&](double price) {
        if (auto it = seen.find(price); it != seen.end()) return it->second;
        double sum = 0;
        if (mask == 0) {
            sum = evaluate(plant, price);
        } else {
            for_each_outcome(plant, mask, opt_.lcop_paths, [&](double w, std::size_t index, Coalition) {
                sum += w * evaluate(plant, price, index < kCachedBalances ? &balances[index] : nullptr);
            });
        }
        seen[price] = sum;
        return sum;
    };
    // first guess: the output's market price in the base year (real USD/kg)
    const model::Plant& p = plan_.plants[plant];
    double p0 = 0;
    if (const model::Material* m = plan_.material(p.output))
        p0 = finance::series_at<double>(m->market_price_usd_per_kg, static_cast<int>(plan_.project.base_year));
    const double f0 = expected(p0);
    if (std::fpclassify(f0) == FP_ZERO) return p0;
    const double step = std::max(0.5, 0.05 * std::abs(p0));
    const double p1 = p0 + step;
    const double f1 = expected(p1);
    if (!(std::abs(f1 - f0) > 1e-9 * (1.0 + std::abs(f0)))) {
        note = "the output's price does not change NPV (no merchant sales)";
        return std::nullopt;
    }
    double a = p0, fa = f0, b = p1, fb = f1;
    if ((fa > 0) == (fb > 0)) {
        // the secant root, then a narrow bracket around it, widening by doubling
        const double guess = p1 - f1 * (p1 - p0) / (f1 - f0);
        double h = std::max(0.01, 1e-3 * std::abs(guess));
        a = guess - h;
        b = guess + h;
        fa = expected(a);
        fb = expected(b);
        for (int k = 0; k < 60 && (fa > 0) == (fb > 0); ++k) {
            h *= 2;
            const bool rising = fb > fa;
            // move the end on the side where the root lies
            if ((fa > 0) == rising) {
                b = a;
                fb = fa;
                a -= h;
                fa = expected(a);
            } else {
                a = b;
                fa = fb;
                b += h;
                fb = expected(b);
            }
        }
        if ((fa > 0) == (fb > 0)) {
            note = "no price of the output makes the expected NPV zero";
            return std::nullopt;
        }
    }
    if (a > b) {
        std::swap(a, b);
        std::swap(fa, fb);
    }
    auto root = finance::brent(expected, a, b, 1e-7, 200);
    if (!root) {
        note = "the price that makes the expected NPV zero could not be found (NPV is not continuous in price)";
        return std::nullopt;
    }
    return *root;
}

}  // namespace reeplan::policy
