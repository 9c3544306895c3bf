#pragma once
/// The file one slice of a simulation writes (`reeplan simulate --shard K/N`) and `reeplan
/// merge` reads: everything needed to summarize the slices as one run, with no other file.
///
/// Layout: the line "reeplan-shard 1", then one line of JSON (the header below), then the
/// stored rows as IEEE 754 binary64 numbers in little-endian byte order, path-major
/// (count × width numbers). The input file's text travels in the header, so a merge needs only
/// the shards, and the SHA-256 of that text is checked against the one recorded.

#include "sim/simulate.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace reeplan::report {

struct ShardHeader {
    std::string version;       ///< reeplan version that wrote it
    std::string input_path;
    std::string input_sha256;
    std::string input_text;    ///< the whole input file
    std::string scenario;      ///< empty for the base case
    std::vector<std::string> sets;
    std::uint64_t seed = 1;
    std::size_t paths = 0;     ///< paths of the whole run
    std::size_t shard = 1, shards = 1;
    std::size_t first_path = 0, count = 0;
    std::string metric;        ///< --metric
    bool lcop = true;
    bool repair_correlation = false;
    std::vector<std::string> columns;
};

/// The bytes of a shard file.
std::string encode_shard(const ShardHeader& header, const sim::Samples& samples);

struct DecodedShard {
    ShardHeader header;
    sim::Samples samples;
};

/// Reads the bytes of a shard file; `path` names it in messages. Throws model::InputError
/// (at `path`) when the bytes are not a shard of this format or are cut short.
DecodedShard decode_shard(const std::string& bytes, const std::string& path);

}  // namespace reeplan::report
