import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { canonicalJson } from "@/lib/audit/chain";
import type { Actor } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { recordCpiAssessment } from "@/lib/services/suitability/record-cpi-assessment";
import { consentCpiNotice } from "@/lib/services/suitability/consent-cpi-notice";
import { addAuthorisedTrader } from "@/lib/services/suitability/add-authorised-trader";
import { removeAuthorisedTrader } from "@/lib/services/suitability/remove-authorised-trader";
import { assessAuthorisedTrader } from "@/lib/services/suitability/assess-authorised-trader";
import { getCorporatePi } from "@/lib/services/suitability/get-corporate-pi";
import { getCorporatePiCase } from "@/lib/services/suitability/get-corporate-pi-case";
import { requireAuthorisedTrader } from "@/lib/services/suitability/corporate-pi";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { reportCircumstanceChange } from "@/lib/services/suitability/report-circumstance-change";
import { listCircumstanceChanges } from "@/lib/services/suitability/list-circumstance-changes";
import { listOwnCircumstanceChanges } from "@/lib/services/suitability/list-own-circumstance-changes";
import { decideCircumstanceChange } from "@/lib/services/suitability/decide-circumstance-change";
import { CORPORATE_PI_NOTICE_VERSIONS } from "@/lib/suitability/corporate-pi-notice";
import { noticeContentHash } from "@/lib/suitability/corporate-pi-notice/hash";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const NOTICE = CORPORATE_PI_NOTICE_VERSIONS.at(-1)!;
const NOTICE_HASH = noticeContentHash(NOTICE);
const ctxOf = (actor: Actor) => contextFor(prisma, actor);
const officer = () => signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() });

/** A client whose application (of `category`) waits for a decision, as submit-onboarding leaves it. */
async function submittedClient(category = "corporation") {
  const client = await signedInUser(prisma, ["CLIENT"], { totp: true }); // SEC-1: perps access needs a second factor
  const now = new Date();
  const submission = await prisma.suitabilitySubmission.create({
    data: {
      userId: client.userId,
      version: 1,
      submittedAt: now,
      assessmentDate: now.toISOString().slice(0, 10),
      // The parts of a record the review gate reads: statutory test and risk quiz passed, knowledge by the platform course.
      record: {
        draft: { category },
        assessmentDate: now.toISOString().slice(0, 10),
        pi: { passed: true, portfolioLines: [], totalAssetsLines: [] },
        evaluator: { piPassed: true, quizPassed: true },
        riskQuiz: { passed: true },
        platformCourse: { courseVersion: "perps-course-2026-12-v2", completionDate: now.toISOString().slice(0, 10) },
        exposureCap: { maxInitialMarginMicroUsd: "1000000000000" },
      },
      piPassed: true,
      knowledgePassed: true,
      quizPassed: true,
      evaluatorPassed: true,
      recordHash: crypto.randomBytes(32).toString("hex"),
    },
  });
  await prisma.onboardingCase.create({
    data: { userId: client.userId, status: "SUBMITTED", draft: { category }, draftUpdatedAt: now, statusChangedAt: now, latestSubmissionId: submission.id },
  });
  return { client, submissionId: submission.id };
}

const assessment = (clientUserId: string, over: Record<string, string> = {}) => ({
  clientUserId,
  hasInvestmentFunction: "yes",
  investmentFunction: "A treasury committee of three directors decides every investment.",
  decisionMakers: "Chan Tai Man, finance director\n\n  Lee Siu Ming, head of treasury  ",
  knowledgeAndExperience: "Both have traded listed futures and options for the group treasury for over ten years.",
  conclusion: "POSITIVE",
  reason: "Committee minutes and the two CVs reviewed; their experience matches the products.",
  ...over,
});

const consent = (over: Record<string, string> = {}) => ({ versionId: NOTICE.id, contentHash: NOTICE_HASH, confirmed: "on", ...over });

async function auditOf(action: string, entityId?: string) {
  return prisma.auditLog.findMany({ where: { action, ...(entityId ? { entityId } : {}) }, orderBy: { seq: "asc" } });
}

