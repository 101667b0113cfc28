import { describe, expect, it } from "vitest";
import { createPrng, hash32 } from "./prng";

describe("prng (sfc32 via splitmix32)", () => {
  it("is reproducible per seed and differs across seeds", () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const xs = Array.from({ length: 100 }, () => a.u32());
    expect(Array.from({ length: 100 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.u32())).not.toEqual(xs);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it("pins the stream (a change here changes every simulated market)", () => {
    const p = createPrng(1);
    expect([p.u32(), p.u32(), p.u32()]).toEqual([1828152527, 3394835397, 2967886022]);
    expect(hash32(1, 2, 3)).toBe(1490637961);
  });

  it("gauss16 is an integer with mean ≈ 0 and σ ≈ 65,536", () => {
    const p = createPrng(7);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = p.gauss16();
      expect(Number.isInteger(z)).toBe(true);
      sum += z;
      sq += z * z;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sq / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(2_000);
    expect(sd).toBeGreaterThan(63_000);
    expect(sd).toBeLessThan(68_000);
  });

  it("int, range and chancePpm stay in bounds", () => {
    const p = createPrng(9);
    for (let i = 0; i < 1_000; i++) {
      const x = p.int(7);
      expect(x >= 0 && x < 7).toBe(true);
      const y = p.range(-3, 3);
      expect(y >= -3 && y <= 3).toBe(true);
    }
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (p.chancePpm(250_000)) hits++;
    expect(hits).toBeGreaterThan(2_200);
    expect(hits).toBeLessThan(2_800);
  });
});
