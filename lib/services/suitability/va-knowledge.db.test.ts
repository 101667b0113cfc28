import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { addVaKnowledgeRecord } from "@/lib/services/suitability/add-va-knowledge-record";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import { reconstructSubmission } from "@/lib/services/suitability/reconstruct-submission";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { setVaKnowledgeDeclarations } from "@/lib/services/suitability/set-va-knowledge-declarations";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { hongKongDate, subtractMonths } from "@/lib/suitability/dates";
import type { PresentedQuiz } from "@/lib/suitability/quiz";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { vaKnowledgeOf } from "@/lib/suitability/va-knowledge";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const NOW = new Date("2026-12-10T04:00:00Z");
const TODAY = hongKongDate(NOW);
const PDF = new TextEncoder().encode("%PDF-1.4\n% test statement\n%%EOF\n");

async function client(): Promise<{ userId: string; ctx: ServiceContext }> {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  return { userId: actor.userId, ctx: contextFor(prisma, actor, () => NOW) };
}

const vaTrade = (monthsAgo: number) => ({ tradeDate: subtractMonths(TODAY, monthsAgo), asset: "BTC spot", venueOrBroker: "Spot Exchange Ltd" });

describe("virtual-asset knowledge record (SUIT-7)", () => {
  it("SUIT-7: the VA step stores its own section of the draft, audited; bad input is refused specifically and changes nothing", async () => {
    const { userId, ctx } = await client();
    const audits = () => prisma.auditLog.count({ where: { actorId: userId, action: "onboarding.draft_change" } });
    await expect(addVaKnowledgeRecord({ ctx, input: { section: "trading", record: { ...vaTrade(1), tradeDate: "2099-01-01" } } })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      addVaKnowledgeRecord({ ctx, input: { section: "workExperience", record: { employer: "X", role: "Y", years: "1", vaDuties: "" } } }),
    ).rejects.toMatchObject({
      status: 422,
    });
    await expect(setVaKnowledgeDeclarations({ ctx, input: { training: "maybe", workExperience: "no", trading: "yes" } })).rejects.toMatchObject({
      status: 422,
    });
    expect(await audits()).toBe(0);

    for (let i = 1; i <= 5; i++) await addVaKnowledgeRecord({ ctx, input: { section: "trading", record: vaTrade(i) } });
    await setVaKnowledgeDeclarations({ ctx, input: { training: "no", workExperience: "no", trading: "yes" } });
    const { draft, preview } = await getOnboarding({ ctx });
    expect(vaKnowledgeOf(draft).trading).toMatchObject({ declared: true, records: [vaTrade(1), vaTrade(2), vaTrade(3), vaTrade(4), vaTrade(5)] });
    // Nothing of it reaches the derivative sections or the derivative assessment.
    expect(draft.trades).toEqual([]);
    expect(draft.declarations.trading).toBeNull();
    expect(preview.knowledge?.hasKnowledge ?? false).toBe(false);
    expect(await audits()).toBe(6);
    // A "no" removes that section's records, and the audit says how many.
    await setVaKnowledgeDeclarations({ ctx, input: { training: "no", workExperience: "no", trading: "no" } });
    expect(vaKnowledgeOf((await getOnboarding({ ctx })).draft).trading).toEqual({ declared: false, records: [] });
    const last = await prisma.auditLog.findFirst({ where: { actorId: userId }, orderBy: { seq: "desc" } });
    expect(last?.after).toMatchObject({ change: "va_knowledge_declarations", detail: { recordsRemoved: { trading: 5 } } });
  });

  it("SUIT-7: a submission keeps the VA assessment as its own section, apart from the derivative knowledge the decision reads", async () => {
    const { ctx } = await client();
    await setCategory({ ctx, input: { category: "individual" } });
    await addPortfolioLine({
      ctx,
      input: {
        line: {
          assetClass: "securities",
          custodianOrIssuer: "Test Custodian Ltd",
          documentType: "custodian_statement",
          value: "8,000,000.00",
          currency: "HKD",
          statementDate: subtractMonths(TODAY, 1),
          ownershipKind: "sole",
        },
        file: new File([PDF], "statement.pdf", { type: "application/pdf" }),
      },
    });
    for (let i = 0; i < 5; i++)
      await addKnowledgeRecord({
        ctx,
        input: {
          section: "trading",
          // A derivative from the list, with its contract note (SUIT-2).
          record: { tradeDate: subtractMonths(TODAY, i + 1), instrumentType: "futures", instrument: "HSI futures", venueOrBroker: "Broker Ltd" },
          file: new File([PDF], "contract-note.pdf", { type: "application/pdf" }),
        },
      });
    await setDeclarations({ ctx, input: { training: "no", workExperience: "no", trading: "yes" } });
    await setNetWorth({ ctx, input: { netWorthHkd: "20,000,000", liquidAssetsHkd: "4,000,000" } });
    const attempt = await startQuizAttempt({ ctx, input: { purpose: "risk_quiz" } });
    const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } });
    const presented = row.presented as unknown as PresentedQuiz;
    const key = new Map(bankOf(presented).questions.map((q) => [q.id, q.correctOptionId]));
    await submitQuizAttempt({
      ctx,
      input: { attemptId: attempt.attemptId, answers: presented.questions.map((q) => ({ questionId: q.questionId, optionId: key.get(q.questionId)! })) },
    });
    const version = currentVersion(RISK_DISCLOSURE_VERSIONS, NOW)!;
    await acknowledgeDisclosure({ ctx, input: { versionId: version.id, contentHash: contentHash(version), confirmed: "on" } });
    await addVaKnowledgeRecord({
      ctx,
      input: { section: "training", record: { provider: "VA Academy", topics: "wallets, custody", completionDate: subtractMonths(TODAY, 2) } },
    });

    const { submissionId } = await submitOnboarding({ ctx });
    const stored = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submissionId } });
    const record = stored.record as { vaKnowledge: unknown; knowledge: { basis: string[] }; evaluator: { knowledgePassed: boolean } };
    expect(record.vaKnowledge).toEqual({
      subject: "virtual_assets",
      hasKnowledge: true,
      basis: ["va_training"],
      windowStart: subtractMonths(TODAY, 36),
      transactionsInWindow: 0,
    });
    expect(record.knowledge.basis).toEqual(["trading_experience"]);
    expect(record.evaluator.knowledgePassed).toBe(true);
    expect(JSON.stringify(record.knowledge)).not.toContain("VA Academy");
    // The stored record still verifies against its hash with the new section in it.
    const rebuilt = await reconstructSubmission({ ctx, input: { submissionId } });
    expect([rebuilt.hashVerified, rebuilt.chainVerified, rebuilt.disclosureVerified]).toEqual([true, true, true]);
  });
});
