"use client";

import { useActionState } from "react";
import { submitOnboardingAction } from "./actions";
import { FormMessage } from "./form-parts";
import { EMPTY_WIZARD_STATE } from "./form-state";

/** Submit the application for review (issue 7 pt 6); disabled, with the reason, until every step is done. */
export function SubmitForm({ canSubmit, blockedReason }: { canSubmit: boolean; blockedReason: string | null }) {
  const [state, formAction, pending] = useActionState(submitOnboardingAction, EMPTY_WIZARD_STATE);
  return (
    <form action={formAction} className="form form--wide" aria-label="Submit your application for review">
      <p id="submit-explanation">
        Submitting stores your application as a record that cannot be changed afterwards: every answer, each document&apos;s SHA-256, the FX rates applied and
        the automatic evaluation. A compliance officer then reviews it and decides; you can change your application again only if they ask for more
        information or after their decision.
      </p>
      {!canSubmit && blockedReason ? (
        <p className="alert alert--warn" id="submit-blocked">
          {blockedReason}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={!canSubmit || pending} aria-describedby={!canSubmit && blockedReason ? "submit-blocked" : "submit-explanation"}>
          {pending ? "Submitting…" : "Submit for review"}
        </button>
      </p>
      <FormMessage state={state} />
    </form>
  );
}
