"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect } from "react";
import { formatMinorUnits } from "@/lib/format";
import { tradingKeys } from "@/lib/queries/trading";
import { cancelOrderAction, openAccountAction } from "./actions";
import { EMPTY_FORM_STATE, type FormState } from "./form-state";
import { FormResult } from "./form-result";

/** After a successful change, re-read the account at once instead of waiting for the next poll. */
export function useRefreshOnSuccess(state: FormState) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state.tone === "ok") void queryClient.invalidateQueries({ queryKey: tradingKeys.view });
  }, [state, queryClient]);
}

export function OpenAccountForm({ demoDepositCents, confirmationMs, repair }: { demoDepositCents: string | null; confirmationMs: number; repair: boolean }) {
  const [state, formAction, pending] = useActionState(openAccountAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return (
    <section className="panel" aria-labelledby="open-account">
      <h2 id="open-account">{repair ? "Finish opening your simulated account" : "Open your simulated trading account"}</h2>
      {repair ? <p>Opening your account was interrupted before the engine had it. Open it again to finish; nothing is created twice.</p> : null}
      <p>
        Opening creates your account in the simulated exchange engine
        {demoDepositCents === null ? (
          "."
        ) : (
          <>
            {" "}
            and sends a demo deposit of <strong>{formatMinorUnits(demoDepositCents, 2)} USD</strong> to it. Like every deposit, it is pending at first and does not
            count as margin until it is confirmed, about {confirmationMs / 1_000} seconds (engine time) later.
          </>
        )}
      </p>
      <form action={formAction}>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Opening…" : "Open simulated account"}
        </button>
      </form>
      <FormResult state={state} />
    </section>
  );
}

/** The cancel buttons of the open-orders table share one answer, shown above the table. */
export function useCancelOrder() {
  const [state, formAction, pending] = useActionState(cancelOrderAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return { state, formAction, pending };
}

export function CancelButton({ orderId, formAction, pending }: { orderId: number; formAction: (formData: FormData) => void; pending: boolean }) {
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" className="button button--quiet" disabled={pending} aria-label={`Cancel order ${orderId}`}>
        Cancel
      </button>
    </form>
  );
}

export { FormResult };
