// Test-taking strategies that read only the surface of the options (SUIT-9): a bank is fair when none
// of them passes. Pure; used by the bank tests and available to report the figures.
import { drawQuiz, gradeQuiz, presentedQuestions } from "../quiz";
import type { QuestionBank, QuizOption } from "../quiz-bank";

export type SurfaceStrategy = "longest" | "shortest" | "first" | "last";
export const SURFACE_STRATEGIES: readonly SurfaceStrategy[] = ["longest", "shortest", "first", "last"];

/** The option the strategy picks from the options in the order shown; ties go to the earlier one shown. */
export function pickBySurface(options: readonly QuizOption[], strategy: SurfaceStrategy): QuizOption {
  if (strategy === "first") return options[0];
  if (strategy === "last") return options[options.length - 1];
  let best = options[0];
  for (const option of options) if (strategy === "longest" ? option.text.length > best.text.length : option.text.length < best.text.length) best = option;
  return best;
}

export interface StrategyOutcome {
  strategy: SurfaceStrategy;
  draws: number;
  total: number;
  maxCorrect: number;
  meanCorrect: number;
  passes: number;
}

/** Plays `strategy` on `draws` quizzes drawn with seeds firstSeed, firstSeed + 1, …, grading each with the bank's key. */
export function playSurfaceStrategy(bank: QuestionBank, strategy: SurfaceStrategy, draws: number, firstSeed = 1): StrategyOutcome {
  let maxCorrect = 0;
  let sum = 0;
  let passes = 0;
  let total = 0;
  for (let i = 0; i < draws; i++) {
    const drawn = drawQuiz(bank, { seed: (firstSeed + i) >>> 0 });
    if (!drawn.ok) throw new Error(drawn.errors.map((e) => e.message).join("; "));
    const shown = presentedQuestions(bank, drawn.quiz);
    if (!shown.ok) throw new Error(shown.errors.map((e) => e.message).join("; "));
    const answers = shown.questions.map((question) => ({ questionId: question.id, optionId: pickBySurface(question.options, strategy).id }));
    const graded = gradeQuiz(bank, drawn.quiz, answers);
    if (!graded.ok) throw new Error(graded.errors.map((e) => e.message).join("; "));
    total = graded.graded.total;
    maxCorrect = Math.max(maxCorrect, graded.graded.correct);
    sum += graded.graded.correct;
    if (graded.graded.passed) passes++;
  }
  return { strategy, draws, total, maxCorrect, meanCorrect: sum / draws, passes };
}
