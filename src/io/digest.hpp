#pragma once
/// SHA-256 of input files, so a report names exactly the input it was computed from.

#include <string>
#include <string_view>

namespace reeplan::io {

/// Lower-case hex SHA-256 (FIPS 180-4) of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// SHA-256 of a file's contents; throws model::InputError when it cannot be read.
std::string file_sha256(const std::string& path);

}  // namespace reeplan::io
