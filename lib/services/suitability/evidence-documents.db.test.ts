import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { withTransaction, type Actor, type ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { removeDraftItem } from "@/lib/services/suitability/remove-draft-item";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { draftItemFingerprint, loadCase } from "@/lib/services/suitability/internal";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import {
  EVIDENCE_QUOTA_BYTES,
  EVIDENCE_QUOTA_DOCUMENTS,
  ORPHANED_EVIDENCE_GRACE_MS,
  storeEvidenceDocument,
} from "@/lib/services/suitability/evidence-documents";
import { getEvidenceDocument } from "@/lib/services/suitability/get-evidence-document";
import { sweepOrphanedEvidence } from "@/lib/services/suitability/sweep-orphaned-evidence";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { hongKongDate, subtractMonths } from "@/lib/suitability/dates";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import type { PresentedQuiz } from "@/lib/suitability/quiz";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T04:00:00Z");
const TODAY = hongKongDate(NOW);
const MB = 1024 * 1024;

/** A file that starts like a PDF, `size` bytes long. */
function pdf(size = 200, name = "statement.pdf"): File {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  // Distinct content per file, so no two uploads share a hash by accident.
  bytes.set(new TextEncoder().encode(`${Math.random()}`), 10);
  return new File([bytes], name, { type: "application/pdf" });
}

const line = (over: Record<string, string> = {}) => ({
  assetClass: "securities",
  custodianOrIssuer: "Test Custodian Ltd",
  documentType: "custodian_statement",
  value: "8,000,000.00",
  currency: "HKD",
  statementDate: new Date(NOW.getTime() - 10 * DAY).toISOString().slice(0, 10),
  ownershipKind: "sole",
  ...over,
});

async function newClient(): Promise<{ actor: Actor; ctx: (at?: Date) => ServiceContext }> {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  const ctx = (at = NOW) => contextFor(prisma, actor, () => at);
  await setCategory({ ctx: ctx(), input: { category: "individual" } });
  return { actor, ctx };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as { message: string; fieldErrors?: Record<string, string[]> },
  );

async function documentsOf(userId: string) {
  return prisma.evidenceDocument.findMany({
    where: { userId },
    select: { id: true, fileName: true, sizeBytes: true, sha256: true },
    orderBy: { uploadedAt: "asc" },
  });
}

describe("evidence storage quota", () => {
  it("a client cannot store more than 50 MB of documents not yet submitted; the refusal states the usage and the remedy, saves nothing, and removing a line frees its space at once", async () => {
    const { actor, ctx } = await newClient();
    // The attack: one 5 MB file after another. Ten fill the 50 MB; the eleventh, however small, is refused.
    const fits = 10;
    expect(fits * MAX_EVIDENCE_BYTES).toBe(50 * MB);
    for (let i = 0; i < fits; i++)
      await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: `Bank ${i}` }), file: pdf(MAX_EVIDENCE_BYTES) } });
    const before = await loadCase(prisma, actor.userId);
    const error = await refusal(addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: "One too many" }), file: pdf(1024, "extra.pdf") } }));
    expect(error, "the upload past the quota is refused").not.toBeNull();
    expect(error!.fieldErrors?.document?.[0]).toBe(
      `You have used 50 MB of your 50 MB for documents not yet part of a submission, and "extra.pdf" is 1 KB; remove a document you no longer need (remove the line it belongs to) and try again. Nothing was saved.`,
    );
    expect((await loadCase(prisma, actor.userId))!.draft).toEqual(before!.draft);
    expect(await prisma.evidenceDocument.aggregate({ where: { userId: actor.userId }, _sum: { sizeBytes: true }, _count: true })).toEqual({
      _sum: { sizeBytes: fits * MAX_EVIDENCE_BYTES },
      _count: fits,
    });
    expect((await getOnboarding({ ctx: ctx() })).storage).toEqual({ documents: fits, bytes: 50 * MB, maxDocuments: 40, maxBytes: 50 * MB });
    expect({ EVIDENCE_QUOTA_BYTES, EVIDENCE_QUOTA_DOCUMENTS }).toEqual({ EVIDENCE_QUOTA_BYTES: 50 * MB, EVIDENCE_QUOTA_DOCUMENTS: 40 });

    const first = (await loadCase(prisma, actor.userId))!.draft.portfolio[0];
    const removed = await removeDraftItem({ ctx: ctx(), input: { list: "portfolio", index: 0, fingerprint: draftItemFingerprint(first) } });
    expect(removed.document).toBe("deleted");
    expect(await prisma.evidenceDocument.findUnique({ where: { id: first.documentId } })).toBeNull();
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: "Fits again" }), file: pdf(1024, "extra.pdf") } });
    expect((await getOnboarding({ ctx: ctx() })).storage).toMatchObject({ documents: fits, bytes: (fits - 1) * MAX_EVIDENCE_BYTES + 1024 });
  });

  it("a client cannot hold more than 40 documents not yet submitted, across evidence lines and knowledge records", async () => {
    const { actor, ctx } = await newClient();
    for (let i = 0; i < 40; i++) {
      if (i % 2 === 0) await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: `Bank ${i}` }), file: pdf() } });
      else
        await addKnowledgeRecord({
          ctx: ctx(),
          input: {
            section: "trading",
            record: { tradeDate: subtractMonths(TODAY, 1), instrumentType: "futures", instrument: `HSI futures ${i}`, venueOrBroker: "Broker Ltd" },
            file: pdf(),
          },
        });
    }
    const error = await refusal(
      addKnowledgeRecord({
        ctx: ctx(),
        input: {
          section: "trading",
          record: { tradeDate: subtractMonths(TODAY, 1), instrumentType: "futures", instrument: "One too many", venueOrBroker: "Broker Ltd" },
          file: pdf(),
        },
      }),
    );
    expect(error, "the 41st document is refused").not.toBeNull();
    expect(error!.fieldErrors?.document?.[0]).toBe(
      "You have 40 documents not yet part of a submission, the most one client can hold; remove a document you no longer need (remove the line it belongs to) and try again. Nothing was saved.",
    );
    expect(await prisma.evidenceDocument.count({ where: { userId: actor.userId } })).toBe(40);
    // A record without a document is still accepted: only storage is limited.
    await addKnowledgeRecord({
      ctx: ctx(),
      input: {
        section: "trading",
        record: { tradeDate: subtractMonths(TODAY, 1), instrumentType: "futures", instrument: "No document", venueOrBroker: "Broker Ltd" },
      },
    });
  });

  it("parallel uploads racing for the last places take exactly the places left (real parallel transactions on PostgreSQL)", async () => {
    const { actor, ctx } = await newClient();
    for (let i = 0; i < EVIDENCE_QUOTA_DOCUMENTS - 2; i++)
      await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: `Bank ${i}` }), file: pdf() } });
    // Through the service a client's form calls, five at once for the last two places.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: `Racer ${i}` }), file: pdf() } })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => o.reason.message)).toEqual(
      Array(3).fill(expect.stringMatching(/the most one client can hold/)),
    );
    expect(await prisma.evidenceDocument.count({ where: { userId: actor.userId } })).toBe(EVIDENCE_QUOTA_DOCUMENTS);
    expect((await loadCase(prisma, actor.userId))!.draft.portfolio).toHaveLength(EVIDENCE_QUOTA_DOCUMENTS);
  });

  it("the quota holds by itself: parallel stores outside any draft edit cannot pass the last place either", async () => {
    const { actor, ctx } = await newClient();
    const fits = Math.floor(EVIDENCE_QUOTA_BYTES / MAX_EVIDENCE_BYTES);
    for (let i = 0; i < fits - 1; i++)
      await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: `Bank ${i}` }), file: pdf(MAX_EVIDENCE_BYTES) } });
    const store = async (size: number) => {
      const file = pdf(size);
      const bytes = new Uint8Array(await file.arrayBuffer());
      return withTransaction(ctx(), (tx) => storeEvidenceDocument(tx, ctx(), actor.userId, { fileName: file.name, bytes, mediaType: "application/pdf" }));
    };
    const byBytes = await Promise.allSettled([store(MAX_EVIDENCE_BYTES), store(MAX_EVIDENCE_BYTES), store(MAX_EVIDENCE_BYTES)]);
    expect(byBytes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected", "rejected"]);
    expect((await prisma.evidenceDocument.aggregate({ where: { userId: actor.userId }, _sum: { sizeBytes: true } }))._sum.sizeBytes).toBe(
      fits * MAX_EVIDENCE_BYTES,
    );
  });
});

