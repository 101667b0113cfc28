import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LONG, LiquidationIndex, SHORT } from "./liquidation-index";

describe("LiquidationIndex", () => {
  it("collect(mark) equals the full scan after random inserts, re-keys, deletes and price paths", () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant("set" as const), slot: fc.nat(200), side: fc.constantFrom(LONG, SHORT), key: fc.integer({ min: 1, max: 5_000 }) }),
      fc.record({ k: fc.constant("del" as const), slot: fc.nat(200) }),
      fc.record({ k: fc.constant("probe" as const), mark: fc.integer({ min: 1, max: 5_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(op, { maxLength: 400 }), (shift, ops) => {
        const idx = new LiquidationIndex(shift);
        const model = new Map<number, [number, number]>();
        for (const o of ops) {
          if (o.k === "set") {
            idx.set(o.slot, o.side, o.key);
            model.set(o.slot, [o.side, o.key]);
          } else if (o.k === "del") {
            idx.delete(o.slot);
            model.delete(o.slot);
          } else {
            const want = [...model]
              .filter(([, [side, key]]) => (side === LONG ? key >= o.mark : key <= o.mark))
              .map(([s]) => s)
              .sort((a, b) => a - b);
            expect(idx.triggered(o.mark)).toEqual(want);
            expect(idx.scanTriggered(o.mark)).toEqual(want);
          }
        }
        expect(idx.size).toBe(model.size);
      }),
      { numRuns: 400, seed: 3 },
    );
  });
});
