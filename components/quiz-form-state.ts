import type { QuizScore } from "@/lib/suitability/quiz";

/**
 * What a quiz server action answers to components/quiz-form.tsx. Apart from the client component so a
 * "use server" module can import the type and the initial state without pulling in client code.
 * A graded state says right or wrong per question and never which option was right (SUIT-9), so a
 * retake is not answered by the result.
 */
export type QuizFormState =
  | { status: "idle" }
  | {
      status: "error";
      message: string;
      /** Ids of the questions left without an answer; empty when the error is about something else. */
      unanswered: string[];
    }
  | ({ status: "graded" } & QuizScore);

export const idleQuizState: QuizFormState = { status: "idle" };
