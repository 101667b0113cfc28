import "server-only";
import { z } from "zod";
import { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, ServiceError } from "@/lib/services/errors";
import { acknowledgementCovers, currentVersion, RISK_DISCLOSURE_VERSIONS, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";

/** The channels a disclosure can be acknowledged on (REC-6); only the portal page exists so far. */
export type DisclosureChannel = "web";

export const AcknowledgeDisclosureInput = z.object({
  versionId: z.string().trim().min(1, "The form did not say which version you were shown; reload the page and acknowledge again.").max(100),
  contentHash: z.string().trim().regex(/^[0-9a-f]{64}$/, "The form did not carry the text's hash; reload the page and acknowledge again."),
  // A checkbox posts "on" only when ticked; anything else means it was not.
  confirmed: z.literal("on", { error: 'Tick "I have read and understood" to acknowledge the risk disclosure.' }),
});
export type AcknowledgeDisclosureInput = z.input<typeof AcknowledgeDisclosureInput>;

export interface AcknowledgementRecord {
  versionId: string;
  contentHash: string;
  channel: string;
  acknowledgedAt: Date;
}

export interface DisclosureStatus {
  current: { version: RiskDisclosureVersion; contentHash: string };
  /** The client's latest acknowledgement of any version, if any. */
  latest: AcknowledgementRecord | null;
  /** Whether the latest acknowledgement covers the current version (the same one, or only non-material changes since). */
  acknowledged: boolean;
}

export interface DisclosureOptions {
  /** The published versions, oldest first; tests pass their own to add a later version. */
  versions?: readonly RiskDisclosureVersion[];
}

class NoDisclosureInEffect extends ServiceError {
  constructor() {
    super("No risk disclosure is in effect yet, so there is nothing to acknowledge.", 409, "NO_DISCLOSURE_IN_EFFECT");
  }
}

function current(versions: readonly RiskDisclosureVersion[], now: Date): DisclosureStatus["current"] {
  const version = currentVersion(versions, now);
  if (!version) throw new NoDisclosureInEffect();
  return { version, contentHash: contentHash(version) };
}

async function latestAcknowledgement(db: Db, userId: string): Promise<AcknowledgementRecord | null> {
  return db.riskDisclosureAcknowledgement.findFirst({
    where: { userId },
    orderBy: [{ acknowledgedAt: "desc" }, { id: "desc" }],
    select: { versionId: true, contentHash: true, channel: true, acknowledgedAt: true },
  });
}

/**
 * The acknowledgement gate's one rule (DISC-8): has this user acknowledged the risk disclosure now in
 * effect, or an earlier version with no material change since? Not authorized on its own: its caller
 * is the perps entitlement (entitlement.ts), which the order and account-opening services consult.
 */
export async function currentDisclosureAcknowledged(userId: string, { db, now }: Pick<ServiceContext, "db" | "now">, options: DisclosureOptions = {}): Promise<boolean> {
  const versions = options.versions ?? RISK_DISCLOSURE_VERSIONS;
  const version = currentVersion(versions, now());
  if (!version) return true; // nothing published yet: nothing to acknowledge
  const latest = await latestAcknowledgement(db, userId);
  return latest !== null && acknowledgementCovers(versions, latest.versionId, version);
}

/** The signed-in client's view: the current version, its hash, and whether (and when) they acknowledged it. */
export async function disclosureStatus(ctx: ServiceContext, options: DisclosureOptions = {}): Promise<DisclosureStatus> {
  const actor = authorize(ctx, "portal.view");
  const versions = options.versions ?? RISK_DISCLOSURE_VERSIONS;
  const now = current(versions, ctx.now());
  const latest = await latestAcknowledgement(ctx.db, actor.userId);
  return { current: now, latest, acknowledged: latest !== null && acknowledgementCovers(versions, latest.versionId, now.version) };
}

/**
 * Record that the signed-in client acknowledged the version they were shown. Only the version in
 * effect can be acknowledged, and only with the hash of its exact text: a page opened before a new
 * version took effect, or a text that differs from the record, is refused rather than recorded as if
 * the client had read the current one. Acknowledging the same version again returns the first record.
 */
export async function acknowledgeDisclosure(
  { ctx, input, channel = "web", userAgent = null, ipAddress = null }: { ctx: ServiceContext; input: AcknowledgeDisclosureInput; channel?: DisclosureChannel; userAgent?: string | null; ipAddress?: string | null },
  options: DisclosureOptions = {},
): Promise<{ record: AcknowledgementRecord; created: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { versionId, contentHash: shownHash } = AcknowledgeDisclosureInput.parse(input);
  const versions = options.versions ?? RISK_DISCLOSURE_VERSIONS;
  const { version, contentHash: hash } = current(versions, ctx.now());
  if (versionId !== version.id) {
    const known = versions.some((v) => v.id === versionId);
    throw new Conflict(
      known
        ? `You were shown version ${versionId}, but version ${version.id} is now in effect. Nothing was recorded: read the current version below and acknowledge it.`
        : `There is no risk disclosure version ${versionId}. Nothing was recorded: read the current version (${version.id}) below and acknowledge it.`,
    );
  }
  if (shownHash !== hash) {
    throw new Conflict(
      `The text you were shown (hash ${shownHash.slice(0, 12)}…) is not the exact text of version ${version.id} (hash ${hash.slice(0, 12)}…). Nothing was recorded: reload the page, read it and acknowledge again.`,
    );
  }
  const existing = await findAck(ctx.db, actor.userId, version.id);
  if (existing) return { record: existing, created: false };
  try {
    const record = await withTransaction(ctx, async (tx) => {
      const row = await tx.riskDisclosureAcknowledgement.create({
        data: { userId: actor.userId, versionId: version.id, contentHash: hash, channel, acknowledgedAt: ctx.now(), userAgent: userAgent?.slice(0, 500) ?? null, ipAddress: ipAddress?.slice(0, 100) ?? null },
        select: { id: true, versionId: true, contentHash: true, channel: true, acknowledgedAt: true },
      });
      await recordAudit(tx, ctx, {
        action: "disclosure.acknowledged",
        entity: "RiskDisclosureAcknowledgement",
        entityId: row.id,
        after: { userId: actor.userId, versionId: row.versionId, contentHash: row.contentHash, channel: row.channel, acknowledgedAt: row.acknowledgedAt.toISOString() },
      });
      return row;
    });
    return { record: { versionId: record.versionId, contentHash: record.contentHash, channel: record.channel, acknowledgedAt: record.acknowledgedAt }, created: true };
  } catch (error) {
    // A concurrent submission of the same acknowledgement won: it is the record.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findAck(ctx.db, actor.userId, version.id);
      if (winner) return { record: winner, created: false };
    }
    throw error;
  }
}

function findAck(db: Db, userId: string, versionId: string): Promise<AcknowledgementRecord | null> {
  return db.riskDisclosureAcknowledgement.findUnique({
    where: { userId_versionId: { userId, versionId } },
    select: { versionId: true, contentHash: true, channel: true, acknowledgedAt: true },
  });
}
