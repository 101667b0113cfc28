import "server-only";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { inCatalogueOrder, isReportId } from "./catalogue";
import { buildPack, parseRecordLocation } from "./pack";
import type { PackBuilder } from "./pack-in-process";
import { REPORT_IDS } from "./types";
import { previousMonthWindow } from "./period";

/**
 * The reports job (RPT-1, RPT-3, RPT-8): every few seconds, on one server at a time, it queues the
 * previous month's pack once that month is over, restarts a pack whose server died mid-run (its
 * heartbeat went stale), and generates the oldest queued pack. A run writes its progress and
 * heartbeat as it reads, stops between batches when cancelled, and stores the ZIP with its manifest
 * hash and an audit entry in one transaction, so a pack is either wholly there or still to do.
 */

export const REPORT_PACKS_EVERY_MS = 2_000;
/** A running pack not heard from for this long lost its process (progress is written at least every second while it runs). */
export const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 1_000;
const FAILED = "failure.internal";

/**
 * `build` generates the claimed pack: by default in this process; the portal's job passes
 * `packBuilderInProcess`, so a pack runs in a child process with its own capped heap.
 */
export async function runReportPacksJob({ db, now, signal, build }: { db: Db; now: () => Date; signal: AbortSignal; build?: PackBuilder }): Promise<void> {
  const ctx: ServiceContext = { actor: null, db, now };
  await scheduleMonthlyPack(ctx);
  await restartStalePacks(ctx);
  const claimed = await claimNext(db, now());
  if (claimed) await generate(ctx, claimed, signal, build ?? ((request, options) => buildPack(db, request, options)));
}

