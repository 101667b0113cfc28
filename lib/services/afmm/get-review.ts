import "server-only";
import { ageingBand, slaStatus, type AgeingBand, type SlaStatus } from "@/lib/surveillance/review-policy";
import type { AlertEvidence, EvidenceFill } from "@/lib/surveillance/types";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { designatedOfficerId, loadReview, peopleById, REVIEWER_ROLES, type ReviewPerson } from "./review-internal";
import { ReviewIdInput } from "./review-schemas";
import { EngineJournal } from "../../simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/** A non-affiliate account involved, with the portal client behind it when there is one. */
export interface ReviewCounterparty {
  accountId: number;
  client: ReviewPerson | null;
}

export interface ReviewAlertDetail {
  id: string;
  rule: string;
  severity: string;
  triggerSeq: number;
  triggerPosition: number;
  triggerAtMs: number;
  fromSeq: number;
  toSeq: number;
  fromMs: number;
  toMs: number;
  afmmAccountIds: number[];
  metrics: Record<string, number | string>;
  evidence: AlertEvidence;
  source: string;
  detectedAt: Date;
}

export interface ReviewComment {
  id: string;
  author: ReviewPerson | null;
  body: string;
  createdAt: Date;
}

export interface ReviewDetail {
  id: string;
  kind: "alert" | "sample";
  market: string;
  tradeAtMs: number;
  status: string;
  openedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  ageMs: number;
  ageingBand: AgeingBand;
  sla: SlaStatus;
  assignee: ReviewPerson | null;
  assignedAt: Date | null;
  decision: string | null;
  decisionReason: string | null;
  decidedBy: ReviewPerson | null;
  decidedAt: Date | null;
  stepUpAt: Date | null;
  alert: ReviewAlertDetail | null;
  /** A sampled trade: the fill as the journal holds it (with its command position). */
  trade: EvidenceFill | null;
  counterparties: ReviewCounterparty[];
  comments: ReviewComment[];
  /** What a breach decision opened. */
  conflictId: string | null;
  complianceIncidentId: string | null;
  /** The designated oversight officer (the only one who may close the item), if any. */
  designatedOfficer: ReviewPerson | null;
  /** Compliance officers and Responsible Officers the item may be assigned to. */
  reviewers: ReviewPerson[];
}

/**
 * AFMM-8: one review item with its evidence (the alert's orders, fills and book at the alert, or the
 * sampled trade), its comments and decision. Counterparties are shown to staff as the clients behind
 * them, so every client named is logged as a client-data read (AFMM-7) with the read.
 */
