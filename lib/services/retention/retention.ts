import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n/message-ref";
import { isHoldScope, RECORD_CLASSES, RETENTION_POLICY, subtractYears } from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { purgeLocked, RETENTION_LOCK_KEY } from "./internal";

/**
 * The compliance officer's verbs on retention (REC-2, REC-7): the policy with its counts, legal holds,
 * and the purge of one client. Holds and purges need a fresh second factor. Every purge of a client,
 * whether an officer's or the daily job's (purge-job.ts), goes through purgeLocked below.
 *
 * Serialization: a purge holds the retention advisory lock shared and the client's row for update; a
 * hold takes the lock exclusively. So a hold waits for a purge in flight, and a purge after it sees
 * the hold; two purges of one client run one after the other and the second finds the tombstone.
 */

export const PlaceHoldInput = z.object({
  /** A client's e-mail or user id; empty for a hold on a whole class. */
  subject: z.string().max(320),
  recordClass: z.string().max(40),
  reason: z.string().max(2000),
});
export const MAX_REASON_CHARS = 1000;

export const ReleaseHoldInput = z.object({ id: z.string().max(64) });
export const PurgeClientInput = z.object({ userId: z.string().max(64) });

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** REC-2: the policy, and per class how many clients are past its period and how many of those are held. */
export async function getRetentionOverview({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "compliance.view");
  const now = ctx.now();
  const holds = await ctx.db.legalHold.findMany({ where: { releasedAt: null }, orderBy: [{ placedAt: "desc" }, { id: "desc" }], take: 200 });
  const classes = await Promise.all(
    RECORD_CLASSES.map(async (recordClass) => {
      const rule = RETENTION_POLICY[recordClass];
      const threshold = subtractYears(now, rule.years);
      // Per client every period runs from the later of creation and closure (lib/retention/policy.ts).
      const past = {
        family: "CLIENT" as const,
        erasedAt: null,
        closedAt: { lte: threshold },
        ...(rule.from === "relationshipEnd" ? {} : { createdAt: { lte: threshold } }),
      };
      const covering = holds.filter((hold) => hold.recordClass === "all" || hold.recordClass === recordClass);
      const pastRetention = await ctx.db.user.count({ where: past });
      const held = covering.some((hold) => hold.subjectUserId === null)
        ? pastRetention
        : await ctx.db.user.count({ where: { ...past, id: { in: covering.map((hold) => hold.subjectUserId!) } } });
      return { recordClass, years: rule.years, from: rule.from, personalData: rule.personalData, pastRetention, held };
    }),
  );
  const staff = await ctx.db.user.findMany({ where: { id: { in: holds.map((hold) => hold.placedById) } }, select: { id: true, email: true } });
  const staffEmail = new Map(staff.map((user) => [user.id, user.email]));
  return {
    classes,
    holds: holds.map((hold) => ({
      id: hold.id,
      subjectUserId: hold.subjectUserId,
      recordClass: hold.recordClass,
      reason: hold.reason,
      placedBy: staffEmail.get(hold.placedById) ?? hold.placedById,
      placedAtMs: hold.placedAt.getTime(),
    })),
  };
}

export type RetentionOverview = Awaited<ReturnType<typeof getRetentionOverview>>;

/** REC-2: a legal hold on one client's records of a class (or all), or on a whole class; nothing of it is purged until released. */
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
    if (subject !== "") {
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
      data: { subjectUserId, recordClass, reason, placedById: actor.userId, placedAt: ctx.now() },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "retention.hold_place", entity: "LegalHold", entityId: hold.id, after: { subjectUserId, recordClass }, reason });
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
    const hold = await tx.legalHold.findUniqueOrThrow({ where: { id }, select: { subjectUserId: true, recordClass: true, placedById: true } });
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
