import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createUser } from "@/prisma/factories";
import type { Prisma } from "@/prisma/generated/client";
import { createPrismaClient } from "@/lib/prisma-client";
import { getComplaintAttachment } from "@/lib/services/complaints/get-complaint-attachment";
import { getComplaint } from "@/lib/services/complaints/read-complaints";
import { Conflict, Invalid, NotFound, type ServiceError } from "@/lib/services/errors";
import { contextFor, signedInUser, unique } from "@/test/service-context";
import { runRetentionPurgeJob } from "./purge-job";
import { getRetentionOverview, placeLegalHold, purgeClient, releaseLegalHold } from "./retention";

// REC-2, REC-7, CMP-1: complaints and enquiries under the retention policy. Rows are written directly
// (back-dated, closed years ago), as the complaint verbs would have left them; the purge goes through
// the services and the job. Files sharing this worker's schema raise theirs in 2030 and later, so none
// of theirs is past retention at this file's clock, and these are escalated and closed already, so
// their complaints job and MI never pick these up.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const WALL = new Date(Date.UTC(2030, 0, 15, 2));
const DAY = 86_400_000;
/** Closed 2022-06-01: past the 7 years at WALL. */
const EXPIRED_CLOSURE = new Date(Date.UTC(2022, 5, 1));
/** Closed 2024-06-01: kept until 2031. */
const RECENT_CLOSURE = new Date(Date.UTC(2024, 5, 1));
const PERSONAL = "Chan Tai Man";
const now = () => WALL;

async function officer() {
  return contextFor(prisma, await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: WALL }), now);
}

/** A complaint as handled to its close (or left open), with personal data in every place the purge erases. */
async function complaint({ closedAt, userId = null }: { closedAt: Date | null; userId?: string | null }) {
  const id = crypto.randomUUID();
  const reference = `C-${id.slice(0, 8).toUpperCase()}`;
  const receivedAt = closedAt ? new Date(closedAt.getTime() - 20 * DAY) : new Date(Date.UTC(2010, 0, 4));
  const letter = `Dear ${PERSONAL}, we refunded the fee.`;
  await prisma.complaint.create({
    data: {
      id,
      reference,
      kind: "complaint",
      category: "fees_funding",
      text: `${PERSONAL}: the fee on my account 123-456 was charged twice.`,
      contactEmail: userId ? null : "chan.taiman@example.test",
      userId,
      locale: "en",
      submissionKey: crypto.randomUUID(),
      receivedAt,
      acknowledgeDueAt: receivedAt,
      responseDueAt: receivedAt,
      status: closedAt ? "closed" : "acknowledged",
      acknowledgedAt: receivedAt,
      acknowledgeEscalatedAt: receivedAt,
      responseEscalatedAt: receivedAt,
      rootCauses: ["system_error"],
      letterText: closedAt ? letter : null,
      letterDraftedAt: closedAt ? receivedAt : null,
      reviewedAt: closedAt ? receivedAt : null,
      closedAt,
    },
  });
  const sha256 = crypto.createHash("sha256").update("%PDF-").digest("hex");
  await prisma.complaintAttachment.create({
    data: {
      complaintId: id,
      fileName: `statement ${PERSONAL}.pdf`,
      mediaType: "application/pdf",
      sizeBytes: 5,
      sha256,
      content: Buffer.from("%PDF-"),
      uploadedAt: receivedAt,
    },
  });
  const taskId = crypto.randomUUID();
  const events: Array<{ kind: string; at?: Date; text?: string; data?: Prisma.InputJsonObject }> = [
    { kind: "received", data: { kind: "complaint", category: "fees_funding", attachments: [{ fileName: `statement ${PERSONAL}.pdf`, sha256 }] } },
    { kind: "acknowledged" },
    { kind: "note", text: `Called ${PERSONAL} on 9123 4567.` },
    { kind: "root_cause", data: { causes: ["system_error"] } },
    { kind: "escalated", data: { deadline: "response", dueAt: receivedAt.toISOString() } },
    ...(closedAt
      ? [
          { kind: "letter_drafted", text: letter, data: { outcome: `Refund to ${PERSONAL}.` } },
          { kind: "fdrc_referred", text: `FDRC ${PERSONAL}`, data: { taskId, dueDate: "2022-06-08" } },
          { kind: "closed", at: closedAt, data: { letterDraftedAt: receivedAt.toISOString(), reviewedById: null } },
        ]
      : []),
  ];
  for (const event of events)
    await prisma.complaintEvent.create({
      data: { complaintId: id, kind: event.kind, at: event.at ?? receivedAt, text: event.text ?? null, ...(event.data ? { data: event.data } : {}) },
    });
  if (userId)
    await prisma.clientNotice.create({
      data: {
        userId,
        kind: "complaintOutcome",
        title: `Outcome of ${reference}`,
        body: letter,
        params: { reference, letter },
        createdAt: closedAt ?? receivedAt,
        dedupeKey: `complaint:${id}:complaintOutcome`,
      },
    });
  return { id, reference, sha256, taskId };
}

