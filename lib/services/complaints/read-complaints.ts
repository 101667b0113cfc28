import "server-only";
import { ageingBand, AGEING_BANDS, COMPLAINT_CATEGORIES, daysOpen, ROOT_CAUSES, type AgeingBand } from "@/lib/complaints/policy";
import { msg } from "@/lib/i18n/message-ref";
import { hongKongDate } from "@/lib/reports/period";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { dueDate } from "@/lib/services/registers/due-dates";
import { safeDocumentName } from "@/lib/uploads/file-type";
import { checkId, readRequest } from "./internal";
import { ComplaintIdInput, type ComplaintIdRequest } from "./schemas";

/**
 * CMP-1, CMP-3, EDU-2, RPT-9: what the compliance complaints page shows: every open complaint and
 * enquiry with its ageing and deadlines, the recently closed, the themes (categories and root causes)
 * over the whole log, and the FDRC referrals with their SFC notification tasks. The complainants'
 * words and addresses are client data: each read is logged (AFMM-7).
 */

const OPEN_ROWS = 500;
const CLOSED_ROWS = 50;

export async function readComplaints({ ctx }: { ctx: ServiceContext }) {
  const actor = authorize(ctx, "compliance.view");
  const nowMs = ctx.now().getTime();
  const [open, closed, byCategory, causes, referred] = await Promise.all([
    ctx.db.complaint.findMany({ where: { closedAt: null }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }], take: OPEN_ROWS }),
    ctx.db.complaint.findMany({ where: { closedAt: { not: null } }, orderBy: [{ closedAt: "desc" }, { id: "desc" }], take: CLOSED_ROWS }),
    ctx.db.complaint.groupBy({ by: ["kind", "category"], _count: { _all: true } }),
    ctx.db.$queryRaw<Array<{ cause: string; n: number }>>`
      SELECT cause, COUNT(*)::int AS n FROM "Complaint", unnest("rootCauses") AS cause WHERE "kind" = 'complaint' GROUP BY cause`,
    ctx.db.complaint.findMany({ where: { fdrcReferredAt: { not: null } }, orderBy: { fdrcReferredAt: "desc" }, take: CLOSED_ROWS }),
  ]);
  const taskIds = referred.map((row) => row.fdrcTaskId).filter((id): id is string => id !== null);
  const tasks = await ctx.db.complianceTask.findMany({ where: { id: { in: taskIds } }, select: { id: true, dueAt: true, status: true, doneAt: true } });
  await recordClientDataAccess(ctx.db, actor, { resource: "complaints", purpose: "complaint handling" }, ctx.now());

  const ageing = Object.fromEntries(AGEING_BANDS.map((band) => [band.key, { complaint: 0, enquiry: 0 }])) as Record<
    AgeingBand,
    { complaint: number; enquiry: number }
  >;
  for (const row of open) ageing[ageingBand(daysOpen(row.receivedAt.getTime(), nowMs))][row.kind === "enquiry" ? "enquiry" : "complaint"] += 1;
  const categoryCount = (kind: string, category: string) => byCategory.find((row) => row.kind === kind && row.category === category)?._count._all ?? 0;

  return {
    nowMs,
    open: open.map((row) => summary(row, nowMs)),
    closed: closed.map((row) => summary(row, nowMs)),
    ageing,
    themes: {
      categories: COMPLAINT_CATEGORIES.map((category) => ({
        category,
        complaints: categoryCount("complaint", category),
        enquiries: categoryCount("enquiry", category),
      })),
      rootCauses: ROOT_CAUSES.map((cause) => ({ cause, complaints: causes.find((row) => row.cause === cause)?.n ?? 0 })),
    },
    referrals: referred.map((row) => {
      const task = tasks.find((candidate) => candidate.id === row.fdrcTaskId);
      return {
        id: row.id,
        reference: row.reference,
        referredAtMs: row.fdrcReferredAt!.getTime(),
        taskDueDate: task ? dueDate(task.dueAt) : null,
        taskDone: task?.status === "done",
      };
    }),
  };
}

export type ComplaintsOverview = Awaited<ReturnType<typeof readComplaints>>;