export async function getReview({ ctx, input }: { ctx: ServiceContext; input: ReviewIdInput }): Promise<ReviewDetail> {
  const actor = authorize(ctx, "afmm.oversight.view");
  const { reviewId } = parseInput(ReviewIdInput, input);
  return withTransaction(ctx, async (tx) => {
    const review = await loadReview(tx, reviewId);
    const now = ctx.now();
    let trade: EvidenceFill | null = null;
    const accountIds = new Set<number>(review.alert?.counterpartyAccountIds ?? []);
    if (review.kind === "sample" && review.tradeSeq !== null) {
      const row = await tx.engineEvent.findFirst({ where: { seq: review.tradeSeq }, select: { position: true, ...EVENT_COLUMNS } });
      // A review can outlive the hot window (sampled trades are due in 7 days): then the trade is read
      // back from its archived segment.
      const found = row
        ? { position: Number(row.position), event: decodeEvent(row) }
        : ((await new EngineJournal(ctx.db).recordsBetween(Number(review.tradeSeq), Number(review.tradeSeq)))[0] ?? null);
      const event = found?.event ?? null;
      if (found && event?.type === "Trade") {
        trade = {
          seq: event.seq,
          position: found.position,
          atMs: event.nowMs,
          market: event.market,
          price: event.price,
          size: event.size,
          aggressor: event.aggressor,
          takerAccountId: event.takerAccountId,
          makerAccountId: event.makerAccountId,
          takerAfmm: event.takerAfmm,
          makerAfmm: event.makerAfmm,
          liquidation: event.liquidation,
        };
        if (!event.takerAfmm) accountIds.add(event.takerAccountId);
        if (!event.makerAfmm) accountIds.add(event.makerAccountId);
      }
    }
    const links = accountIds.size
      ? await tx.tradingAccount.findMany({ where: { engineAccountId: { in: [...accountIds] } }, select: { engineAccountId: true, userId: true } })
      : [];
    const clientOf = new Map(links.map((l) => [l.engineAccountId, l.userId]));
    const comments = await tx.afmmReviewComment.findMany({ where: { reviewId }, orderBy: { createdAt: "asc" }, take: 500 });
    const officerId = await designatedOfficerId(tx);
    const reviewerRows = await tx.userRole.findMany({
      where: { role: { in: [...REVIEWER_ROLES] } },
      select: { userId: true },
      distinct: ["userId"],
      take: 200,
    });
    const people = await peopleById(tx, [
      review.assigneeId,
      review.decidedById,
      officerId,
      ...comments.map((c) => c.authorId),
      ...clientOf.values(),
      ...reviewerRows.map((r) => r.userId),
    ]);
    const conflict = await tx.conflictEntry.findUnique({ where: { sourceReviewId: reviewId }, select: { id: true } });
    const incident = await tx.complianceIncident.findUnique({ where: { sourceReviewId: reviewId }, select: { id: true } });
    // AFMM-7: each client named to this reader is a logged read.
    for (const userId of new Set(clientOf.values())) {
      await recordClientDataAccess(tx, actor, { resource: "afmm_review", subjectUserId: userId, subjectRef: reviewId, purpose: "AFMM trade review" }, now);
    }
    const alert = review.alert;
    return {
      id: review.id,
      kind: review.kind === "sample" ? "sample" : "alert",
      market: review.market,
      tradeAtMs: Number(review.tradeAtMs),
      status: review.status,
      openedAt: review.openedAt,
      dueAt: review.dueAt,
      closedAt: review.closedAt,
      ageMs: (review.closedAt ?? now).getTime() - review.openedAt.getTime(),
      ageingBand: ageingBand(review.openedAt.getTime(), now.getTime(), review.closedAt?.getTime() ?? null),
      sla: slaStatus(review.dueAt.getTime(), now.getTime(), review.closedAt?.getTime() ?? null),
      assignee: review.assigneeId ? (people.get(review.assigneeId) ?? null) : null,
      assignedAt: review.assignedAt,
      decision: review.decision,
      decisionReason: review.decisionReason,
      decidedBy: review.decidedById ? (people.get(review.decidedById) ?? null) : null,
      decidedAt: review.decidedAt,
      stepUpAt: review.stepUpAt,
      alert: alert
        ? {
            id: alert.id,
            rule: alert.rule,
            severity: alert.severity,
            triggerSeq: Number(alert.triggerSeq),
            triggerPosition: Number(alert.triggerPosition),
            triggerAtMs: Number(alert.triggerAtMs),
            fromSeq: Number(alert.fromSeq),
            toSeq: Number(alert.toSeq),
            fromMs: Number(alert.fromMs),
            toMs: Number(alert.toMs),
            afmmAccountIds: alert.afmmAccountIds,
            metrics: alert.metrics as Record<string, number | string>,
            evidence: alert.evidence as unknown as AlertEvidence,
            source: alert.source,
            detectedAt: alert.detectedAt,
          }
        : null,
      trade,
      counterparties: [...accountIds]
        .sort((a, b) => a - b)
        .map((accountId) => {
          const userId = clientOf.get(accountId);
          return { accountId, client: userId ? (people.get(userId) ?? null) : null };
        }),
      comments: comments.map((c) => ({ id: c.id, author: people.get(c.authorId) ?? null, body: c.body, createdAt: c.createdAt })),
      conflictId: conflict?.id ?? null,
      complianceIncidentId: incident?.id ?? null,
      designatedOfficer: officerId ? (people.get(officerId) ?? null) : null,
      reviewers: reviewerRows.map((r) => people.get(r.userId)).filter((p): p is ReviewPerson => p !== undefined),
    };
  });
}
