#include "sim/copula.hpp"

#include "sim/distribution.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <numeric>

namespace reeplan::sim {

namespace {

/// A short decimal for a message: three significant digits ("-0.123", "1.5e-05").
std::string short_number(double x) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 3);
    return std::string(buf, r.ptr);
}

double frobenius(const Matrix& a) {
    double s = 0;
    for (double v : a.data()) s += v * v;
    return std::sqrt(s);
}

double frobenius_distance(const Matrix& a, const Matrix& b) {
    double s = 0;
    for (std::size_t k = 0; k < a.data().size(); ++k) {
        const double e = a.data()[k] - b.data()[k];
        s += e * e;
    }
    return std::sqrt(s);
}

/// V diag(f(λ)) Vᵀ for an eigensystem, f applied by the caller to `values`.
Matrix reassemble(const Matrix& v, const std::vector<double>& values) {
    const std::size_t n = v.size();
    Matrix x(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            double s = 0;
            for (std::size_t k = 0; k < n; ++k) s += v(i, k) * values[k] * v(j, k);
            x(i, j) = s;
            x(j, i) = s;
        }
    return x;
}

/// The projection onto the positive semidefinite cone in the Frobenius norm: negative
/// eigenvalues set to zero (Higham 2002, §3, with W = I).
Matrix project_psd(const Matrix& a) {
    SymmetricEigen e = symmetric_eigen(a);
    for (double& l : e.values) l = std::max(l, 0.0);
    return reassemble(e.vectors, e.values);
}

/// The projection onto the matrices with unit diagonal: the diagonal set to 1 (Higham 2002, §3).
void project_unit_diagonal(Matrix& a) {
    for (std::size_t i = 0; i < a.size(); ++i) a(i, i) = 1.0;
}

/// Eigenvalues below `floor` raised to it, then D^(−1/2) X D^(−1/2) to restore the unit diagonal.
Matrix floor_eigenvalues(const Matrix& a, double floor) {
    SymmetricEigen e = symmetric_eigen(a);
    for (double& l : e.values) l = std::max(l, floor);
    Matrix x = reassemble(e.vectors, e.values);
    const std::size_t n = x.size();
    std::vector<double> scale(n);
    for (std::size_t i = 0; i < n; ++i) scale[i] = 1.0 / std::sqrt(x(i, i));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) x(i, j) = i == j ? 1.0 : x(i, j) * scale[i] * scale[j];
    return x;
}

/// Cholesky factor, lower triangular, row-major (Golub and Van Loan, *Matrix Computations*, 4th
/// ed., §4.2: L_jj = √(A_jj − Σ_k L_jk²), L_ij = (A_ij − Σ_k L_ik L_jk)/L_jj for i > j). A pivot
/// at most `tolerance`·|A_jj| (or not finite) fails the factorization; with `semidefinite` it
/// sets its column to zero instead (for a semidefinite matrix a zero pivot has a zero column
/// below it; N. J. Higham, "Analysis of the Cholesky decomposition of a semi-definite matrix",
/// in *Reliable Numerical Computation*, Oxford University Press, 1990, 161–185).
std::optional<std::vector<double>> cholesky_factor(const Matrix& a, double tolerance, bool semidefinite) {
    const std::size_t n = a.size();
    std::vector<double> l(n * n, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
        double d = a(j, j);
        for (std::size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
        if (!(d > tolerance * std::abs(a(j, j))) || !std::isfinite(d)) {
            if (semidefinite) continue;  // zero column
            return std::nullopt;
        }
        const double ljj = std::sqrt(d);
        l[j * n + j] = ljj;
        for (std::size_t i = j + 1; i < n; ++i) {
            double s = a(i, j);
            for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
            l[i * n + j] = s / ljj;
        }
    }
    return l;
}

std::vector<double> cholesky_semidefinite(const Matrix& a, double tolerance) {
    return *cholesky_factor(a, tolerance, true);
}

constexpr double kSemidefiniteSlack = 1e-10;  ///< smallest eigenvalue still taken as ≥ 0
constexpr double kPivotTolerance = 1e-12;

}  // namespace

double pearson_from_spearman(double rho_s) {
    // K. Pearson 1907; W. H. Kruskal, JASA 53 (1958) 814–861: ρ_s = (6/π)·asin(r/2).
    if (rho_s >= 1.0) return 1.0;
    if (rho_s <= -1.0) return -1.0;
    return std::clamp(2.0 * std::sin(std::numbers::pi * rho_s / 6.0), -1.0, 1.0);
}

