import "server-only";
import { can } from "@/lib/auth/permissions";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { detectMediaType } from "@/lib/suitability/evidence-file";
import { evidenceDocumentMeta, type EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";
import type { GetEvidenceDocumentInput } from "@/lib/services/suitability/schemas";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

/**
 * An evidence file for download: the client's own, or any client's for staff who may read client
 * records (the compliance review). Anyone else gets "not found", never a hint that it exists. Its type
 * is recognised from the bytes again and its name made safe here, whatever was stored.
 */
export async function getEvidenceDocument({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: GetEvidenceDocumentInput;
}): Promise<EvidenceDocumentMeta & { content: Uint8Array }> {
  const staff = ctx.actor !== null && can(ctx.actor.roles, "clients.read");
  const viewer = staff ? authorize(ctx, "clients.read") : authorize(ctx, "portal.view");
  const { documentId } = input;
  const row = /^[0-9a-f-]{36}$/.test(documentId) ? await ctx.db.evidenceDocument.findUnique({ where: { id: documentId } }) : null;
  if (!row || (!staff && row.userId !== viewer.userId)) throw new NotFound(msg("errors.onboarding.noSuchDocument"));
  if (staff)
    await recordClientDataAccess(
      ctx.db,
      viewer,
      { resource: "evidence_document", subjectUserId: row.userId, subjectRef: row.id, purpose: "suitability evidence review" },
      ctx.now(),
    );
  const content = new Uint8Array(row.content);
  const mediaType = detectMediaType(content) ?? "application/octet-stream";
  return { ...evidenceDocumentMeta({ ...row, mediaType }), content };
}
