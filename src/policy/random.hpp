#pragma once
/// A counter-based random number generator: every draw is a pure function of
/// (seed, path, stream, draw), so a sampled path gives the same numbers whatever order paths
/// are evaluated in, on however many threads, and whichever other risks are active.
///
/// The mixing function is the SplitMix64 finalizer (G. Steele, D. Lea, C. Flood, "Fast
/// splittable pseudorandom number generators", OOPSLA 2014; constants of D. Stafford's
/// "Mix13"), applied once per key component, as in counter-based designs (J. Salmon et al.,
/// "Parallel random numbers: as easy as 1, 2, 3", SC 2011).

#include <cstdint>
#include <string_view>

namespace reeplan::policy {

/// SplitMix64 finalizer: a bijection of 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// FNV-1a 64-bit hash of a name (a risk id): the stream key of that risk's draws, so adding or
/// reordering risks in a file does not change the draws of the others.
constexpr std::uint64_t stream_key(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : name) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// The 64-bit word of draw `draw` of stream `stream` on path `path` under `seed`.
constexpr std::uint64_t counter_bits(std::uint64_t seed, std::uint64_t path, std::uint64_t stream, std::uint64_t draw) {
    std::uint64_t h = mix64(seed);
    h = mix64(h ^ path);
    h = mix64(h ^ stream);
    return mix64(h ^ draw);
}

/// A uniform number in the open interval (0, 1) from a 64-bit word: its top 53 bits k, centred
/// in their cell, (k + 1/2)·2^−53. The top cell's centre 1 − 2^−54 is not a double and would
/// round to 1; it gives 1 − 2^−53, the largest double below 1.
constexpr double uniform_from_bits(std::uint64_t bits) {
    const double u = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
    return u < 1.0 ? u : 0x1.fffffffffffffp-1;
}

/// A uniform number in the open interval (0, 1) (uniform_from_bits of counter_bits).
constexpr double counter_uniform(std::uint64_t seed, std::uint64_t path, std::uint64_t stream, std::uint64_t draw) {
    return uniform_from_bits(counter_bits(seed, path, stream, draw));
}

}  // namespace reeplan::policy
