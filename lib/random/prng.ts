/**
 * Seeded pseudo-random numbers for the market simulator and the suitability quiz's draw: sfc32
 * (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes PractRand) seeded
 * through splitmix32. Pure (no imports, no clock), so any layer may use it. Everything is 32-bit
 * integer arithmetic (`Math.imul`, `>>> 0`), so a seed yields the same stream on every machine and
 * every JS engine. No floats leave this module: draws are integers, and callers scale them with
 * integer arithmetic (see {@link Prng.gauss16}).
 */

/** splitmix32: a 32-bit mixer; used to expand one seed into sfc32's four state words and to hash ids. */
export function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Stateless hash of a few integers (e.g. an agent's index and a salt) to a uint32. */
export function hash32(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = splitmix32((h ^ (p >>> 0)) >>> 0)();
  return h;
}

export interface Prng {
  /** Uniform uint32. */
  u32(): number;
  /** Uniform integer in [0, n), n ≥ 1 and ≤ 2^32 (modulo bias ≤ n/2^32: irrelevant for a simulator). */
  int(n: number): number;
  /** Uniform integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number;
  /** True with probability ppm / 1,000,000. */
  chancePpm(ppm: number): boolean;
  /**
   * Approximately standard normal × 65,536, as an integer: Irwin–Hall sum of twelve uniform 16-bit
   * draws minus their mean (variance 12 × 2^32/12 = 2^32, so σ = 65,536; support ±6σ).
   * Integer-only, so identical everywhere.
   */
  gauss16(): number;
  /** Independent child stream (e.g. one per subsystem), derived from this stream. */
  fork(): Prng;
}

/** sfc32 seeded via splitmix32 from a 32-bit seed (any number; taken modulo 2^32). */
export function createPrng(seed: number): Prng {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm-up: the first outputs of sfc32 are correlated with the seed words.
  for (let i = 0; i < 12; i++) u32();
  const prng: Prng = {
    u32,
    int: (n) => u32() % n,
    range: (lo, hi) => lo + (u32() % (hi - lo + 1)),
    chancePpm: (ppm) => u32() % 1_000_000 < ppm,
    gauss16: () => {
      let s = 0;
      for (let i = 0; i < 6; i++) {
        const x = u32();
        s += (x & 0xffff) + (x >>> 16);
      }
      return s - 12 * 32_768;
    },
    fork: () => createPrng(u32() ^ 0x5bd1e995),
  };
  return prng;
}
