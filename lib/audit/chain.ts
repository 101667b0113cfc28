import crypto from "node:crypto";
import type { PrismaClient } from "../../prisma/generated/client";
import { Prisma } from "../../prisma/generated/client";
import { canonicalJson as engineCanonicalJson } from "../engine/index";
import { secret } from "../secrets";

/**
 * The audit log's hash chain (REC-1): the one place that decides what a row's hash covers and how
 * rows are appended and checked. Not server-only, because `npm run audit:verify` and the seed run
 * outside Next; services reach it through lib/services/audit.ts (recordAudit).
 *
 * A row's hash is an HMAC under AUDIT_HMAC_KEY, a key the database does not hold: a database writer
 * who edits a row cannot produce the hash that row needs, and re-hashing the rest of the chain with
 * plain SHA-256 (or another key) does not verify. Signed checkpoints outside the database
 * (./checkpoints.ts) anchor how far the chain reached, which catches a cut tail or an emptied table.
 */

export const GENESIS_HASH = "0".repeat(64);
export const HEAD_ID = 1;

/**
 * How a row's hash was made. Version 1 rows were written before keyed hashing (plain SHA-256); they
 * are accepted only up to the row the first signed checkpoint sealed (see ./verify.ts), so "legacy"
 * is not a way to slip in a row hashed without the key.
 */
export const HASH_VERSION = { LEGACY_SHA256: 1, HMAC_SHA256: 2 } as const;

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
  hashVersion: number;
}

/** The fields a row's hash covers. */
export type HashedFields = Omit<AuditRow, "hash" | "hashVersion">;

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** AUDIT_HMAC_KEY of this process (lib/secrets.ts: the environment, or the demo key in DATA_DIR). */
export function auditKey(): string {
  return secret("AUDIT_HMAC_KEY");
}

const derived = new Map<string, Buffer>();

/**
 * One key per use, derived from AUDIT_HMAC_KEY (HKDF-SHA256), so a row hash can never be passed off
 * as a checkpoint signature or the other way round.
 */
export function derivedKey(key: string, purpose: "audit-row-v2" | "audit-checkpoint-v1"): Buffer {
  const id = `${purpose}\0${key}`;
  let value = derived.get(id);
  if (!value) {
    value = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(key, "utf8"), Buffer.alloc(0), purpose, 32));
    derived.set(id, value);
  }
  return value;
}

/**
 * Append one entry inside the caller's transaction, so the entry and the change it records commit
 * or roll back together. Updating the head row first takes its row lock until commit: concurrent
 * appenders queue behind it, which is what keeps the chain linear (no two rows share a prevHash).
 */
export async function appendAuditEntry(tx: Tx, entry: AuditEntry, at: Date = new Date(), key: string = auditKey()): Promise<AuditRow> {
  const bumped = await tx.auditChainHead.updateMany({ where: { id: HEAD_ID }, data: { seq: { increment: 1 } } });
  if (bumped.count === 0) await tx.auditChainHead.create({ data: { id: HEAD_ID, seq: 1n, hash: GENESIS_HASH } });
  const head = await tx.auditChainHead.findUniqueOrThrow({ where: { id: HEAD_ID } });
  const row: HashedFields = {
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
  const hash = hashRow(row, key);
  const hashVersion = HASH_VERSION.HMAC_SHA256;
  await tx.auditLog.create({
    data: { ...row, before: row.before ?? Prisma.DbNull, after: row.after ?? Prisma.DbNull, hash, hashVersion },
  });
  await tx.auditChainHead.update({ where: { id: HEAD_ID }, data: { hash } });
  return { ...row, hash, hashVersion };
}

/** Every field but the hash itself, prevHash included, in a fixed order. */
function canonicalFields(row: HashedFields): unknown[] {
  return [
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
  ];
}

/** HMAC-SHA256 under the row key (version 2): what every row the portal writes now carries. */
export function hashRow(row: HashedFields, key: string): string {
  const canonical = canonicalJson(["v2", ...canonicalFields(row)]);
  return crypto.createHmac("sha256", derivedKey(key, "audit-row-v2")).update(canonical, "utf8").digest("hex");
}

/** Plain SHA-256 (version 1), exactly as rows were hashed before keyed hashing; only for checking those rows. */
export function legacyHashRow(row: HashedFields): string {
  return crypto
    .createHash("sha256")
    .update(canonicalJson(canonicalFields(row)), "utf8")
    .digest("hex");
}

/**
 * JSON with object keys sorted at every depth (jsonb does not keep key order, so the hash must not depend
 * on it): the engine's canonical JSON in its plain-JSON mode, since rows already hashed hold fractions
 * (a scenario's drop of 12.5 %) and must hash as they did when written.
 */
export function canonicalJson(value: unknown): string {
  return value === undefined ? "null" : engineCanonicalJson(value, { numbers: "json", maxDepth: Number.POSITIVE_INFINITY });
}

/** What is stored for before/after: plain JSON (dates as ISO strings, bigints as strings), so what is hashed is what is read back. */
function toJson(value: unknown): Json | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v))) as Json;
}

/** Which version-1 rows a signed checkpoint vouches for: seq 1..upTo (0: none). */
export interface LegacySeal {
  upTo: bigint;
  /** When the sealing checkpoint was signed; null when no checkpoint seals anything. */
  sealedAt: Date | null;
}

/**
 * Whether one row is what the chain says it should be, given the hash of the row before it.
 * Returns the problem in words, or null. The rule for each hash version lives here only.
 */
export function checkRow(row: AuditRow, prevHash: string, key: string, legacy: LegacySeal): string | null {
  if (row.prevHash !== prevHash) {
    return `row ${row.seq} does not link to row ${row.seq - 1n} (its previous-row hash differs): rows were removed, inserted or re-linked there`;
  }
  if (row.hashVersion === HASH_VERSION.HMAC_SHA256) {
    return hashRow(row, key) === row.hash ? null : `row ${row.seq} does not match its HMAC: it was edited (re-hashing without the key does not help)`;
  }
  if (row.hashVersion === HASH_VERSION.LEGACY_SHA256) {
    if (legacy.sealedAt === null) {
      return `row ${row.seq} carries the old unkeyed hash and no signed checkpoint seals the rows written before keyed hashing: it cannot be trusted`;
    }
    if (row.seq > legacy.upTo) {
      const sealed =
        legacy.upTo === 0n
          ? "records that no rows were written before keyed hashing"
          : `sealed rows 1–${legacy.upTo} as the only rows written before keyed hashing`;
      return `row ${row.seq} carries the old unkeyed hash, but the checkpoint of ${legacy.sealedAt.toISOString()} ${sealed}: it was rewritten without the key`;
    }
    return legacyHashRow(row) === row.hash ? null : `row ${row.seq} (written before keyed hashing) was altered: its content no longer matches its hash`;
  }
  return `row ${row.seq} has an unknown hash version ${row.hashVersion}: it was not written by the portal`;
}

type AuditReader = Pick<Tx, "auditLog">;

/** Rows with seq > after (and ≤ upTo when given), oldest first, a batch at a time. */
export async function* readAuditRows(client: AuditReader, after: bigint, upTo?: bigint, batchSize = 1000): AsyncGenerator<AuditRow> {
  let cursor = after;
  for (;;) {
    const batch: AuditRow[] = await client.auditLog.findMany({
      where: { seq: upTo === undefined ? { gt: cursor } : { gt: cursor, lte: upTo } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const row of batch) yield row;
    if (batch.length < batchSize) return;
    cursor = batch[batch.length - 1].seq;
  }
}
