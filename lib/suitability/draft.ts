// The onboarding wizard's draft (investor category, portfolio and total-assets evidence): what a client
// has entered so far, stored as JSON on their OnboardingCase, and its conversion to the evaluators'
// inputs. Pure and client-safe: money is kept as decimal strings of minor units so the JSON round-trips
// exactly.
import { z } from "zod";
import { formatMinorUnits } from "@/lib/format";
import { PPB, SUPPORTED_CURRENCIES } from "./constants";
import type {
  BrokerStatement,
  DerivativeKnowledgeInput,
  ExternalCourse,
  KnowledgeConfirmation,
  PlatformCourse,
  TradeRecord,
  WorkRecord,
} from "./derivative-knowledge";
import {
  ASSET_CLASSES,
  BROKER_STATEMENT_FIELDS,
  CATEGORY_FIELDS,
  CURRENCIES,
  DECLARATION_FIELDS,
  EVIDENCE_DOCUMENT_TYPES,
  INVESTOR_CATEGORIES,
  NET_WORTH_FIELDS,
  PORTFOLIO_LINE_FIELDS,
  TOTAL_ASSETS_DOCUMENT_TYPES,
  TOTAL_ASSETS_LINE_FIELDS,
  TRADE_INSTRUMENT_TYPES,
  TRADE_RECORD_FIELDS,
  TRAINING_RECORD_FIELDS,
  WORK_RECORD_FIELDS,
  type DraftDeclarations,
  type FieldsShape,
} from "./draft-fields";
import { isSupportedCurrency, type Fraction } from "./money";
import { described, msg, zodMessage, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";
import type { AssetClass, EvidenceDocumentType, InvestorCategory, Ownership, PiInput, TotalAssetsDocumentType } from "./pi-evaluator";

// The enum lists and field names are in draft-fields.ts, which the browser's forms import; the names
// people read for the enum values are in the message catalogue (labels.category.<value>,
// labels.assetClass.<value>, labels.documentType.<value>).

/** Ownership as stored: shares as exact fractions of decimal strings ("40/100"), never floats. */
export type DraftOwnership =
  | { kind: "sole" }
  | { kind: "joint_with_associate"; associate: "spouse" | "child" }
  | { kind: "joint_with_non_associates"; holders: number; agreedShare: { numerator: string; denominator: string } | null }
  | {
      kind: "investment_holding_company";
      companyName: string;
      ownership: { numerator: string; denominator: string };
      principalBusinessIsHoldingInvestments: boolean;
    };

export interface DraftPortfolioLine {
  assetClass: AssetClass;
  custodianOrIssuer: string;
  documentType: EvidenceDocumentType;
  valueMinor: string;
  currency: string;
  statementDate: string;
  ownership: DraftOwnership;
  /** The uploaded statement (EvidenceDocument id). */
  documentId: string;
}

export interface DraftTotalAssetsLine {
  description: string;
  documentType: TotalAssetsDocumentType;
  valueMinor: string;
  currency: string;
  statementDate: string;
  documentId: string;
}

/** An external course and its certificate (required for new records; older ones may have none and then do not count). */
export type DraftTrainingRecord = ExternalCourse & { documentId: string | null };
export type DraftWorkRecord = WorkRecord & { documentId: string | null };
export type DraftTradeRecord = TradeRecord & { documentId: string | null };
/** A statement the client uploaded and declared to cover a period of trades (its document is required). */
export type DraftBrokerStatement = Omit<BrokerStatement, "hasDocument"> & { documentId: string };

export interface OnboardingDraft {
  category: InvestorCategory | null;
  institutionalBasis: string;
  portfolio: DraftPortfolioLine[];
  totalAssets: DraftTotalAssetsLine[];
  declarations: DraftDeclarations;
  training: DraftTrainingRecord[];
  workExperience: DraftWorkRecord[];
  trades: DraftTradeRecord[];
  brokerStatements: DraftBrokerStatement[];
  /** Code 5.3 (SUIT-5), HKD cents as decimal strings. */
  netWorth: { netWorthHkdCents: string; liquidAssetsHkdCents: string } | null;
}

export const EMPTY_DRAFT: OnboardingDraft = {
  category: null,
  institutionalBasis: "",
  portfolio: [],
  totalAssets: [],
  declarations: { training: null, workExperience: null, trading: null },
  training: [],
  workExperience: [],
  trades: [],
  brokerStatements: [],
  netWorth: null,
};

/** Every evidence document the draft refers to, in the order of its lists. */
export function draftDocumentIds(draft: OnboardingDraft): string[] {
  const lines: { documentId: string | null }[] = [
    ...draft.portfolio,
    ...draft.totalAssets,
    ...draft.training,
    ...draft.workExperience,
    ...draft.trades,
    ...draft.brokerStatements,
  ];
  return lines.map((line) => line.documentId).filter((id): id is string => id !== null);
}

/** A stored draft from an older shape or a partial JSON object gets the missing fields' empty values. */
export function normaliseDraft(value: unknown): OnboardingDraft {
  const v = (typeof value === "object" && value !== null ? value : {}) as Partial<OnboardingDraft>;
  return {
    ...EMPTY_DRAFT,
    ...v,
    declarations: { ...EMPTY_DRAFT.declarations, ...(v.declarations ?? {}) },
  };
}

function fraction(f: { numerator: string; denominator: string }): Fraction {
  return { numerator: BigInt(f.numerator), denominator: BigInt(f.denominator) };
}

function ownership(o: DraftOwnership): Ownership {
  switch (o.kind) {
    case "sole":
    case "joint_with_associate":
      return o;
    case "joint_with_non_associates":
      return o.agreedShare ? { kind: o.kind, holders: o.holders, agreedShare: fraction(o.agreedShare) } : { kind: o.kind, holders: o.holders };
    case "investment_holding_company":
      return {
        kind: o.kind,
        companyName: o.companyName,
        ownership: fraction(o.ownership),
        principalBusinessIsHoldingInvestments: o.principalBusinessIsHoldingInvestments,
      };
  }
}

export function portfolioLineInput(line: DraftPortfolioLine): PiInput["portfolio"][number] {
  return {
    assetClass: line.assetClass,
    custodianOrIssuer: line.custodianOrIssuer,
    documentType: line.documentType,
    valueMinor: BigInt(line.valueMinor),
    currency: line.currency,
    statementDate: line.statementDate,
    ownership: ownership(line.ownership),
  };
}

export function totalAssetsLineInput(line: DraftTotalAssetsLine): NonNullable<PiInput["totalAssets"]>[number] {
  return {
    description: line.description,
    documentType: line.documentType,
    valueMinor: BigInt(line.valueMinor),
    currency: line.currency,
    statementDate: line.statementDate,
  };
}

const TOTAL_ASSETS_CATEGORIES: readonly InvestorCategory[] = ["corporation", "partnership", "trust_corporation"];
export function hasTotalAssetsTest(category: InvestorCategory | null): boolean {
  return category !== null && TOTAL_ASSETS_CATEGORIES.includes(category);
}

/** The PI evaluator's input; the category must be chosen. */
export function piInput(draft: OnboardingDraft & { category: InvestorCategory }): PiInput {
  return {
    category: draft.category,
    portfolio: draft.category === "trust_corporation" || draft.category === "institutional" ? [] : draft.portfolio.map(portfolioLineInput),
    ...(hasTotalAssetsTest(draft.category) ? { totalAssets: draft.totalAssets.map(totalAssetsLineInput) } : {}),
    ...(draft.category === "institutional" ? { institutionalBasis: draft.institutionalBasis } : {}),
  };
}

/** Officers' confirmations of declared records, by the record's index in its draft list (none before review). */
export interface KnowledgeConfirmations {
  role: ReadonlyMap<number, KnowledgeConfirmation>;
  course: ReadonlyMap<number, KnowledgeConfirmation>;
}
export const NO_CONFIRMATIONS: KnowledgeConfirmations = { role: new Map(), course: new Map() };

/**
 * The Code 5.1A input. A criterion left unanswered counts as "no" (insufficient information means no
 * knowledge); the platform course, when passed, is added as a training record by the caller, after the
 * external courses. An external course and a role carry whether they have a document and the officer's
 * confirmation (by draft index; none before review; none attaches to a record without a document); a
 * trade whether it has its own document; statements are listed with their periods (SUIT-2).
 */
export function knowledgeInput(
  draft: OnboardingDraft,
  platformCourse: PlatformCourse | null,
  confirmations: KnowledgeConfirmations = NO_CONFIRMATIONS,
): DerivativeKnowledgeInput {
  const strip = <T extends { documentId: string | null }>({ documentId: _documentId, ...rest }: T) => rest;
  const evidence = (documentId: string | null, confirmation: KnowledgeConfirmation | undefined) => ({
    hasDocument: documentId !== null,
    confirmation: documentId !== null ? (confirmation ?? null) : null,
  });
  const training: DerivativeKnowledgeInput["training"]["records"] = draft.training.map((r, i) => ({
    ...strip(r),
    ...evidence(r.documentId, confirmations.course.get(i)),
  }));
  if (platformCourse) training.push(platformCourse);
  return {
    training: { declared: draft.declarations.training === true || platformCourse !== null, records: training },
    workExperience: {
      declared: draft.declarations.workExperience === true,
      records: draft.workExperience.map((r, i) => ({ ...strip(r), ...evidence(r.documentId, confirmations.role.get(i)) })),
    },
    trading: {
      declared: draft.declarations.trading === true,
      // Records made before the instrument type was asked have none: they do not count.
      records: draft.trades.map((r) => ({ ...strip(r), instrumentType: r.instrumentType ?? null, hasDocument: r.documentId !== null })),
      statements: (draft.brokerStatements ?? []).map(({ documentId, ...s }) => ({ ...s, hasDocument: documentId !== "" })),
    },
  };
}

// ---- Parsing what a client types ----

/** Digits before the decimal point of a declared amount: up to 999 trillion, beyond any real statement. */
export const MAX_MONEY_DIGITS = 15;

/** A refused entry: the problem in English (`message`) and in the catalogue (`ref`), for the client's language. */
export interface EntryProblem extends Described {
  ok: false;
}

function entryProblem(key: MessageKey, values?: MessageValues): EntryProblem {
  return described({ ok: false as const }, msg(key, values));
}

/**
 * "8,000,000.00" in `currency` → minor units. Commas and spaces are allowed as thousands separators; more
 * decimals than the currency has are refused rather than rounded (the client would not see the change).
 */
export function parseMoney(text: string, currency: string): { ok: true; minor: bigint } | EntryProblem {
  if (!isSupportedCurrency(currency)) return entryProblem("validation.suitability.money.currencyUnsupported", { currency, currencies: CURRENCIES.join(", ") });
  const cleaned = text.trim().replace(/[,\s]/g, "");
  if (cleaned === "") return entryProblem("validation.suitability.money.valueMissing");
  if (cleaned.startsWith("-")) return entryProblem("validation.suitability.money.valueNegative");
  const exponent = SUPPORTED_CURRENCIES[currency];
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return entryProblem("validation.suitability.money.notAnAmount", { text: text.trim() });
  const decimals = match[2] ?? "";
  if (match[1].replace(/^0+/, "").length > MAX_MONEY_DIGITS)
    return entryProblem("validation.suitability.money.tooLarge", { text: text.trim().slice(0, 40), digits: MAX_MONEY_DIGITS });
  if (decimals.length > exponent)
    return exponent === 0
      ? entryProblem("validation.suitability.money.noMinorUnit", { currency })
      : entryProblem("validation.suitability.money.tooManyDecimals", { currency, exponent, text: text.trim(), decimals: decimals.length });
  const minor = BigInt(match[1]) * 10n ** BigInt(exponent) + BigInt(decimals.padEnd(exponent, "0") || "0");
  if (minor === 0n) return entryProblem("validation.suitability.money.valueZero");
  return { ok: true, minor };
}

/** "40" or "33.5" percent → an exact fraction in (0, 1]. */
export function parsePercent(text: string): { ok: true; fraction: { numerator: string; denominator: string } } | EntryProblem {
  const cleaned = text.trim().replace(/%$/, "").trim();
  const match = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(cleaned);
  if (!match) return entryProblem("validation.suitability.share.notAPercentage", { text: text.trim() });
  const decimals = match[2] ?? "";
  const denominator = 100n * 10n ** BigInt(decimals.length);
  const numerator = BigInt(match[1] + decimals);
  if (numerator === 0n || numerator > denominator) return entryProblem("validation.suitability.share.outOfRange");
  return { ok: true, fraction: { numerator: numerator.toString(), denominator: denominator.toString() } };
}

export const categorySchema = z.object({
  category: z.enum(INVESTOR_CATEGORIES, { error: zodMessage("validation.suitability.form.categoryRequired") }),
  institutionalBasis: z.string().trim().max(2000).default(""),
} satisfies FieldsShape<typeof CATEGORY_FIELDS, z.ZodType>);

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.suitability.form.dateFormat"));
/** A required text field; `field` names its two messages under validation.suitability.form.text. */
const text = (field: TextField, max = 200) =>
  z
    .string()
    .trim()
    .min(1, zodMessage(`validation.suitability.form.text.${field}.required`))
    .max(max, zodMessage(`validation.suitability.form.text.${field}.tooLong`, { max }));
type TextField = "custodianOrIssuer" | "description" | "provider" | "topics" | "employer" | "role" | "derivativeDuties" | "instrument" | "venueOrBroker";
const yesNo = (key: MessageKey) => z.enum(["yes", "no"], { error: zodMessage(key) });

/** One evidence line as the form posts it (strings); money and shares are parsed after this. */
export const portfolioLineForm = z.object({
  assetClass: z.enum(ASSET_CLASSES, { error: zodMessage("validation.suitability.form.assetClassRequired") }),
  custodianOrIssuer: text("custodianOrIssuer"),
  documentType: z.enum(EVIDENCE_DOCUMENT_TYPES, { error: zodMessage("validation.suitability.form.documentTypeRequired") }),
  value: z.string().max(40),
  currency: z.string().trim().toUpperCase().max(8),
  statementDate: isoDate,
  ownershipKind: z.enum(["sole", "joint_with_associate", "joint_with_non_associates", "investment_holding_company"], {
    error: zodMessage("validation.suitability.form.ownershipRequired"),
  }),
  associate: z.enum(["spouse", "child"]).optional(),
  holders: z.coerce
    .number()
    .int(zodMessage("validation.suitability.form.holdersWhole"))
    .min(1, zodMessage("validation.suitability.form.holdersRequired"))
    .max(1_000, zodMessage("validation.suitability.form.holdersRequired"))
    .optional(),
  agreedSharePct: z.string().max(20).optional(),
  companyName: z.string().trim().max(200).optional(),
  ownershipPct: z.string().max(20).optional(),
  principalBusinessIsHoldingInvestments: z.enum(["yes", "no"]).optional(),
} satisfies FieldsShape<typeof PORTFOLIO_LINE_FIELDS, z.ZodType>);
export type PortfolioLineForm = z.input<typeof portfolioLineForm>;

export const totalAssetsLineForm = z.object({
  description: text("description"),
  documentType: z.enum(TOTAL_ASSETS_DOCUMENT_TYPES, { error: zodMessage("validation.suitability.form.documentTypeRequired") }),
  value: z.string().max(40),
  currency: z.string().trim().toUpperCase().max(8),
  statementDate: isoDate,
} satisfies FieldsShape<typeof TOTAL_ASSETS_LINE_FIELDS, z.ZodType>);

export const declarationsForm = z.object({
  training: z.enum(["yes", "no"], { error: zodMessage("validation.suitability.form.trainingAnswer") }),
  workExperience: z.enum(["yes", "no"], { error: zodMessage("validation.suitability.form.workExperienceAnswer") }),
  trading: z.enum(["yes", "no"], { error: zodMessage("validation.suitability.form.tradingAnswer") }),
} satisfies FieldsShape<typeof DECLARATION_FIELDS, z.ZodType>);

export const trainingRecordForm = z.object({
  provider: text("provider"),
  topics: text("topics", 500),
  completionDate: isoDate,
} satisfies FieldsShape<typeof TRAINING_RECORD_FIELDS, z.ZodType>);

/**
 * A role (SUIT-2): whether it involved derivatives is asked, never assumed. A "yes" needs the duties that
 * involved derivatives; the service then requires the document that shows them.
 */
export const workRecordForm = z
  .object({
    employer: text("employer"),
    role: text("role"),
    years: z
      .string()
      .trim()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, zodMessage("validation.suitability.form.yearsFormat")),
    relatesToDerivatives: yesNo("validation.suitability.knowledge.gate.relatesAnswer"),
    derivativeDuties: z
      .string()
      .trim()
      .max(1000, zodMessage("validation.suitability.form.text.derivativeDuties.tooLong", { max: 1000 }))
      .default(""),
  } satisfies FieldsShape<typeof WORK_RECORD_FIELDS, z.ZodType>)
  .superRefine((f, ctx) => {
    if (f.relatesToDerivatives === "yes" && f.derivativeDuties.length < 20)
      ctx.addIssue({ code: "custom", path: ["derivativeDuties"], message: zodMessage("validation.suitability.knowledge.gate.dutiesHow", { min: 20 }) });
  });

