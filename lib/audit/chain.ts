import crypto from "node:crypto";
import type { PrismaClient } from "../../prisma/generated/client";
import { Prisma } from "../../prisma/generated/client";

/**
 * The audit log's hash chain (REC-1): the one place that decides what a row's hash covers and how
 * rows are appended and checked. Not server-only, because `npm run audit:verify` and the seed run
 * outside Next; services reach it through lib/services/audit.ts (recordAudit).
 */

export const GENESIS_HASH = "0".repeat(64);
const HEAD_ID = 1;

type Json = Prisma.JsonValue;

export interface AuditEntry {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** A stored row, as read back for verification. */
export interface AuditRow {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Json | null;
  after: Json | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Append one entry inside the caller's transaction, so the entry and the change it records commit
 * or roll back together. Updating the head row first takes its row lock until commit: concurrent
 * appenders queue behind it, which is what keeps the chain linear (no two rows share a prevHash).
 */
export async function appendAuditEntry(tx: Tx, entry: AuditEntry, at: Date = new Date()): Promise<AuditRow> {
  const bumped = await tx.auditChainHead.updateMany({ where: { id: HEAD_ID }, data: { seq: { increment: 1 } } });
  if (bumped.count === 0) await tx.auditChainHead.create({ data: { id: HEAD_ID, seq: 1n, hash: GENESIS_HASH } });
  const head = await tx.auditChainHead.findUniqueOrThrow({ where: { id: HEAD_ID } });
  const row: Omit<AuditRow, "hash"> = {
    seq: head.seq,
    at: new Date(Math.floor(at.getTime())),
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    reason: entry.reason ?? null,
    prevHash: head.hash,
  };
  const hash = hashRow(row);
  await tx.auditLog.create({
    data: { ...row, before: row.before ?? Prisma.DbNull, after: row.after ?? Prisma.DbNull, hash },
  });
  await tx.auditChainHead.update({ where: { id: HEAD_ID }, data: { hash } });
  return { ...row, hash };
}

/** SHA-256 over the canonical serialization of every field but the hash itself, prevHash included. */
export function hashRow(row: Omit<AuditRow, "hash">): string {
  const canonical = canonicalJson([
    row.seq.toString(),
    row.at.toISOString(),
    row.actorId,
    row.actorEmail,
    row.action,
    row.entity,
    row.entityId,
    row.before,
    row.after,
    row.reason,
    row.prevHash,
  ]);
  return crypto.createHash("sha256").update(canonical, "utf8").digest("hex");
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What is stored for before/after: plain JSON (dates as ISO strings, bigints as strings), so what is hashed is what is read back. */
function toJson(value: unknown): Json | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v))) as Json;
}

export type ChainCheck =
  | { ok: true; rows: number }
  | { ok: false; rows: number; seq: bigint | null; problem: string };

/**
 * Walk the chain from the first row. Reports the first broken link: a row whose content no longer
 * matches its hash (edited), whose prevHash is not its predecessor's hash (re-linked), a gap in seq
 * (deleted), or a head that points past the last row (tail removed).
 */
export async function verifyAuditChain(client: Pick<PrismaClient, "auditLog" | "auditChainHead">, batchSize = 1000): Promise<ChainCheck> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const batch: AuditRow[] = await client.auditLog.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    for (const row of batch) {
      if (row.seq !== expectedSeq) return { ok: false, rows, seq: expectedSeq, problem: `row ${expectedSeq} is missing (the next row is ${row.seq})` };
      if (row.prevHash !== prevHash) return { ok: false, rows, seq: row.seq, problem: `row ${row.seq} does not link to row ${row.seq - 1n} (prevHash differs)` };
      if (hashRow(row) !== row.hash) return { ok: false, rows, seq: row.seq, problem: `row ${row.seq} was altered (its content no longer matches its hash)` };
      prevHash = row.hash;
      expectedSeq += 1n;
      rows += 1;
    }
    if (batch.length < batchSize) break;
  }
  const head = await client.auditChainHead.findUnique({ where: { id: HEAD_ID } });
  const lastSeq = expectedSeq - 1n;
  if (!head && rows > 0) return { ok: false, rows, seq: null, problem: "the chain head row is missing" };
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    return { ok: false, rows, seq: head.seq, problem: `the chain head records row ${head.seq} but the log ends at row ${lastSeq} (rows removed from the end)` };
  }
  return { ok: true, rows };
}

export function describeChainCheck(check: ChainCheck): string {
  return check.ok ? `${check.rows} rows verified` : `audit chain broken at row ${check.seq}: ${check.problem} (${check.rows} rows verified before it)`;
}
