import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { QuizSection } from "../quiz-section";
import { StepIntro } from "../step";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.quizPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** Code 5.3 understanding: the perps risk quiz every client passes before submitting. */
export default async function RiskQuizPage() {
  const t = await getTranslations("onboarding.quizPage");
  const ctx = await requirePermission("portal.view");
  const status = await getQuizStatus({ ctx, input: { purpose: "risk_quiz" } });
  return (
    <article className="stack">
      <StepIntro
        title={t("title")}
        lead={t.rich("lead", {
          course: (chunks) => <Link href="/portal/onboarding/course">{chunks}</Link>,
          disclosure: (chunks) => <Link href="/portal/onboarding/risk-disclosures">{chunks}</Link>,
        })}
      />
      <section className="panel" aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">{t("yourQuiz")}</h2>
        <QuizSection status={status} />
      </section>
    </article>
  );
}
