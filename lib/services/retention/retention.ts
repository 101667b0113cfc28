import "server-only";
import { z } from "zod";
import { COMPLAINT_REFERENCE_PATTERN } from "@/lib/complaints/policy";
import { msg } from "@/lib/i18n/message-ref";
import { isHoldScope, RECORD_CLASSES, RETENTION_POLICY, subtractYears, type RecordClass } from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { purgeLocked, RETENTION_LOCK_KEY } from "./internal";
import type { LegalHold } from "@/prisma/generated/client";

/**
 * The compliance officer's verbs on retention (REC-2, REC-7): the policy with its counts, legal holds,
 * and the purge of one client. Holds and purges need a fresh second factor. Every purge of a client,
 * whether an officer's or the daily job's (purge-job.ts), goes through purgeLocked (internal.ts); a
 * complaint of no living client is purged by the daily job only (purgeComplaintLocked).
 *
 * A hold names a client (e-mail or user id), a complaint or enquiry (its reference: a member of the
 * public has no account to name), or nobody (a whole class). Like a client's, a complaint's hold
 * blocks its purge whatever class it was placed on.
 *
 * Serialization: a purge holds the retention advisory lock shared and the client's row for update; a
 * hold takes the lock exclusively. So a hold waits for a purge in flight, and a purge after it sees
 * the hold; two purges of one client run one after the other and the second finds the tombstone.
 */

export const PlaceHoldInput = z.object({
  /** A client's e-mail or user id, a complaint's reference; empty for a hold on a whole class. */
  subject: z.string().max(320),
  recordClass: z.string().max(40),
  reason: z.string().max(2000),
});
export const MAX_REASON_CHARS = 1000;

export const ReleaseHoldInput = z.object({ id: z.string().max(64) });
export const PurgeClientInput = z.object({ userId: z.string().max(64) });

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * REC-2: the policy, and per class how many records are past its period and how many of those are held
 * by a hold covering the class (or all): clients for the account's classes, complaints and enquiries
 * for theirs.
 */
export async function getRetentionOverview({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "compliance.view");
  const now = ctx.now();
  const holds = await ctx.db.legalHold.findMany({ where: { releasedAt: null }, orderBy: [{ placedAt: "desc" }, { id: "desc" }], take: 200 });
  const classes = await Promise.all(RECORD_CLASSES.map(async (recordClass) => ({ recordClass, ...(await classCounts(ctx, recordClass, holds, now)) })));
  const staff = await ctx.db.user.findMany({ where: { id: { in: holds.map((hold) => hold.placedById) } }, select: { id: true, email: true } });
  const staffEmail = new Map(staff.map((user) => [user.id, user.email]));
  const heldComplaintIds = holds.map((hold) => hold.subjectComplaintId).filter((id): id is string => id !== null);
  const heldComplaints = await ctx.db.complaint.findMany({ where: { id: { in: heldComplaintIds } }, select: { id: true, reference: true } });
  const referenceOf = new Map(heldComplaints.map((complaint) => [complaint.id, complaint.reference]));
  return {
    classes,
    holds: holds.map((hold) => ({
      id: hold.id,
      subjectUserId: hold.subjectUserId,
      subjectComplaintReference: hold.subjectComplaintId ? (referenceOf.get(hold.subjectComplaintId) ?? hold.subjectComplaintId) : null,
      recordClass: hold.recordClass,
      reason: hold.reason,
      placedBy: staffEmail.get(hold.placedById) ?? hold.placedById,
      placedAtMs: hold.placedAt.getTime(),
    })),
  };
}

async function classCounts(ctx: ServiceContext, recordClass: RecordClass, holds: readonly LegalHold[], now: Date) {
  const rule = RETENTION_POLICY[recordClass];
  const threshold = subtractYears(now, rule.years);
  const covering = holds.filter((hold) => hold.recordClass === "all" || hold.recordClass === recordClass);
  const classWide = covering.some((hold) => hold.subjectUserId === null && hold.subjectComplaintId === null);
  const namedUsers = covering.map((hold) => hold.subjectUserId).filter((id): id is string => id !== null);
  const base = { years: rule.years, from: rule.from, personalData: rule.personalData };
  if (rule.from === "recordClosure") {
    // Complaints and enquiries, each past its own closure; held by a hold naming it or its client.
    const past = { erasedAt: null, closedAt: { lte: threshold } };
    const namedComplaints = covering.map((hold) => hold.subjectComplaintId).filter((id): id is string => id !== null);
    const pastRetention = await ctx.db.complaint.count({ where: past });
    const held = classWide
      ? pastRetention
      : await ctx.db.complaint.count({ where: { ...past, OR: [{ id: { in: namedComplaints } }, { userId: { in: namedUsers } }] } });
    return { ...base, counts: "complaints" as const, pastRetention, held };
  }
  // Per client every period runs from the later of creation and closure (lib/retention/policy.ts).
  const past = {
    family: "CLIENT" as const,
    erasedAt: null,
    closedAt: { lte: threshold },
    ...(rule.from === "relationshipEnd" ? {} : { createdAt: { lte: threshold } }),
  };
  const pastRetention = await ctx.db.user.count({ where: past });
  const held = classWide ? pastRetention : await ctx.db.user.count({ where: { ...past, id: { in: namedUsers } } });
  return { ...base, counts: "clients" as const, pastRetention, held };
}

