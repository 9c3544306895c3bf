#pragma once
/// The two number worlds of reeplan and the named crossings between them.
///
/// `Decimal` is a 34-significant-digit decimal float (Boost.Multiprecision `cpp_dec_float`, the
/// precision of IEEE 754 decimal128) with expression templates OFF: with `et_on` a result may keep
/// references to operands that are later reassigned and give wrong answers.
/// Statements computed in `Decimal` foot to the cent; `double` is used where speed matters.
/// This is the only header of the project that includes Boost.Multiprecision.

#include <boost/multiprecision/cpp_dec_float.hpp>

#include <string>

namespace reeplan::model {

using Decimal = boost::multiprecision::number<boost::multiprecision::cpp_dec_float<34>,
                                              boost::multiprecision::et_off>;

/// A `double` read from an input file, as a `Decimal`: through its shortest round-trip decimal
/// string (std::to_chars), so 0.1 becomes exactly 0.1, never 0.1000000000000000055…
/// Never construct a `Decimal` from a `double` any other way.
Decimal decimal_from_input(double x);

/// Exact decimal text to `Decimal` ("1234.5678").
Decimal decimal_from_string(const std::string& text);

/// The nearest `double` to a `Decimal` (for reports and for comparing the two engines).
double to_double(const Decimal& x);

/// Rounds to `places` decimal places, ties to even ("banker's rounding", IEEE 754
/// roundTiesToEven). Boost's `round` rounds ties away from zero, which biases sums of statements.
Decimal round_half_even(const Decimal& x, int places);

/// Fixed-point text with `places` decimals after round_half_even ("-1234.57").
std::string to_fixed(const Decimal& x, int places);

/// Conversion used by the engines, which are templates over the number type.
template <class T> T from_input(double x);
template <> inline double from_input<double>(double x) { return x; }
template <> inline Decimal from_input<Decimal>(double x) { return decimal_from_input(x); }

/// Leaving a number world for output (JSON, tables) or for comparison.
inline double as_double(double x) { return x; }
inline double as_double(const Decimal& x) { return to_double(x); }

}  // namespace reeplan::model
