#pragma once
/// Key paths of the elements of arrays of tables. Private to src/io.

#include <cstddef>
#include <string>

namespace reeplan::io::detail {

/// `kind.<id>`, or `kind[index]` for an element whose id was missing, malformed or repeated.
inline std::string element_path(const char* kind, const std::string& id, std::size_t index) {
    return id.empty() ? std::string(kind) + "[" + std::to_string(index) + "]" : std::string(kind) + "." + id;
}

}  // namespace reeplan::io::detail
