import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { STATUS_FIELDS, statusInForce } from "@/lib/services/suitability/pi-status-internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

export interface PiStatusView {
  /** Approved, unexpired, neither withdrawn nor revoked since: an officer may revoke it. */
  inForce: boolean;
  verifiedAt: Date | null;
  expiresAt: Date | null;
  /** PI-7: the client's withdrawal of consent, when it ended the approval then in force. */
  withdrawnAt: Date | null;
  /** PI-7: an officer's revocation, when it ended the approval then in force. */
  revocation: { at: Date; officerEmail: string | null; reason: string | null } | null;
}

/** A client's professional-investor status as compliance sees it (PI-7, PI-8), for the case page. */
export async function getPiStatus({ ctx, input }: { ctx: ServiceContext; input: { userId: string } }): Promise<PiStatusView | null> {
  const actor = authorize(ctx, "compliance.view");
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "pi_status", subjectUserId: /^[0-9a-f-]{36}$/.test(input.userId) ? input.userId : null, purpose: "professional investor status review" },
    ctx.now(),
  );
  const row = await ctx.db.onboardingCase.findUnique({
    where: { userId: input.userId },
    select: { ...STATUS_FIELDS, revokedById: true, revocationReason: true },
  });
  if (!row) return null;
  const since = row.verifiedAt?.getTime() ?? Infinity;
  const withdrawnAt = row.withdrawnAt && row.withdrawnAt.getTime() >= since ? row.withdrawnAt : null;
  const revokedAt = row.revokedAt && row.revokedAt.getTime() >= since ? row.revokedAt : null;
  const officer = revokedAt && row.revokedById ? await ctx.db.user.findUnique({ where: { id: row.revokedById }, select: { email: true } }) : null;
  return {
    inForce: statusInForce(row, ctx.now()),
    verifiedAt: row.verifiedAt,
    expiresAt: row.expiresAt,
    withdrawnAt,
    revocation: revokedAt ? { at: revokedAt, officerEmail: officer?.email ?? null, reason: row.revocationReason } : null,
  };
}