describe("PI-6: the Code 15.3A corporate professional-investor assessment", () => {
  it("PI-6: an officer records it; the record is versioned, chained by hash, audited and cannot be changed in the database", async () => {
    const { client } = await submittedClient("partnership");
    const co = await officer();
    const first = await recordCpiAssessment({ ctx: ctxOf(co), input: assessment(client.userId, { conclusion: "NEGATIVE", hasInvestmentFunction: "no" }) });
    expect(first).toMatchObject({ version: 1, created: true });
    const row = await prisma.corporatePiAssessment.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      decisionMakers: ["Chan Tai Man, finance director", "Lee Siu Ming, head of treasury"],
      conclusion: "NEGATIVE",
      officerId: co.userId,
      officerEmail: co.email,
      previousHash: null,
    });
    const [audit] = await auditOf("corporate_pi.assessment", first.id);
    const recorded = audit.after as Record<string, unknown>;
    expect(crypto.createHash("sha256").update(canonicalJson(recorded), "utf8").digest("hex")).toBe(row.contentHash);
    expect(recorded).toMatchObject({ category: "partnership", version: 1, conclusion: "NEGATIVE", officerEmail: co.email });

    const second = await recordCpiAssessment({ ctx: ctxOf(co), input: assessment(client.userId) });
    expect(second).toMatchObject({ version: 2, created: true });
    expect(await prisma.corporatePiAssessment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      previousHash: row.contentHash,
      conclusion: "POSITIVE",
    });
    await expect(prisma.corporatePiAssessment.update({ where: { id: first.id }, data: { conclusion: "POSITIVE" } })).rejects.toThrow(/append-only/);
    await expect(prisma.corporatePiAssessment.delete({ where: { id: first.id } })).rejects.toThrow(/append-only/);
  });

  it("PI-6: a client cannot record an assessment, an officer cannot assess their own application, and a stale step-up is refused", async () => {
    const { client } = await submittedClient();
    await expect(recordCpiAssessment({ ctx: ctxOf(client), input: assessment(client.userId) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const co = await officer();
    await expect(recordCpiAssessment({ ctx: ctxOf(co), input: assessment(co.userId) })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot assess your own application.",
    });
    const stale = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date(Date.now() - 3_600_000) });
    await expect(recordCpiAssessment({ ctx: ctxOf(stale), input: assessment(client.userId) })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    const auditor = await signedInUser(prisma, ["AUDITOR"], { stepUpAt: new Date() });
    await expect(recordCpiAssessment({ ctx: ctxOf(auditor), input: assessment(client.userId) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.corporatePiAssessment.count({ where: { userId: client.userId } })).toBe(0);
  });

  it("PI-6: bad and hostile input gets a specific message per field and records nothing", async () => {
    const { client } = await submittedClient();
    const individual = await submittedClient("individual");
    const co = await officer();
    const refused = async (input: Record<string, unknown>, field: string, text: RegExp) => {
      const error = await recordCpiAssessment({ ctx: ctxOf(co), input: input as never }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID" });
      expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors[field].join(" ")).toMatch(text);
    };
    await refused(assessment(client.userId, { hasInvestmentFunction: "no" }), "conclusion", /positive conclusion needs a specific function/);
    await refused(assessment(client.userId, { decisionMakers: "\n \n" }), "decisionMakers", /at least one person/);
    await refused(assessment(client.userId, { investmentFunction: "x".repeat(100_000) }), "investmentFunction", /at most 2,000 characters/);
    await refused(
      assessment(client.userId, { decisionMakers: Array.from({ length: 21 }, (_, i) => `Person ${i}, director`).join("\n") }),
      "decisionMakers",
      /at most 20 persons/,
    );
    await refused(assessment(client.userId, { conclusion: "MAYBE" }), "conclusion", /Choose the conclusion/);
    await refused(assessment(client.userId, { reason: "ok" }), "reason", /at least 10 characters/);
    await refused({ ...assessment(client.userId), clientUserId: '\'; DROP TABLE "User"; --' }, "clientUserId", /which client/);
    await expect(recordCpiAssessment({ ctx: ctxOf(co), input: assessment(individual.client.userId) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/not for a corporation, partnership or trust corporation/),
    });
    const nobody = await signedInUser(prisma, ["CLIENT"]);
    await expect(recordCpiAssessment({ ctx: ctxOf(co), input: assessment(nobody.userId) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.corporatePiAssessment.count({ where: { userId: { in: [client.userId, individual.client.userId, nobody.userId] } } })).toBe(0);
  });

  it("PI-6: the same assessment posted in parallel by the same officer is recorded once", async () => {
    const { client } = await submittedClient("trust_corporation");
    const co = await officer();
    const results = await Promise.all(Array.from({ length: 5 }, () => recordCpiAssessment({ ctx: ctxOf(co), input: assessment(client.userId) })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.corporatePiAssessment.count({ where: { userId: client.userId } })).toBe(1);
  });
});

describe("PI-7: the Code 15.3B notice and the corporate client's written consent", () => {
  it("PI-7: the consent record stores the notice version and hash; it is audited, recorded once under parallel posts and never changed", async () => {
    const { client } = await submittedClient();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => consentCpiNotice({ ctx: ctxOf(client), input: { ...consent(), userAgent: "x".repeat(5000) } })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await prisma.corporatePiConsent.findMany({ where: { userId: client.userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ versionId: NOTICE.id, contentHash: NOTICE_HASH, channel: "web" });
    expect(rows[0].userAgent).toHaveLength(500);
    expect((await auditOf("corporate_pi.consent", rows[0].id))[0].after).toMatchObject({ versionId: NOTICE.id, contentHash: NOTICE_HASH });
    await expect(prisma.corporatePiConsent.delete({ where: { id: rows[0].id } })).rejects.toThrow(/append-only/);
    expect(await getCorporatePi({ ctx: ctxOf(client) })).toMatchObject({ corporate: true, consent: { versionId: NOTICE.id, contentHash: NOTICE_HASH } });
  });

  it("PI-7: an unticked box, another text, an unknown version and an individual client are refused, and nothing is recorded", async () => {
    const { client } = await submittedClient();
    await expect(consentCpiNotice({ ctx: ctxOf(client), input: consent({ confirmed: "" }) })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { confirmed: ["Tick the box to confirm your company's consent."] },
    });
    await expect(consentCpiNotice({ ctx: ctxOf(client), input: consent({ contentHash: "0".repeat(64) }) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/differs from version/),
    });
    await expect(consentCpiNotice({ ctx: ctxOf(client), input: consent({ versionId: "cpi-notice-1999-v0" }) })).rejects.toMatchObject({ code: "CONFLICT" });
    const individual = await submittedClient("individual");
    await expect(consentCpiNotice({ ctx: ctxOf(individual.client), input: consent() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/for corporations, partnerships and trust corporations/),
    });
    const co = await officer();
    await expect(consentCpiNotice({ ctx: ctxOf(co), input: consent() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.corporatePiConsent.count({ where: { userId: { in: [client.userId, individual.client.userId] } } })).toBe(0);
  });
});

describe("PI-6: a corporate client is approved only after a positive 15.3A assessment and 15.3B consent", () => {
  it("PI-6: approval is refused with each missing step named and nothing changes; with both in place it is approved", async () => {
    const { client, submissionId } = await submittedClient();
    const co = await officer();
    const approve = () => decideReview({ ctx: ctxOf(co), input: { submissionId, decision: "APPROVE", reason: "All evidence checked against the documents." } });
    await expect(approve()).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/15\.3A\) has not been recorded yet.*has not consented to the corporate professional-investor notice/),
    });
    await recordCpiAssessment({ ctx: ctxOf(co), input: assessment(client.userId, { conclusion: "NEGATIVE", hasInvestmentFunction: "no" }) });
    await consentCpiNotice({ ctx: ctxOf(client), input: consent() });
    await expect(approve()).rejects.toMatchObject({ message: expect.stringMatching(/concluded negatively/) });
    expect(await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: client.userId } })).toMatchObject({ status: "SUBMITTED", verifiedAt: null });
    expect(await prisma.suitabilityReview.count({ where: { submissionId } })).toBe(0);
    expect((await getCorporatePiCase({ ctx: ctxOf(co), input: { clientUserId: client.userId } })).blockers.map((b) => b.code)).toEqual([
      "CPI_ASSESSMENT_NEGATIVE",
    ]);

    await recordCpiAssessment({ ctx: ctxOf(co), input: assessment(client.userId) });
    expect(await approve()).toMatchObject({ status: "APPROVED" });
    expect((await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: client.userId } })).verifiedAt).not.toBeNull();
  });

  it("PI-6: an individual client's approval does not depend on the corporate steps", async () => {
    const { submissionId } = await submittedClient("individual");
    const co = await officer();
    expect(
      await decideReview({ ctx: ctxOf(co), input: { submissionId, decision: "APPROVE", reason: "All evidence checked against the documents." } }),
    ).toMatchObject({
      status: "APPROVED",
    });
  });
});

