import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { detectMediaType, safeDocumentName } from "@/lib/uploads/file-type";
import { isUuid, readRequest } from "./internal";
import { ComplaintAttachmentInput, type ComplaintAttachmentRequest } from "./schemas";

/**
 * One attachment for download, for staff who may read the complaint (the complaint page's own
 * permission). Anyone else is refused; an unknown file, one of another complaint, or one the retention
 * purge emptied, is "not found".
 * Its type is recognised from the bytes again and its name made safe here, whatever was stored. Each
 * download is a logged read of client data and an audit entry.
 */
export async function getComplaintAttachment({ ctx, input }: { ctx: ServiceContext; input: ComplaintAttachmentRequest }) {
  const actor = authorize(ctx, "compliance.view");
  const { id, attachmentId } = readRequest(ComplaintAttachmentInput, input);
  const row =
    isUuid(id) && isUuid(attachmentId)
      ? await ctx.db.complaintAttachment.findFirst({
          where: { id: attachmentId, complaintId: id },
          include: { complaint: { select: { reference: true, userId: true, erasedAt: true } } },
        })
      : null;
  // An erased file (REC-7) has no content left to give.
  if (!row || row.complaint.erasedAt) throw new NotFound(msg("errors.complaints.noSuchAttachment"));
  const content = new Uint8Array(row.content);
  const mediaType = detectMediaType(content) ?? "application/octet-stream";
  const fileName = safeDocumentName(row.fileName, mediaType);
  await withTransaction(ctx, async (tx) => {
    await recordClientDataAccess(
      tx,
      actor,
      {
        resource: "complaint_attachment",
        subjectUserId: row.complaint.userId,
        subjectRef: `${row.complaint.reference}/${row.id}`,
        purpose: "complaint handling",
      },
      ctx.now(),
    );
    await recordAudit(tx, ctx, {
      action: "complaint.attachment_download",
      entity: "ComplaintAttachment",
      entityId: row.id,
      after: { complaintId: row.complaintId, reference: row.complaint.reference, fileName, sha256: row.sha256 },
    });
  });
  return { id: row.id, fileName, mediaType, sizeBytes: content.byteLength, sha256: row.sha256, content };
}
