import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalHash, canonicalJson, fnv1a64, parseCanonical } from "./snapshot";

describe("canonical serialization", () => {
  it("sorts keys, omits undefined, tags bigints, rejects floats", () => {
    expect(canonicalJson({ b: 1, a: [2n, "x", null, true], c: undefined })).toBe('{"a":[{"$bigint":"2"},"x",null,true],"b":1}');
    expect(() => canonicalJson({ x: 0.5 })).toThrow(/non-integer/);
    expect(() => canonicalJson(new Map())).toThrow();
  });
  it("round-trips through parseCanonical and is insertion-order independent", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.bigInt(), fc.integer(), fc.string(), fc.boolean())), (d) => {
        const text = canonicalJson(d);
        expect(canonicalJson(parseCanonical(text))).toBe(text);
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalHash(reversed)).toBe(canonicalHash(d));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
  it("FNV-1a 64 matches the reference vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
  it("FNV-1a 64 equals a BigInt reference on random UTF-8 text", () => {
    const ref = (s: string) => {
      let h = 0xcbf29ce484222325n;
      for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, "0");
    };
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(fnv1a64(s)).toBe(ref(s));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
