// Derivative-knowledge characterisation, Code of Conduct 5.1A (SUIT-1, SUIT-2, SUIT-3).
// Pure: the assessment date is a parameter. A "yes" must come with structured details (no self-declaration
// alone, FAQ 5.1A Q1); insufficient information means no knowledge (IFEC).
import { DERIV_KNOWLEDGE } from "./constants";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";
import { described, msg, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

export type TrainingRecord =
  | { kind: "external_course"; provider: string; topics: string[]; completionDate: string }
  /** SUIT-3: the platform's own perps course; counts only with a passed end quiz. */
  | { kind: "platform_course"; courseVersion: string; quizPassed: boolean; completionDate: string };

export interface WorkRecord {
  employer: string;
  role: string;
  /** Length of the role in years (may be fractional, must be > 0). */
  years: number;
  /** Whether the duties related to derivative products; only such roles count (5.1A criterion b). */
  relatesToDerivatives: boolean;
  /** What the derivative-related duties were; required when `relatesToDerivatives` is true. */
  derivativeDuties: string;
}

export interface TradeRecord {
  tradeDate: string;
  instrument: string;
  venueOrBroker: string;
}

export interface DerivativeKnowledgeInput {
  training: { declared: boolean; records: TrainingRecord[] };
  workExperience: { declared: boolean; records: WorkRecord[] };
  trading: { declared: boolean; records: TradeRecord[] };
}

/** `message` is a clause in English (lower case, no full stop); `ref` the same in the catalogue, for the client's language. */
export interface DkValidationError extends Described {
  path: string;
  code: "DECLARED_WITHOUT_DETAILS" | "DETAILS_WITHOUT_DECLARATION" | "MISSING_FIELD" | "INVALID_DATE" | "FUTURE_DATE" | "INVALID_YEARS";
}

function problem(path: string, code: DkValidationError["code"], key: MessageKey, values?: MessageValues): DkValidationError {
  return described({ path, code }, msg(key, values));
}

export type KnowledgeBasis = "training" | "work_experience" | "trading_experience";

export interface CriterionResult {
  met: boolean;
  reasons: string[];
}

export interface DerivativeKnowledgeAssessment {
  hasKnowledge: boolean;
  basis: KnowledgeBasis[];
  training: CriterionResult;
  workExperience: CriterionResult;
  trading: CriterionResult & {
    /** Trades dated on or after this date (and not after the assessment date) count. */
    windowStart: string;
    tradesInWindow: number;
  };
  reasons: string[];
}

export type DkResult = { ok: true; assessment: DerivativeKnowledgeAssessment } | { ok: false; errors: DkValidationError[] };

function checkDate(date: string, path: string, assessmentDate: string, errors: DkValidationError[]): void {
  if (!isIsoDate(date)) errors.push(problem(path, "INVALID_DATE", "validation.suitability.knowledge.dateInvalid", { date }));
  else if (isIsoDate(assessmentDate) && daysBetween(date, assessmentDate) < 0)
    errors.push(problem(path, "FUTURE_DATE", "validation.suitability.knowledge.dateFuture", { date, assessmentDate }));
}

function required(value: string, path: string, key: MessageKey, errors: DkValidationError[]): void {
  if (!value.trim()) errors.push(problem(path, "MISSING_FIELD", key));
}

function validate(input: DerivativeKnowledgeInput, assessmentDate: string): DkValidationError[] {
  const errors: DkValidationError[] = [];
  if (!isIsoDate(assessmentDate))
    errors.push(problem("assessmentDate", "INVALID_DATE", "validation.suitability.assessmentDateInvalid", { date: assessmentDate }));

  for (const key of ["training", "workExperience", "trading"] as const) {
    const s = input[key];
    if (s.declared && s.records.length === 0)
      errors.push(problem(key, "DECLARED_WITHOUT_DETAILS", `validation.suitability.knowledge.${key}.declaredWithoutDetails`));
    if (!s.declared && s.records.length > 0)
      errors.push(problem(key, "DETAILS_WITHOUT_DECLARATION", `validation.suitability.knowledge.${key}.detailsWithoutDeclaration`));
  }

  input.training.records.forEach((r, i) => {
    const p = `training.records[${i}]`;
    checkDate(r.completionDate, `${p}.completionDate`, assessmentDate, errors);
    if (r.kind === "external_course") {
      required(r.provider, `${p}.provider`, "validation.suitability.knowledge.providerRequired", errors);
      if (r.topics.filter((t) => t.trim()).length === 0) errors.push(problem(`${p}.topics`, "MISSING_FIELD", "validation.suitability.knowledge.topicsMissing"));
    } else {
      required(r.courseVersion, `${p}.courseVersion`, "validation.suitability.knowledge.courseVersionRequired", errors);
    }
  });
  input.workExperience.records.forEach((r, i) => {
    const p = `workExperience.records[${i}]`;
    required(r.employer, `${p}.employer`, "validation.suitability.knowledge.employerRequired", errors);
    required(r.role, `${p}.role`, "validation.suitability.knowledge.roleRequired", errors);
    if (!Number.isFinite(r.years) || r.years <= 0)
      errors.push(problem(`${p}.years`, "INVALID_YEARS", "validation.suitability.knowledge.yearsNotPositive", { years: String(r.years) }));
    if (r.relatesToDerivatives) required(r.derivativeDuties, `${p}.derivativeDuties`, "validation.suitability.knowledge.dutiesRequired", errors);
  });
  input.trading.records.forEach((r, i) => {
    const p = `trading.records[${i}]`;
    checkDate(r.tradeDate, `${p}.tradeDate`, assessmentDate, errors);
    required(r.instrument, `${p}.instrument`, "validation.suitability.knowledge.instrumentRequired", errors);
    required(r.venueOrBroker, `${p}.venueOrBroker`, "validation.suitability.knowledge.venueRequired", errors);
  });
  return errors;
}

export function assessDerivativeKnowledge(input: DerivativeKnowledgeInput, ctx: { assessmentDate: string }): DkResult {
  const errors = validate(input, ctx.assessmentDate);
  if (errors.length > 0) return { ok: false, errors };

  const trainingReasons: string[] = [];
  let trainingMet = false;
  for (const r of input.training.records) {
    if (r.kind === "external_course") {
      trainingMet = true;
      trainingReasons.push(`course by ${r.provider} on ${r.topics.join(", ")}, completed ${r.completionDate}`);
    } else if (r.quizPassed) {
      trainingMet = true;
      trainingReasons.push(`platform course version ${r.courseVersion} completed ${r.completionDate} with the end quiz passed`);
    } else {
      trainingReasons.push(`platform course version ${r.courseVersion} completed ${r.completionDate} but the end quiz was not passed: does not count`);
    }
  }
  if (input.training.records.length === 0) trainingReasons.push("no training given");

  const workReasons: string[] = [];
  let workMet = false;
  for (const r of input.workExperience.records) {
    if (r.relatesToDerivatives) {
      workMet = true;
      workReasons.push(`${r.role} at ${r.employer} for ${r.years} years: ${r.derivativeDuties}`);
    } else {
      workReasons.push(`${r.role} at ${r.employer} did not relate to derivatives: does not count`);
    }
  }
  if (input.workExperience.records.length === 0) workReasons.push("no work experience given");

  // Window: from the assessment date minus 36 calendar months (inclusive) to the assessment date.
  const windowStart = subtractMonths(ctx.assessmentDate, DERIV_KNOWLEDGE.LOOKBACK_MONTHS);
  const inWindow = input.trading.records.filter((r) => daysBetween(windowStart, r.tradeDate) >= 0);
  const outside = input.trading.records.length - inWindow.length;
  const tradingMet = inWindow.length >= DERIV_KNOWLEDGE.MIN_TRADES;
  const tradingReasons = [
    `${inWindow.length} derivative trade(s) on or after ${windowStart}; at least ${DERIV_KNOWLEDGE.MIN_TRADES} needed`,
    ...(outside > 0 ? [`${outside} trade(s) older than ${DERIV_KNOWLEDGE.LOOKBACK_MONTHS} months not counted`] : []),
  ];

  const basis: KnowledgeBasis[] = [];
  if (trainingMet) basis.push("training");
  if (workMet) basis.push("work_experience");
  if (tradingMet) basis.push("trading_experience");
  const hasKnowledge = basis.length > 0;
  const empty = !input.training.declared && !input.workExperience.declared && !input.trading.declared;
  const reasons = hasKnowledge
    ? [`knowledge of derivatives shown by: ${basis.join(", ")} (Code 5.1A)`]
    : [
        empty
          ? "no information given: treated as without knowledge of derivatives (Code 5.1A; IFEC)"
          : "the information given meets none of the Code 5.1A criteria: treated as without knowledge of derivatives",
      ];
  return {
    ok: true,
    assessment: {
      hasKnowledge,
      basis,
      training: { met: trainingMet, reasons: trainingReasons },
      workExperience: { met: workMet, reasons: workReasons },
      trading: { met: tradingMet, reasons: tradingReasons, windowStart, tradesInWindow: inWindow.length },
      reasons,
    },
  };
}
