// Every published question bank, and the one each quiz draws new attempts from (SUIT-3, SUIT-9).
// A published bank is never edited: a change is a new version, and the old one stays listed so its
// attempts can be rebuilt and graded. Server-only, like quiz-bank.ts (the banks hold the answer key).
import { PERPS_RISK_QUIZ_V1, type QuestionBank } from "../quiz-bank";
import { PERPS_COURSE_QUIZ_V1 } from "./perps-course-v1";
import { PERPS_COURSE_QUIZ_V2 } from "./perps-course-v2";
import { PERPS_RISK_QUIZ_V2 } from "./perps-risk-v2";

export { PERPS_COURSE_QUIZ_V1, PERPS_COURSE_QUIZ_V2, PERPS_RISK_QUIZ_V1, PERPS_RISK_QUIZ_V2 };
export { perpsCourseQuizV2For } from "./perps-course-v2";

/** The perps risk quiz (Code 5.3 understanding) draws from its own bank; the course's end quiz from the course bank. */
export const CURRENT_RISK_QUIZ_BANK: QuestionBank = PERPS_RISK_QUIZ_V2;
export const CURRENT_COURSE_QUIZ_BANK: QuestionBank = PERPS_COURSE_QUIZ_V2;

/** Every bank an attempt may name, oldest first within a bank id. */
export const ALL_QUESTION_BANKS: readonly QuestionBank[] = [PERPS_RISK_QUIZ_V1, PERPS_RISK_QUIZ_V2, PERPS_COURSE_QUIZ_V1, PERPS_COURSE_QUIZ_V2];
