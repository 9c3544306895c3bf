#pragma once
/// A value that may not exist, and the reason when it does not.
///
/// The finance functions never throw on a number that does not exist (a MIRR without negative
/// flows, a MACRS class the IRS does not publish, a debt share of 100 %): they return an
/// `Outcome` whose `value` is std::nullopt and whose `reason` is one sentence for the report
/// notes ("cash flows have no negative value").

#include <optional>
#include <string>
#include <utility>

namespace reeplan::finance {

template <class V>
struct Outcome {
    std::optional<V> value;  ///< the result, or std::nullopt
    std::string reason;      ///< empty when `value` is present; otherwise why it is absent

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    const V& operator*() const { return *value; }
    const V* operator->() const { return &*value; }
};

/// A present value.
template <class V>
Outcome<V> success(V v) {
    return Outcome<V>{std::optional<V>(std::move(v)), std::string()};
}

/// An absent value and the sentence that says why.
template <class V>
Outcome<V> failure(std::string why) {
    return Outcome<V>{std::nullopt, std::move(why)};
}

}  // namespace reeplan::finance
