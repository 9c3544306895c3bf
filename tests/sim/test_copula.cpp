// The Gaussian copula: the Spearman–Pearson relation, Cholesky and Jacobi against known
// matrices, the nearest correlation matrix against a published example, inconsistent targets
// with and without repair, and the rank correlations achieved over 100,000 paths.

#include "policy/random.hpp"
#include "sim/copula.hpp"
#include "sim/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <numeric>
#include <vector>

using namespace reeplan;
using sim::Matrix;
using sim::RankPair;

namespace {

Matrix from_rows(std::initializer_list<std::initializer_list<double>> rows) {
    Matrix m(rows.size());
    std::size_t i = 0;
    for (const auto& row : rows) {
        std::size_t j = 0;
        for (double v : row) m(i, j++) = v;
        ++i;
    }
    return m;
}

/// Ranks 1..n (the data are continuous: no ties).
std::vector<double> ranks(const std::vector<double>& x) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> r(x.size());
    for (std::size_t k = 0; k < order.size(); ++k) r[order[k]] = static_cast<double>(k + 1);
    return r;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        sxy += (x[k] - mx) * (y[k] - my);
        sxx += (x[k] - mx) * (x[k] - mx);
        syy += (y[k] - my) * (y[k] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

/// Spearman's ρ_s: the Pearson correlation of the ranks (C. Spearman, Am. J. Psychol. 15 (1904)).
double spearman(const std::vector<double>& x, const std::vector<double>& y) { return pearson(ranks(x), ranks(y)); }

/// The uniforms of `paths` paths of a copula: samples[input][path].
std::vector<std::vector<double>> simulate(const sim::GaussianCopula& c, std::size_t paths) {
    const std::size_t n = c.size();
    std::vector<std::vector<double>> u(n, std::vector<double>(paths));
    std::vector<double> z(n), out(n);
    for (std::size_t p = 0; p < paths; ++p) {
        for (std::size_t i = 0; i < n; ++i)
            z[i] = sim::standard_normal_quantile(policy::counter_uniform(77, p, i, 0));
        c.correlate(z.data(), out.data());
        for (std::size_t i = 0; i < n; ++i) u[i][p] = out[i];
    }
    return u;
}

void check_correlation_matrix(const Matrix& m) {
    for (std::size_t i = 0; i < m.size(); ++i) {
        CHECK(m(i, i) == 1.0);
        for (std::size_t j = 0; j < m.size(); ++j) CHECK(m(i, j) == m(j, i));
    }
    CHECK(sim::min_eigenvalue(m) > 0);
    CHECK(sim::cholesky(m).has_value());
}

}  // namespace

TEST_CASE("Pearson correlation of a bivariate normal from its rank correlation", "[sim][copula]") {
    CHECK(sim::pearson_from_spearman(0.0) == 0.0);
    CHECK(sim::pearson_from_spearman(1.0) == 1.0);
    CHECK(sim::pearson_from_spearman(-1.0) == -1.0);
    CHECK(sim::pearson_from_spearman(0.5) == Approx(2 * std::sin(std::numbers::pi / 12)).epsilon(1e-15));
    CHECK(sim::pearson_from_spearman(0.5) == Approx(0.5176380902050415).epsilon(1e-14));
    // |r| > |ρ_s| strictly inside (0, 1): the Pearson correlation is the larger
    for (double rho = -0.95; rho < 1; rho += 0.1) {
        CHECK(std::abs(sim::pearson_from_spearman(rho)) > std::abs(rho));
        CHECK(sim::spearman_from_pearson(sim::pearson_from_spearman(rho)) == Approx(rho).epsilon(1e-13));
    }
}

TEST_CASE("Cholesky factor of a known matrix", "[sim][copula]") {
    // A = L Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]], worked by hand
    const Matrix a = from_rows({{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}});
    const auto l = sim::cholesky(a);
    REQUIRE(l);
    const std::vector<double> expected{2, 0, 0, 6, 1, 0, -8, 5, 3};
    for (std::size_t k = 0; k < 9; ++k) CHECK((*l)[k] == Approx(expected[k]).margin(1e-14));
    CHECK_FALSE(sim::cholesky(from_rows({{1, 2}, {2, 1}})));          // eigenvalues −1 and 3
    CHECK_FALSE(sim::cholesky(from_rows({{1, 1}, {1, 1}})));          // singular
    CHECK(sim::cholesky(from_rows({{1, 0.999}, {0.999, 1}})).has_value());
}

TEST_CASE("cyclic Jacobi eigenvalues of known matrices", "[sim][copula]") {
    CHECK(sim::min_eigenvalue(from_rows({{2, 1}, {1, 2}})) == Approx(1.0).epsilon(1e-14));
    // tridiag(−1, 2, −1) of order 4: eigenvalues 2 − 2cos(kπ/5), k = 1..4, with eigenvectors
    // v_j = sin(jkπ/5) (substitute into A v = λ v and use sin(a − b) + sin(a + b) = 2 sin a cos b)
    const Matrix t = from_rows({{2, -1, 0, 0}, {-1, 2, -1, 0}, {0, -1, 2, -1}, {0, 0, -1, 2}});
    const sim::SymmetricEigen e = sim::symmetric_eigen(t);
    REQUIRE(e.values.size() == 4);
    for (int k = 1; k <= 4; ++k)
        CHECK(e.values[static_cast<std::size_t>(k - 1)] ==
              Approx(2 - 2 * std::cos(k * std::numbers::pi / 5)).epsilon(1e-13));
    // A v = λ v for every pair, unit vectors
    for (std::size_t k = 0; k < 4; ++k) {
        double norm = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            double av = 0;
            for (std::size_t j = 0; j < 4; ++j) av += t(i, j) * e.vectors(j, k);
            CHECK(av == Approx(e.values[k] * e.vectors(i, k)).margin(1e-13));
            norm += e.vectors(i, k) * e.vectors(i, k);
        }
        CHECK(norm == Approx(1.0).epsilon(1e-13));
    }
    // [[1, r, r], [r, 1, −r], [r, −r, 1]] has (1, −1, −1) as an eigenvector, eigenvalue 1 − 2r
    const double r = sim::pearson_from_spearman(0.9);
    CHECK(sim::min_eigenvalue(from_rows({{1, r, r}, {r, 1, -r}, {r, -r, 1}})) == Approx(1 - 2 * r).epsilon(1e-13));
}

