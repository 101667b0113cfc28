import "server-only";
import { createHash } from "node:crypto";
import type { Db, ServiceContext, Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid } from "@/lib/services/errors";
import { msg, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";
import { draftDocumentIds, normaliseDraft, type OnboardingDraft } from "@/lib/suitability/draft";
import { detectMediaType, formatFileSize, MAX_EVIDENCE_BYTES, safeDocumentName } from "@/lib/suitability/evidence-file";
import { quotedFileName } from "@/lib/uploads/file-type";

/**
 * What one client may hold in documents that no submission keeps yet (the draft's, and any not yet
 * removed). A real application has one document per evidence line and per knowledge record: a few
 * account statements, perhaps a total-assets certificate, a handful of trade confirmations or course
 * certificates, i.e. 5 to 20 files of 0.1 to 5 MB. 40 documents and 50 MB leave room for that twice
 * over, while a self-registered account cannot turn the database into free file storage. Documents in a
 * submission do not count: they are kept for the record (REC-1), and each new submission waits for a
 * compliance officer's decision, so they cannot grow without one.
 */
export const EVIDENCE_QUOTA_BYTES = 50 * 1024 * 1024;
export const EVIDENCE_QUOTA_DOCUMENTS = 40;

/** How long a document no draft line refers to is kept before the sweep deletes it. */
export const ORPHANED_EVIDENCE_GRACE_MS = 24 * 3_600_000;

export interface EvidenceDocumentMeta {
  id: string;
  /** The name it is stored and downloaded under (safeDocumentName). */
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export interface EvidenceUsage {
  documents: number;
  bytes: number;
  maxDocuments: number;
  maxBytes: number;
}

const META = { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true } as const;

/** A stored row as the portal shows and serves it: rows stored before names were made safe get the safe name too. */
export function evidenceDocumentMeta(row: EvidenceDocumentMeta): EvidenceDocumentMeta {
  return { ...row, fileName: safeDocumentName(row.fileName, row.mediaType) };
}

/** A client's file name quoted in a message: as they know it, without the characters that could disguise it. */
const quoted = quotedFileName;

/** Validate an uploaded file without storing it: a specific message for each way it can be unacceptable. */
export async function readEvidenceFile(file: unknown, field = "document"): Promise<{ fileName: string; bytes: Uint8Array; mediaType: string }> {
  const fail = (key: MessageKey, values?: MessageValues): never => {
    const message = msg(key, values);
    throw new Invalid(message, { [field]: [message] });
  };
  if (!(file instanceof Blob) || file.size === 0) return fail("errors.onboarding.document.missing");
  const clientName = file instanceof File ? file.name : "";
  // An unnamed upload is "The document" in the message; a named one is its name in quotes.
  const named = { name: clientName ? quoted(clientName) : "", named: clientName ? "yes" : "no" };
  if (file.size > MAX_EVIDENCE_BYTES)
    fail("errors.onboarding.document.tooLarge", { ...named, size: formatFileSize(file.size), max: formatFileSize(MAX_EVIDENCE_BYTES) });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mediaType = detectMediaType(bytes);
  // Only the signature is checked, not that the whole file parses: HTML or script after a valid
  // signature stays inert because documents are only ever served as attachments under a name with the
  // sniffed extension, with nosniff and a sandboxing CSP (app/api/portal/onboarding/documents/[id]).
  if (!mediaType) return fail("errors.onboarding.document.notPdfOrImage", named);
  return { fileName: safeDocumentName(clientName, mediaType), bytes, mediaType };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The client's case row is the lock for their documents, as for their draft (lockCase): uploads,
 * removals and the orphan sweep of one client run one at a time, so two parallel uploads cannot both
 * take the last place in the quota. Prisma has no SELECT … FOR UPDATE; an UPDATE that changes nothing
 * takes the same row lock, and is a no-op for a caller that already holds it.
 */
async function lockDocumentsOf(tx: Tx, userId: string): Promise<void> {
  await tx.onboardingCase.updateMany({ where: { userId }, data: { userId } });
}

/** Every document id any of the client's submissions refers to: these are never deleted. */
async function documentsKeptBySubmissions(db: Db | Tx, userId: string): Promise<Set<string>> {
  const submissions = await db.suitabilitySubmission.findMany({ where: { userId }, select: { record: true } });
  const kept = new Set<string>();
  for (const { record } of submissions) {
    const r = (record ?? {}) as { documents?: { id?: unknown }[]; draft?: unknown };
    for (const document of r.documents ?? []) if (typeof document.id === "string") kept.add(document.id);
    for (const id of draftDocumentIds(normaliseDraft(r.draft))) kept.add(id);
  }
  return kept;
}

/** What counts towards the quota: the client's documents that no submission keeps. */
export async function evidenceUsage(db: Db | Tx, userId: string): Promise<EvidenceUsage> {
  const [documents, kept] = await Promise.all([
    db.evidenceDocument.findMany({ where: { userId }, select: { id: true, sizeBytes: true } }),
    documentsKeptBySubmissions(db, userId),
  ]);
  const counted = documents.filter((d) => !kept.has(d.id));
  return {
    documents: counted.length,
    bytes: counted.reduce((sum, d) => sum + d.sizeBytes, 0),
    maxDocuments: EVIDENCE_QUOTA_DOCUMENTS,
    maxBytes: EVIDENCE_QUOTA_BYTES,
  };
}

/** Store a validated file with its SHA-256 within the client's quota, audited in the caller's transaction. Never updated afterwards. */
export async function storeEvidenceDocument(
  tx: Tx,
  ctx: ServiceContext,
  userId: string,
  file: { fileName: string; bytes: Uint8Array; mediaType: string },
): Promise<EvidenceDocumentMeta> {
  await lockDocumentsOf(tx, userId);
  const usage = await evidenceUsage(tx, userId);
  const size = file.bytes.byteLength;
  if (usage.documents >= usage.maxDocuments) {
    const message = msg("errors.onboarding.document.tooMany", { documents: usage.documents });
    throw new Invalid(message, { document: [message] });
  }
  if (usage.bytes + size > usage.maxBytes) {
    const message = msg("errors.onboarding.document.quotaFull", {
      used: formatFileSize(usage.bytes),
      max: formatFileSize(usage.maxBytes),
      name: quoted(file.fileName),
      size: formatFileSize(size),
    });
    throw new Invalid(message, { document: [message] });
  }
  const sha256 = sha256Hex(file.bytes);
  const row = await tx.evidenceDocument.create({
    data: {
      userId,
      fileName: safeDocumentName(file.fileName, file.mediaType),
      mediaType: file.mediaType,
      sizeBytes: size,
      sha256,
      content: Buffer.from(file.bytes),
      uploadedAt: ctx.now(),
    },
    select: META,
  });
  await recordAudit(tx, ctx, {
    action: "onboarding.document_upload",
    entity: "EvidenceDocument",
    entityId: row.id,
    after: { userId, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256 },
  });
  return row;
}

/**
 * Delete those of `candidates` (the client's documents) that neither the draft nor any submission
 * refers to (`draft`: the draft as the caller is about to save it; by default the stored one, read under
 * the lock), each with a tombstone in the audit log (REC-7): what it was, its hash, and why it went. A document
 * in a submission is never deleted (REC-1, REC-3). Runs in the caller's transaction under the client's
 * lock, so a submission cannot take a document that is being deleted.
 */
export async function deleteUnreferencedDocuments(
  tx: Tx,
  ctx: ServiceContext,
  input: { userId: string; draft?: OnboardingDraft; candidates: string[]; reason: string },
): Promise<number> {
  if (input.candidates.length === 0) return 0;
  await lockDocumentsOf(tx, input.userId);
  const draft = input.draft ?? normaliseDraft((await tx.onboardingCase.findUnique({ where: { userId: input.userId }, select: { draft: true } }))?.draft);
  const referenced = await documentsKeptBySubmissions(tx, input.userId);
  for (const id of draftDocumentIds(draft)) referenced.add(id);
  const doomed = await tx.evidenceDocument.findMany({
    where: { userId: input.userId, id: { in: input.candidates.filter((id) => !referenced.has(id)) } },
    select: META,
  });
  for (const document of doomed) {
    await tx.evidenceDocument.delete({ where: { id: document.id } });
    await recordAudit(tx, ctx, {
      action: "onboarding.document_delete",
      entity: "EvidenceDocument",
      entityId: document.id,
      before: {
        userId: input.userId,
        fileName: document.fileName,
        mediaType: document.mediaType,
        sizeBytes: document.sizeBytes,
        sha256: document.sha256,
        uploadedAt: document.uploadedAt.toISOString(),
      },
      reason: input.reason,
    });
  }
  return doomed.length;
}
