#pragma once
/// The Gaussian copula that gives the inputs of a simulation their rank correlations
/// (`[[correlation]]`), and the small dense linear algebra it needs: Cholesky factors,
/// symmetric eigenvalues by the cyclic Jacobi method, and the nearest correlation matrix.
///
/// Each path draws n independent standard normals z, forms x = L z with L the Cholesky factor of
/// a correlation matrix R, and hands u = Φ(x) to the inverse CDFs of the inputs
/// (sim/distribution.hpp). Inversion by increasing functions keeps ranks, so the rank
/// correlation of the inputs is that of the normals, 6/π·asin(R_ij/2); R is built with the
/// inverse relation so the achieved Spearman correlation equals the one written in the file.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::sim {

/// Pearson correlation of a bivariate normal whose Spearman rank correlation is ρ_s:
/// 2·sin(π·ρ_s/6) (K. Pearson, "On further methods of determining correlation", Drapers'
/// Company Research Memoirs, Biometric Series IV, 1907; W. H. Kruskal, "Ordinal measures of
/// association", JASA 53 (1958) 814–861). Odd, increasing, fixes −1, 0 and 1.
double pearson_from_spearman(double rho_s);

/// The inverse relation: the Spearman rank correlation 6/π·asin(r/2) of a bivariate normal with
/// Pearson correlation r (same sources).
double spearman_from_pearson(double r);

/// A small dense square matrix, row-major.
class Matrix {
public:
    Matrix() = default;
    /// n × n, every entry `fill`.
    explicit Matrix(std::size_t n, double fill = 0.0) : n_(n), a_(n * n, fill) {}
    static Matrix identity(std::size_t n);

    std::size_t size() const { return n_; }
    double& operator()(std::size_t i, std::size_t j) { return a_[i * n_ + j]; }
    double operator()(std::size_t i, std::size_t j) const { return a_[i * n_ + j]; }
    /// The n² entries, row by row.
    const std::vector<double>& data() const { return a_; }

private:
    std::size_t n_ = 0;
    std::vector<double> a_;
};

/// The lower-triangular L with L Lᵀ = A (row-major n × n, zeros above the diagonal), by the
/// Cholesky–Banachiewicz recurrence (G. H. Golub, C. F. Van Loan, *Matrix Computations*, 4th
/// ed., 2013, §4.2). Reads the lower triangle of A only. std::nullopt when A is not positive
/// definite: a pivot (a Schur-complement diagonal entry) ≤ tolerance·A_jj, or not finite.
std::optional<std::vector<double>> cholesky(const Matrix& a, double tolerance = 1e-12);

/// Eigenvalues (ascending) and eigenvectors (column k of `vectors` belongs to values[k]) of a
/// symmetric matrix.
struct SymmetricEigen {
    std::vector<double> values;
    Matrix vectors;
};

/// The eigensystem of a symmetric A by the cyclic-by-row Jacobi method (Golub and Van Loan, 4th
/// ed., §8.5: the 2-by-2 symmetric Schur decomposition applied to every off-diagonal pair in
/// turn): sweeps of plane rotations until the off-diagonal Frobenius norm is below
/// 1e-15·‖A‖_F (quadratic convergence; a handful of sweeps for n ≤ 50). Reads both triangles,
/// so A must be symmetric.
SymmetricEigen symmetric_eigen(const Matrix& a);

/// The smallest eigenvalue of a symmetric matrix (symmetric_eigen); 0 for an empty matrix.
double min_eigenvalue(const Matrix& a);

/// The nearest correlation matrix to a symmetric matrix and what it took.
struct NearestCorrelation {
    Matrix matrix;             ///< symmetric, unit diagonal, positive definite
    double largest_change = 0;  ///< max |X_ij − A_ij| over the off-diagonal entries
    int iterations = 0;         ///< alternating-projection iterations
    bool converged = false;     ///< the projections met `tolerance` within `max_iterations`
};

/// The correlation matrix nearest to symmetric A in the Frobenius norm, by alternating
/// projections onto the positive semidefinite cone and the unit-diagonal matrices with
/// Dykstra's correction (N. J. Higham, "Computing the nearest correlation matrix — a problem
/// from finance", IMA J. Numer. Anal. 22 (2002) 329–343, §3, with W = I), stopped when the
/// relative changes of both iterates and their relative distance are below `tolerance` (the
/// test of Higham's MATLAB `nearcorr`). The semidefinite result is then made strictly positive
/// definite, as a simulation needs a Cholesky factor: eigenvalues below `eigen_floor` are raised
/// to it and the matrix is rescaled to unit diagonal, D^(−1/2) X D^(−1/2) (a congruence, so it
/// stays positive definite; the change is of the order of `eigen_floor`). A that is already a
/// positive definite correlation matrix comes back unchanged up to rounding.
NearestCorrelation nearest_correlation(const Matrix& a, double tolerance = 1e-12, int max_iterations = 10000,
                                       double eigen_floor = 1e-8);

/// A target rank correlation between inputs i and j (0-based, i ≠ j).
struct RankPair {
    std::size_t i = 0;
    std::size_t j = 0;
    double rank = 0;  ///< Spearman's ρ_s, in [−1, 1]
};

struct CopulaBuild;

/// A Gaussian copula over n inputs, ready to correlate one path at a time.
class GaussianCopula {
public:
    /// The independence copula over n inputs.
    explicit GaussianCopula(std::size_t n = 0);

    std::size_t size() const { return n_; }
    /// The Pearson correlation matrix of the normals (after repair, if there was one).
    const Matrix& pearson() const { return pearson_; }
    /// Its lower Cholesky factor, row-major n × n.
    const std::vector<double>& factor() const { return factor_; }

    /// u_out[i] = Φ((L z)_i) for n independent standard normals `z`: n uniforms in (0, 1)
    /// whose normal scores have correlation matrix pearson(). Allocates nothing; `z` and `u_out`
    /// may be the same array (rows are formed from the last up).
    void correlate(const double* z, double* u_out) const;

private:
    friend CopulaBuild build_copula(std::size_t n, const std::vector<RankPair>& pairs, bool repair);
    std::size_t n_ = 0;
    Matrix pearson_;
    std::vector<double> factor_;
    std::vector<std::size_t> row_begin_;  ///< first nonzero column of each row of the factor
};

/// The outcome of building a copula: never an exception.
struct CopulaBuild {
    bool ok = false;
    std::string message;  ///< why not, when !ok
    std::string warning;  ///< when ok after a repair: what was repaired and by how much
    double smallest_eigenvalue = 0;  ///< of the Pearson matrix built from the targets
    double largest_change = 0;       ///< largest change of a rank correlation by the repair
    RankPair most_changed;           ///< the pair changed most, with its repaired rank correlation
    GaussianCopula copula;           ///< valid when ok
};

/// The copula of n inputs with the given rank correlations (unlisted pairs: 0). Builds
/// R_ij = pearson_from_spearman(ρ_s) and requires it positive semidefinite (smallest eigenvalue
/// ≥ −1e-10; a semidefinite R, as from ρ_s = ±1, is factored with zero columns where the pivot
/// vanishes). A matrix that is not is reported — "the rank correlations are not consistent
/// (smallest eigenvalue -0.12); give --repair-correlation to use the nearest valid matrix" —
/// unless `repair`, in which case the nearest correlation matrix is used and `warning` gives
/// the largest change of a rank correlation. Also not ok: an index ≥ n, i = j, a rank outside
/// [−1, 1], or the same pair given twice with different ranks.
CopulaBuild build_copula(std::size_t n, const std::vector<RankPair>& pairs, bool repair);

}  // namespace reeplan::sim
