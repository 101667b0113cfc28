import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { disclosureAcknowledged, latestAcknowledgement } from "@/lib/services/suitability/acknowledgements";
import { RISK_DISCLOSURE_VERSIONS, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { CLIENT_SECURITY_FIELDS, securityShortfallOf, type ClientSecurityCode } from "@/lib/services/users/client-security-status";

/** PI-8: reminders before expiry, most distant first. */
export const EXPIRY_REMINDER_DAYS = [60, 30, 7] as const;

/**
 * What a client may do on the perps venue (PI-1, PI-7, PI-8, DISC-8, SUIT-5). The one rule; the order
 * gate, account opening and the venue-access reconciliation (lib/services/trading) call it, the pages
 * only show its answer (getPerpsEntitlement). Suitability decides; trading acts on the venue, so nothing
 * here imports trading.
 * - `active`: verified, unexpired, not withdrawn or revoked, current disclosure acknowledged: any order
 *   within the exposure cap;
 * - `reduce_only`: orders that reduce a position only, and the engine account is put in reduce-only
 *   (its resting opening orders cancelled) — because the client withdrew consent to professional-investor
 *   treatment (PI-7), an officer revoked the status (PI-7), the status expired (PI-8), or a new
 *   disclosure version is in effect and not yet acknowledged (DISC-8: the client can still close);
 * - `none`: never approved: nothing.
 * A withdrawal or revocation counts against the access granted before it: a later approval (a newer
 * verifiedAt) restores access.
 */
export type ReduceOnlyCode = "PI_STATUS_WITHDRAWN" | "PI_STATUS_REVOKED" | "PI_STATUS_EXPIRED" | "DISCLOSURE_NOT_ACKNOWLEDGED";

export type PerpsEntitlement =
  | { status: "active"; expiresAt: Date; maxInitialMarginMicroUsd: bigint }
  | { status: "reduce_only"; code: ReduceOnlyCode; reason: MessageRef; expiresAt: Date; maxInitialMarginMicroUsd: bigint }
  | { status: "none"; code: "NOT_APPROVED_PI" | ClientSecurityCode; reason: MessageRef };

const CASE_FIELDS = { status: true, verifiedAt: true, expiresAt: true, maxInitialMarginMicroUsd: true, withdrawnAt: true, revokedAt: true } as const;

/** Everything the entitlement rule reads about one client, loaded once (singly or for many clients). */
export interface EntitlementFacts {
  onboardingCase: {
    status: string;
    verifiedAt: Date | null;
    expiresAt: Date | null;
    maxInitialMarginMicroUsd: bigint | null;
    withdrawnAt: Date | null;
    revokedAt: Date | null;
  } | null;
  user: { emailVerifiedAt: Date | null; totpEnabledAt: Date | null } | null;
  /** The version id of the client's latest risk-disclosure acknowledgement. */
  latestAcknowledgedVersionId: string | null;
}

/** A client's entitlement, not authorized on its own: for services acting for that client, and getPerpsEntitlement. */
export async function perpsEntitlement(ctx: Pick<ServiceContext, "db" | "now">, userId: string): Promise<PerpsEntitlement> {
  const [onboardingCase, user, latest] = await Promise.all([
    ctx.db.onboardingCase.findUnique({ where: { userId }, select: CASE_FIELDS }),
    ctx.db.user.findUnique({ where: { id: userId }, select: CLIENT_SECURITY_FIELDS }),
    latestAcknowledgement(ctx.db, userId),
  ]);
  return entitlementFrom({ onboardingCase, user, latestAcknowledgedVersionId: latest?.versionId ?? null }, ctx.now());
}

/**
 * The entitlements of many clients in three queries (the venue-access reconciliation checks every
 * trading account every few seconds); the same rule as perpsEntitlement.
 */
export async function perpsEntitlements(ctx: Pick<ServiceContext, "db" | "now">, userIds: string[]): Promise<Map<string, PerpsEntitlement>> {
  const [cases, users, acknowledgements] = await Promise.all([
    ctx.db.onboardingCase.findMany({ where: { userId: { in: userIds } }, select: { userId: true, ...CASE_FIELDS } }),
    ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, ...CLIENT_SECURITY_FIELDS } }),
    ctx.db.riskDisclosureAcknowledgement.findMany({
      where: { userId: { in: userIds } },
      orderBy: [{ userId: "asc" }, { acknowledgedAt: "desc" }, { id: "desc" }],
      distinct: ["userId"],
      select: { userId: true, versionId: true },
    }),
  ]);
  const caseOf = new Map(cases.map((row) => [row.userId, row]));
  const userOf = new Map(users.map((row) => [row.id, row]));
  const ackOf = new Map(acknowledgements.map((row) => [row.userId, row.versionId]));
  const now = ctx.now();
  return new Map(
    userIds.map((userId) => [
      userId,
      entitlementFrom(
        { onboardingCase: caseOf.get(userId) ?? null, user: userOf.get(userId) ?? null, latestAcknowledgedVersionId: ackOf.get(userId) ?? null },
        now,
      ),
    ]),
  );
}

/** The rule itself, on loaded facts. */
export function entitlementFrom(facts: EntitlementFacts, now: Date, versions: readonly RiskDisclosureVersion[] = RISK_DISCLOSURE_VERSIONS): PerpsEntitlement {
  const row = facts.onboardingCase;
  if (!row?.verifiedAt || !row.expiresAt || row.maxInitialMarginMicroUsd === null)
    return {
      status: "none",
      code: "NOT_APPROVED_PI",
      reason: msg("errors.trading.access.notApproved"),
    };
  // SEC-1: no access without a verified e-mail address and a second factor.
  const shortfall = securityShortfallOf(facts.user);
  if (shortfall) return { status: "none", ...shortfall };
  const base = { expiresAt: row.expiresAt, maxInitialMarginMicroUsd: row.maxInitialMarginMicroUsd };
  const day = (at: Date) => at.toISOString().slice(0, 10);
  if (endsAccess(row.revokedAt, row.verifiedAt))
    return { ...base, status: "reduce_only", code: "PI_STATUS_REVOKED", reason: msg("errors.piStatus.statusRevoked", { date: day(row.revokedAt) }) };
  if (endsAccess(row.withdrawnAt, row.verifiedAt))
    return {
      ...base,
      status: "reduce_only",
      code: "PI_STATUS_WITHDRAWN",
      reason: msg("errors.piStatus.consentWithdrawn", { date: day(row.withdrawnAt) }),
    };
  if (now.getTime() >= row.expiresAt.getTime())
    return {
      ...base,
      status: "reduce_only",
      code: "PI_STATUS_EXPIRED",
      reason: msg(row.status === "REJECTED" ? "errors.trading.access.statusWithdrawn" : "errors.trading.access.statusExpired", {
        date: row.expiresAt.toISOString().slice(0, 10),
      }),
    };
  if (!disclosureAcknowledged(versions, facts.latestAcknowledgedVersionId, now))
    return {
      ...base,
      status: "reduce_only",
      code: "DISCLOSURE_NOT_ACKNOWLEDGED",
      reason: msg("errors.trading.access.acknowledgeDisclosure"),
    };
  return { ...base, status: "active" };
}

/** A withdrawal or revocation at `at` ends the access granted at `verifiedAt` when it came at or after it. */
function endsAccess(at: Date | null, verifiedAt: Date): at is Date {
  return at !== null && at.getTime() >= verifiedAt.getTime();
}

export class PerpsAccessRefused extends ServiceError {
  constructor(message: MessageRef, code: string) {
    super(message, 403, code);
  }
}
