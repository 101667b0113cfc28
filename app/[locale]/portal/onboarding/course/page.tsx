import type { Metadata } from "next";
import Link from "next/link";
import { PerpsCourse } from "@/components/perps-course";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { currentCourse, PERPS_COURSE_VERSIONS } from "@/lib/suitability/course";
import { courseContentHash } from "@/lib/suitability/course/hash";
import { QuizSection } from "../quiz-section";

export const metadata: Metadata = { title: "Perps course" };
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
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Perps course</h1>
        {course ? (
          <p className="lead">
            Version <code>{course.id}</code>, in effect since {formatUtc(Date.parse(course.effectiveFrom))}; SHA-256 of its text <code className="hash">{courseContentHash(course)}</code>.
            Completing it, by passing the end quiz, counts as training on derivatives for your knowledge assessment.
          </p>
        ) : (
          <p className="lead">No course version is in effect yet.</p>
        )}
      </div>
      {course ? <PerpsCourse course={course} config={config ? config.config : null} configHash={config?.configHash} asOfMs={config?.nowMs} /> : null}
      <section className="panel" aria-labelledby="end-quiz">
        <h2 id="end-quiz">End quiz</h2>
        <QuizSection status={status} startLabel="Start the end quiz" />
      </section>
    </article>
  );
}
