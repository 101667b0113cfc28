import type { ComponentProps, ReactNode } from "react";

/**
 * A labelled form control with its hint and its errors. The control itself is the child, so any input,
 * select or textarea fits; give it `id={id}` and `aria-invalid={invalid(errors)}` and
 * `aria-describedby={describedBy(id, hint, errors)}`.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  children: ReactNode;
}) {
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

/**
 * The standard field around one <input> posted under its id: label, hint, errors, and the input's
 * aria-invalid and aria-describedby from them. Other input attributes pass through (and may override).
 */
export function InputField({
  id,
  label,
  hint,
  errors,
  ...input
}: { id: string; label: ReactNode; hint?: ReactNode; errors?: readonly string[] } & Omit<ComponentProps<"input">, "id" | "name">) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <input id={id} name={id} aria-invalid={invalid(errors)} aria-describedby={describedBy(id, hint, errors)} {...input} />
    </Field>
  );
}

/** A field's first problem: enough to act on, and the rest show once it is fixed. */
export function firstError(fieldErrors: Readonly<Record<string, readonly string[] | undefined>> | undefined, name: string): string[] | undefined {
  const first = fieldErrors?.[name]?.[0];
  return first === undefined ? undefined : [first];
}

/** The six-digit code from an authenticator app, posted as "code" (step-up, two-factor enrolment). */
export function OneTimeCodeField({ label }: { label: ReactNode }) {
  return <InputField id="code" label={label} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />;
}