export const tradeRecordForm = z.object({
  tradeDate: isoDate,
  instrumentType: z.enum(TRADE_INSTRUMENT_TYPES, { error: zodMessage("validation.suitability.knowledge.gate.instrumentTypeRequired") }),
  instrument: text("instrument"),
  venueOrBroker: text("venueOrBroker"),
} satisfies FieldsShape<typeof TRADE_RECORD_FIELDS, z.ZodType>);

export const brokerStatementForm = z
  .object({
    broker: z
      .string()
      .trim()
      .min(1, zodMessage("validation.suitability.knowledge.gate.statementBrokerRequired"))
      .max(200, zodMessage("validation.suitability.form.text.venueOrBroker.tooLong", { max: 200 })),
    periodFrom: isoDate,
    periodTo: isoDate,
  } satisfies FieldsShape<typeof BROKER_STATEMENT_FIELDS, z.ZodType>)
  .refine((f) => f.periodFrom <= f.periodTo, { path: ["periodTo"], message: zodMessage("validation.suitability.knowledge.gate.periodOrder") });

export const netWorthForm = z.object({
  netWorthHkd: z.string().max(40),
  liquidAssetsHkd: z.string().max(40),
} satisfies FieldsShape<typeof NET_WORTH_FIELDS, z.ZodType>);

/** Minor units as text in their currency's decimals: 800000000 HKD → "8,000,000.00". */
export function formatMinor(minor: string | bigint, currency: string): string {
  return formatMinorUnits(minor, isSupportedCurrency(currency) ? SUPPORTED_CURRENCIES[currency] : 2);
}

/** A ppb-free exact percentage of a stored fraction, for display ("40 %", "33.5 %"). */
export function fractionPercent(f: { numerator: string; denominator: string }): string {
  const n = BigInt(f.numerator) * 100n * PPB;
  const q = n / BigInt(f.denominator);
  const whole = q / PPB;
  const frac = (q % PPB).toString().padStart(9, "0").replace(/0+$/, "");
  return `${whole}${frac ? "." + frac.slice(0, 4) : ""} %`;
}
