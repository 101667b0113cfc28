// Versioned question bank for the perps risk quiz (SUIT-5, SUIT-9, SUIT-3).
// The answer key and explanations stay on the server: this module must not be imported by client
// components. Clients get `publicQuestions` / `presentedQuestions` (quiz.ts) output only.
// Questions are conceptual on purpose: numeric parameters (leverage tiers, funding cap, fees, fund floor)
// live in engine configuration and are shown from there, never typed into quiz text (lib/engine/README.md).
import { canonicalHash } from "@/lib/engine";

export const QUIZ_TOPICS = ["funding", "leverage", "liquidation", "insurance_fund", "adl", "afmm_conflicts"] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

export interface QuizOption {
  id: string;
  text: string;
}

export interface QuizQuestion {
  /** Stable across versions while the question means the same; a changed meaning gets a new id. */
  id: string;
  topic: QuizTopic;
  text: string;
  options: QuizOption[];
  correctOptionId: string;
  /** Shown in course material, never with a graded attempt (SUIT-9: no answer leakage before a retake). */
  explanation: string;
}

export interface QuestionBankContent {
  bankId: string;
  version: string;
  questions: QuizQuestion[];
}

export interface QuestionBank extends QuestionBankContent {
  /**
   * canonicalHash (FNV-1a 64 over canonical JSON) of bankId, version and every question with its options,
   * answer key and explanation: an attempt record carrying it proves which exact text was shown.
   * The hash covers the secret explanations, so publishing it does not let a client search the answer key.
   */
  contentHash: string;
}

/** What the client may see: no correct option, no explanation. */
export interface PublicQuestion {
  id: string;
  topic: QuizTopic;
  text: string;
  options: QuizOption[];
}

export interface BankError {
  path: string;
  code: "DUPLICATE_ID" | "MISSING_FIELD" | "TOO_FEW_OPTIONS" | "UNKNOWN_CORRECT_OPTION" | "UNKNOWN_TOPIC";
  message: string;
}

export function questionBankHash(content: QuestionBankContent): string {
  return canonicalHash({
    bankId: content.bankId,
    version: content.version,
    questions: content.questions.map((q) => ({
      id: q.id,
      topic: q.topic,
      text: q.text,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
      correctOptionId: q.correctOptionId,
      explanation: q.explanation,
    })),
  });
}

/** Every structural problem of a bank; empty when it is usable. */
export function validateQuestionBank(content: QuestionBankContent): BankError[] {
  const errors: BankError[] = [];
  if (!content.bankId.trim()) errors.push({ path: "bankId", code: "MISSING_FIELD", message: "bank id is required" });
  if (!content.version.trim()) errors.push({ path: "version", code: "MISSING_FIELD", message: "bank version is required" });
  const seen = new Set<string>();
  content.questions.forEach((q, i) => {
    const p = `questions[${i}]`;
    if (!q.id.trim()) errors.push({ path: `${p}.id`, code: "MISSING_FIELD", message: "question id is required" });
    else if (seen.has(q.id)) errors.push({ path: `${p}.id`, code: "DUPLICATE_ID", message: `question id "${q.id}" is used twice` });
    seen.add(q.id);
    if (!(QUIZ_TOPICS as readonly string[]).includes(q.topic))
      errors.push({ path: `${p}.topic`, code: "UNKNOWN_TOPIC", message: `topic "${q.topic}" is not one of ${QUIZ_TOPICS.join(", ")}` });
    if (!q.text.trim()) errors.push({ path: `${p}.text`, code: "MISSING_FIELD", message: `question ${q.id} has no text` });
    if (!q.explanation.trim()) errors.push({ path: `${p}.explanation`, code: "MISSING_FIELD", message: `question ${q.id} has no explanation` });
    if (q.options.length < 2) errors.push({ path: `${p}.options`, code: "TOO_FEW_OPTIONS", message: `question ${q.id} needs at least 2 options` });
    const optionIds = new Set<string>();
    q.options.forEach((o, j) => {
      if (!o.id.trim() || !o.text.trim())
        errors.push({ path: `${p}.options[${j}]`, code: "MISSING_FIELD", message: `question ${q.id} option ${j + 1} needs an id and text` });
      else if (optionIds.has(o.id))
        errors.push({ path: `${p}.options[${j}].id`, code: "DUPLICATE_ID", message: `question ${q.id} uses option id "${o.id}" twice` });
      optionIds.add(o.id);
    });
    if (!optionIds.has(q.correctOptionId))
      errors.push({
        path: `${p}.correctOptionId`,
        code: "UNKNOWN_CORRECT_OPTION",
        message: `question ${q.id}: correct option "${q.correctOptionId}" is not one of its options`,
      });
  });
  return errors;
}

