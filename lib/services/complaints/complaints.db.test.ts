import crypto from "node:crypto";
import { createTranslator } from "next-intl";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { addHongKongBusinessDays } from "@/lib/calendar/hk-business-days";
import { COMPLAINT_POLICY, COMPLAINT_TEXT_MAX } from "@/lib/complaints/policy";
import { messagesFor } from "@/lib/i18n/catalogue";
import { englishText, msg, renderMessage, type MessageRef } from "@/lib/i18n/message-ref";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Role } from "@/lib/auth/permissions";
import { Conflict, Forbidden, Invalid, NotFound, StepUpRequired, Unauthenticated } from "@/lib/services/errors";
import { readRegisters } from "@/lib/services/registers/read-registers";
import { endOfHongKongDay } from "@/lib/services/registers/due-dates";
import { contextFor, signedInUser } from "@/test/service-context";
import { runComplaintsJob } from "./complaints-job";
import { recordFdrcReferral } from "./fdrc-referral";
import { acknowledgeComplaint, addComplaintNote, answerEnquiry, setRootCauses } from "./handling";
import { closeComplaint, draftOutcomeLetter, reviewOutcomeLetter } from "./outcome";
import { getComplaint, readComplaints } from "./read-complaints";
import { submitComplaint } from "./submit-complaint";

// Test files on one worker share a schema: this file's complaints are received in March 2030, which no
// other file uses, and each test works on the complaints it raised itself.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

/** Monday 4 March 2030, 10:00 in Hong Kong. */
const WALL = new Date(Date.UTC(2030, 2, 4, 2));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function staff(roles: Role[] = ["COMPLIANCE_OFFICER"], at: Date = WALL) {
  const actor = await signedInUser(prisma, roles, { stepUpAt: at });
  return { actor, ctx: (now: Date = at) => contextFor(prisma, actor, () => now) };
}

const publicCtx = (now: Date = WALL) => contextFor(prisma, null, () => now);

async function lodge(input: Partial<{ kind: string; category: string; text: string; contactEmail: string; locale: string }> = {}, at: Date = WALL) {
  return submitComplaint({
    ctx: publicCtx(at),
    input: {
      kind: "complaint",
      category: "liquidation_adl",
      text: "My position was liquidated although my margin was sufficient.",
      contactEmail: "complainant@example.test",
      submissionKey: crypto.randomUUID(),
      ...input,
    },
  });
}

async function idOf(reference: string): Promise<string> {
  return (await prisma.complaint.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id;
}

async function rowCounts() {
  return { complaints: await prisma.complaint.count(), events: await prisma.complaintEvent.count(), audit: await prisma.auditLog.count() };
}

const chinese = createTranslator({ locale: "zh-HK", messages: messagesFor("zh-HK") });
const chineseText = (message: MessageRef) => renderMessage(message, (key, values) => chinese(key, values));
const letterText = (locale: "en" | "zh-HK", key: "fdrc" | "closing") =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "complaints.letter" })(key);

