import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, hashRow, legacyHashRow } from "./chain";

const KEY = "k".repeat(43);

const row = {
  seq: 7n,
  at: new Date("2026-11-22T03:04:05.678Z"),
  actorId: "u1",
  actorEmail: "a@b.example",
  action: "user.roles_change",
  entity: "User",
  entityId: "u2",
  before: { roles: ["CLIENT"] },
  after: { roles: ["AUDITOR"], note: { b: 1, a: 2 } },
  reason: "joined audit",
  prevHash: GENESIS_HASH,
};

describe("audit hash chain: canonical hashing (REC-1)", () => {
  it("key order does not change the hash (jsonb does not keep it)", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(hashRow(row, KEY)).toBe(hashRow({ ...row, after: { note: { a: 2, b: 1 }, roles: ["AUDITOR"] } }, KEY));
  });

  it("REC-1: changing any field, or the link to the previous row, changes the hash", () => {
    const base = hashRow(row, KEY);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      { seq: 8n },
      { at: new Date(row.at.getTime() + 1) },
      { actorId: "u3" },
      { actorEmail: "x@b.example" },
      { action: "user.sign_up" },
      { entity: "Role" },
      { entityId: "u4" },
      { before: null },
      { after: { roles: ["ADMIN"], note: { b: 1, a: 2 } } },
      { reason: "other" },
      { prevHash: "f".repeat(64) },
    ];
    for (const change of variants) expect(hashRow({ ...row, ...change }, KEY), JSON.stringify(Object.keys(change))).not.toBe(base);
  });

  it("the row hash is an HMAC: another key, or the old unkeyed SHA-256, gives a different hash", () => {
    const keyed = hashRow(row, KEY);
    expect(hashRow(row, "o".repeat(43))).not.toBe(keyed);
    expect(legacyHashRow(row)).not.toBe(keyed);
    // Pinned: an HMAC-SHA256 under a key derived from KEY, not a digest anyone could recompute.
    expect(keyed).toBe("d11562ba75691aaf9b05765d8fbd3ca79893ea483bbfac94dd73129308dd3866");
  });

  it("rows written before keyed hashing still verify: the legacy hash is exactly the old one", () => {
    // The value the portal's hashRow returned for this row before keyed hashing (commit 81b5289).
    expect(legacyHashRow(row)).toBe("18e916058e70236b10a2c89df3e1afaac2a39b32cbbd7346f0adba4d73f5c1bc");
  });
});
