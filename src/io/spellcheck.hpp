#pragma once
/// Did-you-mean suggestions for misspelt keys, ids, enum values and parameter paths
/// (after ninja's spellcheck: edit distance with transpositions).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reeplan::io {

/// Optimal-string-alignment distance between `a` and `b`: the fewest insertions, deletions,
/// substitutions and swaps of two adjacent characters that turn one into the other
/// (Damerau 1964; the restricted form, no substring edited twice).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if it is near enough to be a likely misspelling: distance at
/// most max(2, n / 3), n the length of the longer of the two, and smaller than |word| (a word is
/// never "corrected" into something that shares nothing with it). Ties go to the earlier candidate. `word` itself, if present,
/// is not suggested.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

/// `; did you mean "X"?` when closest() finds X, else the empty string: the tail of a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// `"a", "b", "c"`: a list of allowed values for a message.
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace reeplan::io