describe("raising a complaint or an enquiry", () => {
  it("CMP-1, EDU-2: a complaint is recorded with its acknowledgement and response deadlines, an enquiry with its category's SLA; the log starts with its receipt", async () => {
    const complaint = await lodge();
    expect(complaint.reference).toMatch(/^C-[0-9A-F]{8}$/);
    const row = await prisma.complaint.findUniqueOrThrow({ where: { reference: complaint.reference }, include: { events: true } });
    const acknowledgeBy = addHongKongBusinessDays("2030-03-04", COMPLAINT_POLICY.acknowledgeBusinessDays);
    expect(row.acknowledgeDueAt?.toISOString()).toBe(endOfHongKongDay(acknowledgeBy).toISOString());
    // 30 calendar days after Monday 4 March 2030: by the end of Wednesday 3 April in Hong Kong.
    expect(row.responseDueAt.toISOString()).toBe(endOfHongKongDay("2030-04-03").toISOString());
    expect([row.status, row.contactEmail, row.userId, row.locale]).toEqual(["open", "complainant@example.test", null, "en"]);
    expect(row.events.map((event) => event.kind)).toEqual(["received"]);
    expect(await prisma.auditLog.count({ where: { action: "complaint.receive", entityId: row.id } })).toBe(1);

    const enquiry = await lodge({ kind: "enquiry", category: "trading_execution", text: "How is the mark price computed?" });
    expect(enquiry.reference).toMatch(/^E-/);
    const enquiryRow = await prisma.complaint.findUniqueOrThrow({ where: { reference: enquiry.reference } });
    expect(enquiryRow.acknowledgeDueAt).toBeNull();
    expect(enquiryRow.responseDueAt.toISOString()).toBe(
      endOfHongKongDay(addHongKongBusinessDays("2030-03-04", COMPLAINT_POLICY.enquiryBusinessDays.trading_execution)).toISOString(),
    );
  });

  it("CMP-1: a signed-in client's complaint is tied to their account", async () => {
    const client = await signedInUser(prisma, ["CLIENT"]);
    const result = await submitComplaint({
      ctx: contextFor(prisma, client, () => WALL),
      input: { kind: "complaint", category: "fees_funding", text: "A funding payment was charged twice.", submissionKey: crypto.randomUUID(), locale: "zh-HK" },
    });
    const row = await prisma.complaint.findUniqueOrThrow({ where: { reference: result.reference } });
    expect([row.userId, row.contactEmail, row.locale]).toEqual([client.userId, null, "zh-HK"]);
  });

  it("CMP-1: bad input (empty, oversized, unknown kind or category, a malformed address or form) is refused with a specific message in the reader's language and nothing is written", async () => {
    const before = await rowCounts();
    const textField = msg("errors.complaints.fields.text");
    const cases: Array<[Record<string, string>, string, MessageRef]> = [
      [{ text: "" }, "text", msg("errors.complaints.required", { field: textField })],
      [{ text: " \n\t " }, "text", msg("errors.complaints.required", { field: textField })],
      [{ text: "x".repeat(COMPLAINT_TEXT_MAX + 1) }, "text", msg("errors.complaints.tooLong", { field: textField, max: COMPLAINT_TEXT_MAX })],
      [{ text: "x".repeat(50_000) }, "text", msg("errors.complaints.tooLong", { field: textField, max: COMPLAINT_TEXT_MAX })],
      [{ kind: "praise" }, "kind", msg("errors.complaints.unknownKind", { value: "praise" })],
      [{ category: "weather" }, "category", msg("errors.complaints.unknownCategory", { value: "weather" })],
      [{ contactEmail: "not an address" }, "contactEmail", msg("errors.complaints.badEmail")],
    ];
    for (const [change, field, message] of cases) {
      const error = await lodge(change).catch((caught: unknown) => caught);
      expect(error, field).toBeInstanceOf(Invalid);
      expect((error as Invalid).message).toBe(englishText(message));
      expect((error as Invalid).fieldErrors?.[field]).toEqual([englishText(message)]);
      // The same refusal reads in Traditional Chinese for a reader of the Chinese pages.
      expect(chineseText((error as Invalid).userMessage)).toBe(chineseText(message));
      expect(chineseText(message)).not.toBe(englishText(message));
    }
    const badKey = await submitComplaint({
      ctx: publicCtx(),
      input: { kind: "complaint", category: "other", text: "t", submissionKey: "' OR 1=1 --" },
    }).catch((caught: unknown) => caught);
    expect((badKey as Invalid).message).toBe(englishText(msg("errors.complaints.badRequest")));
    expect(chineseText(msg("errors.complaints.tooLong", { field: textField, max: COMPLAINT_TEXT_MAX }))).toContain("5000");
    expect(await rowCounts()).toEqual(before);
  });

  it("CMP-1, EDU-2: the same form sent 10 times in parallel records one complaint and every answer gives its reference; 10 different forms all persist", async () => {
    const submissionKey = crypto.randomUUID();
    const input = { kind: "complaint", category: "technical", text: "The order ticket froze.", contactEmail: "twice@example.test", submissionKey };
    const answers = await Promise.all(Array.from({ length: 10 }, () => submitComplaint({ ctx: publicCtx(), input })));
    expect(new Set(answers.map((answer) => answer.reference)).size).toBe(1);
    expect(answers.filter((answer) => !answer.repeated)).toHaveLength(1);
    const rows = await prisma.complaint.findMany({ where: { submissionKey }, include: { events: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0].events).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "complaint.receive", entityId: rows[0].id } })).toBe(1);
    // The same key with different words is a reused form, not the same complaint.
    await expect(submitComplaint({ ctx: publicCtx(), input: { ...input, text: "Something else." } })).rejects.toBeInstanceOf(Conflict);

    const distinct = await Promise.all(Array.from({ length: 10 }, (_, i) => lodge({ text: `Distinct complaint ${i}` })));
    expect(new Set(distinct.map((answer) => answer.reference)).size).toBe(10);
    expect(await prisma.complaint.count({ where: { reference: { in: distinct.map((answer) => answer.reference) } } })).toBe(10);
  });
});

