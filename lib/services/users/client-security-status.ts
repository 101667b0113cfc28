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
  const user = await ctx.db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true, totpEnabledAt: true } });
  if (!user?.emailVerifiedAt) return { code: "EMAIL_NOT_VERIFIED", reason: msg("errors.clientSecurity.emailNotVerified") };
  if (!user.totpEnabledAt) return { code: "SECOND_FACTOR_REQUIRED", reason: msg("errors.clientSecurity.secondFactorRequired") };
  return null;
}