/** RPT-1, RPT-8: the previous Hong Kong calendar month's pack, queued once after it ends (the unique month makes a second queueing a no-op). */
export async function scheduleMonthlyPack(ctx: ServiceContext): Promise<string | null> {
  const at = ctx.now();
  const { month, fromMs, toMs } = previousMonthWindow(at.getTime());
  const existing = await ctx.db.reportPack.findUnique({ where: { scheduledMonth: month }, select: { id: true } });
  if (existing) return null;
  try {
    return await withTransaction(ctx, async (tx) => {
      const pack = await tx.reportPack.create({
        data: { fromMs: BigInt(fromMs), toMs: BigInt(toMs), reports: [...REPORT_IDS], scheduledMonth: month, requestedAt: at },
        select: { id: true },
      });
      await recordAudit(tx, ctx, {
        action: "report.pack_request",
        entity: "ReportPack",
        entityId: pack.id,
        after: { scheduledMonth: month, fromMs, toMs, reports: REPORT_IDS },
      });
      return pack.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function restartStalePacks(ctx: ServiceContext): Promise<number> {
  const staleBefore = new Date(ctx.now().getTime() - STALE_AFTER_MS);
  const stale = await ctx.db.reportPack.findMany({ where: { status: "running", heartbeatAt: { lt: staleBefore } }, select: { id: true, attempts: true } });
  for (const pack of stale) {
    await withTransaction(ctx, async (tx) => {
      const { count } = await tx.reportPack.updateMany({
        where: { id: pack.id, status: "running", heartbeatAt: { lt: staleBefore } },
        data: { status: "queued", progressDone: 0, progressTotal: 0, heartbeatAt: null },
      });
      if (count) await recordAudit(tx, ctx, { action: "report.pack_restart", entity: "ReportPack", entityId: pack.id, after: { attempts: pack.attempts } });
    });
  }
  return stale.length;
}

/** Takes the oldest queued pack for this process; SKIP LOCKED keeps two servers off the same one. */
async function claimNext(db: Db, at: Date): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "ReportPack" SET "status" = 'running', "startedAt" = ${at}, "heartbeatAt" = ${at}, "attempts" = "attempts" + 1, "progressDone" = 0
    WHERE "id" = (SELECT "id" FROM "ReportPack" WHERE "status" = 'queued' ORDER BY "requestedAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

class PackCancelled extends Error {}

async function generate(ctx: ServiceContext, id: string, stopping: AbortSignal, build: PackBuilder): Promise<void> {
  const { db } = ctx;
  const pack = await db.reportPack.findUniqueOrThrow({ where: { id } });
  const abort = new AbortController();
  const onStop = () => abort.abort(stopping.reason);
  stopping.addEventListener("abort", onStop, { once: true });
  let lastBeat = 0;
  let pending: Promise<void> = Promise.resolve();
  const progress = (done: number, total: number) => {
    const at = Date.now();
    if (at - lastBeat < HEARTBEAT_MS) return;
    lastBeat = at;
    // One write in flight at a time; the answer says whether the officer asked to cancel.
    pending = pending.then(async () => {
      const row = await db.reportPack.update({
        where: { id },
        data: { progressDone: done, progressTotal: total, heartbeatAt: ctx.now() },
        select: { cancelRequested: true },
      });
      if (row.cancelRequested) abort.abort(new PackCancelled());
    });
  };
  try {
    const built = await build(
      {
        id,
        period: { fromMs: Number(pack.fromMs), toMs: Number(pack.toMs) },
        reports: inCatalogueOrder(pack.reports.filter(isReportId)),
        requestedBy: pack.requestedById,
        generatedAt: ctx.now(),
        recordLocation: parseRecordLocation(env().RECORD_LOCATION),
      },
      { signal: abort.signal, progress },
    );
    await pending;
    const cancelled = (await db.reportPack.findUniqueOrThrow({ where: { id }, select: { cancelRequested: true } })).cancelRequested;
    if (cancelled) throw new PackCancelled();
    await withTransaction(ctx, async (tx) => {
      await tx.reportPack.update({
        where: { id },
        data: {
          status: "done",
          activeKey: null,
          finishedAt: ctx.now(),
          progressDone: built.manifest.reports.length * 1_100,
          progressTotal: built.manifest.reports.length * 1_100,
          zip: Buffer.from(built.zip),
          zipBytes: built.zip.length,
          manifestSha256: built.manifestSha256,
          journalFromSeq: built.manifest.journal ? BigInt(built.manifest.journal.fromSeq) : null,
          journalToSeq: built.manifest.journal ? BigInt(built.manifest.journal.toSeq) : null,
        },
      });
      await recordAudit(tx, ctx, {
        action: "report.pack_generated",
        entity: "ReportPack",
        entityId: id,
        after: { manifestSha256: built.manifestSha256, zipBytes: built.zip.length, files: built.manifest.files.length, journal: built.manifest.journal },
      });
    });
  } catch (error) {
    await pending.catch(() => {});
    if (stopping.aborted && !(abort.signal.reason instanceof PackCancelled)) return; // the server is stopping: a later run restarts the pack once its heartbeat is stale
    const cancelled = error instanceof PackCancelled || abort.signal.reason instanceof PackCancelled;
    if (!cancelled) console.error(`[reports] pack ${id} failed:`, error);
    await withTransaction(ctx, async (tx) => {
      await tx.reportPack.update({
        where: { id },
        data: { status: cancelled ? "cancelled" : "failed", activeKey: null, finishedAt: ctx.now(), failure: cancelled ? null : FAILED, heartbeatAt: null },
      });
      await recordAudit(tx, ctx, {
        action: cancelled ? "report.pack_cancel" : "report.pack_failed",
        entity: "ReportPack",
        entityId: id,
        after: { whileRunning: true },
      });
    });
  } finally {
    stopping.removeEventListener("abort", onStop);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Time left at the rate seen so far; null before there is a rate to go by. */
export function estimateRemainingMs(
  row: { status: string; startedAt: Date | null; progressDone: number; progressTotal: number },
  nowMs: number,
): number | null {
  if (row.status !== "running" || !row.startedAt || row.progressDone <= 0 || row.progressTotal <= 0) return null;
  const elapsed = Math.max(0, nowMs - row.startedAt.getTime());
  return Math.round((elapsed * (row.progressTotal - row.progressDone)) / row.progressDone);
}
