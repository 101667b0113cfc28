"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import type { QuizFormState } from "@/components/quiz-form-state";
import { QuizIncomplete } from "@/lib/services/suitability/quiz-attempts";
import type { QuizPurpose } from "@/lib/services/suitability/schemas";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { runAction } from "@/lib/transport/action";
import { errorText } from "@/lib/transport/messages";
import { getServiceContext } from "@/lib/transport/session";
import type { StartQuizState } from "./quiz-state";
import { formText, postedForm } from "@/lib/transport/posted-form";

const PAGE: Record<QuizPurpose, string> = { risk_quiz: "/portal/onboarding/quiz", course_quiz: "/portal/onboarding/course" };

function purposeOf(formData: unknown): QuizPurpose {
  return postedForm(formData).get("purpose") === "course_quiz" ? "course_quiz" : "risk_quiz";
}

/** Draw an attempt; the page then shows it (and shows it again after a reload until it is answered). */
export async function startQuizAction(_previous: StartQuizState, formData: FormData): Promise<StartQuizState> {
  const purpose = purposeOf(formData);
  const result = await runAction((ctx) => startQuizAttempt({ ctx, input: { purpose } }));
  if (!result.ok) return { at: Date.now(), message: result.error };
  revalidatePath(PAGE[purpose]);
  return { at: Date.now(), message: null };
}

/** Grade the attempt. Answers come as `answer:<questionId>` = option id; a missing one is reported, not guessed. */
export async function submitQuizAction(_previous: QuizFormState, formData: FormData): Promise<QuizFormState> {
  const form = postedForm(formData);
  const attemptId = formText(form, "attemptId");
  const answers = [...form.entries()].flatMap(([name, value]) =>
    name.startsWith("answer:") && typeof value === "string" ? [{ questionId: name.slice("answer:".length), optionId: value }] : [],
  );
  // runAction maps ServiceErrors to text; the unanswered list needs the typed error, so call the verb directly here.
  try {
    const graded = await submitQuizAttempt({ ctx: await getServiceContext(), input: { attemptId, answers } });
    for (const page of Object.values(PAGE)) revalidatePath(page);
    revalidatePath("/portal/onboarding");
    return {
      status: "graded",
      correct: graded.correct,
      total: graded.total,
      scorePct: graded.scorePct,
      passMarkPct: graded.passMarkPct,
      passed: graded.passed,
      perQuestion: graded.perQuestion,
    };
  } catch (error) {
    if (error instanceof QuizIncomplete) return { status: "error", message: await errorText(error), unanswered: error.unanswered };
    const result = await runAction(() => Promise.reject(error));
    if (!result.ok) return { status: "error", message: result.error, unanswered: [] };
    const t = await getTranslations("onboarding.quiz");
    return { status: "error", message: t("somethingWentWrong"), unanswered: [] };
  }
}
