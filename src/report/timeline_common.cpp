// Shared by the timeline renderers: dates, spans, the critical set and the diagnostics in words.

#include "report/timeline.hpp"
#include "report/detail/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace reeplan::report {

namespace timeline_detail {

std::string grouped(double v, int decimals) { return detail::grouped(v, decimals); }

std::string year_span(int first, int last) {
    return first == last ? std::to_string(first) : fmt::format("{}–{}", first, last);
}

std::vector<bool> critical_activities(const ChainTimeline& tl) {
    std::vector<bool> crit(tl.balance.schedule.network.activities.size(), false);
    for (const auto& path : tl.balance.schedule.to_deadline)
        for (std::size_t a : path)
            if (a < crit.size()) crit[a] = true;
    return crit;
}

YearSpan gantt_span(const ChainTimeline& tl) {
    const auto& times = tl.balance.times;
    if (times.empty()) return {};
    double lo = times.front().permitting_start, hi = times.front().nameplate;
    for (const auto& t : times) {
        lo = std::min(lo, t.permitting_start);
        hi = std::max(hi, t.nameplate);
    }
    YearSpan s{static_cast<int>(std::floor(lo)), static_cast<int>(std::ceil(hi + 1.0))};
    if (s.end <= s.first) s.end = s.first + 1;
    return s;
}

const chain::DeploymentYear* deployment_at(const chain::CapitalDeployment& d, int year) {
    if (d.years.empty()) return nullptr;
    const long k = static_cast<long>(year) - d.years.front().year;  // the years are consecutive
    if (k < 0 || k >= static_cast<long>(d.years.size())) return nullptr;
    return &d.years[static_cast<std::size_t>(k)];
}

std::vector<std::size_t> produced_materials(const model::Plan& plan, const chain::ChainBalance& b) {
    std::vector<std::size_t> out;
    for (std::size_t m = 0; m < b.materials.size(); ++m)
        if (std::any_of(plan.plants.begin(), plan.plants.end(), [&](const model::Plant& p) { return p.output == b.materials[m]; }))
            out.push_back(m);
    return out;
}

}  // namespace timeline_detail

using namespace timeline_detail;

namespace {

/// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, and back
/// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil / civil_from_days).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, long& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

}  // namespace

std::string year_to_date(double year) {
    const double whole = std::floor(year);
    const long days = std::lround((year - whole) * 365.0);
    long y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days_from_civil(static_cast<long>(whole), 1, 1) + days, y, m, d);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::vector<std::string> timeline_diagnostics(const model::Plan& plan, const ChainTimeline& tl) {
    const chain::ChainBalance& b = tl.balance;
    std::vector<std::string> out;
    for (const auto& r : b.dependence) {
        std::string s = fmt::format("{} depends on imported {} {}: {} t ({} MUSD)", model::to_string(r.stage), r.material,
                                    year_span(r.first_year, r.last_year), grouped(r.imports_t, 0),
                                    grouped(r.imports_musd, 1));
        if (r.unmet_t > 0.5) s += fmt::format("; {} t could not be imported", grouped(r.unmet_t, 0));
        out.push_back(std::move(s));
    }
    // Stranded capacity: maximal runs of years in which a stage's plants stand partly idle.
    constexpr double tol_t = 1e-6;
    for (model::Stage stage : chain::stages) {
        bool open = false;
        int first = 0, last = 0;
        double tonnes = 0, peak = 0;
        std::vector<std::string> short_of;
        auto close = [&] {
            if (!open) return;
            std::string why;
            for (std::size_t k = 0; k < short_of.size(); ++k) why += (k ? ", " : "") + short_of[k];
            out.push_back(fmt::format("{} stranded {}{}: {} t, peak idle capex {} MUSD", model::to_string(stage),
                                      year_span(first, last), why.empty() ? "" : " (short of " + why + ")",
                                      grouped(tonnes, 0), grouped(peak, 1)));
            open = false;
        };
        for (const auto& cy : b.years) {
            double t = 0, idle = 0;
            std::vector<std::string> limiting;
            for (std::size_t p = 0; p < plan.plants.size() && p < cy.plants.size(); ++p) {
                if (plan.plants[p].stage != stage) continue;
                const auto& py = cy.plants[p];
                t += py.stranded_t;
                idle += py.stranded_capex_musd;
                if (py.stranded_t > tol_t && !py.limiting_input.empty()) limiting.push_back(py.limiting_input);
            }
            if (!(t > tol_t)) {
                close();
                continue;
            }
            if (!open) {
                open = true;
                first = cy.year;
                tonnes = peak = 0;
                short_of.clear();
            }
            last = cy.year;
            tonnes += t;
            peak = std::max(peak, idle);
            for (const auto& m : limiting)
                if (std::find(short_of.begin(), short_of.end(), m) == short_of.end()) short_of.push_back(m);
        }
        close();
    }
    for (const auto& m : b.unproduced_critical_inputs)
        out.push_back(fmt::format("no plant produces the critical input {}: the chain is not fully domestic while it "
                                  "is needed",
                                  m));
    return out;
}

}  // namespace reeplan::report
