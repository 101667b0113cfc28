import { Prisma } from "@/prisma/generated/client";
import { ageingBand, AGEING_BANDS, COMPLAINT_CATEGORIES, COMPLAINT_KINDS, daysOpen, ROOT_CAUSES } from "@/lib/complaints/policy";
import type { ReportBuildContext, ReportCell, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * CMP-3, RPT-9: the monthly complaints MI: volumes (open at the start, received, closed, open at the
 * end, escalations), the ageing of what is open at the period end, themes (categories received, root
 * causes of the complaints closed), the FDRC referrals, and the complaint log for the period. Every
 * figure comes from what a complaint said when received (never changed) and its log (ComplaintEvent,
 * append-only), read as it stood at the period's end, so recomputing a past period (report:verify)
 * gives the same figures whatever was done since. Volumes reconcile: open at the start + received −
 * closed = open at the end, and the log table has one row per complaint counted.
 */

const BATCH = 1_000;

interface LoggedComplaint {
  id: string;
  reference: string;
  kind: string;
  category: string;
  receivedAt: Date;
  acknowledgeDueAt: Date | null;
  responseDueAt: Date;
}

interface LogEvent {
  complaintId: string;
  kind: string;
  at: Date;
  text: string | null;
  data: unknown;
}

/** A complaint as its log stood at the period end. */
interface Folded extends LoggedComplaint {
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  rootCauses: string[];
  escalationsInPeriod: number;
  everEscalated: boolean;
  fdrcReferredAt: Date | null;
  fdrcTaskDueDate: string | null;
}

/**
 * Every complaint and enquiry received before the period end and not closed before its start (and
 * any closed earlier but referred to the FDRC in the period), with its log up to the period end, folded.
 */
async function complaintsInPeriod(context: ReportBuildContext, from: Date, to: Date): Promise<Folded[]> {
  const out: Folded[] = [];
  let cursor = "";
  for (;;) {
    context.signal.throwIfAborted();
    const batch = await context.db.$queryRaw<LoggedComplaint[]>`
      SELECT c."id", c."reference", c."kind", c."category", c."receivedAt", c."acknowledgeDueAt", c."responseDueAt"
      FROM "Complaint" c
      WHERE c."receivedAt" < ${to} AND c."id" > ${cursor}
        AND (NOT EXISTS (SELECT 1 FROM "ComplaintEvent" e WHERE e."complaintId" = c."id" AND e."kind" = 'closed' AND e."at" < ${from})
          OR EXISTS (SELECT 1 FROM "ComplaintEvent" e WHERE e."complaintId" = c."id" AND e."kind" = 'fdrc_referred' AND e."at" >= ${from} AND e."at" < ${to}))
      ORDER BY c."id" LIMIT ${BATCH}`;
    if (batch.length === 0) return sortByReceipt(out);
    const events = await context.db.$queryRaw<LogEvent[]>`
      SELECT e."complaintId", e."kind", e."at", e."text", e."data" FROM "ComplaintEvent" e
      WHERE e."complaintId" IN (${Prisma.join(batch.map((row) => row.id))}) AND e."at" < ${to}
      ORDER BY e."at", e."seq"`;
    for (const complaint of batch)
      out.push(
        fold(
          complaint,
          events.filter((event) => event.complaintId === complaint.id),
          from,
        ),
      );
    context.progress(out.length, out.length + (batch.length === BATCH ? BATCH : 0));
    if (batch.length < BATCH) return sortByReceipt(out);
    cursor = batch[batch.length - 1].id;
  }
}

function sortByReceipt(rows: Folded[]): Folded[] {
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.reference.localeCompare(b.reference));
}

function fold(complaint: LoggedComplaint, events: LogEvent[], from: Date): Folded {
  const folded: Folded = {
    ...complaint,
    acknowledgedAt: null,
    closedAt: null,
    rootCauses: [],
    escalationsInPeriod: 0,
    everEscalated: false,
    fdrcReferredAt: null,
    fdrcTaskDueDate: null,
  };
  for (const event of events) {
    const data = (event.data ?? {}) as { causes?: unknown; dueDate?: unknown };
    switch (event.kind) {
      case "acknowledged":
        folded.acknowledgedAt ??= event.at;
        break;
      case "closed":
        folded.closedAt ??= event.at;
        break;
      case "root_cause":
        folded.rootCauses = Array.isArray(data.causes) ? data.causes.map(String) : [];
        break;
      case "escalated":
        folded.everEscalated = true;
        if (event.at >= from) folded.escalationsInPeriod += 1;
        break;
      case "fdrc_referred":
        folded.fdrcReferredAt ??= event.at;
        folded.fdrcTaskDueDate = typeof data.dueDate === "string" ? data.dueDate : null;
        break;
    }
  }
  return folded;
}

