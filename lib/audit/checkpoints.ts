import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { PrismaClient } from "../../prisma/generated/client";
import { env, type Env } from "../env";
import { secret } from "../secrets";
import { canonicalJson, checkRow, derivedKey, GENESIS_HASH, HASH_VERSION, HEAD_ID, readAuditRows, type LegacySeal } from "./chain";

/**
 * Signed checkpoints of the audit chain, kept outside the database (REC-1). A checkpoint says "the
 * chain of database D reached row N with hash H at time T", is signed with a key derived from
 * AUDIT_HMAC_KEY and names the signature of the checkpoint before it. Checkpoints are appended, one
 * JSON line each and never rewritten, to one file per database and schema under AUDIT_ANCHOR_DIR.
 *
 * What this adds to the keyed row hashes: a database writer can still cut the tail of the log and
 * move the head back, or empty the table, without any key. The checkpoints remember how far the log
 * reached, and the verifier (./verify.ts) names the rows that went missing. Rows appended after the
 * latest checkpoint are not covered until the next one (the portal writes one every minute while
 * the log grows, see ./checkpoint-sweep.ts).
 *
 * The first checkpoint a database gets also seals the rows hashed before keyed hashing existed
 * (version 1): `legacy` is how many such rows lead the log, and every later checkpoint repeats it.
 */

export const CHECKPOINT_FORMAT = 1;
export const MARK_ID = 1;

export interface Checkpoint {
  v: typeof CHECKPOINT_FORMAT;
  /** The database the chain lives in: server identity, database name and schema (see databaseIdentity). */
  db: string;
  seq: bigint;
  hash: string;
  at: Date;
  /** Rows 1..legacy carry the old unkeyed hash and are vouched for by this chain of checkpoints. */
  legacy: bigint;
  /** The previous checkpoint's signature; null on the first. */
  prev: string | null;
  sig: string;
}

/** Where checkpoints go and the key that signs them. */
export interface AuditAnchorConfig {
  key: string;
  dir: string;
  /** The PostgreSQL schema holding the audit tables (part of the database identity). */
  schema: string;
}

/** This process's anchor settings: AUDIT_HMAC_KEY, AUDIT_ANCHOR_DIR (default DATA_DIR/audit-anchors), DATABASE_SCHEMA. */
export function auditAnchorConfig(overrides: Partial<AuditAnchorConfig> = {}, config: Env = env()): AuditAnchorConfig {
  return {
    key: overrides.key ?? secret("AUDIT_HMAC_KEY", config),
    dir: path.resolve(overrides.dir ?? config.AUDIT_ANCHOR_DIR ?? path.join(config.DATA_DIR, "audit-anchors")),
    schema: overrides.schema ?? config.DATABASE_SCHEMA,
  };
}

type Queryable = Pick<PrismaClient, "$queryRawUnsafe">;

/**
 * Which database a chain belongs to, from facts a database writer cannot change with SQL: the
 * server's system identifier (fixed at initdb; a fresh embedded database gets a new one), the
 * database name and the schema. Dropping and re-creating the schema keeps the identity, so an
 * emptied log is compared with the old checkpoints; `npm run db:reset` retires the file instead.
 */
export async function databaseIdentity(client: Queryable, schema: string): Promise<string> {
  const [{ name }] = await client.$queryRawUnsafe<{ name: string }[]>("SELECT current_database() AS name");
  let system = "unknown";
  try {
    const [row] = await client.$queryRawUnsafe<{ id: string }[]>("SELECT system_identifier::text AS id FROM pg_control_system()");
    if (row?.id) system = row.id;
  } catch {
    // A managed server may refuse pg_control_system(); the name and schema still tell databases apart.
  }
  return `${system}/${name}/${schema}`;
}

