import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./chain";

/**
 * The audit chain hashes rows with the engine's canonical JSON in its plain-JSON mode. Rows already in
 * the log were hashed by the chain's earlier function of its own; this reference copy of it is what they
 * must keep matching byte for byte, or stored rows would stop verifying.
 */
function formerAuditCanonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(formerAuditCanonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${formerAuditCanonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A JSON value as jsonb gives it back: what a row's before and after are. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constant(-0),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: "grapheme" }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "grapheme", maxLength: 6 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** What hashRow hands to canonicalJson: ["v2", seq, at, actorId, actorEmail, action, entity, entityId, before, after, reason, prevHash]. */
const hashedFields = fc.tuple(
  fc.constant("v2"),
  fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
  fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((at) => at.toISOString()),
  fc.option(fc.uuid()),
  fc.option(fc.emailAddress()),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 64 }),
  fc.option(fc.string({ unit: "grapheme", maxLength: 40 })),
  fc.option(json),
  fc.option(json),
  fc.option(fc.string({ unit: "grapheme", maxLength: 80 })),
  fc.stringMatching(/^[0-9a-f]{64}$/),
);

describe("canonical JSON of audit rows (REC-1)", () => {
  it("is byte for byte what the audit chain wrote before it shared the engine's function", () => {
    fc.assert(
      fc.property(hashedFields, (fields) => {
        expect(canonicalJson(fields)).toBe(formerAuditCanonicalJson(fields));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps what engine state may not hold: fractions, integers past 2^53, deep nesting", () => {
    const scenario = { type: "flash-crash", market: "BTC-PERP", dropPct: 12.5, recoverSec: 60 };
    expect(canonicalJson(scenario)).toBe('{"dropPct":12.5,"market":"BTC-PERP","recoverSec":60,"type":"flash-crash"}');
    expect(canonicalJson([2 ** 60])).toBe("[1152921504606847000]");
    let deep: unknown = 0;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(canonicalJson(deep)).toBe(`${"[".repeat(70)}0${"]".repeat(70)}`);
    expect(canonicalJson(undefined)).toBe("null");
  });
});