TEST_CASE("nearest correlation matrix of the NAG g02aa example", "[sim][copula]") {
    // NAG Library, routine g02aa (nag_nearest_correlation), example program: the nearest
    // correlation matrix to tridiag(−1, 2, −1) of order 4, printed to five decimals.
    const Matrix a = from_rows({{2, -1, 0, 0}, {-1, 2, -1, 0}, {0, -1, 2, -1}, {0, 0, -1, 2}});
    const sim::NearestCorrelation nc = sim::nearest_correlation(a);
    CHECK(nc.converged);
    const Matrix expected = from_rows({{1.00000, -0.80841, 0.19159, 0.10678},
                                       {-0.80841, 1.00000, -0.65623, 0.19159},
                                       {0.19159, -0.65623, 1.00000, -0.80841},
                                       {0.10678, 0.19159, -0.80841, 1.00000}});
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 4; ++j) CHECK(nc.matrix(i, j) == Approx(expected(i, j)).margin(1e-5));
    check_correlation_matrix(nc.matrix);
    CHECK(nc.largest_change == Approx(0.34377).margin(1e-5));  // |−0.65623 − (−1)|
}

TEST_CASE("nearest correlation matrix: a valid one is kept, an invalid one is repaired", "[sim][copula]") {
    const Matrix valid = from_rows({{1, 0.3, -0.2}, {0.3, 1, 0.5}, {-0.2, 0.5, 1}});
    const sim::NearestCorrelation same = sim::nearest_correlation(valid);
    CHECK(same.largest_change < 1e-12);
    CHECK(same.iterations <= 2);

    const double r = 0.9;
    const Matrix bad = from_rows({{1, r, r}, {r, 1, -r}, {r, -r, 1}});
    const sim::NearestCorrelation nc = sim::nearest_correlation(bad);
    CHECK(nc.converged);
    check_correlation_matrix(nc.matrix);
    CHECK(nc.largest_change > 0.1);
    // nearer to A in the Frobenius norm than other correlation matrices
    auto distance = [&](const Matrix& m) {
        double s = 0;
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j) s += (m(i, j) - bad(i, j)) * (m(i, j) - bad(i, j));
        return std::sqrt(s);
    };
    const double d = distance(nc.matrix);
    CHECK(d < distance(Matrix::identity(3)));
    for (double t : {0.3, 0.4, 0.5, 0.6}) {  // the family [[1, t, t], [t, 1, −t], [t, −t, 1]], PD for t < 1/2
        const Matrix c = from_rows({{1, t, t}, {t, 1, -t}, {t, -t, 1}});
        if (sim::min_eigenvalue(c) >= 0) CHECK(d <= distance(c) + 1e-9);
    }
}

