import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledgements";
import { clientSecurityShortfall, type ClientSecurityCode } from "@/lib/services/users/client-security-status";

/** PI-8: status is re-verified yearly; approval grants perps access for this long. */
export const PI_STATUS_VALIDITY_MS = 365 * 86_400_000;
/** PI-8: reminders before expiry, most distant first. */
export const EXPIRY_REMINDER_DAYS = [60, 30, 7] as const;

/**
 * What a client may do on the perps venue (PI-1, PI-8, DISC-8, SUIT-5). The one rule; the order
 * gate and account opening (lib/services/trading) call it, the pages only show its answer
 * (getPerpsEntitlement). Suitability decides; trading acts on the venue, so nothing here imports trading.
 * - `active`: verified, unexpired, current disclosure acknowledged: any order within the exposure cap;
 * - `reduce_only`: status expired or withdrawn (PI-8): orders that reduce a position only;
 * - `acknowledgement_required`: verified, but a new disclosure version is in effect: no order until the
 *   client acknowledges it ("before the next order"; it takes a minute on the portal);
 * - `none`: never approved: nothing.
 */
export type PerpsEntitlement =
  | { status: "active"; expiresAt: Date; maxInitialMarginMicroUsd: bigint }
  | { status: "reduce_only"; code: "PI_STATUS_EXPIRED"; reason: MessageRef; expiresAt: Date; maxInitialMarginMicroUsd: bigint }
  | { status: "acknowledgement_required"; code: "DISCLOSURE_NOT_ACKNOWLEDGED"; reason: MessageRef; expiresAt: Date; maxInitialMarginMicroUsd: bigint }
  | { status: "none"; code: "NOT_APPROVED_PI" | ClientSecurityCode; reason: MessageRef };

/** A client's entitlement, not authorized on its own: for services acting for that client, and getPerpsEntitlement. */
export async function perpsEntitlement(ctx: Pick<ServiceContext, "db" | "now">, userId: string): Promise<PerpsEntitlement> {
  const row = await ctx.db.onboardingCase.findUnique({
    where: { userId },
    select: { status: true, verifiedAt: true, expiresAt: true, maxInitialMarginMicroUsd: true },
  });
  if (!row?.verifiedAt || !row.expiresAt || row.maxInitialMarginMicroUsd === null)
    return {
      status: "none",
      code: "NOT_APPROVED_PI",
      reason: msg("errors.trading.access.notApproved"),
    };
  // SEC-1: no access without a verified e-mail address and a second factor.
  const shortfall = await clientSecurityShortfall(ctx, userId);
  if (shortfall) return { status: "none", ...shortfall };
  const base = { expiresAt: row.expiresAt, maxInitialMarginMicroUsd: row.maxInitialMarginMicroUsd };
  if (ctx.now().getTime() >= row.expiresAt.getTime())
    return {
      ...base,
      status: "reduce_only",
      code: "PI_STATUS_EXPIRED",
      reason: msg(row.status === "REJECTED" ? "errors.trading.access.statusWithdrawn" : "errors.trading.access.statusExpired", {
        date: row.expiresAt.toISOString().slice(0, 10),
      }),
    };
  if (!(await currentDisclosureAcknowledged(ctx, userId)))
    return {
      ...base,
      status: "acknowledgement_required",
      code: "DISCLOSURE_NOT_ACKNOWLEDGED",
      reason: msg("errors.trading.access.acknowledgeDisclosure"),
    };
  return { ...base, status: "active" };
}

export class PerpsAccessRefused extends ServiceError {
  constructor(message: MessageRef, code: string) {
    super(message, 403, code);
  }
}
