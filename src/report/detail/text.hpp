#pragma once
/// Small text helpers shared by the table and Markdown renderers of src/report/ (private: fmt
/// stays inside this folder).

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reeplan::report::detail {

/// Bold and dim ANSI styles, only when colour is on.
struct Style {
    bool color = false;
    std::string bold(const std::string& s) const { return color ? "\x1b[1m" + s + "\x1b[0m" : s; }
    std::string dim(const std::string& s) const { return color ? "\x1b[2m" + s + "\x1b[0m" : s; }
};

/// Thousands separators: 1234567.8 → "1,234,567.8"; never "-0.0".
inline std::string grouped(double v, int decimals) {
    std::string s = fmt::format("{:.{}f}", std::abs(v), decimals);
    const std::size_t dot = s.find('.');
    const std::size_t int_end = dot == std::string::npos ? s.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) out += ',';
        out += s[i];
    }
    out += s.substr(int_end);
    const bool zero = out.find_first_not_of("0.,") == std::string::npos;
    return (v < 0 && !zero ? "-" : "") + out;
}

/// A rate in basis points with one decimal, "185.3"; signed when `sign`, "+185.3"; never "-0.0".
inline std::string basis_points(double fraction, bool sign = false) {
    const double b = 1e4 * fraction;
    std::string s = fmt::format("{:.1f}", std::abs(b));
    const bool zero = s == "0.0";
    if (b < 0 && !zero) return "-" + s;
    return (sign ? "+" : "") + s;
}

/// A rate in percent, "8.50%"; never "-0.00%".
inline std::string percent(double fraction, int decimals = 2) {
    std::string s = fmt::format("{:.{}f}", 100 * fraction, decimals);
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
    return s + "%";
}

/// A value or "-".
template <class F> std::string or_dash(const std::optional<double>& v, F format) { return v ? format(*v) : "-"; }

/// Characters on screen of UTF-8 text (code points; the renderers use no wide characters).
inline std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

/// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole),
/// the first line prefixed by `first`, the others by `rest`.
inline std::string wrap(const std::string& text, std::size_t width, const std::string& first, const std::string& rest) {
    std::string out, line = first;
    std::size_t used = display_width(first);
    bool empty = true;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        const std::string word = text.substr(i, j - i);
        i = j + 1;
        if (word.empty()) continue;
        const std::size_t w = display_width(word);
        if (!empty && used + 1 + w > width) {
            out += line + "\n";
            line = rest;
            used = display_width(rest);
            empty = true;
        }
        if (!empty) {
            line += ' ';
            ++used;
        }
        line += word;
        used += w;
        empty = false;
    }
    return out + line + "\n";
}

/// `s` padded on the right (left = true) or left to `width` display characters.
inline std::string pad(const std::string& s, std::size_t width, bool left) {
    const std::size_t w = display_width(s);
    if (w >= width) return s;
    return left ? s + std::string(width - w, ' ') : std::string(width - w, ' ') + s;
}

/// A Markdown table cell: `|` escaped.
inline std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a newline.
inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

}  // namespace reeplan::report::detail