/** One file per database identity. */
export function checkpointFilePath(dir: string, identity: string): string {
  const dotted = identity.replace(/\//g, ".");
  const safe = dotted.replace(/[^A-Za-z0-9_.-]+/g, "_");
  // Names that needed cleaning get a hash of the real identity, so two of them cannot share a file.
  const tag = safe === dotted ? "" : `.${crypto.createHash("sha256").update(identity).digest("hex").slice(0, 8)}`;
  return path.join(dir, `${safe}${tag}.checkpoints.jsonl`);
}

function signature(fields: Omit<Checkpoint, "sig">, key: string): string {
  const canonical = canonicalJson([fields.v, fields.db, fields.seq.toString(), fields.hash, fields.at.toISOString(), fields.legacy.toString(), fields.prev]);
  return crypto.createHmac("sha256", derivedKey(key, "audit-checkpoint-v1")).update(canonical, "utf8").digest("hex");
}

export function signCheckpoint(fields: Omit<Checkpoint, "sig">, key: string): Checkpoint {
  return { ...fields, sig: signature(fields, key) };
}

/** The line as stored: bigints as decimal strings, the time as ISO 8601. */
export function checkpointLine(checkpoint: Checkpoint): string {
  return JSON.stringify({
    v: checkpoint.v,
    db: checkpoint.db,
    seq: checkpoint.seq.toString(),
    hash: checkpoint.hash,
    at: checkpoint.at.toISOString(),
    legacy: checkpoint.legacy.toString(),
    prev: checkpoint.prev,
    sig: checkpoint.sig,
  });
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const decimal = z
  .string()
  .regex(/^\d{1,19}$/)
  .transform(BigInt);
const StoredLine = z
  .object({
    v: z.literal(CHECKPOINT_FORMAT),
    db: z.string().min(1).max(400),
    seq: decimal,
    hash: hex64,
    at: z.iso.datetime().transform((value) => new Date(value)),
    legacy: decimal,
    prev: hex64.nullable(),
    sig: hex64,
  })
  .strict();

export type ParsedLine = { ok: true; checkpoint: Checkpoint } | { ok: false; problem: "damaged" | "signature" | "other-database"; checkpoint?: Checkpoint };

/** Parse one stored line and check its signature and database. */
export function parseCheckpointLine(line: string, key: string, identity: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, problem: "damaged" };
  }
  const parsed = StoredLine.safeParse(json);
  if (!parsed.success) return { ok: false, problem: "damaged" };
  const checkpoint: Checkpoint = parsed.data;
  const expected = signature(checkpoint, key);
  if (!crypto.timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(checkpoint.sig, "hex"))) return { ok: false, problem: "signature", checkpoint };
  if (checkpoint.db !== identity) return { ok: false, problem: "other-database", checkpoint };
  return { ok: true, checkpoint };
}

export interface CheckpointFile {
  file: string;
  exists: boolean;
  /** Lines whose signature holds and that belong to this database, in file order. */
  checkpoints: Checkpoint[];
  /** The signature field of every line that parsed, valid or not. */
  signatures: Set<string>;
  /** What is wrong with the file, in words. */
  problems: string[];
}

/**
 * Read and check a whole checkpoint file: every line parses, is signed with the key, belongs to
 * this database and names the line before it; the chain starts at the first checkpoint; rows never
 * go backwards; every line repeats the same legacy seal.
 */
export function readCheckpointFile(file: string, identity: string, key: string): CheckpointFile {
  const result: CheckpointFile = { file, exists: false, checkpoints: [], signatures: new Set(), problems: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw error;
  }
  result.exists = true;
  if (text.length === 0) {
    result.problems.push("the checkpoint file is empty: its checkpoints were removed");
    return result;
  }
  const lines = text.split("\n");
  const complete = lines.pop() === "";
  if (!complete) result.problems.push(`checkpoint line ${lines.length + 1} is incomplete: the checkpoint file was cut short`);
  let previous: Checkpoint | null = null;
  let firstValid: Checkpoint | null = null;
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const parsed = parseCheckpointLine(line, key, identity);
    const checkpoint = parsed.checkpoint;
    if (!parsed.ok && parsed.problem === "damaged") {
      result.problems.push(`checkpoint line ${number} is damaged (cut short or edited)`);
      previous = null;
      continue;
    }
    if (!checkpoint) continue;
    result.signatures.add(checkpoint.sig);
    if (!parsed.ok) {
      result.problems.push(
        parsed.problem === "signature"
          ? `checkpoint line ${number} does not match its signature: it was edited or forged`
          : `checkpoint line ${number} is signed for another database (${checkpoint.db}): it was copied in`,
      );
    }
    // A damaged line before this one already explains a broken link; do not report it twice.
    const linkKnown = index === 0 || previous !== null;
    const expectedPrev = index === 0 ? null : previous?.sig;
    if (linkKnown && checkpoint.prev !== expectedPrev) {
      result.problems.push(
        index === 0
          ? "the checkpoint file does not start at the first checkpoint: earlier lines were removed"
          : `checkpoint line ${number} does not follow line ${number - 1}: a checkpoint was removed, inserted or reordered`,
      );
    }
    previous = checkpoint;
    if (!parsed.ok) continue;
    const lastValid = result.checkpoints.at(-1);
    if (lastValid && checkpoint.seq < lastValid.seq) {
      result.problems.push(`checkpoint line ${number} records row ${checkpoint.seq}, behind the row ${lastValid.seq} an earlier checkpoint recorded`);
    }
    firstValid ??= checkpoint;
    if (checkpoint.legacy !== firstValid.legacy) {
      result.problems.push(
        `checkpoint line ${number} seals ${checkpoint.legacy} rows written before keyed hashing where the first sealed ${firstValid.legacy}`,
      );
    }
    result.checkpoints.push(checkpoint);
  }
  return result;
}

