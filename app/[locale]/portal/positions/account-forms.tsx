"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, type ReactNode } from "react";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatMinorUnits } from "@/lib/format";
import { tradingKeys } from "@/lib/queries/trading";
import { cancelOrderAction, openAccountAction } from "./actions";
import { FormResult, type TradingFormState } from "./form-result";

/** After a successful change, re-read the account at once instead of waiting for the next poll. */
export function useRefreshOnSuccess(state: TradingFormState) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state.tone === "ok") void queryClient.invalidateQueries({ queryKey: tradingKeys.view });
  }, [state, queryClient]);
}

export function OpenAccountForm({ demoDepositCents, confirmationMs, repair }: { demoDepositCents: string | null; confirmationMs: number; repair: boolean }) {
  const t = useTranslations("trading.openAccount");
  const [state, formAction, pending] = useActionState(openAccountAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return (
    <section className="panel" aria-labelledby="open-account">
      <h2 id="open-account">{repair ? t("titleRepair") : t("title")}</h2>
      {repair ? <p>{t("interrupted")}</p> : null}
      <p>
        {demoDepositCents === null
          ? t("creates")
          : t.rich("createsWithDemoDeposit", {
              amount: formatMinorUnits(demoDepositCents, 2),
              seconds: String(confirmationMs / 1_000),
              strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
            })}
      </p>
      <form action={formAction}>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("opening") : t("open")}
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
  const t = useTranslations("trading.cancel");
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" className="button button--quiet" disabled={pending} aria-label={t("label", { orderId: String(orderId) })}>
        {t("button")}
      </button>
    </form>
  );
}

export { FormResult };
