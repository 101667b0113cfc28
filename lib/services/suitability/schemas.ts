import { z } from "zod";
import type { categorySchema } from "@/lib/suitability/draft";
import type { RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { zodMessage } from "@/lib/i18n/message-ref";

/**
 * Inputs of the suitability verbs and queries, client-safe. The wizard's own form schemas (category,
 * evidence lines, knowledge records, net worth) live with the draft in lib/suitability/draft.ts; the
 * verbs here take those fields as posted and validate them there.
 */

/** Form fields as posted; the verb validates them with the form's schema. */
export type FormFields = Record<string, unknown>;

/** The lists of an application, keyed as the draft stores them. */
export const DRAFT_LISTS = {
  portfolio: "portfolio",
  totalAssets: "totalAssets",
  training: "training",
  workExperience: "workExperience",
  trades: "trades",
  brokerStatements: "brokerStatements",
} as const;
export type DraftListKey = keyof typeof DRAFT_LISTS;
/** Entries per list of an application: far more than any real application has, so a draft cannot grow without bound. */
export const MAX_DRAFT_LIST_ITEMS = 50;

export type SetCategoryInput = z.input<typeof categorySchema>;

/** One evidence line's fields and the document that shows it. */
export interface AddEvidenceLineInput {
  line: FormFields;
  file: unknown;
}
export type AddPortfolioLineInput = AddEvidenceLineInput;
export type AddTotalAssetsLineInput = AddEvidenceLineInput;

export const RemoveDraftItemInput = z.object({
  list: z.enum(Object.keys(DRAFT_LISTS) as [DraftListKey, ...DraftListKey[]]),
  index: z.coerce.number().int().min(0).max(MAX_DRAFT_LIST_ITEMS),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, zodMessage("validation.onboarding.removeWhichLine")),
});
/** As a form posts it: an unknown list or a missing index is the schema's to refuse. */
export interface RemoveDraftItemInput {
  list: string;
  index: string | number;
  fingerprint: string;
}

export type SetDeclarationsInput = FormFields;

/** "statements": a broker or custodian statement declared to cover a period of trades. */
export type KnowledgeSection = "training" | "workExperience" | "trading" | "statements";
/** A course, a role or a trade under one of the three questions, with its document if any. */
export interface AddKnowledgeRecordInput {
  section: KnowledgeSection;
  record: FormFields;
  file?: unknown;
}

export type SetNetWorthInput = FormFields;

/**
 * "risk_quiz": the Code 5.3 understanding check every client must pass.
 * "course_quiz": the end quiz of the platform's perps course, which counts as derivative training (SUIT-3).
 * Both draw from the same versioned bank; each has its own retake limit.
 */
export const QUIZ_PURPOSES = ["risk_quiz", "course_quiz"] as const;
export type QuizPurpose = (typeof QUIZ_PURPOSES)[number];

export interface QuizPurposeInput {
  purpose: QuizPurpose;
}

export const SubmitQuizInput = z.object({
  attemptId: z.string().uuid(zodMessage("validation.quiz.attemptMissing")),
  answers: z.array(z.object({ questionId: z.string().min(1).max(100), optionId: z.string().min(1).max(100) })).max(100),
});
export type SubmitQuizInput = z.input<typeof SubmitQuizInput>;

/** The channels a disclosure can be acknowledged on (REC-6); only the portal page exists so far. */
export type DisclosureChannel = "web";

/** The published disclosure versions, oldest first; tests pass their own to add a later version. */
export interface DisclosureVersionsInput {
  versions?: readonly RiskDisclosureVersion[];
}

export const AcknowledgeDisclosureInput = z.object({
  versionId: z.string().trim().min(1, zodMessage("validation.disclosures.versionMissing")).max(100),
  contentHash: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{64}$/, zodMessage("validation.disclosures.hashMissing")),
  // A checkbox posts "on" only when ticked; anything else means it was not.
  confirmed: z.literal("on", { error: zodMessage("validation.disclosures.confirmRequired") }),
});
/** The form, and where it was acknowledged from (the browser's own account of itself, kept as context only). */
export type AcknowledgeDisclosureInput = z.input<typeof AcknowledgeDisclosureInput> &
  DisclosureVersionsInput & {
    channel?: DisclosureChannel;
    userAgent?: string | null;
    ipAddress?: string | null;
  };

export type GetDisclosureStatusInput = DisclosureVersionsInput;

export interface SubmissionIdInput {
  submissionId: string;
}
export type ReconstructSubmissionInput = SubmissionIdInput;
export type GetReviewCaseInput = SubmissionIdInput;

export const DecideInput = z.object({
  submissionId: z.string().uuid(zodMessage("validation.review.submissionMissing")),
  decision: z.enum(["APPROVE", "REJECT", "REQUEST_INFO", "CONFIRM_OVERRIDE"], { error: zodMessage("validation.review.decisionRequired") }),
  reason: z
    .string()
    .trim()
    .min(10, zodMessage("validation.review.reasonTooShort", { min: 10 }))
    .max(2000, zodMessage("validation.review.reasonTooLong", { max: "2,000" })),
});
export type DecideInput = z.input<typeof DecideInput>;

/** Which declared record an officer confirms against its document: a role or an external course, by its index in its list. */
export const ConfirmKnowledgeRecordInput = z.object({
  submissionId: z.string().uuid(zodMessage("validation.review.submissionMissing")),
  kind: z.enum(["role", "course"], { error: zodMessage("validation.review.confirmRecord.kindRequired") }),
  index: z.coerce.number().int().min(0).max(MAX_DRAFT_LIST_ITEMS),
  note: z
    .string()
    .trim()
    .min(10, zodMessage("validation.review.reasonTooShort", { min: 10 }))
    .max(2000, zodMessage("validation.review.reasonTooLong", { max: "2,000" })),
});
export type ConfirmKnowledgeRecordInput = z.input<typeof ConfirmKnowledgeRecordInput>;

export interface GetEvidenceDocumentInput {
  documentId: string;
}

export interface ListClientNoticesInput {
  take?: number;
}