describe("SUIT-4: authorised traders of a corporate client, each assessed", () => {
  it("SUIT-4: the client names traders (once under parallel posts), an officer assesses each, and the order check follows the latest assessment", async () => {
    const { client } = await submittedClient();
    const named = await Promise.all(
      Array.from({ length: 4 }, () => addAuthorisedTrader({ ctx: ctxOf(client), input: { name: "Wong Ka Yan", position: "Treasury dealer" } })),
    );
    expect(named.filter((r) => r.created)).toHaveLength(1);
    expect(await prisma.authorisedTrader.count({ where: { userId: client.userId } })).toBe(1);
    const traderId = named[0].id;
    await expect(addAuthorisedTrader({ ctx: ctxOf(client), input: { name: "wong  ka yan", position: "Director" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(addAuthorisedTrader({ ctx: ctxOf(client), input: { name: "W", position: "x".repeat(10_000) } })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { name: [expect.stringMatching(/full name/)], position: [expect.stringMatching(/at most 120/)] },
    });
    const gate = (input: unknown) => requireAuthorisedTrader(ctxOf(client), client.userId, input);
    await expect(gate({})).rejects.toMatchObject({ code: "TRADER_REQUIRED" });
    await expect(gate({ traderId: crypto.randomUUID() })).rejects.toMatchObject({ code: "TRADER_NOT_AUTHORISED" });
    await expect(gate({ traderId: "<script>" })).rejects.toMatchObject({ code: "TRADER_NOT_AUTHORISED" });
    await expect(gate({ traderId })).rejects.toMatchObject({ code: "TRADER_NOT_ASSESSED", status: 403 });

    // A client cannot assess its own trader; an officer can, and the latest assessment counts.
    await expect(
      assessAuthorisedTrader({ ctx: ctxOf(client), input: { traderId, hasKnowledge: "yes", reason: "I know derivatives well." } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const co = await officer();
    await assessAuthorisedTrader({ ctx: ctxOf(co), input: { traderId, hasKnowledge: "no", reason: "No derivative training or trading record shown." } });
    await expect(gate({ traderId })).rejects.toMatchObject({ code: "TRADER_NOT_ASSESSED" });
    const positive = await Promise.all(
      Array.from({ length: 3 }, () =>
        assessAuthorisedTrader({
          ctx: ctxOf(co),
          input: { traderId, hasKnowledge: "yes", reason: "Futures dealer licence and five years on the HKEX desk checked." },
        }),
      ),
    );
    expect(positive.filter((r) => r.created)).toHaveLength(1);
    expect(await gate({ traderId })).toEqual({ traderId, traderName: "Wong Ka Yan" });
    expect(await auditOf("corporate_pi.trader_assessment")).toEqual(expect.arrayContaining([expect.objectContaining({ entityId: positive[0].id })]));
    await expect(assessAuthorisedTrader({ ctx: ctxOf(co), input: { traderId, hasKnowledge: "maybe", reason: "short" } })).rejects.toMatchObject({
      code: "INVALID",
    });

    // Removed: refused at once, and cannot be assessed again.
    await removeAuthorisedTrader({ ctx: ctxOf(client), input: { traderId, reason: "Left the company" } });
    await expect(gate({ traderId })).rejects.toMatchObject({ code: "TRADER_NOT_AUTHORISED" });
    await expect(
      assessAuthorisedTrader({ ctx: ctxOf(co), input: { traderId, hasKnowledge: "yes", reason: "Another look at the licence." } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const other = await submittedClient();
    await expect(removeAuthorisedTrader({ ctx: ctxOf(other.client), input: { traderId, reason: "Not mine at all" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("SUIT-4: an individual client's orders need no trader, and an individual cannot name one", async () => {
    const { client } = await submittedClient("individual");
    expect(await requireAuthorisedTrader(ctxOf(client), client.userId, {})).toBeNull();
    await expect(addAuthorisedTrader({ ctx: ctxOf(client), input: { name: "Someone Else", position: "Dealer" } })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("SUIT-8: change of circumstances triggers a re-review", () => {
  it("SUIT-8: a report is kept with its hash, acknowledged in the inbox, queued for re-review and decided once by an officer", async () => {
    const { client } = await submittedClient();
    const input = { category: "corporate_structure", description: "A new shareholder holds 30% of the company since last month." };
    const reports = await Promise.all(Array.from({ length: 4 }, () => reportCircumstanceChange({ ctx: ctxOf(client), input })));
    expect(reports.filter((r) => r.created)).toHaveLength(1);
    const changeId = reports[0].id;
    expect(await prisma.circumstanceChange.count({ where: { userId: client.userId } })).toBe(1);
    expect(await prisma.clientNotice.findMany({ where: { userId: client.userId } })).toEqual([expect.objectContaining({ kind: "circumstances.received" })]);
    expect(await auditOf("circumstances.report", changeId)).toHaveLength(1);
    const co = await officer();
    const queue = await listCircumstanceChanges({ ctx: ctxOf(co) });
    expect(queue.waiting).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: changeId, clientEmail: client.email, category: "corporate_structure" })]),
    );

    await expect(
      decideCircumstanceChange({ ctx: ctxOf(client), input: { changeId, outcome: "NO_CHANGE_NEEDED", reason: "Nothing changes for me." } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(decideCircumstanceChange({ ctx: ctxOf(co), input: { changeId, outcome: "REVOKE", reason: "Revoke the status now." } })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { outcome: ["Choose the outcome."] },
    });
    const decisions = await Promise.allSettled(
      ["NO_CHANGE_NEEDED", "INFO_REQUESTED"].map((outcome) =>
        decideCircumstanceChange({ ctx: ctxOf(co), input: { changeId, outcome, reason: "Shareholding does not affect the assessment." } }),
      ),
    );
    expect(decisions.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    expect(decisions.find((d) => d.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await prisma.circumstanceChangeReview.count({ where: { changeId } })).toBe(1);
    expect((await listCircumstanceChanges({ ctx: ctxOf(co) })).waiting.map((w) => w.id)).not.toContain(changeId);
    const [own] = await listOwnCircumstanceChanges({ ctx: ctxOf(client) });
    expect(own.review).toMatchObject({ reason: "Shareholding does not affect the assessment." });
    expect(await prisma.clientNotice.count({ where: { userId: client.userId, kind: { startsWith: "circumstances." } } })).toBe(2);
    // After a decision, the same change may be reported again as a new report.
    expect(await reportCircumstanceChange({ ctx: ctxOf(client), input })).toMatchObject({ created: true });
  });

  it("SUIT-8: bad and hostile input is refused specifically and records nothing; staff cannot report", async () => {
    const { client } = await submittedClient("individual");
    await expect(
      reportCircumstanceChange({ ctx: ctxOf(client), input: { category: "salary", description: "My salary doubled this year." } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { category: ["Choose what has changed."] },
    });
    await expect(reportCircumstanceChange({ ctx: ctxOf(client), input: { category: "net_worth", description: "x".repeat(200_000) } })).rejects.toMatchObject({
      fieldErrors: { description: ["The text is at most 2,000 characters."] },
    });
    await expect(reportCircumstanceChange({ ctx: ctxOf(client), input: { category: "net_worth", description: "   short   " } })).rejects.toMatchObject({
      fieldErrors: { description: [expect.stringMatching(/at least 10/)] },
    });
    const co = await officer();
    await expect(
      reportCircumstanceChange({ ctx: ctxOf(co), input: { category: "other", description: "Staff reporting for a client." } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await prisma.circumstanceChange.count({ where: { userId: client.userId } })).toBe(0);
    expect(await prisma.clientNotice.count({ where: { userId: client.userId } })).toBe(0);
  });
});
