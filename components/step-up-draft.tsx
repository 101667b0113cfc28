"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type RefObject } from "react";
import { Alert } from "@/components/ui/alert";

/**
 * What a staff member typed into a form that needs a step-up survives the trip to /step-up and back
 * (SEC-1). The form's fields are written to this tab's sessionStorage (never the URL, never the
 * server) when the step-up link is followed, keyed per form, and put back once when the form mounts
 * again; the user then presses the form's button themselves: nothing is submitted for them.
 * Hidden, password and file inputs are never kept. A draft older than DRAFT_TTL_MS is dropped.
 */

const PREFIX = "step-up-draft:";
export const DRAFT_TTL_MS = 30 * 60_000;

type DraftEntry = [name: string, value: string];
interface Draft {
  savedAt: number;
  entries: DraftEntry[];
}

const SKIPPED = new Set(["hidden", "password", "file", "submit", "button"]);

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (element): element is Field =>
      (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) &&
      element.name !== "" &&
      !SKIPPED.has(element.type),
  );
}

/** The form's values as FormData would post them (checked boxes only), plus extra values the form holds in React state. */
export function saveStepUpDraft(key: string, form: HTMLFormElement | null, extra: Record<string, string> = {}): void {
  if (!form) return;
  const entries: DraftEntry[] = [];
  for (const field of fieldsOf(form)) {
    if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox")) {
      if (field.checked) entries.push([field.name, field.value]);
    } else entries.push([field.name, field.value]);
  }
  for (const [name, value] of Object.entries(extra)) entries.push([name, value]);
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify({ savedAt: Date.now(), entries } satisfies Draft));
  } catch {
    // Storage full or disabled: the step-up still works, the fields are just not kept.
  }
}

/** Reads and removes the draft (so it is restored once). */
export function takeStepUpDraft(key: string): DraftEntry[] | null {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    if (raw === null) return null;
    window.sessionStorage.removeItem(PREFIX + key);
    const draft = JSON.parse(raw) as Draft;
    if (typeof draft.savedAt !== "number" || Date.now() - draft.savedAt > DRAFT_TTL_MS || !Array.isArray(draft.entries)) return null;
    return draft.entries.filter((entry): entry is DraftEntry => Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string");
  } catch {
    return null;
  }
}

/** Puts the entries back into the form's own (uncontrolled) fields; returns the entries for fields the form does not have. */
export function restoreIntoForm(form: HTMLFormElement, entries: DraftEntry[]): DraftEntry[] {
  const fields = fieldsOf(form);
  const rest: DraftEntry[] = [];
  const names = new Set(fields.map((field) => field.name));
  for (const field of fields) {
    const values = entries.filter(([name]) => name === field.name).map(([, value]) => value);
    if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox")) field.checked = values.includes(field.value);
    else if (values.length > 0) field.value = values[0];
  }
  for (const entry of entries) if (!names.has(entry[0])) rest.push(entry);
  return rest;
}

/**
 * On mount, restores the draft saved under `key` into the form; `onExtra` receives the saved values
 * the form keeps in React state. Returns whether something was restored (to show the note).
 */
export function useStepUpDraft(key: string, formRef: RefObject<HTMLFormElement | null>, onExtra?: (values: Map<string, string>) => void): boolean {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const form = formRef.current;
    const entries = form ? takeStepUpDraft(key) : null;
    if (!form || !entries || entries.length === 0) return;
    const rest = restoreIntoForm(form, entries);
    if (onExtra) onExtra(new Map(rest));
    setRestored(true);
    // Once per mount: the key and form are fixed for the form's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return restored;
}

/** The note shown above a form whose fields were put back after a step-up. */
export function StepUpDraftRestored() {
  const t = useTranslations("components.stepUpDraft");
  return <Alert tone="ok">{t("restored")}</Alert>;
}