/** The last line of the file, for the writer: read from the end, the file may be long. */
function readLastLine(file: string): { exists: boolean; line: string | null; partial: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { exists: false, line: null, partial: false };
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return { exists: true, line: null, partial: false };
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString("utf8");
    if (!text.endsWith("\n")) return { exists: true, line: null, partial: true };
    const lines = text.slice(0, -1).split("\n");
    return { exists: true, line: lines[lines.length - 1], partial: false };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Append one line with a single write on a descriptor opened O_APPEND, then fsync. The kernel
 * places each O_APPEND write at the end of the file atomically, so lines from several processes
 * sharing the directory never interleave; the database lock in writeAuditCheckpoint keeps the
 * chain of checkpoints linear on top of that.
 */
function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
  try {
    const bytes = Buffer.from(`${line}\n`, "utf8");
    const written = fs.writeSync(fd, bytes);
    if (written !== bytes.length) throw new Error(`short write to ${file} (${written} of ${bytes.length} bytes)`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export class CheckpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointRefused";
  }
}

export type CheckpointOutcome = { written: Checkpoint; file: string } | { written: null; file: string; reason: string };

/**
 * Write a checkpoint of the chain's current head, unless it has not moved since the last one.
 * Before signing, the rows since the last checkpoint are checked (HMAC and links, and for the first
 * checkpoint the whole log, sealing the leading version-1 rows): a checkpoint never vouches for a
 * chain that is already broken. Refuses (CheckpointRefused) when the file and the database disagree,
 * so a tampered log is reported by the verifier instead of being anchored.
 *
 * Writers in several processes (one per web instance) are serialized by a transaction-scoped
 * advisory lock on the database they all share.
 */
export async function writeAuditCheckpoint(client: PrismaClient, anchor: AuditAnchorConfig, now: Date = new Date()): Promise<CheckpointOutcome> {
  const identity = await databaseIdentity(client, anchor.schema);
  const file = checkpointFilePath(anchor.dir, identity);
  return client.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", `audit-checkpoint ${identity}`);
      const head = await tx.auditChainHead.findUnique({ where: { id: HEAD_ID } });
      const tail = readLastLine(file);
      if (tail.partial) throw new CheckpointRefused("the checkpoint file ends in an incomplete line: it was cut short");
      if (tail.exists && tail.line === null) throw new CheckpointRefused("the checkpoint file is empty: its checkpoints were removed");
      let last: Checkpoint | null = null;
      if (tail.line !== null) {
        const parsed = parseCheckpointLine(tail.line, anchor.key, identity);
        if (!parsed.ok) throw new CheckpointRefused("the last line of the checkpoint file is not a valid checkpoint of this database");
        last = parsed.checkpoint;
      }
      const mark = await tx.auditCheckpointMark.findUnique({ where: { id: MARK_ID } });
      if (mark) {
        const recorded = parseCheckpointLine(mark.line, anchor.key, identity);
        if (!recorded.ok) throw new CheckpointRefused("the database's record of the latest checkpoint is not validly signed");
        // The mark lags the file by one line when a writer stopped between its append and its commit.
        if (recorded.checkpoint.sig !== last?.sig && recorded.checkpoint.sig !== last?.prev) {
          throw new CheckpointRefused(
            `the checkpoint file does not hold the checkpoint of ${recorded.checkpoint.at.toISOString()} (row ${recorded.checkpoint.seq}) the database records`,
          );
        }
      }
      if (!head || head.seq === 0n) {
        if (last) throw new CheckpointRefused(`the audit log is empty but the checkpoint of ${last.at.toISOString()} records ${last.seq} rows`);
        return { written: null, file, reason: "the audit log is empty" };
      }
      if (last && last.seq === head.seq && last.hash === head.hash) return { written: null, file, reason: "no new rows since the last checkpoint" };
      if (last && head.seq < last.seq) throw new CheckpointRefused(`the chain head records row ${head.seq}, behind row ${last.seq} of the last checkpoint`);

      let legacy: LegacySeal;
      if (last) {
        const row = await tx.auditLog.findUnique({ where: { seq: last.seq }, select: { hash: true } });
        if (row?.hash !== last.hash) throw new CheckpointRefused(`row ${last.seq} is no longer the row the last checkpoint signed`);
        legacy = { upTo: last.legacy, sealedAt: last.at };
      } else {
        legacy = { upTo: await leadingLegacyRows(tx), sealedAt: now };
      }
      let prevHash = last ? last.hash : GENESIS_HASH;
      let expected = (last?.seq ?? 0n) + 1n;
      for await (const row of readAuditRows(tx, expected - 1n, head.seq)) {
        if (row.seq !== expected) throw new CheckpointRefused(`row ${expected} is missing`);
        const problem = checkRow(row, prevHash, anchor.key, legacy);
        if (problem) throw new CheckpointRefused(problem);
        prevHash = row.hash;
        expected += 1n;
      }
      if (expected - 1n !== head.seq || prevHash !== head.hash) {
        throw new CheckpointRefused(`the chain head records row ${head.seq} but the log ends at row ${expected - 1n}`);
      }
      const checkpoint = signCheckpoint(
        { v: CHECKPOINT_FORMAT, db: identity, seq: head.seq, hash: head.hash, at: now, legacy: legacy.upTo, prev: last?.sig ?? null },
        anchor.key,
      );
      const line = checkpointLine(checkpoint);
      appendLine(file, line);
      await tx.auditCheckpointMark.upsert({ where: { id: MARK_ID }, create: { id: MARK_ID, line }, update: { line } });
      return { written: checkpoint, file };
    },
    // The first checkpoint checks the whole log; later ones only the rows since the last.
    { maxWait: 30_000, timeout: 600_000 },
  );
}

