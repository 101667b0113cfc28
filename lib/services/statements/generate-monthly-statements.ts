import "server-only";
import { PROJECTOR_CURSOR } from "@/lib/incidents/projector";
import { formatUtc } from "@/lib/format";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import { monthOf, monthWindow } from "@/lib/services/afmm/afmm-mi-model";
import { recordAudit } from "@/lib/services/audit";
import type { Db } from "@/lib/services/context";
import { buildMonthlyStatement } from "@/lib/statements/model";
import { activityIn, collateralEventsIn, decimalsOf, positionsBefore, unitsOf } from "@/lib/services/statements/internal";

/**
 * DISC-9: every client with a trading account gets one monthly statement per Hong Kong calendar month,
 * a notice in their inbox carrying the statement (its inbox delivery row, and its e-mail in the outbox,
 * are the delivery log). Clients go a batch at a time, so memory is one batch's history; the notice's
 * dedupeKey makes a second run, or one running beside it, write nothing twice.
 */

export const STATEMENT_BATCH = 200;

export interface GenerateMonthlyStatementsResult {
  month: string;
  /** not_ready: the journal projection has not yet passed the month's end, so the history would be short. */
  status: "done" | "not_ready" | "aborted";
  clients: number;
  created: number;
  existing: number;
}

export const monthlyStatementKey = (userId: string, month: string) => `monthly-statement:${userId}:${month}`;

/** Whether the projected history covers the whole month: the projector has folded an event at or after its end. */
async function projectedPast(db: Db, toMs: number): Promise<boolean> {
  const cursor = await db.journalCursor.findUnique({ where: { name: PROJECTOR_CURSOR }, select: { seq: true } });
  if (!cursor) return false;
  const past = await db.engineEvent.findFirst({ where: { seq: { lte: cursor.seq }, nowMs: { gte: BigInt(toMs) } }, select: { seq: true } });
  return past !== null;
}

export async function generateMonthlyStatements({
  db,
  month,
  now,
  signal,
  batchSize = STATEMENT_BATCH,
}: {
  db: Db;
  month: string;
  now: () => Date;
  signal?: AbortSignal;
  batchSize?: number;
}): Promise<GenerateMonthlyStatementsResult> {
  const window = monthWindow(month);
  if (!window) throw new Error(`not a month: ${month}`);
  const result: GenerateMonthlyStatementsResult = { month, status: "done", clients: 0, created: 0, existing: 0 };
  if (!(await projectedPast(db, window.toMs))) return { ...result, status: "not_ready" };

  let afterUserId: string | undefined;
  for (;;) {
    if (signal?.aborted) return { ...result, status: "aborted" };
    const links = await db.tradingAccount.findMany({
      where: afterUserId === undefined ? {} : { userId: { gt: afterUserId } },
      orderBy: { userId: "asc" },
      take: batchSize,
      select: { userId: true, engineAccountId: true },
    });
    if (links.length === 0) return result;
    afterUserId = links[links.length - 1].userId;
    result.clients += links.length;

    // A rerun skips the clients already done before reading their history.
    const done = await db.clientNotice.findMany({
      where: { dedupeKey: { in: links.map((link) => monthlyStatementKey(link.userId, month)) } },
      select: { userId: true },
    });
    const doneUsers = new Set(done.map((row) => row.userId));
    const todo = links.filter((link) => !doneUsers.has(link.userId));
    result.existing += links.length - todo.length;
    if (todo.length === 0) continue;

    const ids = todo.map((link) => link.engineAccountId);
    const [activity, opening, collateral] = await Promise.all([
      activityIn(db, ids, window),
      positionsBefore(db, ids, window.fromMs),
      collateralEventsIn(db, ids, window),
    ]);
    const at = now();
    const drafts: NoticeDraft[] = todo.map((link) => {
      const statement = buildMonthlyStatement({
        month,
        window,
        preparedAtMs: at.getTime(),
        engineAccountId: link.engineAccountId,
        opening: opening.get(link.engineAccountId) ?? new Map(),
        activity: activity.get(link.engineAccountId) ?? [],
        collateral: collateral.get(link.engineAccountId) ?? [],
        unitsOf,
        decimalsOf,
      });
      return {
        userId: link.userId,
        kind: "monthlyStatement",
        params: { month, prepared: formatUtc(statement.preparedAtMs) },
        dedupeKey: monthlyStatementKey(link.userId, month),
        statement,
      };
    });
    const created = await db.$transaction(
      async (tx) => {
        const written = await queueNotices(tx, drafts, at);
        if (written > 0)
          await recordAudit(
            tx,
            { actor: null, db, now: () => at },
            {
              action: "statements.monthly_generated",
              entity: "MonthlyStatement",
              entityId: month,
              after: { month, clients: todo.length, created: written, firstUserId: todo[0].userId, lastUserId: todo[todo.length - 1].userId },
            },
          );
        return written;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    result.created += created;
    // A parallel run wrote the rest of this batch first.
    result.existing += todo.length - created;
  }
}

/** The Hong Kong month before the one holding `nowMs`. */
export function previousMonth(nowMs: number): string {
  const window = monthWindow(monthOf(nowMs))!;
  return monthOf(window.fromMs - 1);
}

export const MONTHLY_STATEMENTS_EVERY_MS = 60 * 60_000;

/**
 * The recurring job: last month's statements, once the projection has passed its end. Hourly, so the
 * statements go out within the hour after month end (and the projection catching up); every later
 * run finds them written and reads nothing but the dedupe keys.
 */
export function runMonthlyStatementsJob({ db, now, signal }: { db: Db; now: () => Date; signal: AbortSignal }): Promise<GenerateMonthlyStatementsResult> {
  return generateMonthlyStatements({ db, month: previousMonth(now().getTime()), now, signal });
}

/** Benchmark entry: statements for every client with a trading account for `month`; the counts it wrote. */
export async function benchmarkMonthlyStatements(
  db: Db,
  month: string,
  batchSize = STATEMENT_BATCH,
): Promise<GenerateMonthlyStatementsResult & { elapsedMs: number }> {
  const started = performance.now();
  const result = await generateMonthlyStatements({ db, month, now: () => new Date(), batchSize });
  return { ...result, elapsedMs: Math.round(performance.now() - started) };
}
