// Virtual-asset knowledge assessment (SUIT-7; VATP regime, VATP FAQ Q1): a record of its own, separate
// from the derivative-knowledge assessment of Code 5.1A (derivative-knowledge.ts). Same evidence pattern:
// training, work experience and transactions, each a "yes" only with structured details, dated, within
// the assessment date; insufficient information means no knowledge. Pure: the assessment date is a
// parameter.
//
// The two records cannot be mixed up: every VA type carries `subject: "virtual_assets"` and its own
// basis names, so a VA assessment is not assignable where a DerivativeKnowledgeAssessment is expected,
// and the perps gate (submission.ts, decide-review.ts) reads only the derivative one.
import { DERIV_KNOWLEDGE } from "./constants";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";
import type { OnboardingDraft } from "./draft";

export interface VaTrainingRecord {
  provider: string;
  topics: string;
  completionDate: string;
}

export interface VaWorkRecord {
  employer: string;
  role: string;
  years: number;
  /** What the role involved in virtual assets (custody, trading, research …); required. */
  vaDuties: string;
}

export interface VaTradeRecord {
  tradeDate: string;
  /** The virtual asset, e.g. "BTC spot". */
  asset: string;
  venueOrBroker: string;
}

export interface VaKnowledgeInput {
  subject: "virtual_assets";
  training: { declared: boolean | null; records: VaTrainingRecord[] };
  workExperience: { declared: boolean | null; records: VaWorkRecord[] };
  trading: { declared: boolean | null; records: VaTradeRecord[] };
}

export type VaKnowledgeBasis = "va_training" | "va_work_experience" | "va_transactions";

export interface VaKnowledgeAssessment {
  subject: "virtual_assets";
  hasKnowledge: boolean;
  basis: VaKnowledgeBasis[];
  /** Transactions dated on or after this date (and not after the assessment date) count. */
  windowStart: string;
  transactionsInWindow: number;
}

export interface VaKnowledgeError {
  path: string;
  code: "DECLARED_WITHOUT_DETAILS" | "DETAILS_WITHOUT_DECLARATION" | "MISSING_FIELD" | "INVALID_DATE" | "FUTURE_DATE" | "INVALID_YEARS";
}

export type VaKnowledgeResult = { ok: true; assessment: VaKnowledgeAssessment } | { ok: false; errors: VaKnowledgeError[] };

/** The same transaction count and look-back as for derivatives (five in three years), applied to virtual assets [D]. */
export const VA_KNOWLEDGE = { MIN_TRANSACTIONS: DERIV_KNOWLEDGE.MIN_TRADES, LOOKBACK_MONTHS: DERIV_KNOWLEDGE.LOOKBACK_MONTHS } as const;

export const EMPTY_VA_KNOWLEDGE: VaKnowledgeInput = {
  subject: "virtual_assets",
  training: { declared: null, records: [] },
  workExperience: { declared: null, records: [] },
  trading: { declared: null, records: [] },
};

function checkDate(date: string, path: string, assessmentDate: string, errors: VaKnowledgeError[]): void {
  if (!isIsoDate(date)) errors.push({ path, code: "INVALID_DATE" });
  else if (daysBetween(date, assessmentDate) < 0) errors.push({ path, code: "FUTURE_DATE" });
}

/** Every problem of the input, each with its path; empty when valid. */
export function vaKnowledgeProblems(input: VaKnowledgeInput, assessmentDate: string): VaKnowledgeError[] {
  const errors: VaKnowledgeError[] = [];
  const section = (name: "training" | "workExperience" | "trading", records: readonly unknown[], declared: boolean | null) => {
    if (declared === true && records.length === 0) errors.push({ path: name, code: "DECLARED_WITHOUT_DETAILS" });
    if (declared !== true && records.length > 0) errors.push({ path: name, code: "DETAILS_WITHOUT_DECLARATION" });
  };
  section("training", input.training.records, input.training.declared);
  section("workExperience", input.workExperience.records, input.workExperience.declared);
  section("trading", input.trading.records, input.trading.declared);
  input.training.records.forEach((r, i) => {
    if (!r.provider.trim()) errors.push({ path: `training[${i}].provider`, code: "MISSING_FIELD" });
    if (!r.topics.trim()) errors.push({ path: `training[${i}].topics`, code: "MISSING_FIELD" });
    checkDate(r.completionDate, `training[${i}].completionDate`, assessmentDate, errors);
  });
  input.workExperience.records.forEach((r, i) => {
    if (!r.employer.trim()) errors.push({ path: `workExperience[${i}].employer`, code: "MISSING_FIELD" });
    if (!r.role.trim()) errors.push({ path: `workExperience[${i}].role`, code: "MISSING_FIELD" });
    if (!r.vaDuties.trim()) errors.push({ path: `workExperience[${i}].vaDuties`, code: "MISSING_FIELD" });
    if (!Number.isFinite(r.years) || r.years <= 0) errors.push({ path: `workExperience[${i}].years`, code: "INVALID_YEARS" });
  });
  input.trading.records.forEach((r, i) => {
    if (!r.asset.trim()) errors.push({ path: `trading[${i}].asset`, code: "MISSING_FIELD" });
    if (!r.venueOrBroker.trim()) errors.push({ path: `trading[${i}].venueOrBroker`, code: "MISSING_FIELD" });
    checkDate(r.tradeDate, `trading[${i}].tradeDate`, assessmentDate, errors);
  });
  return errors;
}

/** SUIT-7: training ∨ work experience ∨ five transactions in virtual assets within three years. */
export function assessVaKnowledge(input: VaKnowledgeInput, { assessmentDate }: { assessmentDate: string }): VaKnowledgeResult {
  const errors = vaKnowledgeProblems(input, assessmentDate);
  if (errors.length > 0) return { ok: false, errors };
  const windowStart = subtractMonths(assessmentDate, VA_KNOWLEDGE.LOOKBACK_MONTHS);
  const transactionsInWindow = input.trading.records.filter((r) => daysBetween(windowStart, r.tradeDate) >= 0).length;
  const basis: VaKnowledgeBasis[] = [];
  if (input.training.records.length > 0) basis.push("va_training");
  if (input.workExperience.records.length > 0) basis.push("va_work_experience");
  if (transactionsInWindow >= VA_KNOWLEDGE.MIN_TRANSACTIONS) basis.push("va_transactions");
  return { ok: true, assessment: { subject: "virtual_assets", hasKnowledge: basis.length > 0, basis, windowStart, transactionsInWindow } };
}

/** The VA section of a wizard draft (stored beside the derivative sections, never inside them). */
export type DraftWithVaKnowledge = OnboardingDraft & { vaKnowledge?: VaKnowledgeInput };

export function vaKnowledgeOf(draft: OnboardingDraft): VaKnowledgeInput {
  return (draft as DraftWithVaKnowledge).vaKnowledge ?? EMPTY_VA_KNOWLEDGE;
}

/** For the submission record: the assessment, or null when the client gave nothing or something invalid. */
export function vaKnowledgeSection(draft: OnboardingDraft, assessmentDate: string): { input: VaKnowledgeInput; assessment: VaKnowledgeAssessment | null } {
  const input = vaKnowledgeOf(draft);
  const result = assessVaKnowledge(input, { assessmentDate });
  return { input, assessment: result.ok ? result.assessment : null };
}