const inPeriod = (at: Date | null, from: Date, to: Date) => at !== null && at >= from && at < to;

function volumes(rows: Folded[], from: Date, to: Date): ReportTable {
  const line = (kind: string | null): ReportCell[] => {
    const of = rows.filter((row) => kind === null || row.kind === kind);
    const openAtStart = of.filter((row) => row.receivedAt < from).length;
    const received = of.filter((row) => row.receivedAt >= from).length;
    const closed = of.filter((row) => inPeriod(row.closedAt, from, to));
    const openAtEnd = of.filter((row) => row.closedAt === null).length;
    const escalations = of.reduce((sum, row) => sum + row.escalationsInPeriod, 0);
    const closedLate = closed.filter((row) => row.closedAt! > row.responseDueAt).length;
    return [kind ?? "ALL", openAtStart, received, closed.length, openAtEnd, escalations, closedLate];
  };
  return {
    id: "volumes",
    columns: [
      { key: "complaintKind", unit: "text" },
      { key: "openAtStart", unit: "count" },
      { key: "received", unit: "count" },
      { key: "closed", unit: "count" },
      { key: "openAtEnd", unit: "count" },
      { key: "escalations", unit: "count" },
      { key: "closedAfterDeadline", unit: "count" },
    ],
    rows: [...COMPLAINT_KINDS.map((kind) => line(kind)), line(null)],
    source:
      "Complaint (kind, receivedAt, responseDueAt: fixed on receipt) and its ComplaintEvent log up to `to`. openAtStart: received before `from` and not " +
      "closed before it; received: receivedAt in [from, to); closed: a closed event in [from, to); openAtEnd: no closed event before `to`; " +
      "openAtStart + received − closed = openAtEnd. escalations: escalated events in [from, to) (a missed acknowledgement or response deadline, " +
      "once each); closedAfterDeadline: closed in the period after responseDueAt",
  };
}

function ageing(rows: Folded[], to: Date): ReportTable {
  const open = rows.filter((row) => row.closedAt === null);
  const table: ReportCell[][] = AGEING_BANDS.map((band) => {
    const inBand = open.filter((row) => ageingBand(daysOpen(row.receivedAt.getTime(), to.getTime())) === band.key);
    const overdue = inBand.filter((row) => row.responseDueAt <= to).length;
    return [band.key, inBand.filter((row) => row.kind === "complaint").length, inBand.filter((row) => row.kind === "enquiry").length, overdue];
  });
  const total = (i: number) => table.reduce((sum, row) => sum + (row[i] as number), 0);
  table.push(["ALL", total(1), total(2), total(3)]);
  return {
    id: "ageing",
    columns: [
      { key: "ageingBand", unit: "text" },
      { key: "complaints", unit: "count" },
      { key: "enquiries", unit: "count" },
      { key: "pastResponseDeadline", unit: "count" },
    ],
    rows: table,
    source:
      "the complaints and enquiries open at `to` (no closed event before it), by whole days from receivedAt to `to`: days0to7, days8to14, " +
      "days15to30, days31plus (lib/complaints/policy.ts AGEING_BANDS); pastResponseDeadline: responseDueAt at or before `to`. ALL equals openAtEnd",
  };
}

function categories(rows: Folded[], from: Date): ReportTable {
  const received = rows.filter((row) => row.receivedAt >= from);
  const table: ReportCell[][] = COMPLAINT_CATEGORIES.map((category) => [
    category,
    received.filter((row) => row.category === category && row.kind === "complaint").length,
    received.filter((row) => row.category === category && row.kind === "enquiry").length,
  ]);
  table.push(["ALL", received.filter((row) => row.kind === "complaint").length, received.filter((row) => row.kind === "enquiry").length]);
  return {
    id: "categories",
    columns: [
      { key: "category", unit: "text" },
      { key: "complaints", unit: "count" },
      { key: "enquiries", unit: "count" },
    ],
    rows: table,
    source: "complaints and enquiries received in [from, to), by the category given on receipt (lib/complaints/policy.ts COMPLAINT_CATEGORIES)",
  };
}

