"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { REPORT_IDS } from "@/lib/reports/types";
import { requestReportPackAction } from "./actions";

/** Period (Hong Kong dates, both included) and the reports to bundle; posted to a server action, so it works without JavaScript. */
export function RequestReportPackForm({ defaultFrom, defaultTo, stepUpHref }: { defaultFrom: string; defaultTo: string; stepUpHref: string }) {
  const [state, formAction, pending] = useActionState(requestReportPackAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.reports");
  const fromErrors = firstError(state.fieldErrors, "from");
  const toErrors = firstError(state.fieldErrors, "to");
  const reportErrors = firstError(state.fieldErrors, "reports");
  const chosen = state.values?.reports !== undefined ? new Set(state.values.reports.split(",")) : null;
  const link = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  const hint = t("request.periodHint");
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={t("request.heading")} data-testid="report-pack-request">
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("request.stepUpAgain", { link })}</> : null}
        </Alert>
      ) : state.tone === "ok" ? (
        <Alert tone="ok">{state.message}</Alert>
      ) : null}
      <Field id="report-from" label={t("request.from")} hint={hint} errors={fromErrors}>
        <input
          id="report-from"
          name="from"
          type="date"
          required
          defaultValue={state.values?.from ?? defaultFrom}
          aria-describedby={describedBy("report-from", hint, fromErrors)}
          aria-invalid={invalid(fromErrors)}
        />
      </Field>
      <Field id="report-to" label={t("request.to")} errors={toErrors}>
        <input
          id="report-to"
          name="to"
          type="date"
          required
          defaultValue={state.values?.to ?? defaultTo}
          aria-describedby={describedBy("report-to", undefined, toErrors)}
          aria-invalid={invalid(toErrors)}
        />
      </Field>
      <fieldset className="field" aria-describedby={reportErrors ? "report-choice-error" : undefined}>
        <legend>{t("request.reports")}</legend>
        {reportErrors ? (
          <p id="report-choice-error" className="field__error">
            {reportErrors.join(" ")}
          </p>
        ) : null}
        <div className="checks">
          {REPORT_IDS.map((id) => (
            <label key={id}>
              <input type="checkbox" name="reports" value={id} defaultChecked={chosen ? chosen.has(id) : true} /> {t(`catalogue.${id}.title`)}
            </label>
          ))}
        </div>
      </fieldset>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("request.pending") : t("request.submit")}
        </button>
      </p>
    </form>
  );
}
