import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import {
  clientRetentionEndsAt,
  complaintRetentionEndsAt,
  erasedEmail,
  erasePersonalStrings,
  RECORD_CLASSES,
  RETENTION_POLICY,
  type RecordClass,
} from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import type { ServiceContext, Tx } from "@/lib/services/context";

/**
 * What the officer's purge (retention.ts) and the daily job (purge-job.ts) share: the holds that block a
 * purge and the purges themselves inside the caller's transaction. Not verbs: they take a transaction, not a caller.
 */

/** Arbitrary but fixed: the advisory-lock key of retention (holds versus purges). */
export const RETENTION_LOCK_KEY = 7_301_002;

export type PurgeOutcome =
  | { status: "missing" | "erased" | "open" | "complaintOpen" }
  | { status: "retained"; endsAt: Date }
  | { status: "held"; holdIds: string[]; latestPlacedAt: Date }
  | { status: "purged"; counts: Record<string, number> };

export type ComplaintPurgeOutcome =
  | { status: "missing" | "erased" | "open" | "client" }
  | { status: "retained"; endsAt: Date }
  | { status: "held"; holdIds: string[]; latestPlacedAt: Date }
  | { status: "purged"; counts: Record<string, number> };

/** A hold on a whole class: it names neither a client nor a complaint. */
export const CLASS_WIDE = { subjectUserId: null, subjectComplaintId: null } as const;

const HOLD_ORDER = { orderBy: { placedAt: "asc" }, select: { id: true, placedAt: true } } as const;

/** Active holds that stop a purge of the client: any naming them or one of their complaints, and any on a whole class (see below). */
export function blockingHolds(tx: Tx, userId: string, complaintIds: readonly string[]) {
  // A class-wide hold blocks every purge, whatever its class: erasing the identity unties every class's
  // records from the person, including the held class's. A hold on one of the client's complaints blocks
  // it too, because the client's purge erases their complaints.
  return tx.legalHold.findMany({
    where: {
      releasedAt: null,
      OR: [{ subjectUserId: userId }, CLASS_WIDE, ...(complaintIds.length ? [{ subjectComplaintId: { in: [...complaintIds] } }] : [])],
    },
    ...HOLD_ORDER,
  });
}

/**
 * Active holds that stop the purge of a complaint of no living client: one naming the complaint (or the
 * client it came from), or one on the whole complaints class or on every class. A class-wide hold on
 * another class does not: erasing a public complaint unties nothing else from anyone.
 */
export function complaintBlockingHolds(tx: Tx, complaint: { id: string; userId: string | null }) {
  return tx.legalHold.findMany({
    where: {
      releasedAt: null,
      OR: [
        { subjectComplaintId: complaint.id },
        ...(complaint.userId ? [{ subjectUserId: complaint.userId }] : []),
        { ...CLASS_WIDE, recordClass: { in: ["all", "complaints"] } },
      ],
    },
    ...HOLD_ORDER,
  });
}

/** The classes whose personal data a purge erases, for the tombstone. */
const ERASED_CLASSES: RecordClass[] = RECORD_CLASSES.filter((recordClass) => RETENTION_POLICY[recordClass].personalData.length > 0);

/**
 * Checks and, if allowed, erases inside the caller's transaction. Refusals change nothing. The tombstone
 * (retention.purge) names the client by id only, with the classes and how many rows each step changed.
 */
