import type { ActionResult } from "@/lib/transport/action";
import { postedForm } from "@/lib/transport/posted-form";

/** What an onboarding form shows after a submission (with or without JavaScript). */
export interface WizardFormState {
  /** When the answer was made; forms are keyed on it so they remount with the submitted values. */
  at: number;
  tone: "ok" | "error" | null;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted text fields, put back into the form after a refusal. */
  values?: Record<string, string>;
}

export const EMPTY_WIZARD_STATE: WizardFormState = { at: 0, tone: null, message: "" };

/**
 * The posted text fields among `names`. Empty ones are left out: the service's schemas treat a missing
 * optional field as "not given", whereas "" would be refused as a bad choice or coerced to 0.
 */
export function postedText(formData: unknown, names: readonly string[]): Record<string, string> {
  const form = postedForm(formData);
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string" && value !== "") values[name] = value;
  }
  return values;
}

export function failedState(result: Extract<ActionResult<unknown>, { ok: false }>, values?: Record<string, string>): WizardFormState {
  return { at: Date.now(), tone: "error", message: result.error, fieldErrors: result.fieldErrors, values };
}

export function savedState(message: string): WizardFormState {
  return { at: Date.now(), tone: "ok", message };
}
