import "server-only";
import { clientRetentionEndsAt, erasedEmail, erasePersonalStrings, RECORD_CLASSES, RETENTION_POLICY, type RecordClass } from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import type { ServiceContext, Tx } from "@/lib/services/context";

/**
 * What the officer's purge (retention.ts) and the daily job (purge-job.ts) share: the holds that block a
 * purge and the purge itself inside the caller's transaction. Not verbs: they take a transaction, not a caller.
 */

/** Arbitrary but fixed: the advisory-lock key of retention (holds versus purges). */
export const RETENTION_LOCK_KEY = 7_301_002;

export type PurgeOutcome =
  | { status: "missing" | "erased" | "open" }
  | { status: "retained"; endsAt: Date }
  | { status: "held"; holdIds: string[]; latestPlacedAt: Date }
  | { status: "purged"; counts: Record<string, number> };

/** Active holds that stop a purge of the client: any naming them, and any on a whole class (see below). */
export function blockingHolds(tx: Tx, userId: string) {
  // A class-wide hold blocks every purge, whatever its class: erasing the identity unties every class's
  // records from the person, including the held class's.
  return tx.legalHold.findMany({
    where: { releasedAt: null, OR: [{ subjectUserId: userId }, { subjectUserId: null }] },
    orderBy: { placedAt: "asc" },
    select: { id: true, placedAt: true },
  });
}

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
  const endsAt = clientRetentionEndsAt(client);
  if (!endsAt) return { status: "open" };
  if (endsAt.getTime() > ctx.now().getTime()) return { status: "retained", endsAt };
  const holds = await blockingHolds(tx, userId);
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

  const classes: RecordClass[] = RECORD_CLASSES.filter((recordClass) => RETENTION_POLICY[recordClass].personalData.length > 0);
  await recordAudit(tx, ctx, {
    action: "retention.purge",
    entity: "User",
    entityId: userId,
    after: { classes, counts, retentionEndedAt: endsAt.toISOString() },
  });
  return { status: "purged", counts };
}
