import "server-only";
import { createHash } from "node:crypto";
import { COMPLAINT_ATTACHMENT_MAX_BYTES, COMPLAINT_ATTACHMENTS_MAX } from "@/lib/complaints/policy";
import { msg, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";
import { formatFileSize } from "@/lib/request-limits.mjs";
import type { Tx } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { detectMediaType, quotedFileName, safeDocumentName } from "@/lib/uploads/file-type";

/**
 * CMP-1, EDU-2: the files a complaint or an enquiry is sent with. Each is checked before anything is
 * written (how many, empty, too large, and what it is by its first bytes, not its name or declared
 * type), so a refused form records nothing; the accepted ones are stored with their SHA-256 in the
 * complaint's own transaction. Staff download them through getComplaintAttachment, each download logged.
 */

/** The form field the files are posted in, and the field a refusal is reported against. */
export const ATTACHMENTS_FIELD = "attachments";

export interface CheckedAttachment {
  /** The name it is stored and downloaded under (safeDocumentName). */
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
}

function refuse(key: MessageKey, values?: MessageValues): never {
  const message = msg(key, values);
  throw new Invalid(message, { [ATTACHMENTS_FIELD]: [message] });
}

/**
 * A file input with nothing chosen still posts one part: no name and no bytes. That is "no file";
 * a named file of no bytes is an empty file, refused.
 */
function nothingChosen(value: unknown): boolean {
  return value === "" || (value instanceof Blob && value.size === 0 && !(value instanceof File && value.name !== ""));
}

/** The posted files, each checked; the first problem refuses the whole form with its own message. Nothing is written here. */
export async function checkAttachments(posted: readonly unknown[] | undefined): Promise<CheckedAttachment[]> {
  const files = (posted ?? []).filter((value) => !nothingChosen(value));
  // Counted before any file is read.
  if (files.length > COMPLAINT_ATTACHMENTS_MAX) refuse("errors.complaints.attachments.tooMany", { count: files.length, max: COMPLAINT_ATTACHMENTS_MAX });
  const checked: CheckedAttachment[] = [];
  for (const file of files) {
    if (!(file instanceof Blob)) refuse("errors.complaints.badRequest");
    const clientName = file instanceof File ? file.name : "";
    // An unnamed file is "A file" in the message; a named one is its name in quotes.
    const named = { name: clientName ? quotedFileName(clientName) : "", named: clientName ? "yes" : "no" };
    if (file.size === 0) refuse("errors.complaints.attachments.empty", named);
    if (file.size > COMPLAINT_ATTACHMENT_MAX_BYTES)
      refuse("errors.complaints.attachments.tooLarge", { ...named, size: formatFileSize(file.size), max: formatFileSize(COMPLAINT_ATTACHMENT_MAX_BYTES) });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mediaType = detectMediaType(bytes);
    // Only the signature is checked, not that the whole file parses: whatever follows it stays inert,
    // because attachments are only ever served as downloads under the sniffed extension, with nosniff
    // and a sandboxing policy (lib/transport/uploaded-content.ts).
    if (!mediaType) refuse("errors.complaints.attachments.notPdfOrImage", named);
    checked.push({ fileName: safeDocumentName(clientName, mediaType), mediaType, bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return checked;
}

/** Store the checked files of a complaint being received, in its transaction. Never changed afterwards (the database refuses). */
export async function storeAttachments(tx: Tx, complaintId: string, files: readonly CheckedAttachment[], at: Date): Promise<void> {
  if (files.length === 0) return;
  await tx.complaintAttachment.createMany({
    data: files.map((file) => ({
      complaintId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.bytes.byteLength,
      sha256: file.sha256,
      content: Buffer.from(file.bytes),
      uploadedAt: at,
    })),
  });
}

/** What the log and the staff page say of the files: names and hashes, never the bytes. */
export function attachmentSummary(files: readonly { fileName: string; sha256: string }[]): { fileName: string; sha256: string }[] {
  return files.map((file) => ({ fileName: file.fileName, sha256: file.sha256 }));
}
