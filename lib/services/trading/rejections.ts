import { REJECTION_CODES, type RejectionCode } from "@/lib/engine/index";
import { englishText, msg, type MessageRef } from "@/lib/i18n/message-ref";

/**
 * What each engine rejection means for a client: the check that refused the command and what to do
 * about it. The one mapping from rejection code to explanation (its words are in the catalogue); the
 * engine's own message (with its figures, in English) is always shown beside it. Typed over every
 * RejectionCode, so a code added to the engine does not compile until it is explained.
 */

export interface RejectionExplanation {
  /** The check that failed, as a short name. */
  check: string;
  explanation: string;
}

/** Refusals from the engine's host rather than the engine (lib/simulation/host.ts). */
type HostRejectionCode = "HOST_STOPPED";
type ExplainedCode = RejectionCode | HostRejectionCode;

const EXPLAINED_CODES: readonly ExplainedCode[] = [...REJECTION_CODES, "HOST_STOPPED"];

/**
 * Each code's check and explanation in the catalogue (errors.trading.rejection.<code>), for the
 * client's language. The key is built from the code's type, so a code without its two messages does
 * not compile.
 */
export function rejectionMessages(code: string): { check: MessageRef; explanation: MessageRef } {
  if (!(EXPLAINED_CODES as readonly string[]).includes(code))
    return { check: msg("errors.trading.rejection.unknown.check"), explanation: msg("errors.trading.rejection.unknown.explanation") };
  const known = code as ExplainedCode;
  return { check: msg(`errors.trading.rejection.${known}.check`), explanation: msg(`errors.trading.rejection.${known}.explanation`) };
}

/** The same in English. */
export const REJECTION_EXPLANATIONS: Record<ExplainedCode, RejectionExplanation> = Object.fromEntries(
  EXPLAINED_CODES.map((code) => {
    const { check, explanation } = rejectionMessages(code);
    return [code, { check: englishText(check), explanation: englishText(explanation) }];
  }),
) as Record<ExplainedCode, RejectionExplanation>;

export interface ExplainedRejection extends RejectionExplanation {
  code: string;
  /** The engine's own message, with its figures. */
  message: string;
}

/** A rejection explained in English (logs, the audit, tests); rejectionMessages(code) gives the same for the client's language. */
export function explainRejection(code: string, message: string): ExplainedRejection {
  const { check, explanation } = rejectionMessages(code);
  return { code, message, check: englishText(check), explanation: englishText(explanation) };
}
