import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

export interface CircumstanceChangeRow {
  id: string;
  userId: string;
  clientName: string;
  clientEmail: string;
  category: string;
  description: string;
  reportedAt: Date;
  contentHash: string;
  review: { outcome: string; reason: string; officerEmail: string; decidedAt: Date } | null;
}

/** Report rows with their client and re-review outcome. */
export async function withReviews(
  ctx: ServiceContext,
  rows: { id: string; userId: string; category: string; description: string; reportedAt: Date; contentHash: string }[],
) {
  const [reviews, users] = await Promise.all([
    ctx.db.circumstanceChangeReview.findMany({ where: { changeId: { in: rows.map((r) => r.id) } } }),
    ctx.db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, name: true, email: true } }),
  ]);
  return rows.map((row): CircumstanceChangeRow => {
    const review = reviews.find((r) => r.changeId === row.id);
    const user = users.find((u) => u.id === row.userId);
    return {
      ...row,
      clientName: user?.name ?? "",
      clientEmail: user?.email ?? "",
      review: review ? { outcome: review.outcome, reason: review.reason, officerEmail: review.officerEmail, decidedAt: review.decidedAt } : null,
    };
  });
}

/**
 * SUIT-8, the compliance queue's change-of-circumstances list: every report waiting for re-review,
 * oldest first, then the latest decided ones.
 */
export async function listCircumstanceChanges({
  ctx,
}: {
  ctx: ServiceContext;
}): Promise<{ waiting: CircumstanceChangeRow[]; decided: CircumstanceChangeRow[] }> {
  const actor = authorize(ctx, "clients.read");
  await recordClientDataAccess(ctx.db, actor, { resource: "circumstance_changes", purpose: "change of circumstances review" }, ctx.now());
  const decidedIds = (await ctx.db.circumstanceChangeReview.findMany({ select: { changeId: true }, orderBy: { decidedAt: "desc" }, take: 20 })).map(
    (r) => r.changeId,
  );
  const allDecided = ctx.db.circumstanceChangeReview.findMany({ select: { changeId: true } });
  const waiting = await ctx.db.circumstanceChange.findMany({
    where: { id: { notIn: (await allDecided).map((r) => r.changeId) } },
    orderBy: [{ reportedAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const decided = await ctx.db.circumstanceChange.findMany({ where: { id: { in: decidedIds } }, orderBy: { reportedAt: "desc" } });
  return { waiting: await withReviews(ctx, waiting), decided: await withReviews(ctx, decided) };
}
