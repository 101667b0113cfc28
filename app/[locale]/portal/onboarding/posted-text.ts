import { postedForm } from "@/lib/transport/posted-form";

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