describe("handling a complaint", () => {
  it("CMP-1: a complaint cannot close without an outcome letter and MIC review; the letter carries the FDRC wording; the record persists after closure", async () => {
    const { reference } = await lodge({ text: "My stop order was not triggered." });
    const id = await idOf(reference);
    const officer = await staff();
    const mic = await staff(["RESPONSIBLE_OFFICER"]);

    await acknowledgeComplaint({ ctx: officer.ctx(), input: { id } });
    await expect(acknowledgeComplaint({ ctx: officer.ctx(), input: { id } })).rejects.toThrow(englishText(msg("errors.complaints.alreadyAcknowledged")));
    await addComplaintNote({ ctx: officer.ctx(), input: { id, text: "Trigger price was never reached on the mark price." } });
    await setRootCauses({ ctx: officer.ctx(), input: { id, causes: ["client_misunderstanding", "unclear_disclosure"] } });

    await expect(closeComplaint({ ctx: officer.ctx(), input: { id } })).rejects.toThrow(englishText(msg("errors.complaints.closeWithoutLetter")));
    const draft = await draftOutcomeLetter({
      ctx: officer.ctx(),
      input: { id, outcome: "The order triggers on the mark price, which did not reach your stop." },
    });
    expect(draft.letter).toContain(reference);
    expect(draft.letter).toContain("The order triggers on the mark price");
    expect(draft.letter).toContain(letterText("en", "fdrc"));
    expect(draft.letter).toContain("Financial Dispute Resolution Centre");
    await expect(closeComplaint({ ctx: officer.ctx(), input: { id } })).rejects.toThrow(englishText(msg("errors.complaints.closeWithoutReview")));

    // The MIC review: not the handler (even one who also holds the RO role), only after a step-up, of the letter as it stands.
    const handlerAndRo = await staff(["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"]);
    const { reference: second } = await lodge({ text: "Second complaint." });
    const secondId = await idOf(second);
    await acknowledgeComplaint({ ctx: handlerAndRo.ctx(), input: { id: secondId } });
    const secondDraft = await draftOutcomeLetter({ ctx: handlerAndRo.ctx(), input: { id: secondId, outcome: "Resolved." } });
    await expect(reviewOutcomeLetter({ ctx: handlerAndRo.ctx(), input: { id: secondId, letterVersion: secondDraft.letterVersion } })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(reviewOutcomeLetter({ ctx: officer.ctx(), input: { id, letterVersion: draft.letterVersion } })).rejects.toBeInstanceOf(Forbidden);
    const staleMic = await staff(["RESPONSIBLE_OFFICER"], new Date(WALL.getTime() - HOUR));
    await expect(reviewOutcomeLetter({ ctx: staleMic.ctx(WALL), input: { id, letterVersion: draft.letterVersion } })).rejects.toBeInstanceOf(StepUpRequired);

    // A redraft needs a new review: approving the words that were replaced is refused.
    const later = new Date(WALL.getTime() + 60_000);
    const redraft = await draftOutcomeLetter({ ctx: officer.ctx(later), input: { id, outcome: "Your stop triggers on the mark price; it did not reach it." } });
    await expect(reviewOutcomeLetter({ ctx: mic.ctx(later), input: { id, letterVersion: draft.letterVersion } })).rejects.toThrow(
      englishText(msg("errors.complaints.letterChanged")),
    );
    await reviewOutcomeLetter({ ctx: mic.ctx(later), input: { id, letterVersion: redraft.letterVersion } });
    await expect(reviewOutcomeLetter({ ctx: mic.ctx(later), input: { id, letterVersion: redraft.letterVersion } })).rejects.toBeInstanceOf(Conflict);

    const closed = await closeComplaint({ ctx: officer.ctx(later), input: { id } });
    expect(closed.late).toBe(false);
    const row = await prisma.complaint.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: [{ at: "asc" }, { seq: "asc" }] } } });
    expect([row.status, row.reviewedById, row.closedById, row.letterText]).toEqual(["closed", mic.actor.userId, officer.actor.userId, redraft.letter]);
    expect(row.events.map((event) => event.kind)).toEqual([
      "received",
      "acknowledged",
      "note",
      "root_cause",
      "letter_drafted",
      "letter_drafted",
      "mic_reviewed",
      "closed",
    ]);
    expect(await prisma.auditLog.count({ where: { entityId: id, action: { in: ["complaint.mic_review", "complaint.close"] } } })).toBe(2);

    // REC-2: closed, it stays readable and no step changes it.
    await expect(addComplaintNote({ ctx: officer.ctx(later), input: { id, text: "late note" } })).rejects.toThrow(englishText(msg("errors.complaints.closed")));
    await expect(draftOutcomeLetter({ ctx: officer.ctx(later), input: { id, outcome: "x" } })).rejects.toThrow(englishText(msg("errors.complaints.closed")));
    const detail = await getComplaint({ ctx: mic.ctx(later), input: { id } });
    expect(detail).toMatchObject({ reference, status: "closed", letterText: redraft.letter, reviewedBy: mic.actor.name });
    expect(detail.events).toHaveLength(8);
    expect(await prisma.clientDataAccess.count({ where: { userId: mic.actor.userId, resource: "complaint", subjectRef: reference } })).toBe(1);
  });

  it("CMP-1, EDU-2: a signed-in client is told in their inbox (and by e-mail) of receipt, acknowledgement and the final response; the public complainant gets no notice", async () => {
    const client = await signedInUser(prisma, ["CLIENT"]);
    const clientCtx = contextFor(prisma, client, () => WALL);
    const { reference } = await submitComplaint({
      ctx: clientCtx,
      input: { kind: "complaint", category: "fees_funding", text: "A fee was charged twice.", submissionKey: crypto.randomUUID() },
    });
    const id = await idOf(reference);
    const officer = await staff();
    const mic = await staff(["RESPONSIBLE_OFFICER"]);
    await acknowledgeComplaint({ ctx: officer.ctx(), input: { id } });
    await setRootCauses({ ctx: officer.ctx(), input: { id, causes: ["system_error"] } });
    const draft = await draftOutcomeLetter({ ctx: officer.ctx(), input: { id, outcome: "The second fee was refunded." } });
    await reviewOutcomeLetter({ ctx: mic.ctx(), input: { id, letterVersion: draft.letterVersion } });
    await closeComplaint({ ctx: officer.ctx(), input: { id } });

    const notices = await prisma.clientNotice.findMany({ where: { userId: client.userId }, orderBy: { createdAt: "asc" }, include: { deliveries: true } });
    expect(notices.map((notice) => notice.kind)).toEqual(["complaintReceived", "complaintAcknowledged", "complaintOutcome"]);
    expect(notices[0].title).toBe(`We received your complaint ${reference}`);
    expect(notices[2].body).toBe(draft.letter);
    expect(notices[2].body).toContain(letterText("en", "fdrc"));
    for (const notice of notices) expect(notice.deliveries.map((delivery) => delivery.channel).sort()).toEqual(["email", "inbox"]);

    const enquiry = await submitComplaint({
      ctx: clientCtx,
      input: { kind: "enquiry", category: "technical", text: "How do I reset my authenticator?", submissionKey: crypto.randomUUID() },
    });
    await answerEnquiry({ ctx: officer.ctx(), input: { id: await idOf(enquiry.reference), text: "Use the account page's reset link." } });
    const answered = await prisma.clientNotice.findFirstOrThrow({ where: { userId: client.userId, kind: "enquiryAnswered" } });
    expect([answered.title, answered.body]).toEqual([`Our answer to your enquiry ${enquiry.reference}`, "Use the account page's reset link."]);

    const before = await prisma.clientNotice.count();
    await lodge({ text: "A public complaint." });
    expect(await prisma.clientNotice.count()).toBe(before);
  });

  it("CMP-1: a complaint raised in Chinese gets its outcome letter in Chinese, with the FDRC paragraph", async () => {
    const { reference } = await lodge({ locale: "zh-HK", text: "提款延誤。" });
    const id = await idOf(reference);
    const officer = await staff();
    const { letter } = await draftOutcomeLetter({ ctx: officer.ctx(), input: { id, outcome: "延誤源於銀行系統維修，本公司已補償利息。" } });
    expect(letter).toContain(letterText("zh-HK", "fdrc"));
    expect(letter).toContain("金融糾紛調解中心");
    expect(letter).toContain(reference);
  });

  it("CMP-1: root causes and steps refuse bad input with a specific message; enquiries are answered, not given a letter", async () => {
    const { reference } = await lodge();
    const id = await idOf(reference);
    const officer = await staff();
    await expect(setRootCauses({ ctx: officer.ctx(), input: { id, causes: ["bad_luck"] } })).rejects.toThrow(
      englishText(msg("errors.complaints.unknownRootCause", { value: "bad_luck" })),
    );
    await expect(setRootCauses({ ctx: officer.ctx(), input: { id, causes: [] } })).rejects.toThrow(englishText(msg("errors.complaints.noRootCause")));
    await expect(addComplaintNote({ ctx: officer.ctx(), input: { id, text: "   " } })).rejects.toBeInstanceOf(Invalid);
    await expect(draftOutcomeLetter({ ctx: officer.ctx(), input: { id, outcome: "o".repeat(5_001) } })).rejects.toThrow(
      englishText(msg("errors.complaints.tooLong", { field: msg("errors.complaints.fields.outcome"), max: 5_000 })),
    );
    await expect(acknowledgeComplaint({ ctx: officer.ctx(), input: { id: crypto.randomUUID() } })).rejects.toBeInstanceOf(NotFound);
    await expect(acknowledgeComplaint({ ctx: officer.ctx(), input: { id: "not-an-id" } })).rejects.toBeInstanceOf(NotFound);

    const enquiry = await lodge({ kind: "enquiry", category: "fees_funding", text: "When is funding paid?" });
    const enquiryId = await idOf(enquiry.reference);
    await expect(draftOutcomeLetter({ ctx: officer.ctx(), input: { id: enquiryId, outcome: "x" } })).rejects.toThrow(
      englishText(msg("errors.complaints.notAComplaint")),
    );
    await expect(answerEnquiry({ ctx: officer.ctx(), input: { id, text: "x" } })).rejects.toThrow(englishText(msg("errors.complaints.notAnEnquiry")));
    const answered = await answerEnquiry({ ctx: officer.ctx(), input: { id: enquiryId, text: "Every eight hours, on the hour (Hong Kong time)." } });
    expect(answered.late).toBe(false);
    const row = await prisma.complaint.findUniqueOrThrow({ where: { id: enquiryId }, include: { events: true } });
    expect(row.status).toBe("closed");
    expect(row.events.map((event) => event.kind).sort()).toEqual(["answered", "closed", "received"]);
  });

  it("CMP-1: only compliance officers handle and only a Responsible Officer reviews; an auditor reads; the public and the AFMM trader are refused", async () => {
    const { reference } = await lodge();
    const id = await idOf(reference);
    const auditor = await staff(["AUDITOR"]);
    const trader = await staff(["AFMM_TRADER"]);
    const mic = await staff(["RESPONSIBLE_OFFICER"]);
    await expect(acknowledgeComplaint({ ctx: auditor.ctx(), input: { id } })).rejects.toBeInstanceOf(Forbidden);
    await expect(acknowledgeComplaint({ ctx: mic.ctx(), input: { id } })).rejects.toBeInstanceOf(Forbidden);
    await expect(acknowledgeComplaint({ ctx: publicCtx(), input: { id } })).rejects.toBeInstanceOf(Unauthenticated);
    await expect(readComplaints({ ctx: trader.ctx() })).rejects.toBeInstanceOf(Forbidden);
    const overview = await readComplaints({ ctx: auditor.ctx() });
    expect(overview.open.some((row) => row.reference === reference)).toBe(true);
    expect(await prisma.clientDataAccess.count({ where: { userId: auditor.actor.userId, resource: "complaints" } })).toBe(1);
  });
});

