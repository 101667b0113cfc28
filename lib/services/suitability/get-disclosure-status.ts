import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { acknowledgementCovers, RISK_DISCLOSURE_VERSIONS, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { disclosureInEffect, latestAcknowledgement, type AcknowledgementRecord } from "@/lib/services/suitability/acknowledgements";
import type { GetDisclosureStatusInput } from "@/lib/services/suitability/schemas";

export interface DisclosureStatus {
  current: { version: RiskDisclosureVersion; contentHash: string };
  /** The client's latest acknowledgement of any version, if any. */
  latest: AcknowledgementRecord | null;
  /** Whether the latest acknowledgement covers the current version (the same one, or only non-material changes since). */
  acknowledged: boolean;
}

/** The signed-in client's view: the current version, its hash, and whether (and when) they acknowledged it. */
export async function getDisclosureStatus({ ctx, input = {} }: { ctx: ServiceContext; input?: GetDisclosureStatusInput }): Promise<DisclosureStatus> {
  const actor = authorize(ctx, "portal.view");
  const versions = input.versions ?? RISK_DISCLOSURE_VERSIONS;
  const current = disclosureInEffect(versions, ctx.now());
  const latest = await latestAcknowledgement(ctx.db, actor.userId);
  return { current, latest, acknowledged: latest !== null && acknowledgementCovers(versions, latest.versionId, current.version) };
}
