import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PerpsCourse } from "@/components/perps-course";
import { requirePermission } from "@/lib/transport/session";
import { formatUtc } from "@/lib/format";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { currentCourse, PERPS_COURSE_VERSIONS } from "@/lib/suitability/course";
import { courseContentHash } from "@/lib/suitability/course/hash";
import { QuizSection } from "../quiz-section";
import { StepIntro } from "../step";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.coursePage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * SUIT-3: the platform's own course on perpetual contracts. Passing its end quiz counts as training
 * under Code 5.1A criterion (a), recorded with the course version and its text's hash.
 */
export default async function CoursePage() {
  const ctx = await requirePermission("portal.view");
  const course = currentCourse(PERPS_COURSE_VERSIONS, ctx.now());
  const [status, config] = await Promise.all([
    getQuizStatus({ ctx, input: { purpose: "course_quiz" } }),
    publicEngine()
      .then(configInForce)
      .catch(() => null),
  ]);
  const t = await getTranslations("onboarding.coursePage");
  return (
    <article className="stack">
      <StepIntro
        title={t("title")}
        lead={
          course
            ? t.rich("lead", {
                version: course.id,
                since: formatUtc(Date.parse(course.effectiveFrom)),
                hash: courseContentHash(course),
                code: (chunks) => <code>{chunks}</code>,
                hashCode: (chunks) => <code className="hash">{chunks}</code>,
              })
            : t("noCourse")
        }
      />
      {course ? <PerpsCourse course={course} config={config ? config.config : null} configHash={config?.configHash} asOfMs={config?.nowMs} /> : null}
      <section className="panel" aria-labelledby="end-quiz">
        <h2 id="end-quiz">{t("endQuiz")}</h2>
        <QuizSection status={status} />
      </section>
    </article>
  );
}
