import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import type { CorporatePiNoticeVersion } from "@/lib/suitability/corporate-pi-notice";
import { ConsentCpiNoticeInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { noticeInEffect, requireCorporateApplicant } from "@/lib/services/suitability/corporate-pi";
import { parseForm } from "@/lib/services/suitability/internal";

export interface CpiConsentRecord {
  id: string;
  versionId: string;
  contentHash: string;
  channel: string;
  consentedAt: Date;
}

const RECORD = { id: true, versionId: true, contentHash: true, channel: true, consentedAt: true } as const;

function findConsent(db: Db, userId: string, versionId: string): Promise<CpiConsentRecord | null> {
  return db.corporatePiConsent.findUnique({ where: { userId_versionId: { userId, versionId } }, select: RECORD });
}

/**
 * Code 15.3B (PI-7): the corporate client's written (online) consent to being treated as a corporate
 * professional investor, recorded with the notice version and the hash of its exact text. Only the
 * version in effect, with the hash of its text, is accepted; consenting again returns the first record.
 */
export async function consentCpiNotice({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ConsentCpiNoticeInput & { versions?: readonly CorporatePiNoticeVersion[] };
}): Promise<{ record: CpiConsentRecord; created: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { versionId, contentHash: shownHash } = parseForm(ConsentCpiNoticeInput, input);
  const { channel = "web", userAgent = null, ipAddress = null } = input;
  await requireCorporateApplicant(ctx.db, actor.userId);
  const current = noticeInEffect(ctx.now(), input.versions);
  if (!current) throw new Conflict(msg("errors.corporatePi.noNoticeInEffect"));
  if (versionId !== current.version.id) throw new Conflict(msg("errors.corporatePi.noticeSuperseded", { shown: versionId, current: current.version.id }));
  if (shownHash !== current.contentHash) throw new Conflict(msg("errors.corporatePi.noticeTextChanged", { version: current.version.id }));
  const existing = await findConsent(ctx.db, actor.userId, versionId);
  if (existing) return { record: existing, created: false };
  try {
    const record = await withTransaction(ctx, async (tx) => {
      const row = await tx.corporatePiConsent.create({
        data: {
          userId: actor.userId,
          versionId,
          contentHash: current.contentHash,
          channel: channel.slice(0, 20),
          consentedAt: ctx.now(),
          userAgent: userAgent?.slice(0, 500) ?? null,
          ipAddress: ipAddress?.slice(0, 100) ?? null,
        },
        select: RECORD,
      });
      await recordAudit(tx, ctx, {
        action: "corporate_pi.consent",
        entity: "CorporatePiConsent",
        entityId: row.id,
        after: { userId: actor.userId, versionId, contentHash: row.contentHash, channel: row.channel, consentedAt: row.consentedAt.toISOString() },
      });
      return row;
    });
    return { record, created: true };
  } catch (error) {
    // A concurrent submission of the same consent won: it is the record.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findConsent(ctx.db, actor.userId, versionId);
      if (winner) return { record: winner, created: false };
    }
    throw error;
  }
}