describe("the complaint log", () => {
  it("CMP-1, REC-2: the database refuses UPDATE and DELETE of log entries, the removal of a complaint, a change to what was received, and any change to a closed complaint", async () => {
    const { reference } = await lodge({ text: "Immutable complaint." });
    const id = await idOf(reference);
    const table = (name: string) => `"${database.schema}"."${name}"`;
    await expect(prisma.$executeRawUnsafe(`UPDATE ${table("ComplaintEvent")} SET "text" = 'changed' WHERE "complaintId" = $1`, id)).rejects.toThrow(
      /append-only: UPDATE on "ComplaintEvent" is refused/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM ${table("ComplaintEvent")} WHERE "complaintId" = $1`, id)).rejects.toThrow(
      /append-only: DELETE on "ComplaintEvent" is refused/,
    );
    await expect(prisma.$executeRawUnsafe(`TRUNCATE ${table("ComplaintEvent")}`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM ${table("Complaint")} WHERE "id" = $1`, id)).rejects.toThrow(/complaints are kept: DELETE/);
    await expect(prisma.$executeRawUnsafe(`UPDATE ${table("Complaint")} SET "text" = 'rewritten' WHERE "id" = $1`, id)).rejects.toThrow(
      /what a complaint said when received is never changed/,
    );
    await expect(
      prisma.$executeRawUnsafe(`UPDATE ${table("Complaint")} SET "responseDueAt" = "responseDueAt" + interval '30 days' WHERE "id" = $1`, id),
    ).rejects.toThrow(/never changed/);

    const enquiry = await lodge({ kind: "enquiry", text: "Immutable enquiry." });
    const enquiryId = await idOf(enquiry.reference);
    const officer = await staff();
    await answerEnquiry({ ctx: officer.ctx(), input: { id: enquiryId, text: "Answered." } });
    await expect(prisma.$executeRawUnsafe(`UPDATE ${table("Complaint")} SET "status" = 'open', "closedAt" = NULL WHERE "id" = $1`, enquiryId)).rejects.toThrow(
      /a closed complaint is not changed/,
    );
    const row = await prisma.complaint.findUniqueOrThrow({ where: { id: enquiryId }, include: { events: true } });
    expect([row.status, row.text, row.events.length]).toEqual(["closed", "Immutable enquiry.", 3]);
  });
});

