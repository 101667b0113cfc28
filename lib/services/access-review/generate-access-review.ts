import "server-only";
import { recordAudit } from "@/lib/services/audit";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { AccessReviewInput, quarterBounds } from "@/lib/services/access-review/schemas";

export interface AccessRow {
  at: string;
  userId: string;
  userEmail: string | null;
  roles: string[];
  family: string;
  resource: string;
  subjectUserId: string | null;
  subjectRef: string | null;
  purpose: string;
  route: string | null;
}

export interface AfmmActivityRow {
  at: string;
  seq: string;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
}

export interface StaffReadSummary {
  userId: string;
  userEmail: string | null;
  family: string;
  resource: string;
  reads: number;
  first: string;
  last: string;
}

export interface AccessReview {
  quarter: string;
  from: string;
  to: string;
  generatedAt: string;
  /** Reads of client data by users of the AFMM family: expected to be none. */
  afmmReads: AccessRow[];
  /** Everything users of the AFMM family did that the audit log records, for completeness. */
  afmmActivity: AfmmActivityRow[];
  afmmUsers: number;
  /** Platform staff reads, per user and resource. */
  staffSummary: StaffReadSummary[];
  totalReads: number;
}

export const ACCESS_REVIEW_ROW_LIMIT = 10_000;

/**
 * AFMM-7: the quarterly access review: every logged read of client data by AFMM-side users in the
 * quarter (expected: none), all AFMM-side users' recorded activity, and a summary of platform staff
 * reads by user and resource. Generating it is audited, and it is itself a logged read.
 */
export async function generateAccessReview({ ctx, input }: { ctx: ServiceContext; input: AccessReviewInput }): Promise<AccessReview> {
  const actor = authorize(ctx, "access_review.read");
  const { quarter } = parseInput(AccessReviewInput, input);
  const { from, to } = quarterBounds(quarter);
  const now = ctx.now();
  const range = { gte: from, lt: to };
  const afmmUserRows = await ctx.db.user.findMany({ where: { family: "AFMM" }, select: { id: true } });
  const afmmIds = afmmUserRows.map((user) => user.id);
  const [afmmReadRows, activity, grouped, totalReads] = await Promise.all([
    ctx.db.clientDataAccess.findMany({
      where: { at: range, OR: [{ family: { contains: "AFMM" } }, { userId: { in: afmmIds } }] },
      orderBy: { at: "asc" },
      take: ACCESS_REVIEW_ROW_LIMIT,
    }),
    ctx.db.auditLog.findMany({
      where: { at: range, actorId: { in: afmmIds } },
      orderBy: { seq: "asc" },
      take: ACCESS_REVIEW_ROW_LIMIT,
      select: { seq: true, at: true, actorEmail: true, action: true, entity: true, entityId: true },
    }),
    ctx.db.clientDataAccess.groupBy({
      by: ["userId", "family", "resource"],
      where: { at: range },
      _count: { _all: true },
      _min: { at: true },
      _max: { at: true },
      orderBy: [{ userId: "asc" }, { resource: "asc" }],
    }),
    ctx.db.clientDataAccess.count({ where: { at: range } }),
  ]);
  const userIds = [...new Set([...afmmReadRows.map((row) => row.userId), ...grouped.map((row) => row.userId)])];
  const emails = new Map(
    (await ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((user) => [user.id, user.email]),
  );
  const review: AccessReview = {
    quarter,
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: now.toISOString(),
    afmmReads: afmmReadRows.map((row) => ({
      at: row.at.toISOString(),
      userId: row.userId,
      userEmail: emails.get(row.userId) ?? null,
      roles: row.roles,
      family: row.family,
      resource: row.resource,
      subjectUserId: row.subjectUserId,
      subjectRef: row.subjectRef,
      purpose: row.purpose,
      route: row.route,
    })),
    afmmActivity: activity.map((row) => ({
      at: row.at.toISOString(),
      seq: row.seq.toString(),
      actorEmail: row.actorEmail,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
    })),
    afmmUsers: afmmIds.length,
    staffSummary: grouped.map((row) => ({
      userId: row.userId,
      userEmail: emails.get(row.userId) ?? null,
      family: row.family,
      resource: row.resource,
      reads: row._count._all,
      first: row._min.at?.toISOString() ?? "",
      last: row._max.at?.toISOString() ?? "",
    })),
    totalReads,
  };
  await withTransaction(ctx, async (tx) => {
    await recordClientDataAccess(tx, actor, { resource: "access_review", subjectRef: quarter, purpose: "quarterly access review" }, now);
    await recordAudit(tx, ctx, {
      action: "access_review.generate",
      entity: "ClientDataAccess",
      entityId: quarter,
      after: { quarter, afmmReads: review.afmmReads.length, afmmActivity: review.afmmActivity.length, totalReads },
    });
  });
  return review;
}
