import "server-only";
import type { Db, Tx } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { acknowledgementCovers, currentVersion, RISK_DISCLOSURE_VERSIONS, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";

// Risk-disclosure acknowledgements as stored, and the acknowledgement gate's one rule (DISC-8).

export interface AcknowledgementRecord {
  versionId: string;
  contentHash: string;
  channel: string;
  acknowledgedAt: Date;
}

const RECORD = { versionId: true, contentHash: true, channel: true, acknowledgedAt: true } as const;

class NoDisclosureInEffect extends ServiceError {
  constructor() {
    super(msg("errors.disclosures.noneInEffect"), 409, "NO_DISCLOSURE_IN_EFFECT");
  }
}

/** The version in effect at `now` with the hash of its exact text; refused when none is in effect yet. */
export function disclosureInEffect(versions: readonly RiskDisclosureVersion[], now: Date): { version: RiskDisclosureVersion; contentHash: string } {
  const version = currentVersion(versions, now);
  if (!version) throw new NoDisclosureInEffect();
  return { version, contentHash: contentHash(version) };
}

/** The client's latest acknowledgement of any version. */
export function latestAcknowledgement(db: Db | Tx, userId: string): Promise<AcknowledgementRecord | null> {
  return db.riskDisclosureAcknowledgement.findFirst({ where: { userId }, orderBy: [{ acknowledgedAt: "desc" }, { id: "desc" }], select: RECORD });
}

/** The client's acknowledgement of one version. */
export function findAcknowledgement(db: Db | Tx, userId: string, versionId: string): Promise<AcknowledgementRecord | null> {
  return db.riskDisclosureAcknowledgement.findUnique({ where: { userId_versionId: { userId, versionId } }, select: RECORD });
}

/**
 * The acknowledgement gate's one rule (DISC-8): has this user acknowledged the risk disclosure now in
 * effect, or an earlier version with no material change since? Not authorized on its own: its callers
 * are the perps entitlement (entitlement.ts), which the order and account-opening services consult, and
 * the draft's readiness check.
 */
export async function currentDisclosureAcknowledged(
  { db, now }: { db: Db | Tx; now: () => Date },
  userId: string,
  versions: readonly RiskDisclosureVersion[] = RISK_DISCLOSURE_VERSIONS,
): Promise<boolean> {
  const at = now();
  const latest = currentVersion(versions, at) ? await latestAcknowledgement(db, userId) : null;
  return disclosureAcknowledged(versions, latest?.versionId ?? null, at);
}

/** The rule on a loaded acknowledgement: the version in effect at `now`, or an earlier one with no material change since. */
export function disclosureAcknowledged(versions: readonly RiskDisclosureVersion[], latestVersionId: string | null, now: Date): boolean {
  const version = currentVersion(versions, now);
  if (!version) return true; // nothing published yet: nothing to acknowledge
  return latestVersionId !== null && acknowledgementCovers(versions, latestVersionId, version);
}
