/**
 * The project's one random generator: xoshiro128** seeded through splitmix32. The native layer
 * implements the same generator bit for bit, so a seed means the same draws on either backend.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | undefined;

  /** A generator from an integer seed (any number is folded to 32 bits). */
  constructor(seed = 0) {
    let x = (Math.trunc(seed) ^ Math.trunc(seed / 0x100000000)) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A generator continuing from a saved 4-word state (see {@link Rng.saveState}). */
  static fromState(state: ArrayLike<number>): Rng {
    const r = new Rng(0);
    r.s0 = state[0]! >>> 0;
    r.s1 = state[1]! >>> 0;
    r.s2 = state[2]! >>> 0;
    r.s3 = state[3]! >>> 0;
    return r;
  }

  /** Writes the 4-word state (the native layer's format) into `out`, default a new Uint32Array. */
  saveState(out: Uint32Array = new Uint32Array(4)): Uint32Array {
    out[0] = this.s0;
    out[1] = this.s1;
    out[2] = this.s2;
    out[3] = this.s3;
    return out;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n), unbiased (Lemire's multiply-and-reject). */
  int(n: number): number {
    if (n <= 1) return 0;
    // n < 2^31 here: 32-bit draw, reject the biased tail.
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const r = this.nextU32();
      if (r < limit) return r % n;
    }
  }

  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Fills `out` with normal draws times `scale`. */
  fillNormal(out: { length: number; [i: number]: number }, scale = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal() * scale;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    return this.shuffleIdentity(new Int32Array(n));
  }

  /** Fills `out` with 0..out.length-1 in a uniformly random order, drawing as the native layer does. */
  shuffleIdentity(out: Int32Array): Int32Array {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
