import type { ReactNode } from "react";
import type { WizardFormState } from "./form-state";

/**
 * Labelled fields for the onboarding forms. Each takes the form's last answer, so a refused value is
 * put back and its error sits under it, tied to the input by aria-describedby.
 */

interface FieldBase {
  state: WizardFormState;
  /** Makes ids unique when one page has several forms with the same field names. */
  prefix: string;
  name: string;
  label: string;
  hint?: ReactNode;
}

function ids(prefix: string, name: string) {
  return { input: `${prefix}-${name}`, hint: `${prefix}-${name}-hint`, error: `${prefix}-${name}-error` };
}

function errorOf(state: WizardFormState, name: string): string | undefined {
  return state.fieldErrors?.[name]?.[0];
}

function describedBy(state: WizardFormState, prefix: string, name: string, hasHint: boolean, extraError?: string) {
  const id = ids(prefix, name);
  const invalid = Boolean(errorOf(state, name) ?? extraError);
  const described = [hasHint ? id.hint : null, invalid ? id.error : null].filter(Boolean).join(" ");
  return { ...(invalid ? { "aria-invalid": true as const } : {}), ...(described ? { "aria-describedby": described } : {}) };
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  return children ? (
    <p className="field__hint" id={id}>
      {children}
    </p>
  ) : null;
}

export function FieldError({ state, prefix, name, override }: { state: WizardFormState; prefix: string; name: string; override?: string }) {
  const message = override ?? errorOf(state, name);
  return message ? (
    <p className="field__error" id={ids(prefix, name).error}>
      {message}
    </p>
  ) : null;
}

export function TextField({
  state,
  prefix,
  name,
  label,
  hint,
  defaultValue,
  inputMode,
  type = "text",
  max,
}: FieldBase & { defaultValue?: string; inputMode?: "decimal" | "numeric" | "text"; type?: "text" | "date"; max?: string }) {
  const id = ids(prefix, name);
  return (
    <div className="field">
      <label htmlFor={id.input}>{label}</label>
      <input
        id={id.input}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        max={max}
        defaultValue={state.values?.[name] ?? defaultValue ?? ""}
        {...describedBy(state, prefix, name, Boolean(hint))}
      />
      <Hint id={id.hint}>{hint}</Hint>
      <FieldError state={state} prefix={prefix} name={name} />
    </div>
  );
}

export function TextAreaField({ state, prefix, name, label, hint, defaultValue, rows = 3 }: FieldBase & { defaultValue?: string; rows?: number }) {
  const id = ids(prefix, name);
  return (
    <div className="field">
      <label htmlFor={id.input}>{label}</label>
      <textarea id={id.input} name={name} rows={rows} defaultValue={state.values?.[name] ?? defaultValue ?? ""} {...describedBy(state, prefix, name, Boolean(hint))} />
      <Hint id={id.hint}>{hint}</Hint>
      <FieldError state={state} prefix={prefix} name={name} />
    </div>
  );
}

export function SelectField({
  state,
  prefix,
  name,
  label,
  hint,
  options,
  defaultValue,
  placeholder,
}: FieldBase & { options: readonly { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  const id = ids(prefix, name);
  return (
    <div className="field">
      <label htmlFor={id.input}>{label}</label>
      <select id={id.input} name={name} defaultValue={state.values?.[name] ?? defaultValue ?? ""} {...describedBy(state, prefix, name, Boolean(hint))}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={id.hint}>{hint}</Hint>
      <FieldError state={state} prefix={prefix} name={name} />
    </div>
  );
}

export function RadioGroup({
  state,
  prefix,
  name,
  label,
  hint,
  options,
  defaultValue,
  className,
}: FieldBase & { options: readonly { value: string; label: string; detail?: string }[]; defaultValue?: string | null; className?: string }) {
  const id = ids(prefix, name);
  const checked = state.values?.[name] ?? defaultValue ?? null;
  return (
    <fieldset className={className ? `field ${className}` : "field"} {...describedBy(state, prefix, name, Boolean(hint))}>
      <legend>{label}</legend>
      <Hint id={id.hint}>{hint}</Hint>
      <div className="checks">
        {options.map((option) => (
          <span key={option.value}>
            <label>
              <input type="radio" name={name} value={option.value} defaultChecked={checked === option.value} /> {option.label}
            </label>
            {/* Outside the label, so the option's accessible name stays just its label. */}
            {option.detail ? <span className="muted">: {option.detail}</span> : null}
          </span>
        ))}
      </div>
      <FieldError state={state} prefix={prefix} name={name} />
    </fieldset>
  );
}

/** PDF, PNG or JPEG: what the server accepts (it checks the file's first bytes, not this list). */
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

export function FileField({ state, prefix, name, label, hint, localError }: FieldBase & { localError?: string }) {
  const id = ids(prefix, name);
  const refused = state.tone === "error" || localError !== undefined;
  return (
    <div className="field">
      <label htmlFor={id.input}>{label}</label>
      <input id={id.input} name={name} type="file" accept={EVIDENCE_ACCEPT} {...describedBy(state, prefix, name, true, localError)} />
      <p className="field__hint" id={id.hint}>
        {hint}
        {refused ? " A browser does not keep a chosen file after the form is answered: attach it again." : null}
      </p>
      <FieldError state={state} prefix={prefix} name={name} override={localError} />
    </div>
  );
}

/**
 * The form's answer, inside the form (tests and assistive technology find it with the form). Errors
 * for fields this form does not have (e.g. a step of the whole application) are listed here, once.
 */
export function FormMessage({ state, fields = [], localError }: { state: WizardFormState; fields?: readonly string[]; localError?: string }) {
  if (localError) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{localError}</p>
      </div>
    );
  }
  if (!state.tone) return null;
  const ok = state.tone === "ok";
  const others = [
    ...new Set(
      Object.entries(state.fieldErrors ?? {})
        .filter(([name]) => !fields.includes(name))
        .flatMap(([, messages]) => messages),
    ),
  ].filter((message) => !state.message.includes(message));
  return (
    <div className={`alert ${ok ? "alert--ok" : "alert--error"}`} role={ok ? "status" : "alert"}>
      <p>{state.message}</p>
      {others.length > 0 ? (
        <ul>
          {others.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Why a form cannot be used now; shown above its (disabled) fields. */
export function LockedNote({ reason }: { reason: string | null }) {
  return reason ? <p className="alert alert--warn">{reason}</p> : null;
}
