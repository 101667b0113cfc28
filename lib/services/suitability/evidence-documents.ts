import "server-only";
import { createHash } from "node:crypto";
import { authorize, type ServiceContext, type Tx } from "@/lib/services/context";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, NotFound } from "@/lib/services/errors";

/** Largest evidence file accepted (PI-5 uploads): a scanned statement fits comfortably. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** A client cannot fill the database with uploads: well above any real onboarding. */
export const MAX_EVIDENCE_DOCUMENTS_PER_CLIENT = 100;

/**
 * The accepted formats, recognised by their first bytes: the browser's declared type and the file
 * name are the client's claim, the signature is what the file is.
 */
const SIGNATURES: { mediaType: string; label: string; magic: number[] }[] = [
  { mediaType: "application/pdf", label: "PDF", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: "image/png", label: "PNG", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: "image/jpeg", label: "JPEG", magic: [0xff, 0xd8, 0xff] },
];

export interface EvidenceDocumentMeta {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export function detectMediaType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b))?.mediaType ?? null;
}

/** Validate an uploaded file without storing it: a specific message for each way it can be unacceptable. */
export async function readEvidenceFile(file: unknown, field = "document"): Promise<{ fileName: string; bytes: Uint8Array; mediaType: string }> {
  const fail = (message: string) => {
    throw new Invalid(message, { [field]: [message] });
  };
  if (!(file instanceof Blob) || file.size === 0) fail("Attach the document (PDF, PNG or JPEG) that shows this evidence.");
  const blob = file as Blob;
  const fileName = (blob instanceof File ? blob.name : "document").slice(0, 200) || "document";
  if (blob.size > MAX_EVIDENCE_BYTES)
    fail(`"${fileName}" is ${(blob.size / 1024 / 1024).toFixed(1)} MB; the largest file accepted is ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB. Nothing was saved.`);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const mediaType = detectMediaType(bytes);
  if (!mediaType) fail(`"${fileName}" is not a PDF, PNG or JPEG file (its content does not start like one). Nothing was saved.`);
  return { fileName, bytes, mediaType: mediaType! };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Store a validated file with its SHA-256, audited in the caller's transaction. Never updated afterwards. */
export async function storeEvidenceDocument(tx: Tx, ctx: ServiceContext, userId: string, file: { fileName: string; bytes: Uint8Array; mediaType: string }): Promise<EvidenceDocumentMeta> {
  const count = await tx.evidenceDocument.count({ where: { userId } });
  if (count >= MAX_EVIDENCE_DOCUMENTS_PER_CLIENT) throw new Invalid(`You have uploaded ${count} documents, the most one client can. Nothing was saved.`);
  const sha256 = sha256Hex(file.bytes);
  const row = await tx.evidenceDocument.create({
    data: { userId, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.bytes.byteLength, sha256, content: Buffer.from(file.bytes), uploadedAt: ctx.now() },
    select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true },
  });
  await recordAudit(tx, ctx, { action: "onboarding.document_upload", entity: "EvidenceDocument", entityId: row.id, after: { userId, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256 } });
  return row;
}

/**
 * An evidence file for download: the client's own, or any client's for staff who may read client
 * records (the compliance review). Anyone else gets "not found", never a hint that it exists.
 */
export async function getEvidenceDocument(ctx: ServiceContext, id: string): Promise<EvidenceDocumentMeta & { content: Uint8Array }> {
  const actor = ctx.actor;
  const staff = actor !== null && can(actor.roles, "clients.read");
  const viewer = staff ? authorize(ctx, "clients.read") : authorize(ctx, "portal.view");
  const row = /^[0-9a-f-]{36}$/.test(id) ? await ctx.db.evidenceDocument.findUnique({ where: { id } }) : null;
  if (!row || (!staff && row.userId !== viewer.userId)) throw new NotFound("No such document.");
  return { id: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256: row.sha256, uploadedAt: row.uploadedAt, content: new Uint8Array(row.content) };
}
