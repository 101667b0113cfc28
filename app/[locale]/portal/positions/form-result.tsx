import type { FormState } from "./form-state";

/** The answer to a trading form: what happened, and for a refusal the check that failed, explained. */
export function FormResult({ state }: { state: FormState }) {
  if (!state.tone) return null;
  const ok = state.tone === "ok";
  return (
    <div className={`alert ${ok ? "alert--ok" : "alert--error"}`} role={ok ? "status" : "alert"}>
      <p>{state.message}</p>
      {state.rejection ? (
        <dl className="rejection">
          <dt>Check that failed</dt>
          <dd>
            {state.rejection.check} (<code>{state.rejection.code}</code>)
          </dd>
          <dt>What it means</dt>
          <dd>{state.rejection.explanation}</dd>
          <dt>Engine message (money in micro-USD, prices in ticks, sizes in lots)</dt>
          <dd>
            <code>{state.rejection.message}</code>
          </dd>
        </dl>
      ) : null}
    </div>
  );
}

/** The first error for a field, tied to its input by id. */
export function FieldError({ state, name, id }: { state: FormState; name: string; id: string }) {
  const message = state.fieldErrors?.[name]?.[0];
  return message ? (
    <p className="field__error" id={id}>
      {message}
    </p>
  ) : null;
}