type LegacyReader = Pick<PrismaClient, "auditLog">;

/**
 * How many version-1 rows lead the log (the ones written before keyed hashing), for the seal.
 * They must be exactly rows 1..n: a version-1 row after a version-2 row was not written by an
 * older portal.
 */
async function leadingLegacyRows(tx: LegacyReader): Promise<bigint> {
  const legacy = await tx.auditLog.aggregate({ where: { hashVersion: HASH_VERSION.LEGACY_SHA256 }, _max: { seq: true }, _count: { _all: true } });
  const upTo = legacy._max.seq ?? 0n;
  if (upTo === 0n) return 0n;
  if (BigInt(legacy._count._all) !== upTo) {
    throw new CheckpointRefused(`rows with the old unkeyed hash are not all at the start of the log (the last is row ${upTo}): they cannot be sealed`);
  }
  return upTo;
}

/**
 * `npm run db:reset` on a server schema: the schema is dropped and re-created under the same
 * identity, so its checkpoint file is renamed aside (kept, never deleted) and a new chain starts.
 */
export function retireCheckpointFile(dir: string, identity: string, now: Date = new Date()): string | null {
  const file = checkpointFilePath(dir, identity);
  if (!fs.existsSync(file)) return null;
  const retired = `${file}.retired-${now.toISOString().replace(/[-:.]/g, "")}`;
  fs.renameSync(file, retired);
  return retired;
}
