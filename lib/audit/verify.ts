import type { PrismaClient } from "../../prisma/generated/client";
import { checkRow, GENESIS_HASH, HEAD_ID, readAuditRows, type LegacySeal } from "./chain";
import {
  auditAnchorConfig,
  checkpointFilePath,
  databaseIdentity,
  MARK_ID,
  parseCheckpointLine,
  readCheckpointFile,
  type AuditAnchorConfig,
  type Checkpoint,
} from "./checkpoints";

/**
 * Verification of the audit log (REC-1), for `npm run audit:verify` and the audit log page: every
 * row's HMAC and link, the chain head, the signed checkpoints outside the database (each signature
 * and link, and that the row each one names is still there, unchanged), and what the database
 * records as the latest checkpoint. Every problem is named in words; there is no silent pass.
 */

export interface CheckpointSummary {
  /** Checkpoints whose signature holds. */
  count: number;
  latest: { seq: bigint; at: Date } | null;
  /** Rows written before keyed hashing that the checkpoints seal (rows 1..legacyRows). */
  legacyRows: bigint;
}

export interface ChainCheck {
  ok: boolean;
  /** Rows checked before the first problem. */
  rows: number;
  /** Rows read. */
  total: number;
  /** The last row's seq (0 when the log is empty). */
  lastSeq: bigint;
  problems: string[];
  checkpoints: CheckpointSummary;
}

type Client = Pick<PrismaClient, "auditLog" | "auditChainHead" | "auditCheckpointMark" | "$queryRawUnsafe">;

const iso = (date: Date) => date.toISOString();
const span = (from: bigint, to: bigint) => (from === to ? `row ${from}` : `rows ${from}–${to}`);

