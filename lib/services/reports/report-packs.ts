import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n/message-ref";
import { inCatalogueOrder, isReportId } from "@/lib/reports/catalogue";
import { estimateRemainingMs, isUniqueViolation } from "@/lib/reports/pack-job";
import { REPORT_IDS } from "@/lib/reports/types";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { parseReportPeriod } from "./period-input";

/**
 * The officer's verbs on report packs (RPT-1, RPT-3, RPT-8): ask for one, cancel it, list them,
 * download one (logged), and mark one filed with the regulator's reference. Generating needs the
 * reports permission and a fresh second factor (a pack carries client data); reading needs the
 * compliance pages' permission (officers and auditors).
 */

export const RequestReportPackInput = z.object({
  from: z.string().max(20),
  to: z.string().max(20),
  reports: z.array(z.string().max(40)).max(REPORT_IDS.length * 2),
});

export async function requestReportPack({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof RequestReportPackInput> }) {
  const actor = authorize(ctx, "reports.generate");
  requireStepUp(ctx);
  const parsed = RequestReportPackInput.safeParse(input);
  if (!parsed.success) throw new Invalid(msg("errors.reports.badRequest"));
  const { from, to, reports } = parsed.data;
  const { fromMs, toMs } = parseReportPeriod(from, to, { endedBy: ctx.now().getTime() });
  const unknown = reports.find((id) => !isReportId(id));
  if (unknown !== undefined)
    throw new Invalid(msg("errors.reports.unknownReport", { report: unknown.slice(0, 40) }), {
      reports: [msg("errors.reports.unknownReport", { report: unknown.slice(0, 40) })],
    });
  const chosen = inCatalogueOrder(reports.filter(isReportId));
  if (chosen.length === 0) throw new Invalid(msg("errors.reports.noReports"), { reports: [msg("errors.reports.noReports")] });

  const activeKey = `${fromMs}:${toMs}:${chosen.join(",")}`;
  try {
    return await withTransaction(ctx, async (tx) => {
      const pack = await tx.reportPack.create({
        data: { fromMs: BigInt(fromMs), toMs: BigInt(toMs), reports: chosen, activeKey, requestedById: actor.userId, requestedAt: ctx.now() },
        select: { id: true },
      });
      await recordAudit(tx, ctx, { action: "report.pack_request", entity: "ReportPack", entityId: pack.id, after: { fromMs, toMs, reports: chosen } });
      return { id: pack.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(msg("errors.reports.duplicate"));
    throw error;
  }
}

const IdInput = z.object({ id: z.string().uuid() });

export async function cancelReportPack({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  authorize(ctx, "reports.generate");
  const { id } = parseId(input);
  return withTransaction(ctx, async (tx) => {
    const pack = await tx.reportPack.findUnique({ where: { id }, select: { status: true } });
    if (!pack) throw new NotFound(msg("errors.reports.noSuchPack"));
    if (pack.status === "queued") {
      // Conditional on the status, so a pack the job claimed in the meantime is cancelled the running way.
      const { count } = await tx.reportPack.updateMany({
        where: { id, status: "queued" },
        data: { status: "cancelled", activeKey: null, cancelRequested: true, finishedAt: ctx.now() },
      });
      if (count) {
        await recordAudit(tx, ctx, { action: "report.pack_cancel", entity: "ReportPack", entityId: id, after: { whileRunning: false } });
        return { status: "cancelled" as const };
      }
    }
    const { count } = await tx.reportPack.updateMany({ where: { id, status: { in: ["queued", "running"] } }, data: { cancelRequested: true } });
    if (!count) throw new Conflict(msg("errors.reports.notCancellable"));
    return { status: "cancelling" as const };
  });
}

export async function listReportPacks({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "compliance.view");
  const rows = await ctx.db.reportPack.findMany({
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: 50,
    select: {
      id: true,
      fromMs: true,
      toMs: true,
      reports: true,
      status: true,
      scheduledMonth: true,
      requestedAt: true,
      startedAt: true,
      finishedAt: true,
      progressDone: true,
      progressTotal: true,
      cancelRequested: true,
      attempts: true,
      failure: true,
      zipBytes: true,
      manifestSha256: true,
      filedAt: true,
      filedReference: true,
    },
  });
  const now = ctx.now().getTime();
  return rows.map((row) => ({
    id: row.id,
    fromMs: Number(row.fromMs),
    toMs: Number(row.toMs),
    reports: row.reports,
    status: row.status,
    scheduledMonth: row.scheduledMonth,
    requestedAtMs: row.requestedAt.getTime(),
    finishedAtMs: row.finishedAt?.getTime() ?? null,
    progressPpm: row.progressTotal > 0 ? Math.floor((row.progressDone * 1_000_000) / row.progressTotal) : 0,
    remainingMs: estimateRemainingMs(row, now),
    cancelRequested: row.cancelRequested,
    attempts: row.attempts,
    failure: row.failure,
    zipBytes: row.zipBytes,
    manifestSha256: row.manifestSha256,
    filedAtMs: row.filedAt?.getTime() ?? null,
    filedReference: row.filedReference,
  }));
}

export type ReportPackRow = Awaited<ReturnType<typeof listReportPacks>>[number];

/** The pack's ZIP; every download is audited (who, which pack, the manifest hash). */
export async function downloadReportPack({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  authorize(ctx, "compliance.view");
  const { id } = parseId(input);
  return withTransaction(ctx, async (tx) => {
    const pack = await tx.reportPack.findUnique({ where: { id }, select: { status: true, zip: true, manifestSha256: true, fromMs: true, toMs: true } });
    if (!pack) throw new NotFound(msg("errors.reports.noSuchPack"));
    if (pack.status !== "done" || !pack.zip) throw new Conflict(msg("errors.reports.notReady"));
    await recordAudit(tx, ctx, { action: "report.pack_download", entity: "ReportPack", entityId: id, after: { manifestSha256: pack.manifestSha256 } });
    return { zip: new Uint8Array(pack.zip), manifestSha256: pack.manifestSha256!, fromMs: Number(pack.fromMs), toMs: Number(pack.toMs) };
  });
}

export const FileReportPackInput = z.object({ id: z.string().max(64), reference: z.string().max(200) });

/** RPT-1: the officer reviewed the pack and filed it (the platform does not file); the reference is the filing's. */
export async function fileReportPack({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof FileReportPackInput> }) {
  const actor = authorize(ctx, "reports.generate");
  requireStepUp(ctx);
  const { id } = parseId({ id: input.id });
  const reference = (FileReportPackInput.safeParse(input).data?.reference ?? "").trim();
  if (reference.length < 1 || reference.length > 100)
    throw new Invalid(msg("errors.reports.badReference"), { reference: [msg("errors.reports.badReference")] });
  return withTransaction(ctx, async (tx) => {
    const { count } = await tx.reportPack.updateMany({
      where: { id, status: "done", filedAt: null },
      data: { filedAt: ctx.now(), filedReference: reference, filedById: actor.userId },
    });
    if (!count) {
      const exists = await tx.reportPack.findUnique({ where: { id }, select: { status: true, filedAt: true } });
      if (!exists) throw new NotFound(msg("errors.reports.noSuchPack"));
      throw new Conflict(exists.filedAt ? msg("errors.reports.alreadyFiled") : msg("errors.reports.notReady"));
    }
    await recordAudit(tx, ctx, { action: "report.pack_filed", entity: "ReportPack", entityId: id, after: { reference } });
    return { id, reference };
  });
}

function parseId(input: { id: string }): { id: string } {
  const parsed = IdInput.safeParse(input);
  if (!parsed.success) throw new NotFound(msg("errors.reports.noSuchPack"));
  return parsed.data;
}