/** Seals a bank with its content hash; a malformed bank is a programming error, so this one throws. */
export function defineQuestionBank(content: QuestionBankContent): QuestionBank {
  const errors = validateQuestionBank(content);
  if (errors.length > 0) throw new Error(`invalid question bank ${content.bankId}@${content.version}: ${errors.map((e) => e.message).join("; ")}`);
  return { ...content, contentHash: questionBankHash(content) };
}

/** The client-facing view: fields are picked one by one so a new secret field cannot leak by default. */
export function publicQuestions(bank: QuestionBankContent): PublicQuestion[] {
  return bank.questions.map(toPublic);
}

export function toPublic(q: QuizQuestion): PublicQuestion {
  return { id: q.id, topic: q.topic, text: q.text, options: q.options.map((o) => ({ id: o.id, text: o.text })) };
}

/** One four-option question; options get the ids a–d in the order written (the draw shuffles them). */
export function question(
  id: string,
  topic: QuizTopic,
  text: string,
  options: [string, string, string, string],
  correct: "a" | "b" | "c" | "d",
  explanation: string,
): QuizQuestion {
  return { id, topic, text, options: options.map((t, i) => ({ id: "abcd"[i] ?? "", text: t })), correctOptionId: correct, explanation };
}

const q = question;

/**
 * Version 1 of the risk-quiz bank, kept unchanged so attempts drawn from it can still be rebuilt and
 * graded. Superseded by version 2 (quiz-banks/perps-risk-v2.ts): here the right option was nearly always
 * the longest, and two explanations described controls the product does not have yet.
 */