/** A client closed in mid-2021: past every class of the account at WALL (2028), unless a complaint keeps them. */
async function client() {
  const user = await createUser(prisma, { email: unique("complainant"), name: PERSONAL, roles: ["CLIENT"] });
  await prisma.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.UTC(2020, 0, 1)), closedAt: new Date(Date.UTC(2021, 5, 1)) } });
  return user.id;
}

const key = (error: unknown) => (error as ServiceError).userMessage?.key;
const audits = (action: string, entityId: string) => prisma.auditLog.findMany({ where: { action, entityId } });
const row = (id: string) => prisma.complaint.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { seq: "asc" } }, attachments: true } });

/** Runs `sql` with the purge's setting on, as the purge's own transaction would. */
function withPurgeSetting(sql: (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) => Promise<unknown>) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.retention_purge', 'on', true)`;
    await sql(tx);
  });
}

function expectErased(erased: Awaited<ReturnType<typeof row>>, original: Awaited<ReturnType<typeof complaint>>, closedAt: Date) {
  expect(erased).toMatchObject({
    reference: original.reference,
    kind: "complaint",
    category: "fees_funding",
    status: "closed",
    closedAt,
    rootCauses: ["system_error"],
    text: "",
    contactEmail: null,
    letterText: null,
    erasedAt: WALL,
  });
  expect(erased.letterDraftedAt).not.toBeNull();
  expect(erased.events.map((event) => event.text)).toEqual(erased.events.map(() => null));
  expect(erased.events.map((event) => event.kind)).toEqual([
    "received",
    "acknowledged",
    "note",
    "root_cause",
    "escalated",
    "letter_drafted",
    "fdrc_referred",
    "closed",
  ]);
  const data = Object.fromEntries(erased.events.map((event) => [event.kind, event.data]));
  // What the MI reports and the page fold from the log stays; the free strings are blanked.
  expect(data.received).toEqual({ kind: "complaint", category: "fees_funding", attachments: [{ fileName: "", sha256: original.sha256 }] });
  expect(data.root_cause).toEqual({ causes: ["system_error"] });
  expect(data.escalated).toMatchObject({ deadline: "response" });
  expect(data.letter_drafted).toEqual({ outcome: "" });
  expect(data.fdrc_referred).toEqual({ taskId: original.taskId, dueDate: "2022-06-08" });
  expect(erased.attachments).toHaveLength(1);
  expect(erased.attachments[0]).toMatchObject({ fileName: "", sha256: original.sha256, sizeBytes: 5, mediaType: "application/pdf" });
  expect(erased.attachments[0].content.byteLength).toBe(0);
  expect(JSON.stringify(erased, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toMatch(/Chan|9123|123-456/);
}

describe("REC-2, REC-7, CMP-1: complaints under the retention policy", () => {
  it("REC-2, CMP-1: a public complaint closed less than 7 years ago, or still open, is not purged; past retention it is erased, keeping reference, dates and hashes, with a tombstone", async () => {
    const expired = await complaint({ closedAt: EXPIRED_CLOSURE });
    const young = await complaint({ closedAt: RECENT_CLOSURE });
    const open = await complaint({ closedAt: null });

    const run = await runRetentionPurgeJob({ db: prisma, now });
    expect(run.complaints.purged).toBeGreaterThanOrEqual(1);
    expectErased(await row(expired.id), expired, EXPIRED_CLOSURE);
    for (const kept of [young, open]) {
      const stored = await row(kept.id);
      expect(stored).toMatchObject({ erasedAt: null, contactEmail: "chan.taiman@example.test" });
      expect(stored.text).toContain(PERSONAL);
      expect(stored.attachments[0].content.byteLength).toBe(5);
      expect(await audits("retention.purge_complaint", kept.id)).toEqual([]);
    }

    const [tombstone] = await audits("retention.purge_complaint", expired.id);
    expect(tombstone).toMatchObject({ entity: "Complaint", actorId: null });
    expect(tombstone.after).toMatchObject({
      reference: expired.reference,
      classes: ["complaints"],
      counts: { complaints: 1, complaintEvents: 4, complaintAttachments: 1 },
      retentionEndedAt: "2029-06-01T00:00:00.000Z",
    });
    expect(JSON.stringify({ after: tombstone.after, before: tombstone.before, reason: tombstone.reason })).not.toMatch(/Chan|example\.test/);

    // A later run: nothing to do twice.
    await runRetentionPurgeJob({ db: prisma, now: () => new Date(WALL.getTime() + DAY) });
    expect(await audits("retention.purge_complaint", expired.id)).toHaveLength(1);
  });

  it("REC-2, CMP-1: a hold naming the complaint's reference, or on complaints or all records, blocks its purge; a class-wide hold on another class does not", async () => {
    const ctx = await officer();
    const byReference = await complaint({ closedAt: EXPIRED_CLOSURE });
    const hold = await placeLegalHold({ ctx, input: { subject: byReference.reference.toLowerCase(), recordClass: "complaints", reason: "DCCJ 42/2029" } });
    expect(await prisma.legalHold.findUniqueOrThrow({ where: { id: hold.id } })).toMatchObject({ subjectComplaintId: byReference.id, subjectUserId: null });
    const overview = await getRetentionOverview({ ctx });
    expect(overview.holds.find((entry) => entry.id === hold.id)).toMatchObject({ subjectComplaintReference: byReference.reference, subjectUserId: null });
    const complaintsRow = overview.classes.find((entry) => entry.recordClass === "complaints")!;
    expect(complaintsRow).toMatchObject({ years: 7, from: "recordClosure", counts: "complaints" });
    expect(complaintsRow.pastRetention).toBeGreaterThanOrEqual(1);
    expect(complaintsRow.held).toBeGreaterThanOrEqual(1);

    await runRetentionPurgeJob({ db: prisma, now });
    expect(await row(byReference.id)).toMatchObject({ erasedAt: null });
    expect(await audits("retention.purge_held", byReference.id)).toHaveLength(1);
    // The next day: still held, no second refusal entry.
    await runRetentionPurgeJob({ db: prisma, now: () => new Date(WALL.getTime() + DAY) });
    expect(await audits("retention.purge_held", byReference.id)).toHaveLength(1);
    await releaseLegalHold({ ctx, input: { id: hold.id } });

    // Class-wide: on complaints it blocks; on orders it does not (erasing a public complaint unties nothing else).
    const classWide = await placeLegalHold({ ctx, input: { subject: "", recordClass: "complaints", reason: "SFC thematic review of complaints" } });
    const ordersHold = await placeLegalHold({ ctx, input: { subject: "", recordClass: "orders", reason: "SFC inquiry into order records" } });
    await runRetentionPurgeJob({ db: prisma, now });
    expect(await row(byReference.id)).toMatchObject({ erasedAt: null });
    await releaseLegalHold({ ctx, input: { id: classWide.id } });
    await runRetentionPurgeJob({ db: prisma, now });
    expect(await row(byReference.id)).toMatchObject({ erasedAt: WALL });
    await releaseLegalHold({ ctx, input: { id: ordersHold.id } });

    // Erased, it cannot be held any more; an unknown reference is refused with its own message.
    expect(key(await placeLegalHold({ ctx, input: { subject: byReference.reference, recordClass: "all", reason: "Late" } }).catch((e: unknown) => e))).toBe(
      "errors.retention.complaintErased",
    );
    const unknown = await placeLegalHold({ ctx, input: { subject: "C-00000000", recordClass: "all", reason: "Litigation" } }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Invalid);
    expect(key(unknown)).toBe("errors.retention.noSuchComplaint");
  });

  it("REC-2, CMP-1: a client with an open complaint, or one closed less than 7 years ago, is not purged; REC-7: a client's purge erases their expired complaints and the notices quoting them", async () => {
    const ctx = await officer();
    const withOpen = await client();
    await complaint({ closedAt: EXPIRED_CLOSURE, userId: withOpen });
    await complaint({ closedAt: null, userId: withOpen });
    const openError = await purgeClient({ ctx, input: { userId: withOpen } }).catch((e: unknown) => e);
    expect(openError).toBeInstanceOf(Conflict);
    expect(key(openError)).toBe("errors.retention.complaintOpen");

    const withRecent = await client();
    await complaint({ closedAt: RECENT_CLOSURE, userId: withRecent });
    const recentError = await purgeClient({ ctx, input: { userId: withRecent } }).catch((e: unknown) => e);
    expect(key(recentError)).toBe("errors.retention.notExpired");
    expect((recentError as ServiceError).userMessage).toMatchObject({ values: { date: "2031-06-01" } });

    // The daily job agrees, and leaves the client's complaints to the client's purge.
    await runRetentionPurgeJob({ db: prisma, now });
    for (const userId of [withOpen, withRecent]) {
      expect(await prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ name: PERSONAL, erasedAt: null });
      expect(await prisma.complaint.count({ where: { userId, erasedAt: { not: null } } })).toBe(0);
    }

    // A hold on one of a client's complaints holds the client too: their purge would erase it.
    const expiredClient = await client();
    const theirs = await complaint({ closedAt: EXPIRED_CLOSURE, userId: expiredClient });
    const hold = await placeLegalHold({ ctx, input: { subject: theirs.reference, recordClass: "complaints", reason: "HCA 9/2029" } });
    expect(key(await purgeClient({ ctx, input: { userId: expiredClient } }).catch((e: unknown) => e))).toBe("errors.retention.held");
    await releaseLegalHold({ ctx, input: { id: hold.id } });

    const result = await purgeClient({ ctx, input: { userId: expiredClient } });
    expect(result.counts).toMatchObject({ user: 1, complaints: 1, complaintEvents: 4, complaintAttachments: 1, complaintNotices: 1 });
    expectErased(await row(theirs.id), theirs, EXPIRED_CLOSURE);
    const notice = await prisma.clientNotice.findUniqueOrThrow({ where: { dedupeKey: `complaint:${theirs.id}:complaintOutcome` } });
    expect(notice).toMatchObject({ body: "", params: { reference: "", letter: "" }, kind: "complaintOutcome" });
    const [tombstone] = await audits("retention.purge", expiredClient);
    expect(tombstone.after).toMatchObject({ classes: expect.arrayContaining(["complaints"]) as unknown, counts: { complaints: 1 } });
    expect(await audits("retention.purge_complaint", theirs.id)).toEqual([]);

    // Staff still read the record, told what was erased and when; the file has nothing left to download.
    const detail = await getComplaint({ ctx, input: { id: theirs.id } });
    expect(detail).toMatchObject({ reference: theirs.reference, erasedOn: "2030-01-15", text: "", letterText: null, client: { erased: true } });
    expect(detail.attachments).toEqual([expect.objectContaining({ fileName: null, sha256: theirs.sha256 })]);
    const attachmentId = (await row(theirs.id)).attachments[0].id;
    await expect(getComplaintAttachment({ ctx, input: { id: theirs.id, attachmentId } })).rejects.toBeInstanceOf(NotFound);
  });

  it("CMP-1: the triggers still refuse every other change to the complaint log, with the purge's setting on too", async () => {
    const expired = await complaint({ closedAt: EXPIRED_CLOSURE });
    const open = await complaint({ closedAt: null });
    const refused = [
      // What was received, a closed complaint, deletes.
      (tx) => tx.$executeRaw`UPDATE "Complaint" SET "category" = 'other' WHERE "id" = ${expired.id}`,
      (tx) => tx.$executeRaw`DELETE FROM "Complaint" WHERE "id" = ${expired.id}`,
      (tx) => tx.$executeRaw`DELETE FROM "ComplaintEvent" WHERE "complaintId" = ${expired.id}`,
      (tx) => tx.$executeRaw`DELETE FROM "ComplaintAttachment" WHERE "complaintId" = ${expired.id}`,
      // The erasure with anything else changed, or of an open complaint, or text set rather than blanked.
      (tx) =>
        tx.$executeRaw`UPDATE "Complaint" SET "text" = '', "contactEmail" = NULL, "letterText" = NULL, "erasedAt" = now(), "status" = 'open' WHERE "id" = ${expired.id}`,
      (tx) =>
        tx.$executeRaw`UPDATE "Complaint" SET "text" = 'rewritten', "contactEmail" = NULL, "letterText" = NULL, "erasedAt" = now() WHERE "id" = ${expired.id}`,
      (tx) => tx.$executeRaw`UPDATE "Complaint" SET "text" = '', "contactEmail" = NULL, "letterText" = NULL, "erasedAt" = now() WHERE "id" = ${open.id}`,
      (tx) => tx.$executeRaw`UPDATE "ComplaintEvent" SET "text" = NULL, "kind" = 'note' WHERE "complaintId" = ${expired.id} AND "kind" = 'letter_drafted'`,
      (tx) => tx.$executeRaw`UPDATE "ComplaintEvent" SET "text" = 'rewritten' WHERE "complaintId" = ${expired.id} AND "kind" = 'note'`,
      (tx) =>
        tx.$executeRaw`UPDATE "ComplaintEvent" SET "text" = NULL, "data" = '{"causes": ["no_fault_found"]}' WHERE "complaintId" = ${expired.id} AND "kind" = 'root_cause'`,
      (tx) => tx.$executeRaw`UPDATE "ComplaintEvent" SET "text" = NULL, "data" = '{}' WHERE "complaintId" = ${expired.id} AND "kind" = 'letter_drafted'`,
      (tx) => tx.$executeRaw`UPDATE "ComplaintAttachment" SET "content" = '\\x00', "fileName" = '' WHERE "complaintId" = ${expired.id}`,
      (tx) => tx.$executeRaw`UPDATE "ComplaintAttachment" SET "content" = '', "fileName" = '', "sha256" = 'x' WHERE "complaintId" = ${expired.id}`,
    ] satisfies Array<Parameters<typeof withPurgeSetting>[0]>;
    for (const [index, sql] of refused.entries()) await expect(withPurgeSetting(sql), `statement ${index}`).rejects.toThrow(/refused/);
    // Without the setting, even the exact erasure is refused.
    await expect(
      prisma.$executeRaw`UPDATE "Complaint" SET "text" = '', "contactEmail" = NULL, "letterText" = NULL, "erasedAt" = now() WHERE "id" = ${expired.id}`,
    ).rejects.toThrow(/refused/);
    await expect(prisma.$executeRaw`UPDATE "ComplaintEvent" SET "text" = NULL WHERE "complaintId" = ${expired.id} AND "kind" = 'note'`).rejects.toThrow(
      /refused/,
    );
    expect(await row(expired.id)).toMatchObject({ erasedAt: null, category: "fees_funding" });

    // Erased, it is not changed again: not restored, not erased twice.
    await runRetentionPurgeJob({ db: prisma, now });
    expect(await row(expired.id)).toMatchObject({ erasedAt: WALL });
    await expect(withPurgeSetting((tx) => tx.$executeRaw`UPDATE "Complaint" SET "erasedAt" = NULL WHERE "id" = ${expired.id}`)).rejects.toThrow(/refused/);
    await expect(withPurgeSetting((tx) => tx.$executeRaw`UPDATE "Complaint" SET "erasedAt" = now() WHERE "id" = ${expired.id}`)).rejects.toThrow(/refused/);
  });

  it("REC-7: the daily job run twice at once purges each complaint once", async () => {
    const expired = await Promise.all([complaint({ closedAt: EXPIRED_CLOSURE }), complaint({ closedAt: EXPIRED_CLOSURE })]);
    const runs = await Promise.all([runRetentionPurgeJob({ db: prisma, now }), runRetentionPurgeJob({ db: prisma, now })]);
    expect(runs.reduce((sum, run) => sum + run.complaints.purged, 0)).toBeGreaterThanOrEqual(2);
    for (const { id } of expired) {
      expect(await row(id)).toMatchObject({ erasedAt: WALL, text: "" });
      expect(await audits("retention.purge_complaint", id)).toHaveLength(1);
    }
  });
});
