import { Prisma } from "@/prisma/generated/client";
import { publishedReportPaths } from "@/lib/incidents/published-report";
import type { IncidentReport } from "@/lib/incidents/report/types";
import { incidentIdOfSourceRef, SFC_EVENT_TASK_KIND, sfcTaskSourceRef } from "@/lib/incidents/sfc-notification";
import type { ReportBuildContext, ReportCell, ReportColumn, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * RPT-7, DISC-7: default-management incidents of the period and their post-event reports, and the
 * SFC-facing cover (one line per incident with the public report's reference). Each incident is shown
 * as it stood at the period's end, from its timestamps (closedAtMs, approvedAt, publishedAt) and from
 * the draft figures computed from the journal when it closed, which never change: so a past period
 * recomputes to the same figures (report:verify) however the workflow has moved on since. Incident ids,
 * markets and counts only: no client is named.
 */

const BATCH = 500;
const DAY_MS = 86_400_000;

/** The notice kinds clients receive about an incident; the others (incidentOpened, escalation, overdue) go to staff. */
const CLIENT_NOTICE_KINDS = ["adlOccurred", "fundDepleted", "statementReady", "reportPublished"] as const;

/** A delivery's state at the period's end, for the counts: sentAt dates a send; failed and skipped carry no time. */
const DELIVERY_STATES = ["delivered", "sent", "pending", "failed", "skipped"] as const;
type DeliveryState = (typeof DELIVERY_STATES)[number];

interface IncidentRow {
  id: string;
  market: string;
  openedAtMs: bigint;
  closedAtMs: bigint | null;
  steps: Prisma.JsonValue;
  draft: Prisma.JsonValue;
  submittedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  publishedHash: string | null;
}

interface NoticeFigures {
  clientNotices: number;
  reportPublishedNotices: number;
  staffAlerts: number;
  deliveries: Record<DeliveryState, number>;
}

const emptyNotices = (): NoticeFigures => ({
  clientNotices: 0,
  reportPublishedNotices: 0,
  staffAlerts: 0,
  deliveries: { delivered: 0, sent: 0, pending: 0, failed: 0, skipped: 0 },
});

interface Facts {
  incidentId: string;
  market: string;
  openedAtMs: number;
  closedAtMs: number | null;
  steps: string;
  status: "open" | "draft" | "submitted" | "approved" | "published";
  report: IncidentReport | null;
  approvedAtMs: number | null;
  publishedAtMs: number | null;
  publishedWithin24h: string | null;
  publishedSha256: string | null;
  notices: NoticeFigures;
  sfc: SfcTaskAtEnd | null;
}

/** RPT-7: the incident's SFC notification task as it stood at the period's end. */
interface SfcTaskAtEnd {
  dueAtMs: number;
  sentAtMs: number | null;
}

interface SfcSend {
  incidentId: string;
  market: string;
  dueAtMs: number;
  sentAtMs: number;
  sentBy: string;
  evidence: string;
}

async function incidentsOf({ db, period, signal, progress }: ReportBuildContext): Promise<IncidentRow[]> {
  // Started before the period ends and not closed before it starts: opened, open or closed in the period.
  const where: Prisma.IncidentWhereInput = {
    openedAtMs: { lt: BigInt(period.toMs) },
    OR: [{ closedAtMs: null }, { closedAtMs: { gte: BigInt(period.fromMs) } }],
  };
  const total = await db.incident.count({ where });
  const rows: IncidentRow[] = [];
  progress(0, total);
  for (;;) {
    signal.throwIfAborted();
    const batch = await db.incident.findMany({
      where,
      orderBy: [{ openedAtMs: "asc" }, { id: "asc" }],
      skip: rows.length,
      take: BATCH,
      select: {
        id: true,
        market: true,
        openedAtMs: true,
        closedAtMs: true,
        steps: true,
        draft: true,
        submittedAt: true,
        approvedAt: true,
        publishedAt: true,
        publishedHash: true,
      },
    });
    rows.push(...batch);
    progress(rows.length, total);
    if (batch.length < BATCH) return rows;
  }
}

async function noticesOf({ db, period }: ReportBuildContext, ids: string[]): Promise<Map<string, NoticeFigures>> {
  const out = new Map<string, NoticeFigures>();
  if (ids.length === 0) return out;
  const to = new Date(period.toMs);
  const notices = await db.$queryRaw<Array<{ incidentId: string; kind: string; n: number }>>`
    SELECT n."incidentId" AS "incidentId", n."kind" AS kind, COUNT(*)::int AS n
    FROM "ClientNotice" n
    WHERE n."incidentId" IN (${Prisma.join(ids)}) AND n."createdAt" < ${to}
    GROUP BY 1, 2`;
  const deliveries = await db.$queryRaw<Array<{ incidentId: string; state: DeliveryState; n: number }>>`
    SELECT n."incidentId" AS "incidentId",
      CASE
        WHEN d."channel" = 'inbox' AND d."status" = 'delivered' THEN 'delivered'
        WHEN d."sentAt" IS NOT NULL AND d."sentAt" < ${to} THEN 'sent'
        WHEN d."status" IN ('failed', 'skipped') THEN d."status"
        ELSE 'pending'
      END AS state,
      COUNT(*)::int AS n
    FROM "NoticeDelivery" d JOIN "ClientNotice" n ON n."id" = d."noticeId"
    WHERE n."incidentId" IN (${Prisma.join(ids)}) AND n."createdAt" < ${to}
      AND n."kind" IN (${Prisma.join([...CLIENT_NOTICE_KINDS])})
    GROUP BY 1, 2`;
  const of = (id: string) => {
    let figures = out.get(id);
    if (!figures) out.set(id, (figures = emptyNotices()));
    return figures;
  };
  for (const row of notices) {
    const figures = of(row.incidentId);
    if ((CLIENT_NOTICE_KINDS as readonly string[]).includes(row.kind)) figures.clientNotices += row.n;
    else figures.staffAlerts += row.n;
    if (row.kind === "reportPublished") figures.reportPublishedNotices += row.n;
  }
  for (const row of deliveries) of(row.incidentId).deliveries[row.state] += row.n;
  return out;
}

/** Before the period's end, or null: a workflow step taken later had not happened yet. */
const by = (at: Date | null, toMs: number): number | null => (at && at.getTime() < toMs ? at.getTime() : null);

async function sfcTasksOf({ db, period }: ReportBuildContext, ids: string[]): Promise<Map<string, SfcTaskAtEnd>> {
  const out = new Map<string, SfcTaskAtEnd>();
  if (ids.length === 0) return out;
  const tasks = await db.complianceTask.findMany({
    where: { kind: SFC_EVENT_TASK_KIND, sourceRef: { in: ids.map(sfcTaskSourceRef) }, createdAt: { lt: new Date(period.toMs) } },
    select: { sourceRef: true, dueAt: true, doneAt: true },
  });
  for (const task of tasks) {
    const incidentId = incidentIdOfSourceRef(task.sourceRef);
    if (incidentId) out.set(incidentId, { dueAtMs: task.dueAt.getTime(), sentAtMs: by(task.doneAt, period.toMs) });
  }
  return out;
}

/** RPT-7's send log: every SFC notification recorded as sent in the period, whichever period its incident fell in. */
async function sfcSendsIn({ db, period }: ReportBuildContext): Promise<SfcSend[]> {
  const tasks = await db.complianceTask.findMany({
    where: { kind: SFC_EVENT_TASK_KIND, doneAt: { gte: new Date(period.fromMs), lt: new Date(period.toMs) } },
    orderBy: [{ doneAt: "asc" }, { id: "asc" }],
    select: { sourceRef: true, title: true, dueAt: true, doneAt: true, doneById: true, evidence: true },
  });
  const staffIds = [...new Set(tasks.map((task) => task.doneById).filter((id): id is string => id !== null))];
  const staff = new Map((await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  return tasks.map((task) => ({
    incidentId: incidentIdOfSourceRef(task.sourceRef) ?? task.sourceRef,
    market: task.title,
    dueAtMs: task.dueAt.getTime(),
    sentAtMs: task.doneAt!.getTime(),
    sentBy: (task.doneById && staff.get(task.doneById)) ?? "",
    evidence: task.evidence ?? "",
  }));
}

function factsOf(row: IncidentRow, toMs: number, notices: NoticeFigures, sfc: SfcTaskAtEnd | null): Facts {
  const openedAtMs = Number(row.openedAtMs);
  const closedAtMs = row.closedAtMs !== null && Number(row.closedAtMs) < toMs ? Number(row.closedAtMs) : null;
  const submittedAtMs = by(row.submittedAt, toMs);
  const approvedAtMs = by(row.approvedAt, toMs);
  const publishedAtMs = by(row.publishedAt, toMs);
  const status =
    publishedAtMs !== null ? "published" : approvedAtMs !== null ? "approved" : submittedAtMs !== null ? "submitted" : closedAtMs !== null ? "draft" : "open";
  return {
    incidentId: row.id,
    market: row.market,
    openedAtMs,
    closedAtMs,
    steps: Array.isArray(row.steps) ? row.steps.map(String).join(", ") : "",
    status,
    report: closedAtMs !== null ? ((row.draft as unknown as IncidentReport | null) ?? null) : null,
    approvedAtMs,
    publishedAtMs,
    publishedWithin24h: publishedAtMs === null ? null : publishedAtMs <= openedAtMs + DAY_MS ? "yes" : "no",
    publishedSha256: publishedAtMs === null ? null : row.publishedHash,
    notices,
    sfc,
  };
}

const adlCounterparties = (report: IncidentReport) => new Set(report.adl.fills.map((fill) => fill.account)).size;

const SELECTION =
  "Incident where openedAtMs < to and (closedAtMs is null or closedAtMs >= from): incidents that started, were open or closed in [from, to), " +
  "by openedAtMs then id, each as it stood at `to`";

const FIGURES_SOURCE =
  "figures from Incident.draft (the post-event report computed from the engine journal when the incident closed), only for incidents closed before `to`: " +
  "insuranceFundDrawMicroUsd = insuranceFund.paidOut; adlFills, adlLots = adl.lotsClosed, adlCounterparties = distinct accounts among adl.fills; " +
  "accountsLiquidated = affected.accountsLiquidated";

const STATUS_SOURCE =
  "reportStatusAtPeriodEnd: published (publishedAt before `to`), approved (approvedAt before `to`), submitted (submittedAt before `to`; a report " +
  "returned for changes loses its submission time), draft (closedAtMs before `to`: the draft is computed when the incident closes), else open; " +
  "publishedWithin24h: publishedAt no later than 24 hours after openedAtMs (DISC-7)";

function incidentsTable(facts: Facts[]): ReportTable {
  const columns: ReportColumn[] = [
    { key: "incidentId", unit: "text" },
    { key: "market", unit: "text" },
    { key: "openedAt", unit: "time" },
    { key: "closedAt", unit: "time" },
    { key: "stepsReached", unit: "text" },
    { key: "accountsLiquidated", unit: "count" },
    { key: "insuranceFundDrawMicroUsd", unit: "microUsd" },
    { key: "adlFills", unit: "count" },
    { key: "adlLots", unit: "lots" },
    { key: "adlCounterparties", unit: "count" },
    { key: "reportStatusAtPeriodEnd", unit: "text" },
    { key: "reportDrafted", unit: "text" },
    { key: "reportApprovedAt", unit: "time" },
    { key: "reportPublishedAt", unit: "time" },
    { key: "publishedWithin24h", unit: "text" },
    { key: "publishedSha256", unit: "text" },
    { key: "clientNotices", unit: "count" },
    { key: "reportPublishedNotices", unit: "count" },
    ...DELIVERY_STATES.map((state): ReportColumn => ({ key: `deliveries_${state}`, unit: "count" })),
    { key: "staffAlerts", unit: "count" },
  ];
  const rows = facts.map((f): ReportCell[] => [
    f.incidentId,
    f.market,
    f.openedAtMs,
    f.closedAtMs,
    f.steps,
    f.report?.affected.accountsLiquidated ?? null,
    f.report?.insuranceFund.paidOut ?? null,
    f.report ? f.report.adl.fills.length : null,
    f.report?.adl.lotsClosed ?? null,
    f.report ? adlCounterparties(f.report) : null,
    f.status,
    f.report ? "yes" : "no",
    f.approvedAtMs,
    f.publishedAtMs,
    f.publishedWithin24h,
    f.publishedSha256,
    f.notices.clientNotices,
    f.notices.reportPublishedNotices,
    ...DELIVERY_STATES.map((state) => f.notices.deliveries[state]),
    f.notices.staffAlerts,
  ]);
  return {
    id: "incidents",
    columns,
    rows,
    source:
      `${SELECTION}. stepsReached: Incident.steps (the waterfall steps and signals seen, in order of first occurrence). ${FIGURES_SOURCE}. ` +
      `reportDrafted: the draft exists for an incident closed before \`to\`. ${STATUS_SOURCE}; publishedSha256: Incident.publishedHash, the SHA-256 of ` +
      "the published canonical JSON. clientNotices: ClientNotice with this incidentId and createdAt before `to`, of the kinds clients receive " +
      `(${CLIENT_NOTICE_KINDS.join(", ")}); reportPublishedNotices: of those, reportPublished (the published report, sent to every client); ` +
      "deliveries_*: their NoticeDelivery rows (REC-6) by state at `to`: delivered = inbox rows (delivered when written), sent = e-mails with sentAt " +
      "before `to`, failed / skipped = e-mails with that status, pending = e-mails not yet sent at `to`; staffAlerts: the other ClientNotice kinds " +
      "about the incident (incidentOpened, escalation, overdue) with createdAt before `to`",
  };
}

function sfcCoverTable(facts: Facts[]): ReportTable {
  const columns: ReportColumn[] = [
    { key: "incidentId", unit: "text" },
    { key: "market", unit: "text" },
    { key: "openedAt", unit: "time" },
    { key: "closedAt", unit: "time" },
    { key: "stepsReached", unit: "text" },
    { key: "accountsLiquidated", unit: "count" },
    { key: "insuranceFundDrawMicroUsd", unit: "microUsd" },
    { key: "adlLots", unit: "lots" },
    { key: "adlCounterparties", unit: "count" },
    { key: "reportStatusAtPeriodEnd", unit: "text" },
    { key: "reportPublishedAt", unit: "time" },
    { key: "publishedWithin24h", unit: "text" },
    { key: "publicReportReference", unit: "text" },
    { key: "publishedSha256", unit: "text" },
    { key: "clientsNotifiedOfReport", unit: "count" },
    { key: "sfcNotificationDueAt", unit: "time" },
    { key: "sentToSfcAt", unit: "time" },
  ];
  const rows = facts.map((f): ReportCell[] => [
    f.incidentId,
    f.market,
    f.openedAtMs,
    f.closedAtMs,
    f.steps,
    f.report?.affected.accountsLiquidated ?? null,
    f.report?.insuranceFund.paidOut ?? null,
    f.report?.adl.lotsClosed ?? null,
    f.report ? adlCounterparties(f.report) : null,
    f.status,
    f.publishedAtMs,
    f.publishedWithin24h,
    f.publishedAtMs === null ? null : publishedReportPaths(f.incidentId).json,
    f.publishedSha256,
    f.notices.reportPublishedNotices,
    f.sfc?.dueAtMs ?? null,
    f.sfc?.sentAtMs ?? null,
  ]);
  return {
    id: "sfc-cover",
    columns,
    rows,
    source:
      `RPT-7, the SFC-facing cover of each incident's post-event report (DISC-7), one line per incident: ${SELECTION}. ${FIGURES_SOURCE}. ` +
      `${STATUS_SOURCE}. publicReportReference: the published report's public address (its PDF is at the same address ending report.pdf), ` +
      "whose canonical JSON has the SHA-256 publishedSha256; clientsNotifiedOfReport: reportPublished ClientNotice rows with createdAt before `to`; " +
      `sfcNotificationDueAt, sentToSfcAt: the incident's ComplianceTask of kind ${SFC_EVENT_TASK_KIND} (sourceRef incident:<id>), its dueAt and its ` +
      "doneAt if before `to` (the send recorded by an officer)",
  };
}

function sfcSendLogTable(sends: SfcSend[]): ReportTable {
  const columns: ReportColumn[] = [
    { key: "incidentId", unit: "text" },
    { key: "market", unit: "text" },
    { key: "sentToSfcAt", unit: "time" },
    { key: "sfcNotificationDueAt", unit: "time" },
    { key: "sentOnTime", unit: "text" },
    { key: "recordedBy", unit: "text" },
    { key: "sfcEvidence", unit: "text" },
  ];
  const rows = sends.map((send): ReportCell[] => [
    send.incidentId,
    send.market,
    send.sentAtMs,
    send.dueAtMs,
    send.sentAtMs <= send.dueAtMs ? "yes" : "no",
    send.sentBy,
    send.evidence,
  ]);
  return {
    id: "sfc-send-log",
    columns,
    rows,
    source:
      `RPT-7, the send log: ComplianceTask of kind ${SFC_EVENT_TASK_KIND} with doneAt in [from, to), by doneAt then id; incidentId from its sourceRef, ` +
      "market from its title, sfcNotificationDueAt = dueAt (the report's 24-hour deadline), sentOnTime = doneAt no later than dueAt, recordedBy = the " +
      "officer who recorded the send (User.name of doneById), sfcEvidence = the SFC's acknowledgement or filing reference recorded with it",
  };
}

export const incidentsReport: ReportDefinition = {
  id: "incidents",
  async build(context): Promise<ReportResult> {
    const rows = await incidentsOf(context);
    context.signal.throwIfAborted();
    const notices = await noticesOf(
      context,
      rows.map((row) => row.id),
    );
    const ids = rows.map((row) => row.id);
    const sfcTasks = await sfcTasksOf(context, ids);
    const sends = await sfcSendsIn(context);
    const facts = rows.map((row) => factsOf(row, context.period.toMs, notices.get(row.id) ?? emptyNotices(), sfcTasks.get(row.id) ?? null));
    return {
      report: "incidents",
      period: context.period,
      tables: [incidentsTable(facts), sfcCoverTable(facts), sfcSendLogTable(sends)],
      journal: null,
    };
  },
};