describe("deadlines and escalation", () => {
  it("CMP-1, EDU-2: a missed deadline is escalated exactly once, even when the job runs in parallel; a deadline met is not", async () => {
    const at = new Date(Date.UTC(2030, 2, 11, 2)); // Monday 11 March 2030, 10:00 HKT
    const late = await lodge({ text: "Nobody answered me." }, at);
    const prompt = await lodge({ text: "Acknowledged in time." }, at);
    const enquiry = await lodge({ kind: "enquiry", category: "technical", text: "Is the API down?" }, at);
    const [lateId, promptId, enquiryId] = await Promise.all([idOf(late.reference), idOf(prompt.reference), idOf(enquiry.reference)]);
    const officer = await staff(["COMPLIANCE_OFFICER"], at);
    await acknowledgeComplaint({ ctx: officer.ctx(), input: { id: promptId } });
    const job = (now: Date) => runComplaintsJob({ db: prisma, now: () => now });

    const acknowledgeDue = late.acknowledgeDueAtMs!;
    await job(new Date(acknowledgeDue - 1_000));
    expect((await prisma.complaint.findUniqueOrThrow({ where: { id: lateId } })).acknowledgeEscalatedAt).toBeNull();

    const past = new Date(acknowledgeDue + 60_000);
    await Promise.all([job(past), job(past), job(past), job(past)]);
    await job(new Date(past.getTime() + 60_000));
    const escalations = (id: string) => prisma.complaintEvent.findMany({ where: { complaintId: id, kind: "escalated" }, orderBy: { at: "asc" } });
    expect((await escalations(lateId)).map((event) => (event.data as { deadline: string }).deadline)).toEqual(["acknowledge"]);
    expect(await escalations(promptId)).toEqual([]);
    // The enquiry's one-business-day SLA (technical) had passed by then too.
    expect((await escalations(enquiryId)).map((event) => (event.data as { deadline: string }).deadline)).toEqual(["response"]);
    expect(await prisma.auditLog.count({ where: { action: "complaint.escalate", entityId: lateId } })).toBe(1);
    const overview = await readComplaints({ ctx: officer.ctx(past) });
    expect(overview.open.find((row) => row.id === lateId)).toMatchObject({ escalated: true, acknowledgeOverdue: true, responseOverdue: false });
    expect(overview.open.find((row) => row.id === promptId)).toMatchObject({ escalated: false, acknowledgeOverdue: false });

    // The final response deadline, missed by both complaints, escalates each once more.
    const afterResponse = new Date(late.responseDueAtMs + DAY);
    await Promise.all([job(afterResponse), job(afterResponse)]);
    expect((await escalations(lateId)).map((event) => (event.data as { deadline: string }).deadline)).toEqual(["acknowledge", "response"]);
    expect((await escalations(promptId)).map((event) => (event.data as { deadline: string }).deadline)).toEqual(["response"]);
  });
});

