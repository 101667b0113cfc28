// Version 2 of the perps course's end-quiz bank (SUIT-3, SUIT-9, LIQ-1). Version 1's questions, except
// the two that taught the partial liquidation rule: the question on how far a liquidation goes (a new
// id, since its answer now depends on the rule) and the explanation of what the engine does first. Both
// are written per rule from the same configuration field the course (course/v3.ts) and the risk
// disclosure read (`liquidation.closeOut`), so the key says what the engine does. Server-only.
import { DEFAULT_ENGINE_CONFIG, type LiquidationCloseOut } from "../../engine/index";
import { liquidationRuleSummary } from "../../liquidation-rule";
import { defineQuestionBank, question as q, type QuestionBank, type QuizQuestion } from "../quiz-bank";
import { PERPS_COURSE_QUIZ_V1 } from "./perps-course-v1";

const ORDERS_EXPLANATION: Record<LiquidationCloseOut, string> = {
  full: "Resting orders are cancelled first; then every position in the account is closed in full, on the book in steps and then by the later steps of the default waterfall.",
  partial: "Resting orders are cancelled first; positions are then closed on the book in steps, stopping as soon as the account is healthy again.",
};

// The same options under either rule, so only the key and the explanation say which rule runs.
const extent = (rule: LiquidationCloseOut): QuizQuestion =>
  q(
    "course-liquidation-extent",
    "liquidation",
    "Can a liquidation close only part of your positions?",
    [
      "Yes, it stops as soon as your account is healthy again",
      "No, it closes every position in the market that fell furthest",
      "Only if you ask for a partial liquidation in advance",
      "No, every position in your account is closed in full",
    ],
    rule === "full" ? "d" : "a",
    rule === "full"
      ? "Every position in an account in default is closed in full: on the order book, then by backstop liquidity providers compensated by the insurance fund, then by ADL. It does not stop when the account is back above its maintenance margin."
      : "Positions are closed in steps no larger than a set notional, and the engine stops once the account is back above its maintenance margin, so part of a position can remain open.",
  );

/** Version 2 as written for a liquidation rule; the published bank is the one for the launched configuration. */
export function perpsCourseQuizV2For(rule: LiquidationCloseOut): QuestionBank {
  return defineQuestionBank({
    bankId: PERPS_COURSE_QUIZ_V1.bankId,
    version: "2",
    questions: PERPS_COURSE_QUIZ_V1.questions.map((question) => {
      if (question.id === "course-liquidation-partial") return extent(rule);
      if (question.id === "course-liquidation-orders") return { ...question, explanation: ORDERS_EXPLANATION[rule] };
      return question;
    }),
  });
}

/** The rule every launched market runs; a configuration that mixes rules needs its own questions. */
function launchedRule(): LiquidationCloseOut {
  const summary = liquidationRuleSummary(DEFAULT_ENGINE_CONFIG.markets);
  if (summary === "mixed") throw new Error("the perps course quiz v2 asks about one liquidation rule, but the launched markets mix full and partial close-out");
  return summary;
}

export const PERPS_COURSE_QUIZ_V2: QuestionBank = perpsCourseQuizV2For(launchedRule());
