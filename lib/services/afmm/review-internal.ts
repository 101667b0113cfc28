import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import type { Db, Tx } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";

/** What the review verbs share: loading an item, the designated officer, and people by id. */

export const REVIEWER_ROLES = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"] as const;

export async function loadReview(tx: Db | Tx, reviewId: string) {
  const review = await tx.afmmReview.findUnique({ where: { id: reviewId }, include: { alert: true } });
  if (!review) throw new NotFound(msg("errors.afmmReviews.notFound"));
  return review;
}

export type LoadedReview = Awaited<ReturnType<typeof loadReview>>;

/** AFMM-4: the officer named by the current designation (the one not ended), or null when none is. */
export async function designatedOfficerId(tx: Db | Tx): Promise<string | null> {
  const current = await tx.afmmOversightDesignation.findFirst({ where: { endedAt: null }, orderBy: { assignedAt: "desc" }, select: { officerId: true } });
  return current?.officerId ?? null;
}

export interface ReviewPerson {
  id: string;
  name: string;
  email: string;
}

export async function peopleById(tx: Db | Tx, ids: Array<string | null | undefined>): Promise<Map<string, ReviewPerson>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
}

/** The state of an item the audit log records before and after a change. */
export function reviewState(review: { status: string; assigneeId: string | null; decision: string | null; decidedById: string | null; closedAt: Date | null }) {
  return { status: review.status, assigneeId: review.assigneeId, decision: review.decision, decidedById: review.decidedById, closedAt: review.closedAt };
}

/** English words for a rule, for the register entry and the incident a breach opens (records, not page text). */
export const RULE_WORDS: Record<string, string> = {
  front_running: "trading ahead of client or liquidation flow",
  off_mark_fill: "fill against a client away from the mark price",
  wash_trade: "trade between affiliate accounts",
  spoofing: "large orders cancelled quickly while trading the other side",
  quote_obligation: "quote obligations missed",
  volume_share: "share of market volume above the limit",
  price_divergence: "mark and index prices diverging while the market maker was active",
};
