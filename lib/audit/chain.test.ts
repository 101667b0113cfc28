import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, hashRow } from "./chain";

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

describe("audit hash chain: canonical hashing (issue 5 pt 4, REC-1)", () => {
  it("key order does not change the hash (jsonb does not keep it)", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(hashRow(row)).toBe(hashRow({ ...row, after: { note: { a: 2, b: 1 }, roles: ["AUDITOR"] } }));
  });

  it("REC-1: changing any field, or the link to the previous row, changes the hash", () => {
    const base = hashRow(row);
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
    for (const change of variants) expect(hashRow({ ...row, ...change }), JSON.stringify(Object.keys(change))).not.toBe(base);
  });
});
