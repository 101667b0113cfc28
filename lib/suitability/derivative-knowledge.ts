// Derivative-knowledge characterisation, Code of Conduct 5.1A (SUIT-1, SUIT-2, SUIT-3).
// Pure: the assessment date is a parameter. A "yes" must come with structured details (no self-declaration
// alone, FAQ 5.1A Q1); insufficient information means no knowledge (IFEC).
import { DERIV_KNOWLEDGE } from "./constants";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";

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

export interface DkValidationError {
  path: string;
  code: "DECLARED_WITHOUT_DETAILS" | "DETAILS_WITHOUT_DECLARATION" | "MISSING_FIELD" | "INVALID_DATE" | "FUTURE_DATE" | "INVALID_YEARS";
  message: string;
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
  if (!isIsoDate(date)) errors.push({ path, code: "INVALID_DATE", message: `"${date}" is not a YYYY-MM-DD date` });
  else if (isIsoDate(assessmentDate) && daysBetween(date, assessmentDate) < 0)
    errors.push({ path, code: "FUTURE_DATE", message: `${date} is after the assessment date ${assessmentDate}` });
}

function required(value: string, path: string, label: string, errors: DkValidationError[]): void {
  if (!value.trim()) errors.push({ path, code: "MISSING_FIELD", message: `${label} is required` });
}

function validate(input: DerivativeKnowledgeInput, assessmentDate: string): DkValidationError[] {
  const errors: DkValidationError[] = [];
  if (!isIsoDate(assessmentDate)) errors.push({ path: "assessmentDate", code: "INVALID_DATE", message: `assessment date "${assessmentDate}" is not a YYYY-MM-DD date` });

  const sections = [
    ["training", "training or courses on derivatives", "the course provider, topics and completion date"],
    ["workExperience", "work experience related to derivatives", "the employer, role, years and derivative duties"],
    ["trading", "derivative trading experience", "each trade's date, instrument and venue or broker"],
  ] as const;
  for (const [key, what, details] of sections) {
    const s = input[key];
    if (s.declared && s.records.length === 0)
      errors.push({ path: key, code: "DECLARED_WITHOUT_DETAILS", message: `"Yes" to ${what} needs ${details}; a bare yes is not accepted (Code 5.1A FAQ Q1)` });
    if (!s.declared && s.records.length > 0)
      errors.push({ path: key, code: "DETAILS_WITHOUT_DECLARATION", message: `details were given for ${what} but the answer is "no"` });
  }

  input.training.records.forEach((r, i) => {
    const p = `training.records[${i}]`;
    checkDate(r.completionDate, `${p}.completionDate`, assessmentDate, errors);
    if (r.kind === "external_course") {
      required(r.provider, `${p}.provider`, "the course provider", errors);
      if (r.topics.filter((t) => t.trim()).length === 0)
        errors.push({ path: `${p}.topics`, code: "MISSING_FIELD", message: "list the derivative topics the course covered" });
    } else {
      required(r.courseVersion, `${p}.courseVersion`, "the course version", errors);
    }
  });
  input.workExperience.records.forEach((r, i) => {
    const p = `workExperience.records[${i}]`;
    required(r.employer, `${p}.employer`, "the employer", errors);
    required(r.role, `${p}.role`, "the role", errors);
    if (!Number.isFinite(r.years) || r.years <= 0)
      errors.push({ path: `${p}.years`, code: "INVALID_YEARS", message: `years in the role must be greater than zero (got ${r.years})` });
    if (r.relatesToDerivatives) required(r.derivativeDuties, `${p}.derivativeDuties`, "a description of the derivative-related duties", errors);
  });
  input.trading.records.forEach((r, i) => {
    const p = `trading.records[${i}]`;
    checkDate(r.tradeDate, `${p}.tradeDate`, assessmentDate, errors);
    required(r.instrument, `${p}.instrument`, "the instrument", errors);
    required(r.venueOrBroker, `${p}.venueOrBroker`, "the venue or broker", errors);
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
