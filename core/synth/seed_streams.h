#pragma once
// Independent random streams derived from one user seed. Each stage of the generator (lattice
// placement, defects, noise) draws from its own stream so that switching a defect off leaves the
// lattice and the other defects where they were. Pure functions; thread-agnostic.
#include <cstdint>
#include <random>

namespace ds::synth {

enum class Stream : std::uint64_t { Lattice = 1, GrainBoundary, Contamination, PointDefects, Noise, Jitter };

// splitmix64 finaliser: decorrelates neighbouring seeds before they reach the Mersenne twister.
inline std::uint64_t mixSeed(std::uint64_t seed, Stream stream) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (static_cast<std::uint64_t>(stream) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

inline std::mt19937_64 makeRng(std::uint64_t seed, Stream stream) { return std::mt19937_64(mixSeed(seed, stream)); }

} // namespace ds::synth
