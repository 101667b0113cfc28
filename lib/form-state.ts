/**
 * What a form shows after a submission, with or without JavaScript: the one shape every server-action form
 * answers with. `Extra` carries what a particular form adds (for example an explained engine refusal).
 */
export type FormState<Extra extends object = object> = {
  /** When the answer was made; forms are keyed on it so they remount with the submitted values. */
  at: number;
  tone: "ok" | "error" | null;
  message: string;
  /** The service's error code (for example STEP_UP_REQUIRED, which turns the message into a link). */
  code?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted text fields, put back into the form after a refusal. */
  values?: Record<string, string>;
} & Partial<Extra>;

export const EMPTY_FORM_STATE: FormState = { at: 0, tone: null, message: "" };

/** A refusal as a server action reports it (lib/transport/action's failed ActionResult). */
export interface Refusal {
  error: string;
  code?: string;
  fieldErrors?: Record<string, string[]>;
}

// NoInfer: in `return failedState(...)` inside an async action, TypeScript would otherwise infer Extra from the Promise returned into.
export function failedState<Extra extends object = object>(refusal: Refusal, values?: Record<string, string>, extra?: Extra): FormState<NoInfer<Extra>> {
  return { at: Date.now(), tone: "error", message: refusal.error, code: refusal.code, fieldErrors: refusal.fieldErrors, values, ...extra } as FormState<Extra>;
}

export function savedState(message: string): FormState {
  return { at: Date.now(), tone: "ok", message };
}