function rootCauses(rows: Folded[], from: Date, to: Date): ReportTable {
  const closed = rows.filter((row) => row.kind === "complaint" && inPeriod(row.closedAt, from, to));
  const table: ReportCell[][] = ROOT_CAUSES.map((cause) => [cause, closed.filter((row) => row.rootCauses.includes(cause)).length]);
  table.push(["complaintsClosed", closed.length]);
  return {
    id: "root-causes",
    columns: [
      { key: "rootCause", unit: "text" },
      { key: "complaints", unit: "count" },
    ],
    rows: table,
    source:
      "complaints closed in [from, to), by the root causes of their latest root_cause event before closing (lib/complaints/policy.ts ROOT_CAUSES); " +
      "a complaint may carry several causes, so the causes may sum to more than complaintsClosed",
  };
}

function referrals(rows: Folded[], from: Date, to: Date): ReportTable {
  const referred = rows.filter((row) => inPeriod(row.fdrcReferredAt, from, to));
  return {
    id: "fdrc-referrals",
    columns: [
      { key: "reference", unit: "text" },
      { key: "category", unit: "text" },
      { key: "referredAt", unit: "time" },
      { key: "sfcNotificationDue", unit: "text" },
    ],
    rows: referred.map((row) => [row.reference, row.category, row.fdrcReferredAt!.getTime(), row.fdrcTaskDueDate]),
    source:
      "fdrc_referred events in [from, to): the complaint's reference and category, when the referral was recorded, and the Hong Kong date its " +
      "SFC notification task (ComplianceTask fdrc_referral_notification) is due; a complaint closed before `from` and referred in the period is listed here only",
  };
}

function log(rows: Folded[], to: Date): ReportTable {
  return {
    id: "log",
    columns: [
      { key: "reference", unit: "text" },
      { key: "complaintKind", unit: "text" },
      { key: "category", unit: "text" },
      { key: "receivedAt", unit: "time" },
      { key: "acknowledgedAt", unit: "time" },
      { key: "closedAt", unit: "time" },
      { key: "daysOpen", unit: "count" },
      { key: "rootCauses", unit: "text" },
      { key: "escalated", unit: "text" },
      { key: "fdrcReferredAt", unit: "time" },
    ],
    rows: rows.map((row) => [
      row.reference,
      row.kind,
      row.category,
      row.receivedAt.getTime(),
      row.acknowledgedAt?.getTime() ?? null,
      row.closedAt?.getTime() ?? null,
      daysOpen(row.receivedAt.getTime(), (row.closedAt ?? to).getTime()),
      row.rootCauses.join(" "),
      row.everEscalated ? "yes" : "no",
      row.fdrcReferredAt?.getTime() ?? null,
    ]),
    source:
      "one row per complaint or enquiry counted in the volumes (open at the start or received in the period), as its log stood at `to`, in order of " +
      "receipt; daysOpen to the close or to `to`. The complainants' words and contact details are not in the report",
  };
}

/** RPT-3: complaints received in the period, for the questionnaire extract (the same reading as this report's volumes). */
export async function complaintsReceived(context: ReportBuildContext): Promise<number> {
  const [row] = await context.db.$queryRaw<Array<{ n: number }>>`
    SELECT COUNT(*)::int AS n FROM "Complaint"
    WHERE "kind" = 'complaint' AND "receivedAt" >= ${new Date(context.period.fromMs)} AND "receivedAt" < ${new Date(context.period.toMs)}`;
  return row?.n ?? 0;
}

export const complaintsReport: ReportDefinition = {
  id: "complaints",
  async build(context): Promise<ReportResult> {
    const from = new Date(context.period.fromMs);
    const to = new Date(context.period.toMs);
    const loaded = await complaintsInPeriod(context, from, to);
    // A complaint closed before the period is here only for its referral; the rest of the report is the period's log.
    const rows = loaded.filter((row) => row.closedAt === null || row.closedAt >= from);
    return {
      report: "complaints",
      period: context.period,
      tables: [volumes(rows, from, to), ageing(rows, to), categories(rows, from), rootCauses(rows, from, to), referrals(loaded, from, to), log(rows, to)],
      journal: null,
    };
  },
};
