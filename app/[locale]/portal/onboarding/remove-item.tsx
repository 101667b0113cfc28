"use client";

import { useTranslations } from "next-intl";
import { createContext, use, useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { removeDraftItemAction } from "./actions";

type RemoveContextValue = { list: string; state: FormState; formAction: (formData: FormData) => void; pending: boolean; disabled: boolean };
const RemoveContext = createContext<RemoveContextValue | null>(null);

/**
 * One answer for all the Remove buttons of a list: a success is announced above the list (the row is
 * gone by then), a refusal next to the button that was pressed, or above the list when that row is gone.
 */
export function RemovableList({ list, count, disabled, children }: { list: string; count: number; disabled: boolean; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(removeDraftItemAction, EMPTY_FORM_STATE);
  const mine = state.values?.list === list;
  const orphanError = mine && state.tone === "error" && !(Number(state.values?.index) < count);
  return (
    <RemoveContext value={{ list, state, formAction, pending, disabled }}>
      {mine && state.tone === "ok" ? <Alert tone="ok">{state.message}</Alert> : null}
      {orphanError ? <Alert tone="error">{state.message}</Alert> : null}
      {children}
    </RemoveContext>
  );
}

/**
 * `fingerprint`: draftItemFingerprint of the line as this page shows it (the service refuses a stale one).
 * `what` names the line for the button's accessible name, e.g. "portfolio line 2 (Harbour Securities Ltd)".
 */
export function RemoveButton({ index, fingerprint, what }: { index: number; fingerprint: string; what: string }) {
  const t = useTranslations("onboarding.remove");
  const context = use(RemoveContext);
  if (!context) throw new Error("RemoveButton is used outside a RemovableList");
  const { list, state, formAction, pending, disabled } = context;
  const refused = state.tone === "error" && state.values?.list === list && state.values?.index === String(index);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="list" value={list} />
      <input type="hidden" name="index" value={index} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <button type="submit" className="button button--quiet" disabled={pending || disabled} aria-label={t("label", { what })}>
        {t("button")}
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
