import "server-only";
import { env } from "@/lib/env";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { DEMO_USERS } from "@/prisma/demo-users";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { hongKongDate } from "@/lib/suitability/dates";
import { subtractMonths } from "@/lib/suitability/dates";
import type { PresentedQuiz } from "@/lib/suitability/quiz";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledgements";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";

/** A one-page PDF saying what it is: the demo client's statement is simulated, and says so. */
const DEMO_STATEMENT = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length 84>>stream\nBT /F1 14 Tf 50 780 Td (SIMULATED custodian statement for the demo client. Not real.) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function actorOf(user: { id: string; email: string; name: string }, role: Actor["roles"][number], now: Date): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: [role],
    sessionId: "demo-seed",
    totpEnabled: role !== "CLIENT",
    stepUpAt: role === "CLIENT" ? null : now,
  };
}

/** The demo client acknowledges the disclosure version in effect unless it already covers it. */
async function acknowledgeCurrentDisclosure(ctx: ServiceContext): Promise<void> {
  const disclosure = currentVersion(RISK_DISCLOSURE_VERSIONS, ctx.now());
  if (!disclosure || (await currentDisclosureAcknowledged(ctx, ctx.actor!.userId))) return;
  await acknowledgeDisclosure({ ctx, input: { versionId: disclosure.id, contentHash: contentHash(disclosure), confirmed: "on", userAgent: "demo seed" } });
}

/**
 * Demo mode only: the demo client ("client@…") arrives already onboarded, so a visitor can trade at
 * once. It goes through the real steps (evidence with a document, trades, net worth, a quiz answered
 * correctly, the disclosure acknowledgement, the submission and an officer's approval), so the record
 * and audit trail look exactly like any client's; the approval's reason says it was seeded. The other
 * demo client is left un-onboarded, to show the gate. Runs once: when the case exists it only
 * acknowledges a disclosure version published since.
 */
export async function ensureDemoOnboarding({ ctx: system }: { ctx: Pick<ServiceContext, "db" | "now"> }): Promise<"created" | "present" | "skipped"> {
  if (env().PORTAL_MODE !== "demo") return "skipped";
  const { db } = system;
  const now = system.now();
  const clientSpec = DEMO_USERS.find((u) => u.email.startsWith("client@"));
  const officerSpec = DEMO_USERS.find((u) => u.role === "COMPLIANCE_OFFICER");
  if (!clientSpec || !officerSpec) return "skipped";
  const [client, officer] = await Promise.all([
    db.user.findUnique({ where: { email: clientSpec.email }, select: { id: true, email: true, name: true } }),
    db.user.findUnique({ where: { email: officerSpec.email }, select: { id: true, email: true, name: true } }),
  ]);
  if (!client || !officer) return "skipped";
  const ctx: ServiceContext = { actor: actorOf(client, "CLIENT", now), db, now: () => now };
  if (await db.onboardingCase.findUnique({ where: { userId: client.id }, select: { userId: true } })) {
    // A material new disclosure version since the seed: the demo client acknowledges it too (DISC-8),
    // through the same audited service, so the demo can still be traded with at once.
    await acknowledgeCurrentDisclosure(ctx);
    return "present";
  }

  const today = hongKongDate(now);
  await setCategory({ ctx, input: { category: "individual", institutionalBasis: "" } });
  await addPortfolioLine({
    ctx,
    input: {
      line: {
        assetClass: "securities",
        custodianOrIssuer: "Demo Custodian Bank (simulated)",
        documentType: "custodian_statement",
        value: "9,500,000.00",
        currency: "HKD",
        statementDate: subtractMonths(today, 1),
        ownershipKind: "sole",
      },
      file: new File([DEMO_STATEMENT], "demo-custodian-statement.pdf", { type: "application/pdf" }),
    },
  });
  // Five distinct futures trades over the past 15 months, evidenced by one (simulated) broker statement
  // covering their dates: typed trades alone no longer count (SUIT-2). Evidenced trades need no officer's
  // confirmation, unlike a role or an external course, so the seeded approval is not an override.
  for (let i = 1; i <= 5; i++)
    await addKnowledgeRecord({
      ctx,
      input: {
        section: "trading",
        record: {
          tradeDate: subtractMonths(today, i * 3),
          instrumentType: "futures",
          instrument: "HSI index futures (simulated record)",
          venueOrBroker: "Demo Broker Ltd (simulated)",
        },
      },
    });
  await addKnowledgeRecord({
    ctx,
    input: {
      section: "statements",
      record: { broker: "Demo Broker Ltd (simulated)", periodFrom: subtractMonths(today, 16), periodTo: subtractMonths(today, 2) },
      file: new File([DEMO_STATEMENT], "demo-broker-statement.pdf", { type: "application/pdf" }),
    },
  });
  await setDeclarations({ ctx, input: { training: "no", workExperience: "no", trading: "yes" } });
  await setNetWorth({ ctx, input: { netWorthHkd: "20,000,000", liquidAssetsHkd: "6,000,000" } });

  const attempt = await startQuizAttempt({ ctx, input: { purpose: "risk_quiz" } });
  const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId }, select: { presented: true } });
  const presented = stored.presented as unknown as PresentedQuiz;
  const key = new Map(bankOf(presented).questions.map((q) => [q.id, q.correctOptionId]));
  await submitQuizAttempt({
    ctx,
    input: { attemptId: attempt.attemptId, answers: presented.questions.map((q) => ({ questionId: q.questionId, optionId: key.get(q.questionId)! })) },
  });

  await acknowledgeCurrentDisclosure(ctx);
  const { submissionId } = await submitOnboarding({ ctx });
  await decideReview({
    ctx: { actor: actorOf(officer, "COMPLIANCE_OFFICER", now), db, now: () => now },
    input: {
      submissionId,
      decision: "APPROVE",
      reason: "Demo data: approved automatically when the demo was seeded, so the demo client can trade at once. Its evidence is simulated.",
    },
  });
  return "created";
}
