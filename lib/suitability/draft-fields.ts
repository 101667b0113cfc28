// The plain lists of the onboarding draft: enum values and the names of the fields each form posts.
// Kept apart from draft.ts (schemas, parsing, messages) so the browser's forms can import them without
// pulling the validation schemas and the English message catalogue into the client bundle.
import { INSTRUMENT_TYPES, PI_EVIDENCE, SUPPORTED_CURRENCIES, type SupportedCurrency } from "./constants";

/** The instrument types a trade record offers (derivatives first; the non-derivative ones count 0). */
export const TRADE_INSTRUMENT_TYPES = INSTRUMENT_TYPES;
import type { AssetClass, EvidenceDocumentType, InvestorCategory, TotalAssetsDocumentType } from "./pi-evaluator";

export const INVESTOR_CATEGORIES = [
  "individual",
  "corporation",
  "partnership",
  "trust_corporation",
  "institutional",
] as const satisfies readonly InvestorCategory[];

export const ASSET_CLASSES = [
  ...PI_EVIDENCE.ELIGIBLE_ASSET_CLASSES,
  "property",
  "insurance",
  "mpf_orso",
  "private_company_shares",
  "futures",
  "virtual_asset",
] as const satisfies readonly AssetClass[];

export const EVIDENCE_DOCUMENT_TYPES = [
  "custodian_statement",
  "auditor_or_cpa_certificate",
  "public_filing",
] as const satisfies readonly EvidenceDocumentType[];
export const TOTAL_ASSETS_DOCUMENT_TYPES = [...EVIDENCE_DOCUMENT_TYPES, "audited_financial_statements"] as const satisfies readonly TotalAssetsDocumentType[];

export const CURRENCIES = Object.keys(SUPPORTED_CURRENCIES) as SupportedCurrency[];

/** The client's yes/no per Code 5.1A criterion; a "yes" needs records (SUIT-2). null = not answered. */
export interface DraftDeclarations {
  training: boolean | null;
  workExperience: boolean | null;
  trading: boolean | null;
}

// The fields each onboarding form posts (besides an uploaded "document"). draft.ts builds its schemas
// over exactly these names, so a form's inline errors and the schema cannot drift apart.
export const CATEGORY_FIELDS = ["category", "institutionalBasis"] as const;
/** The portfolio line's fields every kind of holding posts. */
export const PORTFOLIO_LINE_BASE_FIELDS = ["assetClass", "custodianOrIssuer", "documentType", "value", "currency", "statementDate", "ownershipKind"] as const;
/** The ownership details each kind of holding uses; the form hides the others and they are not sent on. */
export const OWNERSHIP_DETAIL_FIELDS = {
  sole: [],
  joint_with_associate: ["associate"],
  joint_with_non_associates: ["holders", "agreedSharePct"],
  investment_holding_company: ["companyName", "ownershipPct", "principalBusinessIsHoldingInvestments"],
} as const satisfies Record<string, readonly string[]>;
export const PORTFOLIO_LINE_FIELDS = [
  ...PORTFOLIO_LINE_BASE_FIELDS,
  ...OWNERSHIP_DETAIL_FIELDS.joint_with_associate,
  ...OWNERSHIP_DETAIL_FIELDS.joint_with_non_associates,
  ...OWNERSHIP_DETAIL_FIELDS.investment_holding_company,
] as const;
export const TOTAL_ASSETS_LINE_FIELDS = ["description", "documentType", "value", "currency", "statementDate"] as const;
export const DECLARATION_FIELDS = ["training", "workExperience", "trading"] as const satisfies readonly (keyof DraftDeclarations)[];
export const TRAINING_RECORD_FIELDS = ["provider", "topics", "completionDate"] as const;
export const WORK_RECORD_FIELDS = ["employer", "role", "years", "relatesToDerivatives", "derivativeDuties"] as const;
export const TRADE_RECORD_FIELDS = ["tradeDate", "instrumentType", "instrument", "venueOrBroker"] as const;
/** A broker or custodian statement declared to cover a period: evidence for every trade dated in it. */
export const BROKER_STATEMENT_FIELDS = ["broker", "periodFrom", "periodTo"] as const;
export const NET_WORTH_FIELDS = ["netWorthHkd", "liquidAssetsHkd"] as const;

/** A form's schema shape: one entry per listed field, no more (checked where draft.ts declares it). */
export type FieldsShape<Fields extends readonly string[], Schema> = Record<Fields[number], Schema>;