export async function verifyAuditChain(client: Client, anchor: AuditAnchorConfig = auditAnchorConfig()): Promise<ChainCheck> {
  const identity = await databaseIdentity(client, anchor.schema);
  // Read what was anchored before the rows: a checkpoint written meanwhile names only rows that
  // were committed before it, so every row it names is visible to the walk below.
  const mark = await client.auditCheckpointMark.findUnique({ where: { id: MARK_ID } });
  const stored = readCheckpointFile(checkpointFilePath(anchor.dir, identity), identity, anchor.key);
  const trusted = stored.checkpoints;

  const markProblems: string[] = [];
  if (mark) {
    const recorded = parseCheckpointLine(mark.line, anchor.key, identity);
    if (!recorded.ok) {
      markProblems.push("the database's record of the latest checkpoint is not validly signed: it was edited");
    } else if (!stored.signatures.has(recorded.checkpoint.sig)) {
      const which = `the signed checkpoint of ${iso(recorded.checkpoint.at)} (row ${recorded.checkpoint.seq})`;
      markProblems.push(
        stored.exists
          ? `the checkpoint file lacks ${which} that the database records as the latest: the file was cut back or replaced`
          : `the checkpoint file is missing, but the database records ${which}: the file was deleted or moved`,
      );
    }
  }

  // Every checkpoint of the chain repeats the seal; readCheckpointFile reports any that differ.
  const sealing = trusted[0];
  const legacy: LegacySeal = sealing ? { upTo: sealing.legacy, sealedAt: sealing.at } : { upTo: 0n, sealedAt: null };
  const bySeq = new Map<bigint, Checkpoint[]>();
  for (const checkpoint of trusted) bySeq.set(checkpoint.seq, [...(bySeq.get(checkpoint.seq) ?? []), checkpoint]);

  let rows = 0;
  let total = 0;
  let firstRowProblem: string | null = null;
  let laterBadRows = 0;
  let replaced: string | null = null;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0n;

  const walk = async (after: bigint): Promise<number> => {
    let found = 0;
    for await (const row of readAuditRows(client, after)) {
      found += 1;
      total += 1;
      const expected = lastSeq + 1n;
      const problem =
        row.seq !== expected
          ? `${span(expected, row.seq - 1n)} ${row.seq - expected === 1n ? "is" : "are"} missing`
          : checkRow(row, prevHash, anchor.key, legacy);
      if (problem && firstRowProblem === null) firstRowProblem = problem;
      else if (problem) laterBadRows += 1;
      if (firstRowProblem === null) rows += 1;
      for (const checkpoint of bySeq.get(row.seq) ?? []) {
        if (checkpoint.hash !== row.hash)
          replaced ??= `row ${row.seq} is not the row the checkpoint of ${iso(checkpoint.at)} signed: the log was rewritten from there or earlier`;
      }
      prevHash = row.hash;
      lastSeq = row.seq;
    }
    return found;
  };

  await walk(0n);
  // Rows appended while we walked move the head past the last row read: walk on until it stops.
  let head = await client.auditChainHead.findUnique({ where: { id: HEAD_ID } });
  while (head && head.seq > lastSeq && (await walk(lastSeq)) > 0) head = await client.auditChainHead.findUnique({ where: { id: HEAD_ID } });

  const problems: string[] = [];
  if (firstRowProblem !== null)
    problems.push(laterBadRows ? `${firstRowProblem} (and ${laterBadRows} later ${laterBadRows === 1 ? "row fails" : "rows fail"} too)` : firstRowProblem);
  if (replaced) problems.push(replaced);

  const furthest = trusted.reduce<Checkpoint | null>((best, checkpoint) => (!best || checkpoint.seq > best.seq ? checkpoint : best), null);
  if (furthest && furthest.seq > lastSeq) {
    problems.push(
      total === 0
        ? `the audit log is empty but the signed checkpoint of ${iso(furthest.at)} records ${furthest.seq} rows: every row was deleted`
        : `${span(lastSeq + 1n, furthest.seq)} ${furthest.seq === lastSeq + 1n ? "was" : "were"} removed from the end (the signed checkpoint of ${iso(furthest.at)} records row ${furthest.seq}; the log now ends at row ${lastSeq})`,
    );
  }

  if (!head && total > 0) problems.push("the chain head row is missing");
  else if (head && head.seq > lastSeq)
    problems.push(`the chain head records row ${head.seq} but the log ends at row ${lastSeq}: ${span(lastSeq + 1n, head.seq)} removed from the end`);
  else if (head && head.seq < lastSeq) problems.push(`the chain head records row ${head.seq} but the log continues to row ${lastSeq}: the head was moved back`);
  else if (head && total > 0 && head.hash !== prevHash) problems.push(`the chain head's hash is not row ${lastSeq}'s: the head was edited`);

  problems.push(...stored.problems, ...markProblems);
  const latest = trusted.at(-1);
  return {
    ok: problems.length === 0,
    rows,
    total,
    lastSeq,
    problems,
    checkpoints: { count: trusted.length, latest: latest ? { seq: latest.seq, at: latest.at } : null, legacyRows: legacy.upTo },
  };
}

/** One line: "N rows verified", or what is wrong. */
export function describeChainCheck(check: ChainCheck): string {
  if (check.ok) return `${check.rows} rows verified`;
  return `audit chain broken: ${check.problems.join("; ")} (${check.rows} of ${check.total} rows verified before the first problem)`;
}

/** The checkpoints the verification relied on, in product words; `formatTime` lets the page use Hong Kong time. */
export function describeCheckpoints(check: ChainCheck, formatTime: (date: Date) => string = iso): string {
  const { count, latest, legacyRows } = check.checkpoints;
  if (!latest) return "no signed checkpoint yet";
  const parts = [`last signed checkpoint: row ${latest.seq} at ${formatTime(latest.at)} (${count} signed ${count === 1 ? "checkpoint" : "checkpoints"})`];
  if (check.lastSeq > latest.seq) parts.push(`${span(latest.seq + 1n, check.lastSeq)} not yet covered by a checkpoint`);
  if (legacyRows > 0n) parts.push(`${span(1n, legacyRows)} written before keyed hashing, sealed by the first checkpoint`);
  return parts.join("; ");
}
