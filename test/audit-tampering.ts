import type { PrismaClient } from "../prisma/generated/client";
import { appendAuditEntry, legacyHashRow, type AuditRow } from "../lib/audit/chain";

/**
 * Database-test helpers for the audit log's tamper tests: a database writer with full privileges
 * (a superuser who switches the append-only trigger off), and a scratch log that replaces the shared
 * one for the duration of a test and is swapped back afterwards, so the other tests' chain stays valid.
 */

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Run `fn` as a superuser with triggers off (session_replication_role = replica, for this
 * transaction only): what a database writer with full privileges can do despite the trigger.
 */
export function asSuperuserWriter<T>(client: PrismaClient, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return client.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      return fn(tx);
    },
    { timeout: 60_000 },
  );
}

const TABLES = ["AuditLog", "AuditChainHead", "AuditCheckpointMark"] as const;

/** Swap the audit tables for empty ones (head at row 0) while `fn` runs; the originals come back after. */
export async function withScratchLog(client: PrismaClient, schema: string, fn: () => Promise<void>): Promise<void> {
  const q = (name: string) => `"${schema}"."${name}"`;
  const saved = (name: string) => q(`${name}_saved_for_test`);
  await asSuperuserWriter(client, async (tx) => {
    for (const table of TABLES) {
      await tx.$executeRawUnsafe(`CREATE TABLE ${saved(table)} AS SELECT * FROM ${q(table)}`);
      await tx.$executeRawUnsafe(`DELETE FROM ${q(table)}`);
    }
    await tx.$executeRawUnsafe(`INSERT INTO ${q("AuditChainHead")} (id, seq, hash) VALUES (1, 0, $1)`, "0".repeat(64));
  });
  try {
    await fn();
  } finally {
    await asSuperuserWriter(client, async (tx) => {
      for (const table of TABLES) {
        await tx.$executeRawUnsafe(`DELETE FROM ${q(table)}`);
        await tx.$executeRawUnsafe(`INSERT INTO ${q(table)} SELECT * FROM ${saved(table)}`);
        await tx.$executeRawUnsafe(`DROP TABLE ${saved(table)}`);
      }
    });
  }
}

/** Append `n` entries the way the portal does (appendAuditEntry, the portal's key); returns the last seq. */
export async function appendEntries(client: PrismaClient, n: number, label = "entry"): Promise<bigint> {
  let last = 0n;
  for (let i = 0; i < n; i++) {
    const row = await client.$transaction((tx) =>
      appendAuditEntry(tx, {
        actorId: null,
        actorEmail: "tester@test.example",
        action: "parameters.change",
        entity: "Parameter",
        entityId: `${label}-${i}`,
        before: { v: i },
        after: { v: i + 1 },
        reason: "test",
      }),
    );
    last = row.seq;
  }
  return last;
}

/** The project's old unkeyed row hash (plain SHA-256 of the canonical fields): the attacker's tool. */
export const unkeyedHash = (row: AuditRow): string => legacyHashRow(row);

/**
 * Edit row `from` (its reason) and re-hash it and every following row with `rehash`, re-linking
 * each to its new predecessor and moving the head: the "edit and re-hash the rest" attack.
 * `version` optionally rewrites the rows' hash version too (claiming the old unkeyed scheme).
 */
export async function editAndRehash(client: PrismaClient, schema: string, from: bigint, rehash: (row: AuditRow) => string, version?: number): Promise<void> {
  const q = (name: string) => `"${schema}"."${name}"`;
  await asSuperuserWriter(client, async (tx) => {
    const rows = (await tx.auditLog.findMany({ where: { seq: { gte: from - 1n } }, orderBy: { seq: "asc" } })) as AuditRow[];
    let prevHash = rows[0].seq === from - 1n ? rows.shift()!.hash : "0".repeat(64);
    for (const original of rows) {
      const row = { ...original, prevHash, reason: original.seq === from ? "quietly rewritten" : original.reason };
      const hash = rehash(row);
      await tx.$executeRawUnsafe(
        `UPDATE ${q("AuditLog")} SET reason = $1, "prevHash" = $2, hash = $3${version === undefined ? "" : `, "hashVersion" = ${Number(version)}`} WHERE seq = $4`,
        row.reason,
        prevHash,
        hash,
        row.seq,
      );
      prevHash = hash;
    }
    await tx.$executeRawUnsafe(`UPDATE ${q("AuditChainHead")} SET hash = $1 WHERE id = 1`, prevHash);
  });
}
