import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";

export type ClientSecurityCode = "EMAIL_NOT_VERIFIED" | "SECOND_FACTOR_REQUIRED";

/**
 * SEC-1: what a client still lacks before perps access can be granted: a verified e-mail address, then
 * a second factor (TOTP; passkeys are not offered). null: both are in place. The entitlement rule
 * (lib/services/suitability/entitlement.ts) calls this; the portal shows its reason.
 */
export async function clientSecurityShortfall(
  ctx: Pick<ServiceContext, "db">,
  userId: string,
): Promise<{ code: ClientSecurityCode; reason: MessageRef } | null> {
  return securityShortfallOf(await ctx.db.user.findUnique({ where: { id: userId }, select: CLIENT_SECURITY_FIELDS }));
}

/** The user fields the SEC-1 rule reads, for callers that load many users at once. */
export const CLIENT_SECURITY_FIELDS = { emailVerifiedAt: true, totpEnabledAt: true } as const;

/** The SEC-1 rule itself, on loaded fields (null user: nothing is in place). */
export function securityShortfallOf(
  user: { emailVerifiedAt: Date | null; totpEnabledAt: Date | null } | null,
): { code: ClientSecurityCode; reason: MessageRef } | null {
  if (!user?.emailVerifiedAt) return { code: "EMAIL_NOT_VERIFIED", reason: msg("errors.clientSecurity.emailNotVerified") };
  if (!user.totpEnabledAt) return { code: "SECOND_FACTOR_REQUIRED", reason: msg("errors.clientSecurity.secondFactorRequired") };
  return null;
}
