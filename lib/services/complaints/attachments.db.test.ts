import crypto from "node:crypto";
import { createTranslator } from "next-intl";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import type { Role } from "@/lib/auth/permissions";
import { COMPLAINT_ATTACHMENT_MAX_BYTES, COMPLAINT_ATTACHMENTS_MAX } from "@/lib/complaints/policy";
import { messagesFor } from "@/lib/i18n/catalogue";
import { englishText, msg, renderMessage, type MessageRef } from "@/lib/i18n/message-ref";
import { createPrismaClient } from "@/lib/prisma-client";
import { formatFileSize } from "@/lib/request-limits.mjs";
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated } from "@/lib/services/errors";
import { isUploadedContentPath, uploadedContentHeaders } from "@/lib/transport/uploaded-content";
import { contextFor, signedInUser } from "@/test/service-context";
import { getComplaintAttachment } from "./get-complaint-attachment";
import { getComplaint } from "./read-complaints";
import { submitComplaint } from "./submit-complaint";

// Test files on one worker share a schema: this file's complaints are received in June 2032, after every
// date the other complaint files use, so their jobs and monthly figures never meet these.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

/** Monday 7 June 2032, 10:00 in Hong Kong. */
const WALL = new Date(Date.UTC(2032, 5, 7, 2));

const publicCtx = () => contextFor(prisma, null, () => WALL);

async function staff(roles: Role[] = ["COMPLIANCE_OFFICER"]) {
  const actor = await signedInUser(prisma, roles, { stepUpAt: WALL });
  return { actor, ctx: contextFor(prisma, actor, () => WALL) };
}

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), crypto.randomBytes(2_000), Buffer.from("\n%%EOF\n")]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(1_000)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(500)]);
/** A Windows program: "MZ" and then anything. */
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), crypto.randomBytes(200)]);

const file = (bytes: Uint8Array, name: string, type = "application/pdf") => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

function lodge(attachments: unknown[], input: Partial<{ text: string; submissionKey: string }> = {}) {
  return submitComplaint({
    ctx: publicCtx(),
    input: {
      kind: "complaint",
      category: "trading_execution",
      text: "My order filled at a price far from the mark; the confirmation is attached.",
      contactEmail: "attachments@example.test",
      submissionKey: crypto.randomUUID(),
      attachments,
      ...input,
    },
  });
}

async function rowCounts() {
  return {
    complaints: await prisma.complaint.count(),
    attachments: await prisma.complaintAttachment.count(),
    events: await prisma.complaintEvent.count(),
    audit: await prisma.auditLog.count(),
  };
}

const chinese = createTranslator({ locale: "zh-HK", messages: messagesFor("zh-HK") });
const chineseText = (message: MessageRef) => renderMessage(message, (key, values) => chinese(key, values));

