#include "model/decimal.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace reeplan::model {

Decimal decimal_from_input(double x) {
    if (!std::isfinite(x)) throw std::invalid_argument("decimal_from_input: not a finite number");
    char buf[64];
    // std::to_chars without a precision gives the shortest text that round-trips (C++17 [charconv]).
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    if (res.ec != std::errc()) throw std::invalid_argument("decimal_from_input: conversion failed");
    return Decimal(std::string(buf, res.ptr));
}

Decimal decimal_from_string(const std::string& text) { return Decimal(text); }

double to_double(const Decimal& x) { return x.convert_to<double>(); }

Decimal round_half_even(const Decimal& x, int places) {
    Decimal scale = boost::multiprecision::pow(Decimal(10), places);
    Decimal scaled = x * scale;
    Decimal fl = boost::multiprecision::floor(scaled);
    Decimal frac = scaled - fl;
    Decimal half("0.5");
    Decimal r;
    if (frac > half) {
        r = fl + 1;
    } else if (frac < half) {
        r = fl;
    } else {
        // exactly half: choose the even neighbour
        Decimal halved = fl / 2;
        r = (boost::multiprecision::floor(halved) == halved) ? fl : fl + 1;
    }
    return r / scale;
}

std::string to_fixed(const Decimal& x, int places) {
    Decimal r = round_half_even(x, places);
    // Boost prints every digit when asked for 0 places, so ask for one and cut it off.
    // (Built with substr, not erase: GCC 12 warns falsely on erase at -O2, -Wrestrict.)
    const std::string full = r.str(places == 0 ? 1 : places, std::ios_base::fixed);
    std::string s = places == 0 ? full.substr(0, full.find('.')) : full;
    if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) return s.substr(1);
    return s;
}

}  // namespace reeplan::model
