import type { ExplainedRejection } from "@/lib/services/trading/rejections";

/** What a trading form shows after a submission (with or without JavaScript). */
export interface FormState {
  /** When the answer was made; changes with every submission, so the page can refresh once per answer. */
  at: number;
  tone: "ok" | "error" | null;
  message: string;
  /** The engine refused: the check that failed, explained, with the engine's message. */
  rejection?: ExplainedRejection;
  fieldErrors?: Record<string, string[]>;
  /** The submitted fields, put back into the form. */
  values?: Record<string, string>;
}

export const EMPTY_FORM_STATE: FormState = { at: 0, tone: null, message: "" };
