import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson as engineCanonicalJson } from "@/lib/engine/index";
import { canonicalJson as auditCanonicalJson } from "./chain";

/**
 * The audit chain hashes its rows with its own canonical JSON, not the engine's. The two agree byte
 * for byte wherever the engine's accepts a value, but the engine's refuses what the audit log must
 * hash: fractional numbers (a scenario's dropPct of 12.5 is in the log, and rows already hashed with
 * it must still verify), integers beyond 2^53 and nesting beyond 64 levels. So the audit chain keeps
 * its own until the engine's can write such numbers the way JSON does; these properties are the
 * proof the switch will need, and they fail if either side changes the bytes of the common ground.
 */

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

/** Whether the engine's canonical JSON takes the value: integers within 2^53 only, at most 64 levels deep. */
function engineTakes(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "number") return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every((item) => engineTakes(item, depth + 1));
  if (value !== null && typeof value === "object") return Object.values(value).every((item) => engineTakes(item, depth + 1));
  return true;
}

describe("canonical JSON: the audit chain's and the engine's", () => {
  it("agree byte for byte on every audit row the engine's accepts, and the engine's refuses the rest", () => {
    fc.assert(
      fc.property(hashedFields, (fields) => {
        const audit = auditCanonicalJson(fields);
        if (engineTakes(fields)) expect(engineCanonicalJson(fields)).toBe(audit);
        else expect(() => engineCanonicalJson(fields)).toThrow(TypeError);
      }),
      { numRuns: 500 },
    );
  });

  it("part where the audit log needs its own: fractions, large integers, deep nesting", () => {
    const scenario = { type: "flash-crash", market: "BTC-PERP", dropPct: 12.5, recoverSec: 60 };
    expect(auditCanonicalJson(scenario)).toBe('{"dropPct":12.5,"market":"BTC-PERP","recoverSec":60,"type":"flash-crash"}');
    expect(() => engineCanonicalJson(scenario)).toThrow(/non-integer/);
    expect(auditCanonicalJson([2 ** 60])).toBe("[1152921504606847000]");
    expect(() => engineCanonicalJson([2 ** 60])).toThrow(TypeError);
    let deep: unknown = 0;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(auditCanonicalJson(deep)).toBe(`${"[".repeat(70)}0${"]".repeat(70)}`);
    expect(() => engineCanonicalJson(deep)).toThrow(/too deep/);
  });
});
