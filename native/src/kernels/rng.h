// xoshiro128** seeded through splitmix32: the same generator, draw for draw, as @svm/core's Rng
// (util/rng.ts), so a seed samples the same mini-batches on either backend. The 4-word state lives
// in a caller-owned array so a run can continue across calls.
#pragma once

#include <cstdint>

namespace svm {

class Rng {
 public:
  explicit Rng(uint32_t* state) : s_(state) {}

  uint32_t next_u32() {
    const uint32_t result = rotl(s_[1] * 5u, 7) * 9u;
    const uint32_t t = s_[1] << 9;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 11);
    return result;
  }

  // Uniform integer in [0, n): reject the biased tail of the 32-bit range (as Rng.int in TS).
  uint32_t below(uint32_t n) {
    if (n <= 1) return 0;
    const uint64_t limit = 0x100000000ull - (0x100000000ull % n);
    for (;;) {
      const uint32_t r = next_u32();
      if (r < limit) return r % n;
    }
  }

 private:
  static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
  uint32_t* s_;
};

}  // namespace svm