export async function purgeLocked(tx: Tx, ctx: ServiceContext, userId: string): Promise<PurgeOutcome> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${RETENTION_LOCK_KEY})`;
  const rows = await tx.$queryRaw<Array<{ id: string; family: string; createdAt: Date; closedAt: Date | null; erasedAt: Date | null }>>`
    SELECT "id", "family"::text AS "family", "createdAt", "closedAt", "erasedAt" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const client = rows[0];
  if (!client || client.family !== "CLIENT") return { status: "missing" };
  if (client.erasedAt) return { status: "erased" };
  // Locked, so a step on one of them waits for this purge, and this purge sees the step before it.
  const complaints = await tx.$queryRaw<Array<{ id: string; receivedAt: Date; closedAt: Date | null }>>`
    SELECT "id", "receivedAt", "closedAt" FROM "Complaint" WHERE "userId" = ${userId} AND "erasedAt" IS NULL ORDER BY "id" FOR UPDATE`;
  const endsAt = clientRetentionEndsAt(client, complaints);
  if (!endsAt) return { status: client.closedAt ? "complaintOpen" : "open" };
  if (endsAt.getTime() > ctx.now().getTime()) return { status: "retained", endsAt };
  const complaintIds = complaints.map((complaint) => complaint.id);
  const holds = await blockingHolds(tx, userId, complaintIds);
  if (holds.length > 0) return { status: "held", holdIds: holds.map((hold) => hold.id), latestPlacedAt: holds[holds.length - 1].placedAt };

  const counts: Record<string, number> = {};
  const where = { userId };
  // clientProfile: identity and credentials.
  await tx.user.update({
    where: { id: userId },
    data: {
      name: "",
      email: erasedEmail(userId),
      passwordHash: "",
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      emailVerifiedAt: null,
      erasedAt: ctx.now(),
    },
  });
  counts.user = 1;
  counts.authSessions = (await tx.authSession.deleteMany({ where })).count;
  counts.knownDevices = (await tx.knownDevice.deleteMany({ where })).count;
  counts.emailVerifications = (await tx.emailVerification.deleteMany({ where })).count;

  // amlCdd: the onboarding answers and evidence files; status, dates, ids and hashes stay.
  const onboarding = await tx.onboardingCase.findUnique({ where, select: { draft: true } });
  if (onboarding) {
    await tx.onboardingCase.update({
      where,
      data: { draft: erasePersonalStrings(onboarding.draft).value as object, statusReason: null, revocationReason: null },
    });
    counts.onboardingCases = 1;
  }
  const submissions = await tx.suitabilitySubmission.findMany({ where, select: { id: true, record: true } });
  for (const submission of submissions)
    await tx.suitabilitySubmission.update({ where: { id: submission.id }, data: { record: erasePersonalStrings(submission.record).value as object } });
  counts.submissions = submissions.length;
  counts.evidenceDocuments = (await tx.evidenceDocument.deleteMany({ where })).count;
  counts.authorisedTraders = (await tx.authorisedTrader.updateMany({ where, data: { name: "", position: "", removedReason: null } })).count;

  // compliance: officers' free text about the person and delivery addresses; the decisions stay.
  const submissionIds = submissions.map((submission) => submission.id);
  counts.reviews = (await tx.suitabilityReview.updateMany({ where: { submissionId: { in: submissionIds } }, data: { reason: "" } })).count;
  counts.knowledgeConfirmations = (await tx.knowledgeConfirmation.updateMany({ where: { submissionId: { in: submissionIds } }, data: { note: "" } })).count;
  counts.noticeDeliveries = (await tx.noticeDelivery.updateMany({ where: { userId, recipient: { not: null } }, data: { recipient: null } })).count;
  counts.disclosureAcknowledgements = (await tx.riskDisclosureAcknowledgement.updateMany({ where, data: { userAgent: null, ipAddress: null } })).count;

  // complaints: every one is closed and past its own period (clientRetentionEndsAt waited for the last).
  Object.assign(counts, await eraseComplaints(tx, ctx.now(), complaintIds));
  counts.complaintNotices = await eraseComplaintNotices(tx, userId, complaintIds);

  await recordAudit(tx, ctx, {
    action: "retention.purge",
    entity: "User",
    entityId: userId,
    after: { classes: ERASED_CLASSES, counts, retentionEndedAt: endsAt.toISOString() },
  });
  return { status: "purged", counts };
}

/**
 * The purge of one complaint or enquiry of no living client account: a member of the public's, or one
 * whose client was erased before it closed. A living client's complaints wait for that client's purge
 * ("client"). Checks and erases inside the caller's transaction; refusals change nothing. The tombstone
 * (retention.purge_complaint) carries the id, the reference and counts only.
 */
