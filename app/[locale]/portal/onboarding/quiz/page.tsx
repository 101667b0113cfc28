import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { QuizSection } from "../quiz-section";

export const metadata: Metadata = { title: "Perps risk quiz" };
export const dynamic = "force-dynamic";

/** Code 5.3 understanding (issue 7 pt 4): the perps risk quiz every client passes before submitting. */
export default async function RiskQuizPage() {
  const ctx = await requirePermission("portal.view");
  const status = await getQuizStatus({ ctx, input: { purpose: "risk_quiz" } });
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Perps risk quiz</h1>
        <p className="lead">
          Before you may trade perpetual contracts we must be satisfied that you understand their nature and risks (Code of Conduct 5.3): funding, leverage,
          liquidation, the insurance fund, auto-deleveraging and the conflicts of our affiliated market maker. The{" "}
          <Link href="/portal/onboarding/course">perps course</Link> and the <Link href="/portal/onboarding/risk-disclosures">risk disclosure</Link> cover
          every question.
        </p>
      </div>
      <section className="panel" aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">Your quiz</h2>
        <QuizSection status={status} startLabel="Start the quiz" />
      </section>
    </article>
  );
}
