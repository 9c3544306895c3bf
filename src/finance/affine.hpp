#pragma once
/// Numbers that follow one parameter p through a computation made of +, −, ×, ÷ and comparisons:
/// each holds its value at p = p0 and its derivative in p there (forward-mode differentiation:
/// A. Griewank and A. Walther, *Evaluating Derivatives*, 2nd ed., SIAM 2008, §3.1), and every
/// comparison narrows the interval of p over which all comparisons made so far keep the outcome
/// they had at p0. On that interval a computation whose only nonlinearity is in its comparisons
/// (max, min, the branches of a tax rule) is exactly affine in p: value + derivative × (p − p0).
///
/// The value is computed by the same operations, in the same order, as in double alone, so it is
/// the double computation's value to the bit. The derivative and the interval are exact up to
/// the rounding of their own arithmetic.

#include <algorithm>
#include <cmath>
#include <limits>

namespace reeplan::finance {

/// The interval of p, around p0 = `at`, over which every comparison recorded keeps its outcome.
struct AffinePiece {
    double at = 0;
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();

    /// A comparison of q(p) = value + slope × (p − at) with 0: its outcome holds while q keeps
    /// its sign, up to where q crosses zero (p = at − value / slope). A comparison made exactly
    /// at a crossing (value 0, slope not) holds at `at` alone.
    void keep_sign(double value, double slope) {
        if (!(slope > 0) && !(slope < 0)) return;
        // Most crossings lie beyond the bound already recorded on their side, and then change
        // nothing: when |value| ≥ |slope| × (bound − at) × (1 + 1e-10), computed, the crossing
        // at − value / slope, computed, is at or beyond the bound (the margin exceeds the four
        // roundings involved, and rounding is monotone), so the division is not made. A product
        // below 1e-290 (possibly rounded in underflow) or not finite takes the division.
        const bool rises_to_hi = (value < 0) == (slope > 0);  // the crossing lies above `at`
        const double room = rises_to_hi ? hi - at : at - lo;
        const double reach = std::abs(slope) * room * (1 + 1e-10);
        if (reach > 1e-290 && reach < std::numeric_limits<double>::infinity() && std::abs(value) >= reach) return;
        const double cross = at - value / slope;
        if (cross > at) hi = std::min(hi, cross);
        else if (cross < at) lo = std::max(lo, cross);
        else lo = hi = at;
    }
};

/// A number affine in p near p0: value v and derivative d. Comparisons narrow the piece being
/// recorded (AffineRecording), if any.
struct Affine {
    double v = 0;
    double d = 0;

    Affine() = default;
    Affine(double value) : v(value) {}  // NOLINT: a constant, as T(x) makes one
    Affine(double value, double slope) : v(value), d(slope) {}

    /// The piece comparisons narrow, on this thread (AffineRecording sets it).
    static inline thread_local AffinePiece* recording = nullptr;

    Affine& operator+=(double b) { return *this = *this + b; }
    Affine& operator+=(const Affine& b) { return *this = *this + b; }
    Affine& operator-=(const Affine& b) { return *this = *this - b; }

    friend Affine operator+(const Affine& a, const Affine& b) { return {a.v + b.v, a.d + b.d}; }
    friend Affine operator-(const Affine& a, const Affine& b) { return {a.v - b.v, a.d - b.d}; }
    friend Affine operator-(const Affine& a) { return {-a.v, -a.d}; }
    friend Affine operator*(const Affine& a, const Affine& b) { return {a.v * b.v, a.d * b.v + a.v * b.d}; }
    friend Affine operator/(const Affine& a, const Affine& b) {
        return {a.v / b.v, (a.d * b.v - a.v * b.d) / (b.v * b.v)};
    }
    // with a constant: the same values, without the derivative's terms that are zero
    friend Affine operator+(const Affine& a, double b) { return {a.v + b, a.d}; }
    friend Affine operator+(double a, const Affine& b) { return {a + b.v, b.d}; }
    friend Affine operator-(const Affine& a, double b) { return {a.v - b, a.d}; }
    friend Affine operator-(double a, const Affine& b) { return {a - b.v, -b.d}; }
    friend Affine operator*(const Affine& a, double b) { return {a.v * b, a.d * b}; }
    friend Affine operator*(double a, const Affine& b) { return {a * b.v, a * b.d}; }
    friend Affine operator/(const Affine& a, double b) { return {a.v / b, a.d / b}; }

    /// a > b, recorded: a − b keeps its sign from p0 on.
    friend bool operator>(const Affine& a, const Affine& b) {
        if (recording) recording->keep_sign(a.v - b.v, a.d - b.d);
        return a.v > b.v;
    }
    friend bool operator<(const Affine& a, const Affine& b) { return b > a; }
};

/// Records the comparisons of Affine numbers on this thread into `piece` while it lives.
class AffineRecording {
public:
    explicit AffineRecording(AffinePiece& piece) : saved_(Affine::recording) { Affine::recording = &piece; }
    ~AffineRecording() { Affine::recording = saved_; }
    AffineRecording(const AffineRecording&) = delete;
    AffineRecording& operator=(const AffineRecording&) = delete;

private:
    AffinePiece* saved_;
};

}  // namespace reeplan::finance