double spearman_from_pearson(double r) {
    if (r >= 1.0) return 1.0;
    if (r <= -1.0) return -1.0;
    return std::clamp(6.0 / std::numbers::pi * std::asin(r / 2.0), -1.0, 1.0);
}

Matrix Matrix::identity(std::size_t n) {
    Matrix m(n);
    for (std::size_t i = 0; i < n; ++i) m(i, i) = 1.0;
    return m;
}

std::optional<std::vector<double>> cholesky(const Matrix& a, double tolerance) {
    return cholesky_factor(a, tolerance, false);
}

SymmetricEigen symmetric_eigen(const Matrix& a_in) {
    const std::size_t n = a_in.size();
    Matrix a = a_in;
    Matrix v = Matrix::identity(n);
    const double norm = frobenius(a);
    constexpr int kMaxSweeps = 100;
    for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
        double off = 0;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = 0; q < n; ++q)
                if (p != q) off += a(p, q) * a(p, q);
        if (!(std::sqrt(off) > 1e-15 * norm)) break;
        for (std::size_t p = 0; p + 1 < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) {
                const double apq = a(p, q);
                if (!(std::abs(apq) > 0)) continue;
                // The 2-by-2 symmetric Schur decomposition (Golub and Van Loan, 4th ed., §8.5):
                // τ = (a_qq − a_pp)/(2a_pq), t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), s = tc
                // make (JᵀAJ)_pq = 0 for the rotation J with J_pp = J_qq = c, J_pq = s, J_qp = −s.
                const double tau = (a(q, q) - a(p, p)) / (2.0 * apq);
                const double t = tau >= 0 ? 1.0 / (tau + std::sqrt(1.0 + tau * tau))
                                          : -1.0 / (-tau + std::sqrt(1.0 + tau * tau));
                const double c = 1.0 / std::sqrt(1.0 + t * t);
                const double s = t * c;
                for (std::size_t k = 0; k < n; ++k) {  // A ← A J
                    const double akp = a(k, p), akq = a(k, q);
                    a(k, p) = c * akp - s * akq;
                    a(k, q) = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) {  // A ← Jᵀ A
                    const double apk = a(p, k), aqk = a(q, k);
                    a(p, k) = c * apk - s * aqk;
                    a(q, k) = s * apk + c * aqk;
                }
                a(p, q) = 0.0;
                a(q, p) = 0.0;
                for (std::size_t k = 0; k < n; ++k) {  // V ← V J
                    const double vkp = v(k, p), vkq = v(k, q);
                    v(k, p) = c * vkp - s * vkq;
                    v(k, q) = s * vkp + c * vkq;
                }
            }
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return a(x, x) < a(y, y); });
    SymmetricEigen e{std::vector<double>(n), Matrix(n)};
    for (std::size_t k = 0; k < n; ++k) {
        e.values[k] = a(order[k], order[k]);
        for (std::size_t i = 0; i < n; ++i) e.vectors(i, k) = v(i, order[k]);
    }
    return e;
}

double min_eigenvalue(const Matrix& a) {
    if (a.size() == 0) return 0.0;
    return symmetric_eigen(a).values.front();
}

NearestCorrelation nearest_correlation(const Matrix& a_in, double tolerance, int max_iterations,
                                       double eigen_floor) {
    const std::size_t n = a_in.size();
    Matrix a(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) a(i, j) = 0.5 * (a_in(i, j) + a_in(j, i));

    // Higham 2002, §3 (W = I): ΔS₀ = 0, Y₀ = A; R_k = Y_{k−1} − ΔS_{k−1}; X_k = P_S(R_k);
    // ΔS_k = X_k − R_k (Dykstra's correction); Y_k = P_U(X_k).
    NearestCorrelation out;
    Matrix y = a;
    Matrix x = a;
    Matrix ds(n);
    for (int k = 1; k <= max_iterations; ++k) {
        Matrix r = y;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) r(i, j) -= ds(i, j);
        Matrix x_new = project_psd(r);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) ds(i, j) = x_new(i, j) - r(i, j);
        Matrix y_new = x_new;
        project_unit_diagonal(y_new);
        const double dx = frobenius_distance(x_new, x) / frobenius(x_new);
        const double dy = frobenius_distance(y_new, y) / frobenius(y_new);
        const double dxy = frobenius_distance(y_new, x_new) / frobenius(y_new);
        x = std::move(x_new);
        y = std::move(y_new);
        out.iterations = k;
        if (std::max({dx, dy, dxy}) <= tolerance) {
            out.converged = true;
            break;
        }
    }
    out.matrix = n == 0 ? y : floor_eigenvalues(y, eigen_floor);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j) out.largest_change = std::max(out.largest_change, std::abs(out.matrix(i, j) - a(i, j)));
    return out;
}

