import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { ownEngineAccounts } from "@/lib/services/afmm-desk/internal";
import { redactAlertForAfmm, type RedactedAlert } from "@/lib/surveillance/redact";

export interface DeskAlert extends RedactedAlert {
  /** The review's state and, once closed, its outcome (the decision, not the reviewer's notes). */
  reviewStatus: string | null;
  decision: string | null;
  closedAt: string | null;
}

export const DESK_ALERTS_SHOWN = 100;

/**
 * AFMM-7: the surveillance alerts about the market maker's own accounts, newest first, each redacted
 * (redactAlertForAfmm): its own orders and fills only, every other account removed.
 */
export async function listDeskAlerts({ ctx }: { ctx: ServiceContext }): Promise<DeskAlert[]> {
  authorize(ctx, "afmm.own_account.read");
  const own = await ownEngineAccounts(ctx.db);
  if (own.size === 0) return [];
  const rows = await ctx.db.surveillanceAlert.findMany({
    where: { afmmAccountIds: { hasSome: [...own] } },
    orderBy: { triggerAtMs: "desc" },
    take: DESK_ALERTS_SHOWN,
    select: {
      id: true,
      rule: true,
      market: true,
      severity: true,
      triggerAtMs: true,
      fromMs: true,
      toMs: true,
      afmmAccountIds: true,
      metrics: true,
      evidence: true,
      review: { select: { status: true, decision: true, closedAt: true } },
    },
  });
  return rows.map(({ review, ...alert }) => ({
    ...redactAlertForAfmm(alert, own),
    reviewStatus: review?.status ?? null,
    decision: review?.status === "closed" ? review.decision : null,
    closedAt: review?.closedAt?.toISOString() ?? null,
  }));
}
