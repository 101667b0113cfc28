/**
 * EDU-2: the knowledge base of answers to the questions clients ask, beside the enquiry channel. The
 * questions are grouped by the same categories as complaints and enquiries (lib/complaints/policy.ts),
 * so the two lists agree. Their words are in the `knowledgeBase` catalogue, with every figure an ICU
 * placeholder the page fills from the configuration or policy in force; here are only the questions'
 * order, categories and the public pages that show the live figures, and the search. Pure and
 * client-safe.
 */
import type { ComplaintCategory } from "@/lib/complaints/policy";

/** A public page that shows the figures behind an answer, with the message key of its link text. */
export interface KnowledgeLink {
  href: string;
  label:
    | "liquidationGuide"
    | "fundingGuide"
    | "marginTiersGuide"
    | "adlGuide"
    | "methodology"
    | "collateral"
    | "insuranceFund"
    | "adl"
    | "parameters"
    | "markets"
    | "trades"
    | "incidents"
    | "afmm"
    | "riskDisclosure"
    | "api"
    | "complaints"
    | "signUp";
}

export interface KnowledgeQuestion {
  /** The message key under `knowledgeBase.questions`. */
  id: string;
  category: ComplaintCategory;
  links: readonly KnowledgeLink[];
}

const link = (href: string, label: KnowledgeLink["label"]): KnowledgeLink => ({ href, label });

/** The questions in the order the page lists them within each category. */
export const KNOWLEDGE_BASE_QUESTIONS = [
  { id: "professionalInvestor", category: "account_onboarding", links: [link("/sign-up", "signUp"), link("/disclosures/risk-disclosure", "riskDisclosure")] },
  { id: "reduceOnly", category: "account_onboarding", links: [link("/disclosures/risk-disclosure", "riskDisclosure")] },
  {
    id: "orderRefused",
    category: "trading_execution",
    links: [link("/disclosures/parameters", "parameters"), link("/learn/margin-tiers", "marginTiersGuide")],
  },
  { id: "markPrice", category: "trading_execution", links: [link("/disclosures/markets", "markets"), link("/disclosures/methodology", "methodology")] },
  { id: "leverage", category: "trading_execution", links: [link("/learn/margin-tiers", "marginTiersGuide"), link("/disclosures/methodology", "methodology")] },
  {
    id: "liquidationPrice",
    category: "liquidation_adl",
    links: [link("/learn/liquidation", "liquidationGuide"), link("/disclosures/methodology", "methodology")],
  },
  {
    id: "liquidationProcess",
    category: "liquidation_adl",
    links: [link("/learn/liquidation", "liquidationGuide"), link("/disclosures/insurance-fund", "insuranceFund"), link("/disclosures/trades", "trades")],
  },
  { id: "adl", category: "liquidation_adl", links: [link("/learn/adl", "adlGuide"), link("/disclosures/adl", "adl")] },
  { id: "adlLikelihood", category: "liquidation_adl", links: [link("/disclosures/adl", "adl")] },
  { id: "insuranceFund", category: "liquidation_adl", links: [link("/disclosures/insurance-fund", "insuranceFund"), link("/disclosures/api", "api")] },
  {
    id: "eventNotice",
    category: "liquidation_adl",
    links: [link("/disclosures/incidents", "incidents"), link("/disclosures/insurance-fund", "insuranceFund")],
  },
  { id: "funding", category: "fees_funding", links: [link("/learn/funding", "fundingGuide"), link("/disclosures/markets", "markets")] },
  { id: "fees", category: "fees_funding", links: [link("/disclosures/parameters", "parameters"), link("/disclosures/methodology", "methodology")] },
  { id: "collateral", category: "collateral_transfers", links: [link("/disclosures/methodology/collateral", "collateral")] },
  { id: "deposits", category: "collateral_transfers", links: [link("/disclosures/methodology/collateral", "collateral")] },
  { id: "complaint", category: "service_conduct", links: [link("/complaints", "complaints")] },
  { id: "fdrc", category: "service_conduct", links: [link("/complaints", "complaints")] },
  { id: "afmm", category: "service_conduct", links: [link("/disclosures/afmm", "afmm"), link("/disclosures/trades", "trades")] },
  { id: "publicData", category: "technical", links: [link("/disclosures/api", "api")] },
  { id: "records", category: "other", links: [link("/complaints", "complaints")] },
] as const satisfies readonly KnowledgeQuestion[];

export type KnowledgeQuestionId = (typeof KNOWLEDGE_BASE_QUESTIONS)[number]["id"];

/** A question with its words in the reader's language, figures filled in. */
export interface KnowledgeEntry {
  id: string;
  category: ComplaintCategory;
  question: string;
  /** The answer's paragraphs. */
  answer: readonly string[];
}

/** The longest query searched, in characters (code points) after trimming. */
export const KNOWLEDGE_QUERY_MAX = 100;

export type KnowledgeSearch<E extends KnowledgeEntry> =
  /** No query (absent, empty or only spaces): every entry, in order. */
  | { kind: "all"; entries: E[] }
  /** The query is longer than KNOWLEDGE_QUERY_MAX: nothing searched, nothing listed. */
  | { kind: "tooLong"; query: string; length: number; entries: [] }
  /** The entries that match, question-title matches first; possibly none. */
  | { kind: "results"; query: string; entries: E[] };

/** The text compared: compatibility-normalised (full-width letters and digits become plain ones), lower case, spaces collapsed. */
function folded(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
}

/** What the `q` search parameter holds: the first value when repeated, "" when absent. */
export function queryOf(raw: string | readonly string[] | undefined): string {
  if (raw === undefined) return "";
  return typeof raw === "string" ? raw : (raw[0] ?? "");
}

/**
 * Filters the entries by the query. Matching is literal (no pattern syntax) and case-insensitive on
 * the question and the answer: every word of the query (split on spaces) must occur in the entry, so
 * "funding interval" finds an answer with both words apart; Chinese, written without spaces, matches
 * as one substring. Entries with every word in the question come first, then those with more words in
 * the question, then the rest; ties keep the page's order.
 */
export function searchKnowledgeBase<E extends KnowledgeEntry>(entries: readonly E[], raw: string | readonly string[] | undefined): KnowledgeSearch<E> {
  const query = queryOf(raw).trim();
  if (query === "") return { kind: "all", entries: [...entries] };
  const length = [...query].length;
  if (length > KNOWLEDGE_QUERY_MAX) return { kind: "tooLong", query, length, entries: [] };
  const words = [...new Set(folded(query).split(" ").filter(Boolean))];
  const scored = entries.flatMap((entry, index) => {
    const question = folded(entry.question);
    const whole = `${question} ${folded(entry.answer.join(" "))}`;
    if (!words.every((word) => whole.includes(word))) return [];
    const inQuestion = words.filter((word) => question.includes(word)).length;
    return [{ entry, index, inQuestion }];
  });
  scored.sort((a, b) => b.inQuestion - a.inQuestion || a.index - b.index);
  return { kind: "results", query, entries: scored.map((hit) => hit.entry) };
}
