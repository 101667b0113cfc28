import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "../prisma-client";
import type { PrismaClient } from "../../prisma/generated/client";
import { auditAnchorConfig } from "./checkpoints";
import { describeChainCheck, verifyAuditChain as verifyWith } from "./verify";
import { asSuperuserWriter } from "../../test/audit-tampering";
import { recordAudit } from "../services/audit";
import { changePassword } from "../services/users/change-password";
import { withTransaction } from "../services/context";
import { verifyPassword } from "../auth/password";
import { contextFor, signedInUser } from "../../test/service-context";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-anchors-"));
afterAll(async () => {
  await client.$disconnect();
  fs.rmSync(anchorDir, { recursive: true, force: true });
});
const table = `"${database.schema}"."AuditLog"`;
// The chain alone (no checkpoints in this folder); lib/audit/tamper.db.test.ts covers the checkpoints.
const verifyAuditChain = (db: PrismaClient) => verifyWith(db, auditAnchorConfig({ dir: anchorDir, schema: database.schema }));

async function appendSome(n: number) {
  const actor = await signedInUser(client, ["ADMIN"]);
  const ctx = contextFor(client, actor);
  for (let i = 0; i < n; i++) {
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, ctx, { action: "parameters.change", entity: "Parameter", entityId: `p${i}`, before: { v: i }, after: { v: i + 1 }, reason: "test" }),
    );
  }
  const last = await client.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
  return last.seq;
}

describe("tamper-evident audit log (REC-1)", () => {
  it("REC-1: appended rows form an unbroken chain that verifies", async () => {
    await appendSome(3);
    const check = await verifyAuditChain(client);
    expect(check.ok, describeChainCheck(check)).toBe(true);
    expect(describeChainCheck(check)).toMatch(/^\d+ rows verified$/);
  });

  it("REC-1: editing a row with SQL (trigger switched off by a superuser) is caught, and verification names that row", async () => {
    const last = await appendSome(3);
    const target = last - 1n;
    const [original] = await client.$queryRawUnsafe<{ reason: string }[]>(`SELECT reason FROM ${table} WHERE seq = $1`, target);
    await asSuperuserWriter(client, (tx) => tx.$executeRawUnsafe(`UPDATE ${table} SET reason = 'quietly rewritten' WHERE seq = $1`, target));
    try {
      const check = await verifyAuditChain(client);
      expect(check.ok).toBe(false);
      expect(describeChainCheck(check)).toContain(`audit chain broken: row ${target} does not match its HMAC: it was edited`);
    } finally {
      await asSuperuserWriter(client, (tx) => tx.$executeRawUnsafe(`UPDATE ${table} SET reason = $1 WHERE seq = $2`, original.reason, target));
    }
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });

  it("REC-1: replacing a row's hash does not help: that row and the next row's link name it", async () => {
    const last = await appendSome(2);
    const target = last - 1n;
    const [original] = await client.$queryRawUnsafe<{ hash: string }[]>(`SELECT hash FROM ${table} WHERE seq = $1`, target);
    await asSuperuserWriter(client, (tx) => tx.$executeRawUnsafe(`UPDATE ${table} SET hash = $1 WHERE seq = $2`, "e".repeat(64), target));
    try {
      const check = await verifyAuditChain(client);
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toBe(
        `row ${target} does not match its HMAC: it was edited (re-hashing without the key does not help) (and 1 later row fails too)`,
      );
    } finally {
      await asSuperuserWriter(client, (tx) => tx.$executeRawUnsafe(`UPDATE ${table} SET hash = $1 WHERE seq = $2`, original.hash, target));
    }
  });

  it("REC-1: deleting a row (trigger switched off by a superuser) is caught as a gap at that row", async () => {
    const last = await appendSome(2);
    const target = last - 1n;
    const saved = await client.auditLog.findUniqueOrThrow({ where: { seq: target } });
    await asSuperuserWriter(client, (tx) => tx.auditLog.delete({ where: { seq: target } }));
    try {
      const check = await verifyAuditChain(client);
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toBe(`row ${target} is missing`);
    } finally {
      await client.auditLog.create({ data: { ...saved, before: saved.before ?? undefined, after: saved.after ?? undefined } });
    }
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });

  it("concurrent appends serialize: no fork, no duplicate seq", async () => {
    const actor = await signedInUser(client, ["ADMIN"]);
    const ctx = contextFor(client, actor);
    const before = await client.auditLog.count();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTransaction(ctx, (tx) => recordAudit(tx, ctx, { action: "scenario.inject", entity: "Scenario", entityId: `s${i}` })),
      ),
    );
    expect(await client.auditLog.count()).toBe(before + 12);
    const check = await verifyAuditChain(client);
    expect(check.ok, describeChainCheck(check)).toBe(true);
  });

  it("a failed audit write rolls back the action it records (changePassword)", async () => {
    const actor = await signedInUser(client, ["CLIENT"], { password: "Old-password-123" });
    const other = await client.authSession.create({
      data: { id: `other-${actor.sessionId}`, userId: actor.userId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const failing = client.$extends({
      query: {
        auditLog: {
          create() {
            throw new Error("simulated audit write failure");
          },
        },
      },
    }) as unknown as PrismaClient;
    const before = await client.auditLog.count();
    await expect(
      changePassword({
        ctx: contextFor(failing, actor),
        input: { currentPassword: "Old-password-123", newPassword: "New-password-456", confirmPassword: "New-password-456" },
      }),
    ).rejects.toThrow("simulated audit write failure");
    const user = await client.user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(await verifyPassword(user.passwordHash, "Old-password-123")).toBe(true);
    expect((await client.authSession.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();
    expect(await client.auditLog.count()).toBe(before);
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });
});
