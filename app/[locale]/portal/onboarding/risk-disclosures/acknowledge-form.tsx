"use client";

import { useActionState } from "react";
import { acknowledgeDisclosureAction } from "./actions";
import { EMPTY_ACKNOWLEDGE_STATE } from "./form-state";

/**
 * The acknowledgement (DISC-8). The version id and content hash travel with the form, so the server
 * records the text this page showed, and refuses it if a newer version took effect meanwhile.
 * The box is checked on the server (noValidate), so the refusal reads the same with or without JavaScript.
 */
export function AcknowledgeForm({ versionId, contentHash }: { versionId: string; contentHash: string }) {
  const [state, formAction, pending] = useActionState(acknowledgeDisclosureAction, EMPTY_ACKNOWLEDGE_STATE);
  const confirmError = state.fieldErrors?.confirmed?.[0];
  return (
    <section className="panel" aria-labelledby="acknowledge">
      <h2 id="acknowledge">Acknowledge version {versionId}</h2>
      <form key={state.at} action={formAction} className="form" noValidate aria-label="Acknowledge the risk disclosure">
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="contentHash" value={contentHash} />
        <div className="field field--check">
          <label htmlFor="ack-confirmed">
            <input
              id="ack-confirmed"
              name="confirmed"
              type="checkbox"
              required
              {...(confirmError ? { "aria-invalid": true as const, "aria-describedby": "ack-confirmed-error" } : {})}
            />{" "}
            I have read and understood
          </label>
          <p className="field__hint">the risk disclosure above, version {versionId}, with its linked pages.</p>
          {confirmError ? (
            <p className="field__error" id="ack-confirmed-error">
              {confirmError}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Recording…" : "Acknowledge"}
          </button>
        </p>
      </form>
      {state.tone ? (
        <div className={`alert ${state.tone === "ok" ? "alert--ok" : "alert--error"}`} role={state.tone === "ok" ? "status" : "alert"}>
          <p>{state.message}</p>
        </div>
      ) : null}
    </section>
  );
}
