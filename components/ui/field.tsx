import type { ReactNode } from "react";

/**
 * A labelled form control with its hint and its errors. The control itself is the child, so any input,
 * select or textarea fits; give it `id={id}` and `aria-invalid={invalid(errors)}` and
 * `aria-describedby={describedBy(id, hint, errors)}`.
 */
export function Field({ id, label, hint, errors, children }: { id: string; label: ReactNode; hint?: ReactNode; errors?: readonly string[]; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: readonly string[] }) {
  if (!errors?.length) return null;
  return (
    <span className="field__error" id={`${id}-error`}>
      {errors.join(" ")}
    </span>
  );
}

export function invalid(errors?: readonly string[]): true | undefined {
  return errors?.length ? true : undefined;
}

export function describedBy(id: string, hint?: ReactNode, errors?: readonly string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
