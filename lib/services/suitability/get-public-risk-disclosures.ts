import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { disclosureInEffect } from "@/lib/services/suitability/acknowledgements";
import { currentVersion, RISK_DISCLOSURE_VERSIONS, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";

export type PublishedDisclosureStatus = "current" | "superseded" | "scheduled";

export interface PublishedDisclosure {
  version: RiskDisclosureVersion;
  /** SHA-256 of the exact text, as a client's acknowledgement records it. */
  contentHash: string;
  status: PublishedDisclosureStatus;
}

export interface PublicRiskDisclosures {
  /** The version in effect now, chosen by the rule the acknowledgement gate applies; null before the first one. */
  current: PublishedDisclosure | null;
  /** Every version, newest first. */
  history: PublishedDisclosure[];
}

/**
 * The public risk disclosure (DISC-8): the version in effect and every version before and after it,
 * each with the hash a client's acknowledgement of it records, so anyone can read exactly what a
 * client acknowledged and check it against the record. Public: no sign-in.
 */
export async function getPublicRiskDisclosures({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<PublicRiskDisclosures> {
  authorizePublic(ctx);
  const versions = RISK_DISCLOSURE_VERSIONS;
  const now = ctx.now();
  const inEffect = currentVersion(versions, now) ? disclosureInEffect(versions, now) : null;
  const history = versions
    .map((version): PublishedDisclosure => {
      const status: PublishedDisclosureStatus =
        version.id === inEffect?.version.id ? "current" : Date.parse(version.effectiveFrom) > now.getTime() ? "scheduled" : "superseded";
      return { version, contentHash: version.id === inEffect?.version.id ? inEffect.contentHash : contentHash(version), status };
    })
    .reverse();
  return { current: history.find((entry) => entry.status === "current") ?? null, history };
}
