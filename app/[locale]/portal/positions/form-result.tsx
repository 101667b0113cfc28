import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { FormState } from "@/lib/form-state";
import type { ExplainedRejection } from "@/lib/services/trading/rejections";

/** A trading form's answer: for an engine refusal, the check that failed, explained. */
export type TradingFormState = FormState<{ rejection: ExplainedRejection }>;

/** The answer to a trading form: what happened, and for a refusal the check that failed, explained. */
export function FormResult({ state }: { state: TradingFormState }) {
  const t = useTranslations("trading.result");
  if (!state.tone) return null;
  return (
    <Alert tone={state.tone} as="div">
      <p>{state.message}</p>
      {state.rejection ? (
        <dl className="rejection">
          <dt>{t("check")}</dt>
          <dd>
            {state.rejection.check} (<code>{state.rejection.code}</code>)
          </dd>
          <dt>{t("meaning")}</dt>
          <dd>{state.rejection.explanation}</dd>
          <dt>{t("engineMessage")}</dt>
          <dd>
            <code>{state.rejection.message}</code>
          </dd>
        </dl>
      ) : null}
    </Alert>
  );
}