/** One complaint or enquiry with its whole log, the people named. */
export async function getComplaint({ ctx, input }: { ctx: ServiceContext; input: ComplaintIdRequest }) {
  const actor = authorize(ctx, "compliance.view");
  const id = checkId(readRequest(ComplaintIdInput, input).id);
  const complaint = await ctx.db.complaint.findUnique({
    where: { id },
    include: {
      events: { orderBy: [{ at: "asc" }, { seq: "asc" }] },
      // The files' names and hashes; their bytes only through the download (getComplaintAttachment).
      attachments: {
        select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true },
        orderBy: [{ uploadedAt: "asc" }, { fileName: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!complaint) throw new NotFound(msg("errors.complaints.noSuchComplaint"));
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "complaint", subjectUserId: complaint.userId, subjectRef: complaint.reference, purpose: "complaint handling" },
    ctx.now(),
  );
  const people = new Set<string>();
  for (const personId of [complaint.handlerId, complaint.letterDraftedById, complaint.reviewedById, complaint.closedById, complaint.userId])
    if (personId) people.add(personId);
  for (const event of complaint.events) if (event.actorId) people.add(event.actorId);
  const users = await ctx.db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, name: true, email: true, erasedAt: true } });
  const nameOf = (personId: string | null) => (personId ? (users.find((user) => user.id === personId)?.name ?? null) : null);
  const nowMs = ctx.now().getTime();
  const client = complaint.userId ? users.find((user) => user.id === complaint.userId) : undefined;
  return {
    ...summary(complaint, nowMs),
    text: complaint.text,
    contactEmail: complaint.contactEmail,
    // An erased client's name and address are gone (REC-7): the page says so rather than show placeholders.
    client: client ? { name: client.name, email: client.email, erased: client.erasedAt !== null } : null,
    locale: complaint.locale,
    handlerId: complaint.handlerId,
    handler: nameOf(complaint.handlerId),
    letterText: complaint.letterText,
    letterDraftedById: complaint.letterDraftedById,
    letterDraftedBy: nameOf(complaint.letterDraftedById),
    letterVersion: complaint.letterDraftedAt ? String(complaint.letterDraftedAt.getTime()) : null,
    reviewedBy: nameOf(complaint.reviewedById),
    reviewedAtMs: complaint.reviewedAt?.getTime() ?? null,
    closedBy: nameOf(complaint.closedById),
    /** REC-7: the Hong Kong date the retention purge erased its personal data; null while kept. */
    erasedOn: complaint.erasedAt ? hongKongDate(complaint.erasedAt.getTime()) : null,
    attachments: complaint.attachments.map((file) => ({
      id: file.id,
      // Emptied by the retention purge: no name, and nothing to download.
      fileName: complaint.erasedAt ? null : safeDocumentName(file.fileName, file.mediaType),
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    })),
    events: complaint.events.map((event) => ({
      id: event.id,
      kind: event.kind,
      atMs: event.at.getTime(),
      actor: nameOf(event.actorId),
      text: event.text,
      data: (event.data ?? null) as Record<string, unknown> | null,
    })),
  };
}

export type ComplaintDetail = Awaited<ReturnType<typeof getComplaint>>;

function summary(
  row: {
    id: string;
    reference: string;
    kind: string;
    category: string;
    status: string;
    receivedAt: Date;
    acknowledgeDueAt: Date | null;
    responseDueAt: Date;
    acknowledgedAt: Date | null;
    acknowledgeEscalatedAt: Date | null;
    responseEscalatedAt: Date | null;
    rootCauses: string[];
    letterDraftedAt: Date | null;
    reviewedAt: Date | null;
    closedAt: Date | null;
    fdrcReferredAt: Date | null;
  },
  nowMs: number,
) {
  const endMs = row.closedAt?.getTime() ?? nowMs;
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    category: row.category,
    status: row.status,
    receivedAtMs: row.receivedAt.getTime(),
    daysOpen: daysOpen(row.receivedAt.getTime(), endMs),
    acknowledgeDueDate: row.acknowledgeDueAt ? dueDate(row.acknowledgeDueAt) : null,
    responseDueDate: dueDate(row.responseDueAt),
    acknowledgedAtMs: row.acknowledgedAt?.getTime() ?? null,
    /** Not acknowledged and past its deadline (now, or when it closed). */
    acknowledgeOverdue: row.acknowledgeDueAt !== null && row.acknowledgedAt === null && endMs > row.acknowledgeDueAt.getTime(),
    responseOverdue: endMs > row.responseDueAt.getTime(),
    escalated: row.acknowledgeEscalatedAt !== null || row.responseEscalatedAt !== null,
    rootCauses: row.rootCauses,
    letterDrafted: row.letterDraftedAt !== null,
    reviewed: row.reviewedAt !== null,
    closedAtMs: row.closedAt?.getTime() ?? null,
    fdrcReferredAtMs: row.fdrcReferredAt?.getTime() ?? null,
  };
}