export async function purgeComplaintLocked(tx: Tx, ctx: ServiceContext, complaintId: string): Promise<ComplaintPurgeOutcome> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${RETENTION_LOCK_KEY})`;
  const rows = await tx.$queryRaw<
    Array<{ id: string; reference: string; userId: string | null; receivedAt: Date; closedAt: Date | null; erasedAt: Date | null; clientLiving: boolean }>
  >`
    SELECT c."id", c."reference", c."userId", c."receivedAt", c."closedAt", c."erasedAt",
      EXISTS (SELECT 1 FROM "User" u WHERE u."id" = c."userId" AND u."erasedAt" IS NULL) AS "clientLiving"
    FROM "Complaint" c WHERE c."id" = ${complaintId} FOR UPDATE OF c`;
  const complaint = rows[0];
  if (!complaint) return { status: "missing" };
  if (complaint.erasedAt) return { status: "erased" };
  if (complaint.clientLiving) return { status: "client" };
  const endsAt = complaintRetentionEndsAt(complaint);
  if (!endsAt) return { status: "open" };
  if (endsAt.getTime() > ctx.now().getTime()) return { status: "retained", endsAt };
  const holds = await complaintBlockingHolds(tx, complaint);
  if (holds.length > 0) return { status: "held", holdIds: holds.map((hold) => hold.id), latestPlacedAt: holds[holds.length - 1].placedAt };

  const counts = await eraseComplaints(tx, ctx.now(), [complaint.id]);
  await recordAudit(tx, ctx, {
    action: "retention.purge_complaint",
    entity: "Complaint",
    entityId: complaint.id,
    after: { reference: complaint.reference, classes: ["complaints"], counts, retentionEndedAt: endsAt.toISOString() },
  });
  return { status: "purged", counts };
}

/**
 * Erases the complaints' personal data (RETENTION_POLICY.complaints): the text, the reply address and
 * the letter; in the log, every entry's text and the free strings of its data (file names, the outcome
 * an officer wrote); the files' contents and names. The caller has locked the complaints and checked
 * that each is closed, past retention and unheld. The append-only triggers let exactly this through
 * while app.retention_purge is on (prisma/migrations/20261209090000_complaint_retention), so it is on
 * for these statements only.
 */
async function eraseComplaints(tx: Tx, now: Date, complaintIds: readonly string[]): Promise<Record<string, number>> {
  const counts = { complaints: 0, complaintEvents: 0, complaintAttachments: 0 };
  if (complaintIds.length === 0) return counts;
  const ids = [...complaintIds];
  await tx.$executeRaw`SELECT set_config('app.retention_purge', 'on', true)`;
  counts.complaints = (
    await tx.complaint.updateMany({ where: { id: { in: ids }, erasedAt: null }, data: { text: "", contactEmail: null, letterText: null, erasedAt: now } })
  ).count;
  const events = await tx.complaintEvent.findMany({ where: { complaintId: { in: ids } }, select: { id: true, text: true, data: true } });
  for (const event of events) {
    const data = event.data === null ? null : erasePersonalStrings(event.data);
    if (event.text === null && !data?.erased) continue;
    await tx.complaintEvent.update({ where: { id: event.id }, data: { text: null, ...(data?.erased ? { data: data.value as Prisma.InputJsonValue } : {}) } });
    counts.complaintEvents += 1;
  }
  counts.complaintAttachments = (
    await tx.complaintAttachment.updateMany({ where: { complaintId: { in: ids } }, data: { content: new Uint8Array(0), fileName: "" } })
  ).count;
  await tx.$executeRaw`SELECT set_config('app.retention_purge', 'off', true)`;
  return counts;
}

/**
 * The notices that carried a client's complaints to them (receipt, outcome letter, an enquiry's
 * answer): their parameters lose every free string and their body, which quoted them, is emptied.
 * Title, kind, dates and the deliveries' content hashes stay. Returns how many notices changed.
 */
async function eraseComplaintNotices(tx: Tx, userId: string, complaintIds: readonly string[]): Promise<number> {
  let changed = 0;
  for (const complaintId of complaintIds) {
    const notices = await tx.clientNotice.findMany({
      where: { userId, dedupeKey: { startsWith: `complaint:${complaintId}:` } },
      select: { id: true, params: true },
    });
    for (const notice of notices) {
      const params = notice.params === null ? null : (erasePersonalStrings(notice.params).value as Prisma.InputJsonValue);
      await tx.clientNotice.update({ where: { id: notice.id }, data: { body: "", ...(params === null ? {} : { params }) } });
      changed += 1;
    }
  }
  return changed;
}