TEST_CASE("inconsistent rank correlations: an error without repair, a warning with it", "[sim][copula]") {
    const std::vector<RankPair> pairs{{0, 1, 0.9}, {0, 2, 0.9}, {1, 2, -0.9}};
    const sim::CopulaBuild refused = sim::build_copula(3, pairs, false);
    CHECK_FALSE(refused.ok);
    CHECK(refused.message ==
          "the rank correlations are not consistent (smallest eigenvalue -0.816); give --repair-correlation to use "
          "the nearest valid matrix");
    CHECK(refused.smallest_eigenvalue == Approx(1 - 2 * sim::pearson_from_spearman(0.9)).epsilon(1e-12));
    CHECK(refused.warning.empty());

    const sim::CopulaBuild repaired = sim::build_copula(3, pairs, true);
    REQUIRE(repaired.ok);
    CHECK(repaired.message.empty());
    CHECK(repaired.warning.rfind("the rank correlations are not consistent (smallest eigenvalue -0.816); using the "
                                 "nearest valid correlation matrix, which changes a rank correlation by at most ",
                                 0) == 0);
    CHECK(repaired.largest_change > 0.1);
    CHECK(repaired.largest_change < 1.0);
    check_correlation_matrix(repaired.copula.pearson());
    const RankPair& most = repaired.most_changed;
    CHECK(std::abs(most.rank - sim::spearman_from_pearson(repaired.copula.pearson()(most.i, most.j))) < 1e-15);

    // the repaired copula achieves the repaired rank correlations
    const auto u = simulate(repaired.copula, 100000);
    const Matrix& p = repaired.copula.pearson();
    CHECK(spearman(u[0], u[1]) == Approx(sim::spearman_from_pearson(p(0, 1))).margin(0.02));
    CHECK(spearman(u[1], u[2]) == Approx(sim::spearman_from_pearson(p(1, 2))).margin(0.02));
}

TEST_CASE("malformed pairs are errors, not exceptions", "[sim][copula]") {
    CHECK(sim::build_copula(2, {{0, 2, 0.5}}, false).message == "rank correlation 1 names input 2, but there are 2 inputs");
    CHECK(sim::build_copula(2, {{1, 1, 0.5}}, true).message == "rank correlation 1 relates input 1 to itself");
    CHECK(sim::build_copula(2, {{0, 1, 1.5}}, true).message ==
          "rank correlation 1 is 1.5; expected a value in [-1, 1]");
    CHECK(sim::build_copula(2, {{0, 1, 0.5}, {1, 0, 0.4}}, true).message ==
          "rank correlation 2 gives inputs 1 and 0 a second, different rank correlation (0.5 and 0.4)");
    CHECK(sim::build_copula(2, {{0, 1, 0.5}, {1, 0, 0.5}}, false).ok);
}