export const PERPS_RISK_QUIZ_V1: QuestionBank = defineQuestionBank({
  bankId: "perps-risk-quiz",
  version: "1",
  questions: [
    q(
      "funding-what",
      "funding",
      "What is the funding payment on a perpetual contract on this platform?",
      [
        "A periodic payment between holders of long and short positions that pulls the contract price towards the index price; the platform keeps none of it",
        "A fee the platform charges for keeping a position open overnight",
        "Interest the platform charges on the leverage it lends you",
        "A one-off charge paid when a position is opened",
      ],
      "a",
      "Funding is exchanged between traders: what payers pay is split among receivers, so it nets to zero and the platform earns nothing from it.",
    ),
    q(
      "funding-direction",
      "funding",
      "The funding rate for the next interval is positive. Who pays whom?",
      [
        "Short positions pay long positions",
        "Both sides pay the insurance fund",
        "Long positions pay short positions",
        "Nobody pays until the rate turns negative",
      ],
      "c",
      "A positive rate means the perp trades above the index; longs pay shorts, which discourages further buying. A negative rate reverses the direction.",
    ),
    q(
      "funding-size",
      "funding",
      "How is the funding amount on your position sized?",
      [
        "A fixed amount per contract, whatever the price",
        "The notional value of your position at the mark price times the funding rate, regardless of how much margin you posted",
        "The margin you posted times the funding rate",
        "Only your realised profit for the interval",
      ],
      "b",
      "Funding applies to the whole notional, so with high leverage a funding payment is large compared with your margin and can push the account towards liquidation.",
    ),
    q(
      "leverage-effect",
      "leverage",
      "You open the same position with less margin, that is with higher leverage. What changes?",
      [
        "Your maximum loss becomes smaller",
        "Funding no longer applies to the position",
        "The liquidation price moves further away from the current price",
        "A smaller adverse price move is enough to bring your account to liquidation",
      ],
      "d",
      "Leverage does not change the profit or loss per price move, but with less margin behind the position a smaller move uses it up.",
    ),
    q(
      "leverage-tiers",
      "leverage",
      "Why can the maximum leverage available to you be lower for a larger position?",
      [
        "Margin is tiered by notional: larger positions fall into tiers with a lower maximum leverage and a higher maintenance margin rate",
        "Larger clients receive higher leverage as a volume discount",
        "Maximum leverage is set case by case by sales staff",
        "Maximum leverage depends on the time of day",
      ],
      "a",
      "Large positions take longer to close in a liquidation, so each notional tier demands more initial and maintenance margin. The tiers are published on the market specification page.",
    ),
    q(
      "leverage-cross",
      "leverage",
      "This platform uses cross margin. What does that mean for you?",
      [
        "Each position has its own margin and a loss on one can never affect another",
        "All your positions share your account equity, so a loss in one market reduces the margin behind the others and can lead to liquidation there too",
        "Only profitable positions count towards your margin",
        "Collateral other than US dollars is ignored",
      ],
      "b",
      "Equity is your collateral at its haircut value plus cash plus the unrealised profit or loss of every position, and margin requirements are checked against that one figure.",
    ),
    q(
      "liquidation-price-used",
      "liquidation",
      "Which price decides whether your account is liquidated?",
      [
        "Only the last traded price on this platform",
        "Your average entry price",
        "The mark price, which is anchored to an index of external spot prices so that a single trade here cannot trigger a liquidation on its own",
        "The best bid at the end of the day",
      ],
      "c",
      "The mark price is the median of two index-based estimates and the last price; liquidation checks run when the mark updates.",
    ),
    q(
      "liquidation-trigger",
      "liquidation",
      "When is your account liquidated?",
      [
        "When its equity falls below the initial margin of your positions",
        "As soon as any position shows a loss",
        "Only at the end of the trading day",
        "When its equity falls below the maintenance margin of your positions",
      ],
      "d",
      "Initial margin is needed to open or increase a position; maintenance margin, which is lower, is the level below which the platform starts closing positions.",
    ),
    q(
      "liquidation-max-loss",
      "liquidation",
      "What is the most you can lose when your account is liquidated?",
      [
        "The collateral in your account: positions are closed no worse than the bankruptcy price, a liquidation fee is charged, and you never owe more than your collateral",
        "Only the initial margin of the position that was liquidated",
        "Nothing: the insurance fund refunds liquidation losses",
        "An unlimited amount: you must pay any negative balance afterwards",
      ],
      "a",
      "Under cross margin all collateral backs all positions, so all of it can be lost, including non-US-dollar collateral converted at its haircut value to cover a deficit. The insurance fund covers any remaining shortfall, not the client.",
    ),
    q(
      "insurance-purpose",
      "insurance_fund",
      "What is the insurance fund of a market used for?",
      [
        "Refunding clients' trading losses",
        "Guaranteeing a minimum return on positions",
        "Absorbing losses when a liquidated position cannot be closed at a price that covers it: it compensates backstop liquidity providers and auto-deleveraged traders and covers negative equity",
        "Paying the funding rate to both sides",
      ],
      "c",
      "The fund protects the other traders and the platform from a bankrupt account's loss; it never compensates the liquidated client.",
    ),
    q(
      "insurance-source",
      "insurance_fund",
      "Where does the insurance fund's money come from?",
      [
        "A share of every funding payment",
        "Liquidation fees charged when accounts are liquidated, and deposits made by the platform",
        "Client money held in segregated accounts",
        "The unrealised profits of profitable traders",
      ],
      "b",
      "Each market's fund is a separate ledger; every inflow and outflow is published on the insurance fund disclosure page.",
    ),
    q(
      "insurance-floor",
      "insurance_fund",
      "Each market's insurance fund has a floor. What happens when the fund is down to its floor?",
      [
        "The platform guarantees every loss from its own capital without limit",
        "Clients are charged a levy to refill it",
        "All open positions are closed immediately",
        "It stops paying compensation, so losses it would have absorbed are handled by auto-deleveraging profitable positions on the other side",
      ],
      "d",
      "Below the floor the fund only covers residual negative equity of an account with no position left; the fund balance and ADL risk level are disclosed publicly.",
    ),
    q(
      "adl-when",
      "adl",
      "When can auto-deleveraging (ADL) close part of your position?",
      [
        "Only when a liquidated position on the opposite side cannot be absorbed by the order book, the backstop liquidity providers and the insurance fund",
        "Whenever your position exceeds a set size",
        "When your own equity falls below maintenance margin",
        "At random during volatile markets",
      ],
      "a",
      "ADL is the last stage of the liquidation waterfall: book, backstop liquidity providers, insurance fund, then ADL.",
    ),
    q(
      "adl-ranking",
      "adl",
      "Which positions are closed first by ADL?",
      [
        "The largest positions, whether profitable or not",
        "The oldest positions",
        "Profitable positions on the opposite side, ranked by profit percentage times effective leverage, highest first",
        "Losing positions on the same side",
      ],
      "c",
      "Only positions with an unrealised profit are eligible; the more profitable and the more leveraged, the earlier in the queue.",
    ),
    q(
      "adl-price",
      "adl",
      "At what price is your position closed if it is auto-deleveraged?",
      [
        "Always at the mark price, so you never give up profit",
        "At the bankruptcy price of the liquidated position; while the insurance fund is above its floor it tops you up to the mark price",
        "At your average entry price",
        "At the best bid or ask at that moment",
      ],
      "b",
      "Once the fund is at its floor, the difference between the mark and the bankruptcy price is a loss of unrealised profit that you bear.",
    ),
    q(
      "adl-indicator",
      "adl",
      "What do the ADL lights next to your position show?",
      [
        "How much margin you have left",
        "The current funding rate",
        "Whether the market maker holds the other side",
        "Where your position stands in the ADL queue of its side: more lights means it would be closed earlier",
      ],
      "d",
      "The lights are recomputed from current positions, so they change as prices and other traders' positions move.",
    ),
    q(
      "afmm-what",
      "afmm_conflicts",
      "What is the affiliated market maker (AFMM) on this platform?",
      [
        "A company in the platform operator's group approved to quote and trade here as a market maker, whose interests can conflict with yours",
        "An independent regulator that sets prices",
        "A pool owned by clients that guarantees liquidity",
        "The manager of the insurance fund",
      ],
      "a",
      "Because the AFMM belongs to the same group, the platform must keep it functionally independent, manage and disclose the conflicts, and have a responsible officer oversee them.",
    ),
    q(
      "afmm-identify",
      "afmm_conflicts",
      "How can you tell whether a trade was executed against the AFMM?",
      [
        "You cannot: AFMM trading is confidential",
        "Only by asking the AFMM directly",
        "AFMM trades are flagged in post-trade data: on the public trade tape and in your own fills",
        "AFMM trades are not shown anywhere",
      ],
      "c",
      "Flagging AFMM trades lets you see how much of the market, and of your own trading, is with the platform's affiliate.",
    ),
    q(
      "afmm-barrier",
      "afmm_conflicts",
      "Which information must the AFMM not receive from the platform?",
      [
        "The public order book depth",
        "Non-public client and order information, such as client identities, the liquidation queue and ADL rankings",
        "The published funding rate",
        "The public trade tape",
      ],
      "b",
      "Information barriers stop the affiliate from trading ahead of client or liquidation flow; its trades are also surveyed and reviewed by a responsible officer.",
    ),
    q(
      "afmm-preferential",
      "afmm_conflicts",
      "The AFMM may have arrangements other clients do not, such as fee rebates or higher rate limits. What must the platform do about them?",
      [
        "Nothing: such arrangements are commercially confidential",
        "Offer the same arrangements to every client automatically",
        "Cancel them whenever the market is volatile",
        "Disclose any preferential treatment and its risks to clients",
      ],
      "d",
      "The AFMM arrangements page lists the preferential terms the affiliate receives so that you can judge their effect on your trading.",
    ),
  ],
});
