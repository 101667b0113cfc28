import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { disclosureInEffect, findAcknowledgement, type AcknowledgementRecord } from "@/lib/services/suitability/acknowledgements";
import { AcknowledgeDisclosureInput } from "@/lib/services/suitability/schemas";
import { reconcileVenueAccess } from "@/lib/services/trading/sync-venue-access";

/**
 * Record that the signed-in client acknowledged the version they were shown. Only the version in
 * effect can be acknowledged, and only with the hash of its exact text: a page opened before a new
 * version took effect, or a text that differs from the record, is refused rather than recorded as if
 * the client had read the current one. Acknowledging the same version again returns the first record.
 */
export async function acknowledgeDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AcknowledgeDisclosureInput;
}): Promise<{ record: AcknowledgementRecord; created: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { versionId, contentHash: shownHash } = AcknowledgeDisclosureInput.parse(input);
  const { channel = "web", userAgent = null, ipAddress = null } = input;
  const versions = input.versions ?? RISK_DISCLOSURE_VERSIONS;
  const { version, contentHash: hash } = disclosureInEffect(versions, ctx.now());
  if (versionId !== version.id) {
    const known = versions.some((v) => v.id === versionId);
    throw new Conflict(msg(known ? "errors.disclosures.versionSuperseded" : "errors.disclosures.unknownVersion", { shown: versionId, current: version.id }));
  }
  if (shownHash !== hash) {
    throw new Conflict(msg("errors.disclosures.textChanged", { shownHash: shownHash.slice(0, 12), version: version.id, hash: hash.slice(0, 12) }));
  }
  const existing = await findAcknowledgement(ctx.db, actor.userId, version.id);
  if (existing) return { record: existing, created: false };
  try {
    const record = await withTransaction(ctx, async (tx) => {
      const row = await tx.riskDisclosureAcknowledgement.create({
        data: {
          userId: actor.userId,
          versionId: version.id,
          contentHash: hash,
          channel,
          acknowledgedAt: ctx.now(),
          userAgent: userAgent?.slice(0, 500) ?? null,
          ipAddress: ipAddress?.slice(0, 100) ?? null,
        },
        select: { id: true, versionId: true, contentHash: true, channel: true, acknowledgedAt: true },
      });
      await recordAudit(tx, ctx, {
        action: "disclosure.acknowledged",
        entity: "RiskDisclosureAcknowledgement",
        entityId: row.id,
        after: {
          userId: actor.userId,
          versionId: row.versionId,
          contentHash: row.contentHash,
          channel: row.channel,
          acknowledgedAt: row.acknowledgedAt.toISOString(),
        },
      });
      return row;
    });
    // DISC-8: acknowledging the version in effect lifts the reduce-only it caused, at once.
    await reconcileVenueAccess(ctx, actor.userId);
    return {
      record: { versionId: record.versionId, contentHash: record.contentHash, channel: record.channel, acknowledgedAt: record.acknowledgedAt },
      created: true,
    };
  } catch (error) {
    // A concurrent submission of the same acknowledgement won: it is the record.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findAcknowledgement(ctx.db, actor.userId, version.id);
      if (winner) return { record: winner, created: false };
    }
    throw error;
  }
}
