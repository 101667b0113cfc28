import "server-only";
import { ageingBand, slaStatus, type AgeingBand, type SlaStatus } from "@/lib/surveillance/review-policy";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import type { Prisma } from "@/prisma/generated/client";
import { peopleById, type ReviewPerson } from "./review-internal";
import { ListReviewsInput } from "./review-schemas";

export interface ReviewQueueRow {
  id: string;
  kind: "alert" | "sample";
  /** The alert's rule; null for a sampled trade. */
  rule: string | null;
  severity: string | null;
  market: string;
  /** Engine time of the trade (sample) or of the event that raised the alert. */
  tradeAtMs: number;
  status: string;
  decision: string | null;
  openedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  assignee: ReviewPerson | null;
  /** How long it has been open (to its close when closed). */
  ageMs: number;
  ageingBand: AgeingBand;
  sla: SlaStatus;
  overdue: boolean;
}

/**
 * AFMM-8: the review queue with its ageing and SLA standing, oldest due first. Filters: status (or
 * "unclosed"), kind, rule, market, assignee ("none" = unassigned), overdue. Lists no client data
 * (rules, markets and times only), so it logs no client-data read.
 */
export async function listReviews({ ctx, input }: { ctx: ServiceContext; input?: ListReviewsInput }): Promise<ReviewQueueRow[]> {
  authorize(ctx, "afmm.oversight.view");
  const filter = parseInput(ListReviewsInput, input ?? {});
  const now = ctx.now();
  const where: Prisma.AfmmReviewWhereInput = {};
  if (filter.status === "unclosed") where.status = { not: "closed" };
  else if (filter.status) where.status = filter.status;
  if (filter.kind) where.kind = filter.kind;
  if (filter.rule) where.alert = { rule: filter.rule };
  if (filter.market) where.market = filter.market;
  if (filter.assignee === "none") where.assigneeId = null;
  else if (filter.assignee) where.assigneeId = filter.assignee;
  if (filter.overdue === true) {
    // The same rule as the row's flag below: open (never closed) and past its deadline.
    where.dueAt = { lt: now };
    where.closedAt = null;
    if (!filter.status || filter.status === "closed") where.status = { not: "closed" };
  } else if (filter.overdue === false) where.OR = [{ dueAt: { gte: now } }, { status: "closed" }];
  const rows = await ctx.db.afmmReview.findMany({
    where,
    orderBy: [{ dueAt: "asc" }, { openedAt: "asc" }],
    take: filter.take,
    include: { alert: { select: { rule: true, severity: true } } },
  });
  const people = await peopleById(
    ctx.db,
    rows.map((r) => r.assigneeId),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind === "sample" ? "sample" : "alert",
    rule: row.alert?.rule ?? null,
    severity: row.alert?.severity ?? null,
    market: row.market,
    tradeAtMs: Number(row.tradeAtMs),
    status: row.status,
    decision: row.decision,
    openedAt: row.openedAt,
    dueAt: row.dueAt,
    closedAt: row.closedAt,
    assignee: row.assigneeId ? (people.get(row.assigneeId) ?? null) : null,
    ageMs: (row.closedAt ?? now).getTime() - row.openedAt.getTime(),
    ageingBand: ageingBand(row.openedAt.getTime(), now.getTime(), row.closedAt?.getTime() ?? null),
    sla: slaStatus(row.dueAt.getTime(), now.getTime(), row.closedAt?.getTime() ?? null),
    overdue: row.closedAt === null && row.dueAt.getTime() < now.getTime(),
  }));
}