export type RetentionOverview = Awaited<ReturnType<typeof getRetentionOverview>>;

/**
 * REC-2: a legal hold on one client's records of a class (or all), on one complaint or enquiry, or on a
 * whole class; nothing of it is purged until released.
 */
export async function placeLegalHold({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof PlaceHoldInput> }) {
  const actor = authorize(ctx, "retention.manage");
  requireStepUp(ctx);
  const parsed = PlaceHoldInput.safeParse(input);
  if (!parsed.success) throw new Invalid(msg("errors.retention.badRequest"));
  const subject = parsed.data.subject.trim();
  const recordClass = parsed.data.recordClass.trim();
  const reason = parsed.data.reason.trim();
  if (!isHoldScope(recordClass))
    throw new Invalid(msg("errors.retention.unknownClass", { recordClass: recordClass.slice(0, 40) }), {
      recordClass: [msg("errors.retention.unknownClass", { recordClass: recordClass.slice(0, 40) })],
    });
  if (reason.length < 1 || reason.length > MAX_REASON_CHARS)
    throw new Invalid(msg("errors.retention.badReason", { max: MAX_REASON_CHARS }), { reason: [msg("errors.retention.badReason", { max: MAX_REASON_CHARS })] });
  return withTransaction(ctx, async (tx) => {
    let subjectUserId: string | null = null;
    let subjectComplaintId: string | null = null;
    if (COMPLAINT_REFERENCE_PATTERN.test(subject.toUpperCase())) {
      const complaint = await tx.complaint.findUnique({ where: { reference: subject.toUpperCase() }, select: { id: true, erasedAt: true } });
      if (!complaint) throw new Invalid(msg("errors.retention.noSuchComplaint"), { subject: [msg("errors.retention.noSuchComplaint")] });
      if (complaint.erasedAt) throw new Conflict(msg("errors.retention.complaintErased"));
      subjectComplaintId = complaint.id;
    } else if (subject !== "") {
      const client = await tx.user.findFirst({
        where: { family: "CLIENT", ...(isUuid(subject) ? { id: subject } : { email: subject.toLowerCase() }) },
        select: { id: true, erasedAt: true },
      });
      if (!client) throw new Invalid(msg("errors.retention.noSuchClient"), { subject: [msg("errors.retention.noSuchClient")] });
      if (client.erasedAt) throw new Conflict(msg("errors.retention.alreadyErased"));
      subjectUserId = client.id;
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK_KEY})`;
    const hold = await tx.legalHold.create({
      data: { subjectUserId, subjectComplaintId, recordClass, reason, placedById: actor.userId, placedAt: ctx.now() },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "retention.hold_place",
      entity: "LegalHold",
      entityId: hold.id,
      after: { subjectUserId, subjectComplaintId, recordClass },
      reason,
    });
    return { id: hold.id };
  });
}

/** REC-2: ends a hold; whoever releases it is recorded (it need not be the officer who placed it). */
export async function releaseLegalHold({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof ReleaseHoldInput> }) {
  const actor = authorize(ctx, "retention.manage");
  requireStepUp(ctx);
  const id = ReleaseHoldInput.safeParse(input).data?.id ?? "";
  if (!isUuid(id)) throw new NotFound(msg("errors.retention.noSuchHold"));
  return withTransaction(ctx, async (tx) => {
    // Conditional, so two officers releasing at once release it once.
    const { count } = await tx.legalHold.updateMany({ where: { id, releasedAt: null }, data: { releasedAt: ctx.now(), releasedById: actor.userId } });
    if (!count) {
      const exists = await tx.legalHold.findUnique({ where: { id }, select: { id: true } });
      if (!exists) throw new NotFound(msg("errors.retention.noSuchHold"));
      throw new Conflict(msg("errors.retention.alreadyReleased"));
    }
    const hold = await tx.legalHold.findUniqueOrThrow({
      where: { id },
      select: { subjectUserId: true, subjectComplaintId: true, recordClass: true, placedById: true },
    });
    await recordAudit(tx, ctx, { action: "retention.hold_release", entity: "LegalHold", entityId: id, after: hold });
    return { id };
  });
}

/** REC-7: an officer's purge of one client, refused before retention ends or while a hold applies. */
export async function purgeClient({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof PurgeClientInput> }) {
  authorize(ctx, "retention.manage");
  requireStepUp(ctx);
  const userId = PurgeClientInput.safeParse(input).data?.userId ?? "";
  if (!isUuid(userId)) throw new NotFound(msg("errors.retention.noSuchClient"));
  return withTransaction(
    ctx,
    async (tx) => {
      const outcome = await purgeLocked(tx, ctx, userId);
      switch (outcome.status) {
        case "missing":
          throw new NotFound(msg("errors.retention.noSuchClient"));
        case "erased":
          throw new Conflict(msg("errors.retention.alreadyErased"));
        case "open":
          throw new Conflict(msg("errors.retention.relationshipOpen"));
        case "complaintOpen":
          throw new Conflict(msg("errors.retention.complaintOpen"));
        case "retained":
          throw new Conflict(msg("errors.retention.notExpired", { date: outcome.endsAt.toISOString().slice(0, 10) }));
        case "held":
          throw new Conflict(msg("errors.retention.held"));
        case "purged":
          return { userId, counts: outcome.counts };
      }
    },
    { timeoutMs: 60_000 },
  );
}