describe("orphaned evidence documents", () => {
  async function passQuiz(ctx: ServiceContext) {
    const attempt = await startQuizAttempt({ ctx, input: { purpose: "risk_quiz" } });
    const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } });
    const presented = row.presented as unknown as PresentedQuiz;
    const bank = bankOf(presented);
    const answers = presented.questions.map((q) => ({
      questionId: q.questionId,
      optionId: bank.questions.find((b) => b.id === q.questionId)!.correctOptionId,
    }));
    await submitQuizAttempt({ ctx, input: { attemptId: attempt.attemptId, answers } });
  }

  it("REC-1: the sweep deletes only documents no draft line and no submission refers to, once 24 h old, with an audit tombstone; documents in a submission are never deleted and do not count towards the quota", async () => {
    const { actor, ctx } = await newClient();
    // Submitted and approved: the statement is part of the record.
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: "Submitted Bank" }), file: pdf(3_000, "submitted.pdf") } });
    for (let i = 0; i < 5; i++)
      await addKnowledgeRecord({
        ctx: ctx(),
        input: {
          section: "trading",
          record: { tradeDate: subtractMonths(TODAY, i + 1), instrumentType: "futures", instrument: "HSI futures", venueOrBroker: "Broker Ltd" },
        },
      });
    await setDeclarations({ ctx: ctx(), input: { training: "no", workExperience: "no", trading: "yes" } });
    await setNetWorth({ ctx: ctx(), input: { netWorthHkd: "20,000,000", liquidAssetsHkd: "4,000,000" } });
    await passQuiz(ctx());
    const version = currentVersion(RISK_DISCLOSURE_VERSIONS, NOW)!;
    await acknowledgeDisclosure({ ctx: ctx(), input: { versionId: version.id, contentHash: contentHash(version), confirmed: "on" } });
    const { submissionId } = await submitOnboarding({ ctx: ctx() });
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: NOW });
    await decideReview({
      ctx: contextFor(prisma, { ...officer, stepUpAt: NOW }, () => NOW),
      input: { submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." },
    });
    // Typed trades without documents do not count (SUIT-2): approving them is an override a second officer confirms.
    const second = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: NOW });
    await decideReview({
      ctx: contextFor(prisma, { ...second, stepUpAt: NOW }, () => NOW),
      input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Agree: evidence reviewed and matches." },
    });
    const [submitted] = await documentsOf(actor.userId);
    expect((await getOnboarding({ ctx: ctx() })).storage).toMatchObject({ documents: 0, bytes: 0 });

    // Renewal: the client replaces the submitted line. Its document stays: the submission refers to it.
    const submittedLine = (await loadCase(prisma, actor.userId))!.draft.portfolio[0];
    expect((await removeDraftItem({ ctx: ctx(), input: { list: "portfolio", index: 0, fingerprint: draftItemFingerprint(submittedLine) } })).document).toBe(
      "kept",
    );
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: "Current Bank" }), file: pdf(4_000, "current.pdf") } });
    // An orphan as left by a line removed before removal deleted documents: the draft no longer names it.
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ custodianOrIssuer: "Forgotten Bank" }), file: pdf(5_000, "forgotten.pdf") } });
    const draft = (await loadCase(prisma, actor.userId))!.draft;
    const orphanId = draft.portfolio.find((l) => l.custodianOrIssuer === "Forgotten Bank")!.documentId;
    await prisma.onboardingCase.update({
      where: { userId: actor.userId },
      data: { draft: JSON.parse(JSON.stringify({ ...draft, portfolio: draft.portfolio.filter((l) => l.documentId !== orphanId) })) },
    });
    const orphan = (await documentsOf(actor.userId)).find((d) => d.id === orphanId)!;

    // Within the grace period nothing goes; a client may be mid-way through the form.
    await sweepOrphanedEvidence({ ctx: { db: prisma, now: () => new Date(NOW.getTime() + ORPHANED_EVIDENCE_GRACE_MS - 60_000) } });
    expect((await documentsOf(actor.userId)).map((d) => d.fileName).sort()).toEqual(["current.pdf", "forgotten.pdf", "submitted.pdf"]);

    const later = new Date(NOW.getTime() + ORPHANED_EVIDENCE_GRACE_MS + 60_000);
    await sweepOrphanedEvidence({ ctx: { db: prisma, now: () => later } });
    expect((await documentsOf(actor.userId)).map((d) => d.fileName).sort()).toEqual(["current.pdf", "submitted.pdf"]);
    expect((await documentsOf(actor.userId)).find((d) => d.fileName === "submitted.pdf")!.id).toBe(submitted.id);
    const tombstones = await prisma.auditLog.findMany({ where: { action: "onboarding.document_delete", entityId: orphanId } });
    expect(tombstones).toHaveLength(1);
    expect(tombstones[0]).toMatchObject({
      actorId: null,
      entity: "EvidenceDocument",
      before: { userId: actor.userId, fileName: "forgotten.pdf", mediaType: "application/pdf", sizeBytes: orphan.sizeBytes, sha256: orphan.sha256 },
      reason: expect.stringMatching(/no line of the application and no submission refers to it/),
    });
    // Running again (another server, the next interval) deletes nothing more and writes no second tombstone.
    await sweepOrphanedEvidence({ ctx: { db: prisma, now: () => later } });
    expect(await prisma.auditLog.count({ where: { action: "onboarding.document_delete", entityId: orphanId } })).toBe(1);
    expect((await documentsOf(actor.userId)).map((d) => d.fileName).sort()).toEqual(["current.pdf", "submitted.pdf"]);
    // Years later the submitted original is still there, byte for byte (REC-1).
    await sweepOrphanedEvidence({ ctx: { db: prisma, now: () => new Date(NOW.getTime() + 3 * 365 * DAY) } });
    expect(await prisma.evidenceDocument.findUnique({ where: { id: submitted.id }, select: { sha256: true } })).toEqual({ sha256: submitted.sha256 });
    expect((await getOnboarding({ ctx: ctx(later) })).storage).toMatchObject({ documents: 1, bytes: 4_000 });
  });

  it("removing a line deletes its document at once with a tombstone naming the client", async () => {
    const { actor, ctx } = await newClient();
    await addPortfolioLine({ ctx: ctx(), input: { line: line(), file: pdf(1_234, "mine.pdf") } });
    const [document] = await documentsOf(actor.userId);
    const stored = (await loadCase(prisma, actor.userId))!.draft.portfolio[0];
    await removeDraftItem({ ctx: ctx(), input: { list: "portfolio", index: 0, fingerprint: draftItemFingerprint(stored) } });
    expect(await documentsOf(actor.userId)).toEqual([]);
    const tombstone = await prisma.auditLog.findFirstOrThrow({ where: { action: "onboarding.document_delete", entityId: document.id } });
    expect(tombstone).toMatchObject({
      actorId: actor.userId,
      before: { fileName: "mine.pdf", sizeBytes: 1_234, sha256: document.sha256 },
      reason: expect.stringMatching(/line was removed/),
    });
  });
});