TEST_CASE("achieved rank correlations match the targets over 100,000 paths", "[sim][copula]") {
    constexpr std::size_t paths = 100000;
    for (double target : {0.6, -0.4, 0.9}) {
        const sim::CopulaBuild b = sim::build_copula(2, {{0, 1, target}}, false);
        REQUIRE(b.ok);
        CHECK(b.warning.empty());
        const auto u = simulate(b.copula, paths);
        const double achieved = spearman(u[0], u[1]);
        INFO("target " << target << " achieved " << achieved);
        CHECK(achieved == Approx(target).margin(0.01));  // without the 2 sin(πρ_s/6) transform 0.6 gives 0.582
        // the normal scores carry the Pearson correlation 2 sin(πρ_s/6), not ρ_s
        std::vector<double> z0(paths), z1(paths);
        for (std::size_t p = 0; p < paths; ++p) {
            z0[p] = sim::standard_normal_quantile(u[0][p]);
            z1[p] = sim::standard_normal_quantile(u[1][p]);
        }
        CHECK(pearson(z0, z1) == Approx(sim::pearson_from_spearman(target)).margin(0.01));
    }
    SECTION("three inputs") {
        const std::vector<RankPair> pairs{{0, 1, 0.5}, {0, 2, -0.3}, {2, 1, 0.2}};
        const sim::CopulaBuild b = sim::build_copula(3, pairs, false);
        REQUIRE(b.ok);
        const auto u = simulate(b.copula, paths);
        for (const RankPair& p : pairs) {
            const double achieved = spearman(u[p.i], u[p.j]);
            INFO(p.i << "-" << p.j << " target " << p.rank << " achieved " << achieved);
            CHECK(achieved == Approx(p.rank).margin(0.01));
        }
        // the marginals stay uniform
        for (const auto& ui : u) {
            const auto below = std::count_if(ui.begin(), ui.end(), [](double v) { return v < 0.1; });
            CHECK(static_cast<double>(below) / paths == Approx(0.1).margin(0.004));
            CHECK(std::accumulate(ui.begin(), ui.end(), 0.0) / paths == Approx(0.5).margin(0.004));
        }
    }
}

TEST_CASE("copula edge cases: independence, perfect correlation, in place", "[sim][copula]") {
    const double z[3] = {0.3, -1.2, 2.0};
    double u[3];
    sim::GaussianCopula independent(3);
    independent.correlate(z, u);
    for (std::size_t i = 0; i < 3; ++i) CHECK(u[i] == sim::standard_normal_cdf(z[i]));

    const sim::CopulaBuild plus = sim::build_copula(3, {{0, 1, 1.0}}, false);
    REQUIRE(plus.ok);
    plus.copula.correlate(z, u);
    CHECK(u[1] == u[0]);
    CHECK(u[2] == Approx(sim::standard_normal_cdf(2.0)).epsilon(1e-15));
    const sim::CopulaBuild minus = sim::build_copula(2, {{0, 1, -1.0}}, false);
    REQUIRE(minus.ok);
    minus.copula.correlate(z, u);
    CHECK(u[0] + u[1] == Approx(1.0).epsilon(1e-15));

    const sim::CopulaBuild b = sim::build_copula(3, {{0, 1, 0.5}, {1, 2, -0.5}}, false);
    REQUIRE(b.ok);
    double out[3];
    b.copula.correlate(z, out);
    double in_place[3] = {z[0], z[1], z[2]};
    b.copula.correlate(in_place, in_place);
    for (std::size_t i = 0; i < 3; ++i) CHECK(in_place[i] == out[i]);
    CHECK(out[0] == sim::standard_normal_cdf(z[0]));  // the first row of L is e₁
    CHECK(out[1] != sim::standard_normal_cdf(z[1]));
}