describe("files sent with a complaint or an enquiry", () => {
  it("CMP-1, EDU-2: a complaint with two valid files stores both with their SHA-256 in its transaction; the received log entry names them", async () => {
    const answer = await lodge([file(PDF, "order confirmation.pdf"), file(PNG, "screenshot.png", "image/png")]);
    const row = await prisma.complaint.findUniqueOrThrow({
      where: { reference: answer.reference },
      include: { attachments: { orderBy: { fileName: "asc" } }, events: true },
    });
    expect(row.attachments.map((stored) => [stored.fileName, stored.mediaType, stored.sizeBytes, stored.sha256])).toEqual([
      ["order confirmation.pdf", "application/pdf", PDF.byteLength, sha256(PDF)],
      ["screenshot.png", "image/png", PNG.byteLength, sha256(PNG)],
    ]);
    expect(Buffer.from(row.attachments[0].content).equals(PDF)).toBe(true);
    expect(row.attachments.every((stored) => stored.uploadedAt.getTime() === row.receivedAt.getTime())).toBe(true);
    expect(row.events).toHaveLength(1);
    expect(row.events[0]).toMatchObject({
      kind: "received",
      data: {
        kind: "complaint",
        category: "trading_execution",
        attachments: [
          { fileName: "order confirmation.pdf", sha256: sha256(PDF) },
          { fileName: "screenshot.png", sha256: sha256(PNG) },
        ],
      },
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "complaint.receive", entityId: row.id } });
    expect(audit.after).toMatchObject({ attachments: 2 });

    // Staff see the files (names, sizes, hashes) on the complaint's page; the bytes only through the download.
    const officer = await staff();
    const detail = await getComplaint({ ctx: officer.ctx, input: { id: row.id } });
    expect(detail.attachments.map((listed) => [listed.fileName, listed.sizeBytes, listed.sha256])).toEqual([
      ["order confirmation.pdf", PDF.byteLength, sha256(PDF)],
      ["screenshot.png", PNG.byteLength, sha256(PNG)],
    ]);
    expect(detail.attachments[0]).not.toHaveProperty("content");

    // A complaint without files has none, and its log entry names none.
    const plain = await lodge([]);
    const plainRow = await prisma.complaint.findUniqueOrThrow({ where: { reference: plain.reference }, include: { attachments: true, events: true } });
    expect(plainRow.attachments).toEqual([]);
    expect(plainRow.events[0].data).toEqual({ kind: "complaint", category: "trading_execution" });
  });

  it("CMP-1, EDU-2: what a file is comes from its first bytes: a PNG named .pdf is stored as the PNG it is, under a .png name; a file input left empty adds nothing", async () => {
    const answer = await lodge([file(PNG, "statement.pdf", "application/pdf"), file(JPEG, "photo", "application/octet-stream"), new File([], "")]);
    const stored = await prisma.complaintAttachment.findMany({ where: { complaint: { reference: answer.reference } }, orderBy: { fileName: "asc" } });
    expect(stored.map((row) => [row.fileName, row.mediaType, row.sha256])).toEqual([
      ["photo.jpg", "image/jpeg", sha256(JPEG)],
      ["statement.png", "image/png", sha256(PNG)],
    ]);
  });

  it("CMP-1, EDU-2: a file that is not a PDF, PNG or JPEG by its content (program bytes named .pdf, declared a PDF) is refused with its own message in the reader's language; nothing is written", async () => {
    const before = await rowCounts();
    const error = await lodge([file(PDF, "fine.pdf"), file(EXE, "invoice.pdf", "application/pdf")]).catch((caught: unknown) => caught);
    const message = msg("errors.complaints.attachments.notPdfOrImage", { name: '"invoice.pdf"', named: "yes" });
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).message).toBe(englishText(message));
    expect((error as Invalid).message).toBe('"invoice.pdf" is not a PDF, PNG or JPEG file (its content does not start like one). Nothing was recorded.');
    expect((error as Invalid).fieldErrors?.attachments).toEqual([englishText(message)]);
    expect(chineseText((error as Invalid).userMessage)).toBe(chineseText(message));
    expect(chineseText(message)).toContain("不是 PDF、PNG 或 JPEG 檔案");
    // HTML with a harmless-looking name is no better.
    await expect(lodge([file(Buffer.from("<html><script>alert(1)</script>"), "scan.jpg", "image/jpeg")])).rejects.toBeInstanceOf(Invalid);
    expect(await rowCounts()).toEqual(before);
  });

  it("CMP-1, EDU-2: an oversized file, an empty file and one file too many are each refused with their own message in the reader's language; nothing is written", async () => {
    const before = await rowCounts();
    const padded = (size: number) => Buffer.concat([PDF, Buffer.alloc(size - PDF.byteLength)]);
    const oversized = padded(Math.round(COMPLAINT_ATTACHMENT_MAX_BYTES * 1.1));
    const cases: Array<[unknown[], MessageRef]> = [
      [
        [file(PDF, "a.pdf"), file(oversized, "huge scan.pdf")],
        msg("errors.complaints.attachments.tooLarge", {
          name: '"huge scan.pdf"',
          named: "yes",
          size: formatFileSize(oversized.byteLength),
          max: formatFileSize(COMPLAINT_ATTACHMENT_MAX_BYTES),
        }),
      ],
      [
        [file(padded(COMPLAINT_ATTACHMENT_MAX_BYTES + 1), "just over.pdf")],
        msg("errors.complaints.attachments.tooLarge", {
          name: '"just over.pdf"',
          named: "yes",
          size: formatFileSize(COMPLAINT_ATTACHMENT_MAX_BYTES + 1),
          max: formatFileSize(COMPLAINT_ATTACHMENT_MAX_BYTES),
        }),
      ],
      [[file(Buffer.alloc(0), "blank.pdf")], msg("errors.complaints.attachments.empty", { name: '"blank.pdf"', named: "yes" })],
      [
        Array.from({ length: COMPLAINT_ATTACHMENTS_MAX + 1 }, (_, index) => file(PDF, `page ${index + 1}.pdf`)),
        msg("errors.complaints.attachments.tooMany", { count: COMPLAINT_ATTACHMENTS_MAX + 1, max: COMPLAINT_ATTACHMENTS_MAX }),
      ],
      // Not a file at all (a hand-made request): the form could not be read.
      [["not a file"], msg("errors.complaints.badRequest")],
    ];
    for (const [attachments, message] of cases) {
      const error = await lodge(attachments).catch((caught: unknown) => caught);
      expect(error, englishText(message)).toBeInstanceOf(Invalid);
      expect((error as Invalid).message).toBe(englishText(message));
      expect((error as Invalid).fieldErrors?.attachments).toEqual([englishText(message)]);
      expect(chineseText((error as Invalid).userMessage)).toBe(chineseText(message));
      expect(chineseText(message)).not.toBe(englishText(message));
    }
    expect(englishText(cases[0][1])).toBe('"huge scan.pdf" is 5.5 MB; each file can be at most 5 MB. Nothing was recorded.');
    expect(await rowCounts()).toEqual(before);
  });

  it("CMP-1, EDU-2: the same form with files sent 5 times in parallel records one complaint with its files once; the same key with other files is a reused form", async () => {
    const submissionKey = crypto.randomUUID();
    const attachments = [file(PDF, "contract note.pdf"), file(JPEG, "photo.jpg", "image/jpeg")];
    const answers = await Promise.all(Array.from({ length: 5 }, () => lodge(attachments, { submissionKey })));
    expect(new Set(answers.map((answer) => answer.reference)).size).toBe(1);
    expect(answers.filter((answer) => !answer.repeated)).toHaveLength(1);
    const rows = await prisma.complaint.findMany({ where: { submissionKey }, include: { attachments: true, events: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0].attachments.map((stored) => stored.sha256).sort()).toEqual([sha256(PDF), sha256(JPEG)].sort());
    expect(rows[0].events).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "complaint.receive", entityId: rows[0].id } })).toBe(1);
    // Sent once more, the files in another order: the same form.
    expect((await lodge([...attachments].reverse(), { submissionKey })).repeated).toBe(true);
    // The same key with a file left out or another file: not the same form.
    await expect(lodge([attachments[0]], { submissionKey })).rejects.toBeInstanceOf(Conflict);
    await expect(lodge([attachments[0], file(PNG, "other.png", "image/png")], { submissionKey })).rejects.toBeInstanceOf(Conflict);
    expect(await prisma.complaintAttachment.count({ where: { complaintId: rows[0].id } })).toBe(2);
  });

  it("CMP-1, REC-2: the database refuses UPDATE and DELETE of a complaint's files", async () => {
    const { reference } = await lodge([file(PDF, "kept.pdf")]);
    const stored = await prisma.complaintAttachment.findFirstOrThrow({ where: { complaint: { reference } } });
    const table = `"${database.schema}"."ComplaintAttachment"`;
    await expect(prisma.$executeRawUnsafe(`UPDATE ${table} SET "fileName" = 'other.pdf' WHERE "id" = $1`, stored.id)).rejects.toThrow(
      /append-only: UPDATE on "ComplaintAttachment" is refused/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM ${table} WHERE "id" = $1`, stored.id)).rejects.toThrow(
      /append-only: DELETE on "ComplaintAttachment" is refused/,
    );
    await expect(prisma.$executeRawUnsafe(`TRUNCATE ${table}`)).rejects.toThrow(/append-only: TRUNCATE/);
  });
});

describe("downloading a complaint's files", () => {
  it("CMP-1, EDU-2: staff who may read the complaint download a file as it was received, each download audited and logged; anyone else is refused", async () => {
    const { reference } = await lodge([file(PDF, "../../evidence\u202Efdp.exe.pdf"), file(PNG, "screen.png", "image/png")]);
    const complaint = await prisma.complaint.findUniqueOrThrow({ where: { reference }, include: { attachments: { orderBy: { fileName: "asc" } } } });
    const pdf = complaint.attachments.find((stored) => stored.mediaType === "application/pdf")!;
    const input = { id: complaint.id, attachmentId: pdf.id };

    // Not signed in, a client (even the complainant's own kind of account) and the AFMM trader: refused before anything is read.
    const client = await signedInUser(prisma, ["CLIENT"]);
    const trader = await staff(["AFMM_TRADER"]);
    await expect(getComplaintAttachment({ ctx: publicCtx(), input })).rejects.toBeInstanceOf(Unauthenticated);
    await expect(getComplaintAttachment({ ctx: contextFor(prisma, client, () => WALL), input })).rejects.toBeInstanceOf(Forbidden);
    await expect(getComplaintAttachment({ ctx: trader.ctx, input })).rejects.toBeInstanceOf(Forbidden);
    expect(await prisma.auditLog.count({ where: { action: "complaint.attachment_download", entityId: pdf.id } })).toBe(0);

    const officer = await staff(["COMPLIANCE_OFFICER"]);
    const download = await getComplaintAttachment({ ctx: officer.ctx, input });
    expect(Buffer.from(download.content).equals(PDF)).toBe(true);
    expect([download.fileName, download.mediaType, download.sizeBytes, download.sha256]).toEqual([
      "evidencefdp.exe.pdf",
      "application/pdf",
      PDF.byteLength,
      sha256(PDF),
    ]);
    const audit = await prisma.auditLog.findMany({ where: { action: "complaint.attachment_download", entityId: pdf.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: officer.actor.userId,
      entity: "ComplaintAttachment",
      after: { complaintId: complaint.id, reference, sha256: sha256(PDF) },
    });
    expect(await prisma.clientDataAccess.count({ where: { userId: officer.actor.userId, resource: "complaint_attachment" } })).toBe(1);

    // An auditor reads complaints, so downloads too; that download is audited as well.
    const auditor = await staff(["AUDITOR"]);
    await getComplaintAttachment({ ctx: auditor.ctx, input });
    expect(await prisma.auditLog.count({ where: { action: "complaint.attachment_download", entityId: pdf.id } })).toBe(2);

    // A file asked for under another complaint, an unknown file, a malformed id: not found, nothing audited.
    const other = await lodge([]);
    const otherId = (await prisma.complaint.findUniqueOrThrow({ where: { reference: other.reference } })).id;
    for (const wrong of [
      { id: otherId, attachmentId: pdf.id },
      { id: complaint.id, attachmentId: crypto.randomUUID() },
      { id: complaint.id, attachmentId: "../../etc/passwd" },
    ])
      await expect(getComplaintAttachment({ ctx: officer.ctx, input: wrong })).rejects.toBeInstanceOf(NotFound);
    expect(await prisma.auditLog.count({ where: { action: "complaint.attachment_download", entityId: pdf.id } })).toBe(2);

    // What the download route sends it with: a download, never rendered, under the sandboxing policy the proxy keeps.
    const headers = uploadedContentHeaders(download);
    expect(headers["Content-Disposition"]).toMatch(/^attachment; filename="evidencefdp\.exe\.pdf"/);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Content-Type"]).toBe("application/pdf");
    expect(isUploadedContentPath(`/api/compliance/complaints/${complaint.id}/attachments/${pdf.id}`)).toBe(true);
    expect(isUploadedContentPath(`/api/compliance/complaints/${complaint.id}`)).toBe(false);
  });
});