describe("evidence file names", () => {
  it("a PDF sent as evil.html and a PNG sent as evil.svg are stored and downloaded as .pdf and .png, typed by their bytes", async () => {
    const { actor, ctx } = await newClient();
    const polyglotPdf = new File([new TextEncoder().encode("%PDF-1.4\n<html><script>alert(document.domain)</script></html>")], "evil.html", {
      type: "text/html",
    });
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ]);
    await addPortfolioLine({ ctx: ctx(), input: { line: line(), file: polyglotPdf } });
    await addPortfolioLine({
      ctx: ctx(),
      input: { line: line({ custodianOrIssuer: "Second" }), file: new File([png], "..\\..\\evil.svg", { type: "image/svg+xml" }) },
    });
    const stored = await documentsOf(actor.userId);
    expect(stored.map((d) => d.fileName)).toEqual(["evil.pdf", "evil.png"]);
    const download = await getEvidenceDocument({ ctx: ctx(), input: { documentId: stored[0].id } });
    expect({ fileName: download.fileName, mediaType: download.mediaType }).toEqual({ fileName: "evil.pdf", mediaType: "application/pdf" });
    expect((await getOnboarding({ ctx: ctx() })).documents.map((d) => d.fileName)).toEqual(["evil.pdf", "evil.png"]);
  });

  it("a document stored before names were made safe is listed and served under the safe name, with its type from its bytes", async () => {
    const { actor, ctx } = await newClient();
    await addPortfolioLine({ ctx: ctx(), input: { line: line(), file: pdf(300, "statement.pdf") } });
    const [document] = await documentsOf(actor.userId);
    // What the earlier code stored for such an upload.
    await prisma.evidenceDocument.update({ where: { id: document.id }, data: { fileName: "../x\u202Elmth.pdf", mediaType: "text/html" } });
    const download = await getEvidenceDocument({ ctx: ctx(), input: { documentId: document.id } });
    expect({ fileName: download.fileName, mediaType: download.mediaType }).toEqual({ fileName: "xlmth.pdf", mediaType: "application/pdf" });
  });
});