GaussianCopula::GaussianCopula(std::size_t n)
    : n_(n), pearson_(Matrix::identity(n)), factor_(Matrix::identity(n).data()), row_begin_(n) {
    std::iota(row_begin_.begin(), row_begin_.end(), std::size_t{0});
}

void GaussianCopula::correlate(const double* z, double* u_out) const {
    // Row r reads z[0..r] only, so forming the rows from the last up lets u_out alias z.
    for (std::size_t r = n_; r-- > 0;) {
        const double* row = factor_.data() + r * n_;
        double x = 0;
        for (std::size_t k = row_begin_[r]; k <= r; ++k) x += row[k] * z[k];
        u_out[r] = standard_normal_cdf(x);
    }
}

CopulaBuild build_copula(std::size_t n, const std::vector<RankPair>& pairs, bool repair) {
    CopulaBuild out;
    out.copula = GaussianCopula(n);
    Matrix rank = Matrix::identity(n);
    Matrix given(n, 0.0);  // 1 where a pair was given
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        const RankPair& p = pairs[k];
        const std::string which = "rank correlation " + std::to_string(k + 1);
        if (p.i >= n || p.j >= n) {
            out.message = which + " names input " + std::to_string(std::max(p.i, p.j)) + ", but there are " +
                          std::to_string(n) + " inputs";
            return out;
        }
        if (p.i == p.j) {
            out.message = which + " relates input " + std::to_string(p.i) + " to itself";
            return out;
        }
        if (!(p.rank >= -1.0 && p.rank <= 1.0)) {
            out.message = which + " is " + short_number(p.rank) + "; expected a value in [-1, 1]";
            return out;
        }
        if (given(p.i, p.j) > 0 && std::abs(rank(p.i, p.j) - p.rank) > 0) {
            out.message = which + " gives inputs " + std::to_string(p.i) + " and " + std::to_string(p.j) +
                          " a second, different rank correlation (" + short_number(rank(p.i, p.j)) + " and " +
                          short_number(p.rank) + ")";
            return out;
        }
        given(p.i, p.j) = given(p.j, p.i) = 1.0;
        rank(p.i, p.j) = rank(p.j, p.i) = p.rank;
    }

    Matrix pearson = Matrix::identity(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j) pearson(i, j) = pearson_from_spearman(rank(i, j));

    out.smallest_eigenvalue = min_eigenvalue(pearson);
    std::vector<double> factor;
    if (out.smallest_eigenvalue >= -kSemidefiniteSlack) {
        factor = cholesky_semidefinite(pearson, kPivotTolerance);
    } else {
        const std::string why = "the rank correlations are not consistent (smallest eigenvalue " +
                                short_number(out.smallest_eigenvalue) + ")";
        if (!repair) {
            out.message = why + "; give --repair-correlation to use the nearest valid matrix";
            return out;
        }
        NearestCorrelation near = nearest_correlation(pearson);
        std::optional<std::vector<double>> l = cholesky(near.matrix, kPivotTolerance);
        if (!l) {
            out.message = why + ", and the nearest correlation matrix could not be factored";
            return out;
        }
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                const double repaired = spearman_from_pearson(near.matrix(i, j));
                const double change = std::abs(repaired - rank(i, j));
                if (change > out.largest_change) {
                    out.largest_change = change;
                    out.most_changed = RankPair{i, j, repaired};
                }
            }
        out.warning = why + "; using the nearest valid correlation matrix, which changes a rank correlation by "
                            "at most " +
                      short_number(out.largest_change);
        pearson = std::move(near.matrix);
        factor = std::move(*l);
    }

    GaussianCopula& c = out.copula;
    c.pearson_ = std::move(pearson);
    c.factor_ = std::move(factor);
    for (std::size_t r = 0; r < n; ++r) {
        std::size_t k = 0;
        while (k < r && !(std::abs(c.factor_[r * n + k]) > 0)) ++k;
        c.row_begin_[r] = k;
    }
    out.ok = true;
    return out;
}

}  // namespace reeplan::sim