describe("FDRC referrals", () => {
  it("RPT-9: an FDRC referral creates an SFC notification task, once, shown on the registers page", async () => {
    const { reference } = await lodge({ text: "I lost money in the auto-deleveraging." });
    const id = await idOf(reference);
    const officer = await staff();
    await expect(recordFdrcReferral({ ctx: officer.ctx(), input: { id, reference: "  " } })).rejects.toThrow(
      englishText(msg("errors.complaints.required", { field: msg("errors.complaints.fields.reference") })),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => recordFdrcReferral({ ctx: officer.ctx(), input: { id, reference: "FDRC case 2030/0042" } })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(Conflict);

    const tasks = await prisma.complianceTask.findMany({ where: { sourceRef: `complaint:${id}` } });
    expect(tasks).toHaveLength(1);
    const dueDate = addHongKongBusinessDays("2030-03-04", COMPLAINT_POLICY.fdrcNotificationBusinessDays);
    expect(tasks[0]).toMatchObject({ kind: "fdrc_referral_notification", title: reference, status: "open", dueAt: endOfHongKongDay(dueDate) });
    const row = await prisma.complaint.findUniqueOrThrow({ where: { id } });
    expect([row.fdrcTaskId, row.fdrcReferredAt?.toISOString()]).toEqual([tasks[0].id, WALL.toISOString()]);
    expect(await prisma.complaintEvent.count({ where: { complaintId: id, kind: "fdrc_referred" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "compliance_task.create", entityId: tasks[0].id } })).toBe(1);

    const registers = await readRegisters({ ctx: officer.ctx() });
    expect(registers.tasks.find((task) => task.id === tasks[0].id)).toMatchObject({ kind: "fdrc_referral_notification", dueDate, title: reference });
    const overview = await readComplaints({ ctx: officer.ctx() });
    expect(overview.referrals.find((referral) => referral.id === id)).toMatchObject({ taskDueDate: dueDate, taskDone: false });

    const enquiry = await lodge({ kind: "enquiry", text: "Can I go to the FDRC?" });
    await expect(recordFdrcReferral({ ctx: officer.ctx(), input: { id: await idOf(enquiry.reference), reference: "x" } })).rejects.toThrow(
      englishText(msg("errors.complaints.notAComplaint")),
    );
  });
});
