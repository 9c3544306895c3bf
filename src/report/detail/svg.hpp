#pragma once
/// Text helpers shared by the SVG renderers of src/report/ (private: fmt stays inside this
/// folder). Self-contained SVG: no fonts, scripts or stylesheets from outside the file.

#include <fmt/format.h>

#include <string>

namespace reeplan::report::detail {

/// XML text and attribute escaping.
inline std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

/// Fixed two decimals: the same input gives the same bytes; never "-0.00".
inline std::string n2(double v) {
    std::string s = fmt::format("{:.2f}", v);
    return s == "-0.00" ? "0.00" : s;
}

}  // namespace reeplan::report::detail
