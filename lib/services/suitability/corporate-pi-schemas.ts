import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";
import { CIRCUMSTANCE_CATEGORIES, RE_REVIEW_OUTCOMES } from "@/lib/suitability/corporate-pi";

// The inputs of the corporate-PI (PI-6, PI-7, SUIT-4) and change-of-circumstances (SUIT-8) verbs.

const text = (min: number, max: number, tooShort: Parameters<typeof zodMessage>[0], tooLong: Parameters<typeof zodMessage>[0]) =>
  z
    .string({ error: zodMessage(tooShort, { min }) })
    .trim()
    .min(min, zodMessage(tooShort, { min }))
    .max(max, zodMessage(tooLong, { max: max.toLocaleString("en") }));

const yesNo = (key: Parameters<typeof zodMessage>[0]) => z.enum(["yes", "no"], { error: zodMessage(key) }).transform((value) => value === "yes");

/** A verb's input as a form posts it: every field text, checked by the schema (bad values get their field's message). */
type Posted<T> = { [K in keyof T]-?: string };

export const MAX_DECISION_MAKERS = 20;
export const MAX_ACTIVE_TRADERS = 20;

/** One person per line ("name, role"); blank lines are ignored. */
const decisionMakers = z
  .string({ error: zodMessage("validation.corporatePi.decisionMakersRequired") })
  .max(4000, zodMessage("validation.corporatePi.decisionMakersTooLong", { max: "4,000" }))
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  )
  .pipe(
    z
      .array(z.string().min(3, zodMessage("validation.corporatePi.decisionMakerTooShort")).max(200, zodMessage("validation.corporatePi.decisionMakerTooLong")))
      .min(1, zodMessage("validation.corporatePi.decisionMakersRequired"))
      .max(MAX_DECISION_MAKERS, zodMessage("validation.corporatePi.tooManyDecisionMakers", { max: MAX_DECISION_MAKERS })),
  );

export const RecordCpiAssessmentInput = z
  .object({
    clientUserId: z.string().uuid(zodMessage("validation.corporatePi.clientMissing")),
    hasInvestmentFunction: yesNo("validation.corporatePi.investmentFunctionChoice"),
    investmentFunction: text(10, 2000, "validation.corporatePi.investmentFunctionTooShort", "validation.corporatePi.textTooLong"),
    decisionMakers,
    knowledgeAndExperience: text(10, 4000, "validation.corporatePi.knowledgeTooShort", "validation.corporatePi.textTooLong"),
    conclusion: z.enum(["POSITIVE", "NEGATIVE"], { error: zodMessage("validation.corporatePi.conclusionRequired") }),
    reason: text(10, 2000, "validation.corporatePi.reasonTooShort", "validation.corporatePi.textTooLong"),
  })
  .superRefine((value, issue) => {
    if (value.conclusion === "POSITIVE" && !value.hasInvestmentFunction)
      issue.addIssue({ code: "custom", path: ["conclusion"], message: zodMessage("validation.corporatePi.positiveNeedsFunction") });
  });
export type RecordCpiAssessmentInput = Posted<z.input<typeof RecordCpiAssessmentInput>>;

export const ConsentCpiNoticeInput = z.object({
  versionId: z
    .string({ error: zodMessage("validation.corporatePi.noticeMissing") })
    .min(1, zodMessage("validation.corporatePi.noticeMissing"))
    .max(100),
  contentHash: z
    .string({ error: zodMessage("validation.corporatePi.noticeMissing") })
    .regex(/^[0-9a-f]{64}$/, zodMessage("validation.corporatePi.noticeMissing")),
  confirmed: z.literal("on", { error: zodMessage("validation.corporatePi.consentUnticked") }),
});
export type ConsentCpiNoticeInput = Posted<z.input<typeof ConsentCpiNoticeInput>> & { channel?: string; userAgent?: string | null; ipAddress?: string | null };

export const AddTraderInput = z.object({
  name: text(2, 120, "validation.corporatePi.traderNameTooShort", "validation.corporatePi.textTooLong"),
  position: text(2, 120, "validation.corporatePi.traderPositionTooShort", "validation.corporatePi.textTooLong"),
});
export type AddTraderInput = Posted<z.input<typeof AddTraderInput>>;

export const RemoveTraderInput = z.object({
  traderId: z.string().uuid(zodMessage("validation.corporatePi.traderMissing")),
  reason: text(5, 500, "validation.corporatePi.removeReasonTooShort", "validation.corporatePi.textTooLong"),
});
export type RemoveTraderInput = Posted<z.input<typeof RemoveTraderInput>>;

export const AssessTraderInput = z.object({
  traderId: z.string().uuid(zodMessage("validation.corporatePi.traderMissing")),
  hasKnowledge: yesNo("validation.corporatePi.traderKnowledgeChoice"),
  reason: text(10, 2000, "validation.corporatePi.reasonTooShort", "validation.corporatePi.textTooLong"),
});
export type AssessTraderInput = Posted<z.input<typeof AssessTraderInput>>;

export const GetCorporatePiCaseInput = z.object({ clientUserId: z.string().uuid(zodMessage("validation.corporatePi.clientMissing")) });
export type GetCorporatePiCaseInput = Posted<z.input<typeof GetCorporatePiCaseInput>>;

export const ReportCircumstanceChangeInput = z.object({
  category: z.enum(CIRCUMSTANCE_CATEGORIES, { error: zodMessage("validation.circumstances.categoryRequired") }),
  description: text(10, 2000, "validation.circumstances.descriptionTooShort", "validation.circumstances.descriptionTooLong"),
});
export type ReportCircumstanceChangeInput = Posted<z.input<typeof ReportCircumstanceChangeInput>>;

export const DecideCircumstanceChangeInput = z.object({
  changeId: z.string().uuid(zodMessage("validation.circumstances.changeMissing")),
  outcome: z.enum(RE_REVIEW_OUTCOMES, { error: zodMessage("validation.circumstances.outcomeRequired") }),
  reason: text(10, 2000, "validation.circumstances.reasonTooShort", "validation.circumstances.descriptionTooLong"),
});
export type DecideCircumstanceChangeInput = Posted<z.input<typeof DecideCircumstanceChangeInput>>;
