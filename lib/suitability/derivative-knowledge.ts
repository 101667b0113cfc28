// Derivative-knowledge characterisation, Code of Conduct 5.1A (SUIT-1, SUIT-2, SUIT-3).
// Pure: the assessment date is a parameter. A "yes" must come with structured details (no self-declaration
// alone, FAQ 5.1A Q1); insufficient information means no knowledge (IFEC).
import { DERIV_KNOWLEDGE, isDerivativeInstrumentType, type InstrumentType } from "./constants";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";
import { described, msg, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

/** A course the client took elsewhere: counts only once an officer confirms it against its certificate (SUIT-2). */
export interface ExternalCourse {
  kind: "external_course";
  provider: string;
  topics: string[];
  completionDate: string;
}
/** SUIT-3: the platform's own perps course; counts only with a passed end quiz, with no officer needed. */
export interface PlatformCourse {
  kind: "platform_course";
  courseVersion: string;
  quizPassed: boolean;
  completionDate: string;
}
export type TrainingRecord = ExternalCourse | PlatformCourse;

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

/**
 * An officer's confirmation of a declared role or external course against its uploaded document
 * (SUIT-2: not self-declared).
 */
export interface KnowledgeConfirmation {
  officerId: string;
  officerEmail: string;
  confirmedAt: string;
  documentSha256: string;
}

/**
 * What backs a declared role or external course: whether a document was uploaded for it, and the
 * officer's confirmation against that document (null until an officer has confirmed it during review).
 */
export interface ConfirmableEvidence {
  hasDocument: boolean;
  confirmation: KnowledgeConfirmation | null;
}

export interface TradeRecord {
  tradeDate: string;
  /** Chosen from the fixed list (constants.ts); null on records made before the list existed: does not count. */
  instrumentType: InstrumentType | null;
  instrument: string;
  venueOrBroker: string;
}

/** A trade's own document, if one was uploaded for it. */
export interface TradeEvidence {
  hasDocument: boolean;
}

/** An uploaded broker or custodian statement the client declared to cover a period: it evidences every trade dated in it. */
export interface BrokerStatement {
  broker: string;
  periodFrom: string;
  periodTo: string;
  hasDocument: boolean;
}

export interface DerivativeKnowledgeInput {
  training: { declared: boolean; records: ((ExternalCourse & ConfirmableEvidence) | PlatformCourse)[] };
  workExperience: { declared: boolean; records: (WorkRecord & ConfirmableEvidence)[] };
  trading: { declared: boolean; records: (TradeRecord & TradeEvidence)[]; statements?: BrokerStatement[] };
}

/** `message` is a clause in English (lower case, no full stop); `ref` the same in the catalogue, for the client's language. */
export interface DkValidationError extends Described {
  path: string;
  code: "DECLARED_WITHOUT_DETAILS" | "DETAILS_WITHOUT_DECLARATION" | "MISSING_FIELD" | "INVALID_DATE" | "FUTURE_DATE" | "INVALID_YEARS" | "INVALID_PERIOD";
}

function problem(path: string, code: DkValidationError["code"], key: MessageKey, values?: MessageValues): DkValidationError {
  return described({ path, code }, msg(key, values));
}

export type KnowledgeBasis = "training" | "work_experience" | "trading_experience";

export interface CriterionResult {
  met: boolean;
  reasons: string[];
}

/**
 * The one rule for a record the client declares and an officer checks (SUIT-1, SUIT-2): without a
 * document it does not count; with one it awaits an officer's confirmation against that document; only
 * `confirmed` counts.
 */
export type ConfirmationStanding = "no_document" | "awaiting_confirmation" | "confirmed";

/** One role's standing: a role that did not involve derivatives never counts; otherwise the confirmation rule. */
export type RoleStanding = "not_derivative" | ConfirmationStanding;
export interface RoleStatus {
  index: number;
  standing: RoleStanding;
  confirmation: KnowledgeConfirmation | null;
  reason: string;
}

/**
 * One course's standing: an external course follows the confirmation rule; the platform course counts
 * with its end quiz passed (`platform_passed`) and not otherwise (`platform_not_passed`) (SUIT-3).
 * `index` is the record's position in the training list (external courses first, in draft order).
 */
export type CourseStanding = ConfirmationStanding | "platform_passed" | "platform_not_passed";
export interface CourseStatus {
  index: number;
  standing: CourseStanding;
  confirmation: KnowledgeConfirmation | null;
  reason: string;
}

/** One trade's standing: only `counted` trades make up the five. */
export type TradeStanding = "counted" | "not_derivative" | "type_missing" | "outside_window" | "no_evidence" | "duplicate";
export interface TradeStatus {
  index: number;
  standing: TradeStanding;
  /** The earlier trade (index) this one repeats, when `duplicate`. */
  duplicateOf: number | null;
  /** What evidences it: its own document, or the statement (index) whose period covers its date. */
  evidence: { kind: "own_document" } | { kind: "statement"; index: number } | null;
  reason: string;
}

export interface DerivativeKnowledgeAssessment {
  hasKnowledge: boolean;
  basis: KnowledgeBasis[];
  training: CriterionResult & { courses: CourseStatus[] };
  workExperience: CriterionResult & { roles: RoleStatus[] };
  trading: CriterionResult & {
    /** Trades dated on or after this date (and not after the assessment date) count. */
    windowStart: string;
    /** Distinct derivative trades in the window with evidence: the number compared with the five. */
    tradesInWindow: number;
    trades: TradeStatus[];
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
  (input.trading.statements ?? []).forEach((s, i) => {
    const p = `trading.statements[${i}]`;
    required(s.broker, `${p}.broker`, "validation.suitability.knowledge.gate.statementBrokerMissing", errors);
    checkDate(s.periodFrom, `${p}.periodFrom`, assessmentDate, errors);
    checkDate(s.periodTo, `${p}.periodTo`, assessmentDate, errors);
    if (isIsoDate(s.periodFrom) && isIsoDate(s.periodTo) && daysBetween(s.periodFrom, s.periodTo) < 0)
      errors.push(problem(`${p}.periodTo`, "INVALID_PERIOD", "validation.suitability.knowledge.gate.periodReversed", { from: s.periodFrom, to: s.periodTo }));
  });
  return errors;
}

/**
 * The confirmation rule (SUIT-1, SUIT-2), the same for roles and external courses: no document, no
 * count; a document awaits an officer's confirmation against it; only a confirmed record counts. A
 * confirmation without the document cannot stand (the document is what was confirmed).
 */
function confirmationRule(
  r: ConfirmableEvidence,
  what: string,
): { standing: ConfirmationStanding; confirmation: KnowledgeConfirmation | null; reason: string } {
  if (!r.hasDocument) return { standing: "no_document", confirmation: null, reason: `${what}: no document: does not count` };
  if (!r.confirmation)
    return { standing: "awaiting_confirmation", confirmation: null, reason: `${what}: awaiting officer confirmation against its document, not yet counted` };
  const c = r.confirmation;
  return {
    standing: "confirmed",
    confirmation: c,
    reason: `${what}: confirmed by ${c.officerEmail} on ${c.confirmedAt.slice(0, 10)} against document ${c.documentSha256.slice(0, 12)}…`,
  };
}

export function assessDerivativeKnowledge(input: DerivativeKnowledgeInput, ctx: { assessmentDate: string }): DkResult {
  const errors = validate(input, ctx.assessmentDate);
  if (errors.length > 0) return { ok: false, errors };

  // An external course counts only once an officer confirmed it against its certificate (SUIT-2); the
  // platform course counts with its end quiz passed (SUIT-3).
  const courses: CourseStatus[] = input.training.records.map((r, index) => {
    if (r.kind === "external_course")
      return { index, ...confirmationRule(r, `course by ${r.provider} on ${r.topics.join(", ")}, completed ${r.completionDate}`) };
    const what = `platform course version ${r.courseVersion} completed ${r.completionDate}`;
    return r.quizPassed
      ? { index, standing: "platform_passed", confirmation: null, reason: `${what} with the end quiz passed` }
      : { index, standing: "platform_not_passed", confirmation: null, reason: `${what} but the end quiz was not passed: does not count` };
  });
  const trainingMet = courses.some((c) => c.standing === "confirmed" || c.standing === "platform_passed");
  const trainingReasons = courses.map((c) => c.reason);
  if (input.training.records.length === 0) trainingReasons.push("no training given");

  // A role counts only when the client stated how it involved derivatives, uploaded a document for it,
  // and an officer confirmed it against that document (SUIT-2: no self-declaration alone).
  const roles: RoleStatus[] = input.workExperience.records.map((r, index) => {
    const what = `${r.role} at ${r.employer} for ${r.years} years`;
    if (!r.relatesToDerivatives || !r.derivativeDuties.trim())
      return { index, standing: "not_derivative", confirmation: null, reason: `${what} did not relate to derivatives: does not count` };
    return { index, ...confirmationRule(r, `${what}: ${r.derivativeDuties}`) };
  });
  const workMet = roles.some((r) => r.standing === "confirmed");
  const workReasons = roles.map((r) => r.reason);
  if (input.workExperience.records.length === 0) workReasons.push("no work experience given");

  // Window: from the assessment date minus 36 calendar months (inclusive) to the assessment date. A trade
  // counts when its type is a derivative, it is in the window, its own document or a statement's period
  // covers it, and it is not a repeat of one already counted (same date, type, instrument and venue).
  const windowStart = subtractMonths(ctx.assessmentDate, DERIV_KNOWLEDGE.LOOKBACK_MONTHS);
  const statements = input.trading.statements ?? [];
  const seen = new Map<string, number>();
  const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");
  const trades: TradeStatus[] = input.trading.records.map((r, index) => {
    const what = `${r.tradeDate} ${r.instrument} at ${r.venueOrBroker}`;
    const base = { index, duplicateOf: null, evidence: null };
    if (r.instrumentType === null || r.instrumentType === undefined)
      return { ...base, standing: "type_missing", reason: `${what}: instrument type not stated: does not count` };
    if (!isDerivativeInstrumentType(r.instrumentType))
      return { ...base, standing: "not_derivative", reason: `${what}: ${r.instrumentType.replaceAll("_", " ")} is not a derivative: does not count` };
    if (daysBetween(windowStart, r.tradeDate) < 0)
      return { ...base, standing: "outside_window", reason: `${what}: older than ${DERIV_KNOWLEDGE.LOOKBACK_MONTHS} months: does not count` };
    const statement = statements.findIndex(
      (st) => st.hasDocument && daysBetween(st.periodFrom, r.tradeDate) >= 0 && daysBetween(r.tradeDate, st.periodTo) >= 0,
    );
    const evidence: TradeStatus["evidence"] = r.hasDocument ? { kind: "own_document" } : statement >= 0 ? { kind: "statement", index: statement } : null;
    if (!evidence) return { ...base, standing: "no_evidence", reason: `${what}: no document and no statement covering ${r.tradeDate}: does not count` };
    const key = [r.tradeDate, r.instrumentType, norm(r.instrument), norm(r.venueOrBroker)].join("|");
    const first = seen.get(key);
    if (first !== undefined)
      return { ...base, evidence, standing: "duplicate", duplicateOf: first, reason: `${what}: repeats trade ${first + 1}: counted once` };
    seen.set(key, index);
    return { ...base, evidence, standing: "counted", reason: `${what}: counted` };
  });
  const counted = trades.filter((t) => t.standing === "counted").length;
  const outside = trades.filter((t) => t.standing === "outside_window").length;
  const tradingMet = counted >= DERIV_KNOWLEDGE.MIN_TRADES;
  const tradingReasons = [
    `${counted} distinct derivative trade(s) with evidence on or after ${windowStart}; at least ${DERIV_KNOWLEDGE.MIN_TRADES} needed`,
    ...(outside > 0 ? [`${outside} trade(s) older than ${DERIV_KNOWLEDGE.LOOKBACK_MONTHS} months not counted`] : []),
    ...trades.filter((t) => t.standing !== "counted" && t.standing !== "outside_window").map((t) => t.reason),
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
      training: { met: trainingMet, reasons: trainingReasons, courses },
      workExperience: { met: workMet, reasons: workReasons, roles },
      trading: { met: tradingMet, reasons: tradingReasons, windowStart, tradesInWindow: counted, trades },
      reasons,
    },
  };
}
