"use client";

import { createContext, use, useActionState, type ReactNode } from "react";
import { removeDraftItemAction } from "./actions";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "./form-state";

type RemoveContextValue = { list: string; state: WizardFormState; formAction: (formData: FormData) => void; pending: boolean; disabled: boolean };
const RemoveContext = createContext<RemoveContextValue | null>(null);

/**
 * One answer for all the Remove buttons of a list: a success is announced above the list (the row is
 * gone by then), a refusal next to the button that was pressed, or above the list when that row is gone.
 */
export function RemovableList({ list, count, disabled, children }: { list: string; count: number; disabled: boolean; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(removeDraftItemAction, EMPTY_WIZARD_STATE);
  const mine = state.values?.list === list;
  const orphanError = mine && state.tone === "error" && !(Number(state.values?.index) < count);
  return (
    <RemoveContext value={{ list, state, formAction, pending, disabled }}>
      {mine && state.tone === "ok" ? (
        <p className="alert alert--ok" role="status">
          {state.message}
        </p>
      ) : null}
      {orphanError ? (
        <p className="alert alert--error" role="alert">
          {state.message}
        </p>
      ) : null}
      {children}
    </RemoveContext>
  );
}

/** `fingerprint`: draftItemFingerprint of the line as this page shows it (the service refuses a stale one). */
export function RemoveButton({ index, fingerprint, what }: { index: number; fingerprint: string; what: string }) {
  const context = use(RemoveContext);
  if (!context) throw new Error("RemoveButton is used outside a RemovableList");
  const { list, state, formAction, pending, disabled } = context;
  const refused = state.tone === "error" && state.values?.list === list && state.values?.index === String(index);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="list" value={list} />
      <input type="hidden" name="index" value={index} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <button type="submit" className="button button--quiet" disabled={pending || disabled} aria-label={`Remove ${what}`}>
        Remove
      </button>
      {refused ? (
        <span className="field__error" role="alert">
          {" "}
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
