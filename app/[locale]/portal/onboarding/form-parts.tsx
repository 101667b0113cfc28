import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, FieldErrors, firstError, invalid } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";
import { CURRENCIES } from "@/lib/suitability/draft-fields";
import type { LockedReason } from "./status-text";

/**
 * Labelled fields for the onboarding forms. Each takes the form's last answer, so a refused value is
 * put back and its error sits with it, tied to the input by aria-describedby.
 */

interface FieldBase {
  state: FormState;
  /** Makes ids unique when one page has several forms with the same field names. */
  prefix: string;
  name: string;
  label: string;
  hint?: ReactNode;
}

/** The first error the service gave for a field (the most basic first), or the browser's own refusal. */
function errorsOf(state: FormState, name: string, override?: string): string[] | undefined {
  return override !== undefined ? [override] : firstError(state.fieldErrors, name);
}

/** The control's id and its aria attributes for the hint and the error. */
function control(prefix: string, name: string, hint: ReactNode, errors: string[] | undefined) {
  const id = `${prefix}-${name}`;
  return { id, "aria-invalid": invalid(errors), "aria-describedby": describedBy(id, hint, errors) };
}

/** The standard label, hint and error around one control, which gets its id and aria attributes. */
function LabelledControl({ state, prefix, name, label, hint, children }: FieldBase & { children: (props: ReturnType<typeof control>) => ReactNode }) {
  const errors = errorsOf(state, name);
  const props = control(prefix, name, hint, errors);
  return (
    <Field id={props.id} label={label} hint={hint} errors={errors}>
      {children(props)}
    </Field>
  );
}

/** What the form posted for the field last time, else the given default. */
function lastValue(state: FormState, name: string, defaultValue: string | undefined): string {
  return state.values?.[name] ?? defaultValue ?? "";
}

export function TextField({
  defaultValue,
  inputMode,
  type = "text",
  max,
  ...field
}: FieldBase & { defaultValue?: string; inputMode?: "decimal" | "numeric" | "text"; type?: "text" | "date"; max?: string }) {
  return (
    <LabelledControl {...field}>
      {(props) => (
        <input
          {...props}
          name={field.name}
          type={type}
          inputMode={inputMode}
          autoComplete="off"
          max={max}
          defaultValue={lastValue(field.state, field.name, defaultValue)}
        />
      )}
    </LabelledControl>
  );
}

export function TextAreaField({ defaultValue, rows = 3, ...field }: FieldBase & { defaultValue?: string; rows?: number }) {
  return (
    <LabelledControl {...field}>
      {(props) => <textarea {...props} name={field.name} rows={rows} defaultValue={lastValue(field.state, field.name, defaultValue)} />}
    </LabelledControl>
  );
}

export function SelectField({
  options,
  defaultValue,
  placeholder,
  ...field
}: FieldBase & { options: readonly { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  return (
    <LabelledControl {...field}>
      {(props) => (
        <select {...props} name={field.name} defaultValue={lastValue(field.state, field.name, defaultValue)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledControl>
  );
}

/** An evidence line's declared value and its currency, side by side (HKD unless chosen otherwise). */
export function CurrencyValueFields({ state, prefix, valueHint }: { state: FormState; prefix: string; valueHint: string }) {
  const t = useTranslations("onboarding.form");
  return (
    <div className="ticket-row">
      <TextField state={state} prefix={prefix} name="value" label={t("value")} inputMode="decimal" hint={valueHint} />
      <SelectField
        state={state}
        prefix={prefix}
        name="currency"
        label={t("currency")}
        options={CURRENCIES.map((value) => ({ value, label: value }))}
        defaultValue="HKD"
      />
    </div>
  );
}

/** Radio buttons in a fieldset: the legend names the group, so it is not the standard label-and-control Field. */
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
  const errors = errorsOf(state, name);
  const { id, ...aria } = control(prefix, name, hint, errors);
  const checked = state.values?.[name] ?? defaultValue ?? null;
  return (
    <fieldset className={className ? `field ${className}` : "field"} {...aria}>
      <legend>{label}</legend>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
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
      <FieldErrors id={id} errors={errors} />
    </fieldset>
  );
}

/** PDF, PNG or JPEG: what the server accepts (it checks the file's first bytes, not this list). */
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

export function FileField({ state, prefix, name, label, hint, localError }: FieldBase & { localError?: string }) {
  const t = useTranslations("onboarding.form");
  const refused = state.tone === "error" || localError !== undefined;
  const errors = errorsOf(state, name, localError);
  const fullHint = (
    <>
      {hint}
      {refused ? ` ${t("attachAgain")}` : null}
    </>
  );
  const props = control(prefix, name, fullHint, errors);
  return (
    <Field id={props.id} label={label} hint={fullHint} errors={errors}>
      <input {...props} name={name} type="file" accept={EVIDENCE_ACCEPT} />
    </Field>
  );
}

/**
 * The form's answer, inside the form (tests and assistive technology find it with the form). Errors
 * for fields this form does not have (e.g. a step of the whole application) are listed here, once.
 */
export function FormMessage({ state, fields = [], localError }: { state: FormState; fields?: readonly string[]; localError?: string }) {
  if (localError) {
    return (
      <Alert tone="error" as="div">
        <p>{localError}</p>
      </Alert>
    );
  }
  if (!state.tone) return null;
  const others = [
    ...new Set(
      Object.entries(state.fieldErrors ?? {})
        .filter(([name]) => !fields.includes(name))
        .flatMap(([, messages]) => messages),
    ),
  ].filter((message) => !state.message.includes(message));
  return (
    <Alert tone={state.tone} as="div">
      <p>{state.message}</p>
      {others.length > 0 ? (
        <ul>
          {others.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** Why a form cannot be used now; shown above its (disabled) fields. */
export function LockedNote({ reason }: { reason: LockedReason | null }) {
  const t = useTranslations("onboarding.locked");
  return reason ? <Alert tone="warn">{t(reason)}</Alert> : null;
}
