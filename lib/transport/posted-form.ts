// Client-safe: the onboarding form-state module that uses it is shared with client components.

/**
 * The form a form action was posted, or an empty one when it was called with something else (a
 * hand-made request can send any arguments): the fields are then missing and the service says which,
 * instead of the action failing on `formData.get`.
 */
export function postedForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** A text field of a form; a file or a missing field reads as "" (the service then says what is wrong). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * The posted text fields among `names`. `omitEmpty`: leave out empty ones, for services whose schemas
 * treat a missing optional field as "not given", whereas "" would be refused as a bad choice or coerced to 0.
 */
export function formTexts(formData: unknown, names: readonly string[], { omitEmpty = false }: { omitEmpty?: boolean } = {}): Record<string, string> {
  const form = postedForm(formData);
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string" && !(omitEmpty && value === "")) values[name] = value;
  }
  return values;
}
