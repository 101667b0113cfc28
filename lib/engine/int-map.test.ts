import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntMap } from "./int-map";

describe("IntMap", () => {
  it("behaves like Map under random set/delete/get churn (including ids above 2^30 and table growth)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 0x7fffffff }))), {
          maxLength: 600,
        }),
        (ops) => {
          const m = new IntMap<number>(16);
          const ref = new Map<number, number>();
          ops.forEach(([op, k], i) => {
            if (op === 0) {
              m.set(k, i);
              ref.set(k, i);
            } else if (op === 1) expect(m.delete(k)).toBe(ref.delete(k));
            expect(m.get(k)).toBe(ref.get(k));
            expect(m.size).toBe(ref.size);
          });
          for (const [k, v] of ref) expect(m.get(k)).toBe(v);
          expect(m.values().sort((a, b) => a - b)).toEqual([...ref.values()].sort((a, b) => a - b));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
  it("rejects keys outside 1 … 2^31−1", () => {
    const m = new IntMap<number>();
    expect(() => m.set(0, 1)).toThrow(RangeError);
    expect(() => m.set(2 ** 31, 1)).toThrow(RangeError);
    expect(() => m.set(1.5, 1)).toThrow(RangeError);
  });
});
